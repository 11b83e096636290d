/**
 * The schema, once per dialect. Each version exists in both dialects with the same tables, columns
 * and meaning, so a console can move between SQLite and PostgreSQL without a second history; the
 * runner of each dialect (`sqlite/migrate.ts`, `postgres/migrate.ts`) applies the pending versions at
 * start, each in its own transaction, and records them in `schema_migrations`.
 *
 * Times are integers of milliseconds since the epoch (INTEGER in SQLite, BIGINT in PostgreSQL), except
 * the creation runs' ISO 8601 strings, which the creation service owns. JSON is kept as the text the
 * BFF wrote (not JSONB), so both stores give back exactly the same documents.
 */

export type Dialect = "sqlite" | "postgres";

export interface Migration {
  /** Strictly increasing; never renumber or edit a migration that has shipped: add a new one. */
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

interface BothDialects {
  readonly version: number;
  readonly name: string;
  readonly sqlite: string;
  readonly postgres: string;
}

/** The column types that differ between the dialects. */
interface Types {
  /** Milliseconds since the epoch, and references to an operator's id. */
  readonly ms: string;
  /** An operator's generated id. */
  readonly id: string;
  /** An audit record's id: SQLite numbers them itself, PostgreSQL from a counter (version 2). */
  readonly auditId: string;
}

const TYPES: Record<Dialect, Types> = {
  sqlite: { ms: "INTEGER", id: "INTEGER PRIMARY KEY", auditId: "INTEGER PRIMARY KEY AUTOINCREMENT" },
  postgres: {
    ms: "BIGINT",
    id: "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
    auditId: "BIGINT PRIMARY KEY",
  },
};

function auditTable(t: Types): string {
  return `CREATE TABLE audit_records (
        id ${t.auditId},
        at ${t.ms} NOT NULL,
        operator TEXT,
        role TEXT,
        action TEXT NOT NULL,
        region TEXT,
        pool_id TEXT,
        resource TEXT,
        before_json TEXT,
        after_json TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('attempt', 'success', 'failure')),
        attempt_id ${t.ms} REFERENCES audit_records(id),
        error TEXT,
        request_id TEXT,
        aws_request_id TEXT
      );
      CREATE INDEX audit_pool ON audit_records(pool_id, id);
      CREATE INDEX audit_operator ON audit_records(operator, id);
      CREATE INDEX audit_at ON audit_records(at);`;
}

/** One statement text for both dialects, differing only in column types. */
function inBoth(sql: (types: Types) => string): { sqlite: string; postgres: string } {
  return { sqlite: sql(TYPES.sqlite), postgres: sql(TYPES.postgres) };
}

const MIGRATIONS: readonly BothDialects[] = [
  {
    version: 1,
    name: "operators, sessions, sign-in throttle",
    ...inBoth(
      (t) => `
      CREATE TABLE operators (
        id ${t.id},
        username TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('viewer', 'admin')),
        password_hash TEXT NOT NULL,
        created_at ${t.ms} NOT NULL,
        updated_at ${t.ms} NOT NULL
      );
      CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        operator_id ${t.ms} NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
        created_at ${t.ms} NOT NULL,
        last_seen_at ${t.ms} NOT NULL
      );
      CREATE INDEX sessions_operator ON sessions(operator_id);
      CREATE TABLE sign_in_throttle (
        key TEXT PRIMARY KEY,
        window_start ${t.ms} NOT NULL,
        failures INTEGER NOT NULL,
        locked_until ${t.ms}
      );
    `,
    ),
  },
  {
    version: 2,
    name: "append-only audit trail",
    sqlite: `
      ${auditTable(TYPES.sqlite)}
      -- The trail is evidence: the database itself refuses to change or drop a record.
      CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON audit_records
        BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
      CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON audit_records
        BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
    `,
    // A PostgreSQL sequence is neither gap-free (a rolled-back insert burns its number) nor in commit
    // order (a later number can commit first, so a reader could page past one still in flight).
    // Ids come from a one-row counter instead, incremented in the same statement as the insert: its
    // row lock serializes every writer of every replica until commit, and rolls back with a failed
    // insert, so ids are consecutive and commit in order, as SQLite's single writer gives them.
    postgres: `
      CREATE TABLE audit_sequence (
        only_row BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row),
        last_id BIGINT NOT NULL
      );
      INSERT INTO audit_sequence (last_id) VALUES (0);
      ${auditTable(TYPES.postgres)}
      -- The trail is evidence: the database itself refuses to change, drop or truncate a record, and
      -- its counter only ever moves forward.
      CREATE FUNCTION audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit records are append-only'; END $$;
      CREATE TRIGGER audit_records_no_change BEFORE UPDATE OR DELETE ON audit_records
        FOR EACH ROW EXECUTE FUNCTION audit_records_append_only();
      CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records
        FOR EACH STATEMENT EXECUTE FUNCTION audit_records_append_only();
      CREATE FUNCTION audit_sequence_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP <> 'UPDATE' OR NEW.last_id <> OLD.last_id + 1 THEN
            RAISE EXCEPTION 'the audit counter only moves forward, one record at a time';
          END IF;
          RETURN NEW;
        END $$;
      CREATE TRIGGER audit_sequence_forward BEFORE UPDATE OR DELETE ON audit_sequence
        FOR EACH ROW EXECUTE FUNCTION audit_sequence_forward_only();
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
    ...inBoth(
      (t) => `
      ALTER TABLE operators ADD COLUMN origin TEXT NOT NULL DEFAULT 'operator'
        CHECK (origin IN ('operator', 'demo'));
      UPDATE operators SET origin = 'demo' WHERE username IN ('admin', 'viewer');
      DROP TABLE sign_in_throttle;
      CREATE TABLE sign_in_throttle (
        key TEXT PRIMARY KEY,
        attempts INTEGER NOT NULL,
        strikes INTEGER NOT NULL,
        locked_until ${t.ms},
        last_at ${t.ms} NOT NULL
      );
    `,
    ),
  },
  {
    version: 4,
    name: "destination creation runs",
    ...inBoth(
      () => `
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
    ),
  },
  {
    version: 5,
    name: "who is driving a creation run",
    // Several replicas may each be asked to resume or clean up the same run: the one that claims it
    // drives it until its claim runs out (see CreationRunStore.claim).
    ...inBoth(
      (t) => `
      ALTER TABLE creation_runs ADD COLUMN claimed_by TEXT;
      ALTER TABLE creation_runs ADD COLUMN claimed_until ${t.ms};
    `,
    ),
  },
  {
    version: 6,
    name: "leases: work one replica at a time does",
    ...inBoth(
      (t) => `
      CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        held_until ${t.ms} NOT NULL
      );
    `,
    ),
  },
  {
    version: 7,
    name: "read budgets: one AWS read rate shared by replicas",
    // A token bucket per name (ReadBudgetStore): fractional tokens and milliseconds, hence floats.
    sqlite: `
      CREATE TABLE read_budgets (
        name TEXT PRIMARY KEY,
        tokens REAL NOT NULL,
        updated_at REAL NOT NULL
      );
    `,
    postgres: `
      CREATE TABLE read_budgets (
        name TEXT PRIMARY KEY,
        tokens DOUBLE PRECISION NOT NULL,
        updated_at DOUBLE PRECISION NOT NULL
      );
    `,
  },
  {
    version: 8,
    name: "audit hash chain; retention may prune with a verified export",
    // Each record's hash and its predecessor's (features/audit/chain.ts computes them in the
    // transaction that numbers the record). Records written before this version keep NULL: the chain
    // starts after them, anchored on the last one's content. Deleting stays refused, except rows
    // covered by a permit that retention (features/audit/retention.ts) inserts, with the sha256 of
    // the export it verified, in the same transaction as the delete and the audit.prune record, and
    // removes again before committing: no other connection ever sees a permit.
    sqlite: `
      ALTER TABLE audit_records ADD COLUMN hash TEXT;
      ALTER TABLE audit_records ADD COLUMN prev_hash TEXT;
      CREATE TABLE audit_prune_permits (
        through_id INTEGER NOT NULL,
        export_sha256 TEXT NOT NULL CHECK (length(export_sha256) = 64)
      );
      DROP TRIGGER audit_records_no_delete;
      CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON audit_records
        WHEN NOT EXISTS (SELECT 1 FROM audit_prune_permits WHERE OLD.id <= through_id)
        BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
    `,
    postgres: `
      ALTER TABLE audit_records ADD COLUMN hash TEXT, ADD COLUMN prev_hash TEXT;
      CREATE TABLE audit_prune_permits (
        through_id BIGINT NOT NULL,
        export_sha256 TEXT NOT NULL CHECK (length(export_sha256) = 64)
      );
      CREATE FUNCTION audit_records_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM audit_prune_permits WHERE OLD.id <= through_id) THEN
            RETURN OLD;
          END IF;
          RAISE EXCEPTION 'audit records are append-only';
        END $$;
      DROP TRIGGER audit_records_no_change ON audit_records;
      CREATE TRIGGER audit_records_no_change BEFORE UPDATE OR DELETE ON audit_records
        FOR EACH ROW EXECUTE FUNCTION audit_records_guard();
    `,
  },
  {
    version: 9,
    name: "audit records name the AWS account and the role assumed in it",
    ...inBoth(
      () => `
      ALTER TABLE audit_records ADD COLUMN account_id TEXT;
      ALTER TABLE audit_records ADD COLUMN role_arn TEXT;
    `,
    ),
  },
  {
    version: 10,
    name: "a rollback's audit records name the record whose change they undo",
    ...inBoth(
      (t) => `
      ALTER TABLE audit_records ADD COLUMN undoes_id ${t.ms};
    `,
    ),
  },
  {
    version: 11,
    name: "the fleet's last known state, one row per pool",
    // What a restarted console shows at once (store/fleet-snapshot.ts): each pool's last read, by
    // (account, pool). `started_at` orders two replicas' reads of one pool: the later-started wins.
    ...inBoth(
      (t) => `
      CREATE TABLE fleet_pool_states (
        account_id TEXT NOT NULL,
        pool_id TEXT NOT NULL,
        region TEXT NOT NULL,
        started_at ${t.ms} NOT NULL,
        read_at ${t.ms} NOT NULL,
        read_json TEXT NOT NULL,
        PRIMARY KEY (account_id, pool_id)
      );
    `,
    ),
  },
  {
    version: 12,
    name: "webhooks, their subscriptions and delivery attempts; last notified state per pool",
    // The webhook's URL is kept in two parts: its origin (shown) and the rest, path and query, which
    // is its secret (Slack's /services/T…/B…/…): written once, read only to send, never answered.
    // Stored as written: the BFF has no key of its own to encrypt it with (features/notifications).
    // notification_states holds one row per (pool, condition): the replica that moves it notifies,
    // so replicas reading the same pool notify once (NotificationStore.transition).
    ...inBoth(
      (t) => `
      CREATE TABLE webhooks (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('generic', 'slack')),
        origin TEXT NOT NULL,
        secret_part TEXT NOT NULL,
        masked_tail TEXT NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 1,
        created_at ${t.ms} NOT NULL,
        created_by TEXT
      );
      CREATE TABLE webhook_subscriptions (
        webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
        event_type TEXT NOT NULL,
        PRIMARY KEY (webhook_id, event_type)
      );
      CREATE TABLE webhook_attempts (
        id TEXT PRIMARY KEY,
        webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
        event_id TEXT NOT NULL,
        event_type TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        at ${t.ms} NOT NULL,
        status_code INTEGER,
        ok INTEGER NOT NULL,
        error TEXT,
        retry_in_ms ${t.ms}
      );
      CREATE INDEX webhook_attempts_by_webhook ON webhook_attempts(webhook_id, at);
      CREATE TABLE notification_states (
        pool_key TEXT NOT NULL,
        condition TEXT NOT NULL,
        state TEXT NOT NULL,
        changed_at ${t.ms} NOT NULL,
        PRIMARY KEY (pool_key, condition)
      );
    `,
    ),
  },
  {
    version: 13,
    name: "saved views of the fleet, private or shared",
    // name_key is the name lower-cased by the BFF (features/views), so one owner cannot keep two views
    // whose names differ only in case. params_json is the fleet's URL parameters as the BFF validated them.
    ...inBoth(
      (t) => `
      CREATE TABLE saved_views (
        id TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        visibility TEXT NOT NULL CHECK (visibility IN ('private', 'shared')),
        params_json TEXT NOT NULL,
        created_at ${t.ms} NOT NULL,
        updated_at ${t.ms} NOT NULL,
        UNIQUE (owner, name_key)
      );
      CREATE INDEX saved_views_visibility ON saved_views(visibility, owner);
    `,
    ),
  },
  {
    version: 14,
    name: "batches: one change applied to many pools, kept across restarts",
    // A batch and its pools (features/batches). The plan of each pool (diff, findings, the version it
    // was planned on) is JSON the batch service owns; what a run changes is in columns, so pausing,
    // cancelling and finishing a pool are one conditional UPDATE each. Who runs a batch is a lease
    // (`leases`, name `batch:<id>`): one replica at a time.
    ...inBoth(
      (t) => `
      CREATE TABLE batches (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        status TEXT NOT NULL,
        created_by TEXT,
        created_at ${t.ms} NOT NULL,
        updated_at ${t.ms} NOT NULL,
        started_at ${t.ms},
        finished_at ${t.ms},
        warnings_acknowledged INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX batches_created ON batches(created_at);
      CREATE TABLE batch_items (
        batch_id TEXT NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        state TEXT NOT NULL,
        message TEXT,
        audit_id TEXT,
        finished_at ${t.ms},
        plan_json TEXT NOT NULL,
        PRIMARY KEY (batch_id, seq)
      );
    `,
    ),
  },
  {
    version: 15,
    name: "the logging standard and its exemptions",
    // One row: the standard is one shared document, replaced whole on the revision it was read at.
    ...inBoth(
      (t) => `
      CREATE TABLE logging_standard (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        document_json TEXT NOT NULL,
        revision INTEGER NOT NULL,
        updated_at ${t.ms} NOT NULL,
        updated_by TEXT
      );
      CREATE TABLE standard_exemptions (
        id TEXT PRIMARY KEY,
        data_json TEXT NOT NULL,
        revision INTEGER NOT NULL,
        created_at ${t.ms} NOT NULL,
        created_by TEXT,
        updated_at ${t.ms} NOT NULL,
        updated_by TEXT
      );
    `,
    ),
  },
  {
    version: 16,
    name: "what the freshness service remembers across restarts",
    // store/freshness-marks.ts: since when each place's events path has been intact, and the
    // sweep's progress. One time per name.
    ...inBoth(
      (t) => `
      CREATE TABLE freshness_marks (
        name TEXT PRIMARY KEY,
        at ${t.ms} NOT NULL
      );
    `,
    ),
  },
  {
    version: 17,
    name: "replicas follow each other's fleet rows",
    // store/fleet-snapshot.ts: what orders each row's last write for the other replicas' pulls
    // (PostgreSQL: the writing transaction's id; SQLite: the store's clock, ms), and for a pool
    // found gone, when (a tombstone, purged after a week), so the other replicas drop it too; and
    // which store instance wrote it (a replica skips its own writes).
    ...inBoth(
      (t) => `
      ALTER TABLE fleet_pool_states ADD COLUMN written_seq ${t.ms} NOT NULL DEFAULT 0;
      ALTER TABLE fleet_pool_states ADD COLUMN gone_at ${t.ms};
      ALTER TABLE fleet_pool_states ADD COLUMN written_by TEXT;
      CREATE INDEX fleet_pool_states_written ON fleet_pool_states(written_seq);
      CREATE INDEX fleet_pool_states_gone ON fleet_pool_states(gone_at) WHERE gone_at IS NOT NULL;
    `,
    ),
  },
  {
    version: 18,
    name: "audit records are found by account",
    // The Audit page's account filter (`account_id =`, newest first): like the pool's and the
    // operator's, so one account's records in an organization's trail are a seek, not a scan of all.
    ...inBoth(
      () => `
      CREATE INDEX audit_account ON audit_records(account_id, id);
    `,
    ),
  },
];

function forDialect(dialect: Dialect): readonly Migration[] {
  return MIGRATIONS.map((m) => ({ version: m.version, name: m.name, sql: m[dialect] }));
}

export const SQLITE_MIGRATIONS = forDialect("sqlite");
export const POSTGRES_MIGRATIONS = forDialect("postgres");

/**
 * Throws when the database is at a version newer than `migrations` knows (a newer console wrote it).
 * `elsewhere` says what to do instead, in the terms of the store (a data directory or a DATABASE_URL).
 */
export function refuseNewerSchema(
  current: number,
  migrations: readonly Migration[],
  elsewhere: string,
): void {
  const known = migrations.at(-1)?.version ?? 0;
  if (current > known) {
    throw new Error(
      `The database is at schema version ${current}, newer than this BFF knows (${known}). ` +
        `Run a newer version of the console, or ${elsewhere}.`,
    );
  }
}
