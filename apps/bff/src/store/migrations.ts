import type Database from "better-sqlite3";

export interface Migration {
  /** Strictly increasing; never renumber or edit a migration that has shipped: add a new one. */
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "operators, sessions, sign-in throttle",
    sql: `
      CREATE TABLE operators (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('viewer', 'admin')),
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        operator_id INTEGER NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL
      );
      CREATE INDEX sessions_operator ON sessions(operator_id);
      CREATE TABLE sign_in_throttle (
        key TEXT PRIMARY KEY,
        window_start INTEGER NOT NULL,
        failures INTEGER NOT NULL,
        locked_until INTEGER
      );
    `,
  },
  {
    version: 2,
    name: "append-only audit trail",
    sql: `
      CREATE TABLE audit_records (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        operator TEXT,
        role TEXT,
        action TEXT NOT NULL,
        region TEXT,
        pool_id TEXT,
        resource TEXT,
        before_json TEXT,
        after_json TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('attempt', 'success', 'failure')),
        attempt_id INTEGER REFERENCES audit_records(id),
        error TEXT,
        request_id TEXT,
        aws_request_id TEXT
      );
      CREATE INDEX audit_pool ON audit_records(pool_id, id);
      CREATE INDEX audit_operator ON audit_records(operator, id);
      CREATE INDEX audit_at ON audit_records(at);
      -- The trail is evidence: the database itself refuses to change or drop a record.
      CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON audit_records
        BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
      CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON audit_records
        BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
    `,
  },
  {
    version: 3,
    name: "operator origin (demo or operator); sign-in throttle with growing locks",
    // Demo operators must never reach aws mode, so the store says who made each operator. Before this
    // version a sandbox start (re)created \`admin\` and \`viewer\` with a printed password: such rows
    // are presumed to be the demo's, which aws mode then refuses until an admin removes them or
    // claims them by resetting their password (\`pnpm operators -- reset-password <name>\`).
    // The throttle's counters are short-lived, so its table is simply replaced.
    sql: `
      ALTER TABLE operators ADD COLUMN origin TEXT NOT NULL DEFAULT 'operator'
        CHECK (origin IN ('operator', 'demo'));
      UPDATE operators SET origin = 'demo' WHERE username IN ('admin', 'viewer');
      DROP TABLE sign_in_throttle;
      CREATE TABLE sign_in_throttle (
        key TEXT PRIMARY KEY,
        attempts INTEGER NOT NULL,
        strikes INTEGER NOT NULL,
        locked_until INTEGER,
        last_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: "destination creation runs",
    sql: `
      CREATE TABLE creation_runs (
        id TEXT PRIMARY KEY,
        pool_id TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        data_json TEXT NOT NULL
      );
      CREATE INDEX creation_runs_created ON creation_runs(created_at);
    `,
  },
];

/** Applies the pending migrations, each in its own transaction. Returns the versions applied. */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = SQLITE_MIGRATIONS,
): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const row = db.prepare("SELECT MAX(version) AS version FROM schema_migrations").get() as
    | { version: number | null }
    | undefined;
  const current = row?.version ?? 0;
  const known = migrations.at(-1)?.version ?? 0;
  if (current > known) {
    throw new Error(
      `The database is at schema version ${current}, newer than this BFF knows (${known}). ` +
        "Run a newer version of the console, or point CLC_DATA_DIR at another directory.",
    );
  }
  const applied: number[] = [];
  const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
    applied.push(migration.version);
  }
  return applied;
}
