import { chmodSync, mkdirSync } from "node:fs";
import path from "node:path";
import {
  AuditActionSchema,
  type AuditFilter,
  AuditOutcomeSchema,
  type AuditRecord,
  OperatorRoleSchema,
} from "@clc/domain";
import Database from "better-sqlite3";
import { migrate } from "./migrations.ts";
import {
  type AuditStore,
  type CreationRunStore,
  type NewAuditRecord,
  OperatorExistsError,
  type OperatorStore,
  type SessionStore,
  type StoredCreationRun,
  type StoredOperator,
  type Stores,
  type ThrottleDecision,
  type ThrottlePolicy,
  type ThrottleStore,
} from "./types.ts";

/** The database file inside the data directory. */
export const DATABASE_FILE = "console.sqlite";

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE);
}

/**
 * Opens (creating if needed) the SQLite database at `file` and migrates it. `":memory:"` gives a
 * private in-memory database (tests).
 */
export function createSqliteStores(file: string): Stores {
  if (file !== ":memory:") {
    // The file holds password hashes: keep the directory and the file private to this user.
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  }
  const db = new Database(file);
  if (file !== ":memory:") chmodSync(file, 0o600);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  // The operators CLI may write while the BFF runs.
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return {
    operators: sqliteOperators(db),
    sessions: sqliteSessions(db),
    throttle: sqliteThrottle(db),
    audit: sqliteAudit(db),
    creationRuns: sqliteCreationRuns(db),
    async close() {
      db.close();
    },
  };
}

interface OperatorRow {
  username: string;
  role: string;
  origin: string;
  password_hash: string;
  created_at: number;
  updated_at: number;
}

function toOperator(row: OperatorRow): StoredOperator {
  return {
    username: row.username,
    role: OperatorRoleSchema.parse(row.role),
    origin: row.origin === "demo" ? "demo" : "operator",
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function sqliteOperators(db: Database.Database): OperatorStore {
  const columns = "username, role, origin, password_hash, created_at, updated_at";
  const get = db.prepare(`SELECT ${columns} FROM operators WHERE username = ?`);
  const list = db.prepare(`SELECT ${columns} FROM operators ORDER BY username`);
  const insert = db.prepare(
    "INSERT INTO operators (username, role, origin, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const setRole = db.prepare("UPDATE operators SET role = ?, updated_at = ? WHERE username = ?");
  const setHash = db.prepare("UPDATE operators SET password_hash = ?, updated_at = ? WHERE username = ?");
  const setHashAndOrigin = db.prepare(
    "UPDATE operators SET password_hash = ?, origin = ?, updated_at = ? WHERE username = ?",
  );
  const remove = db.prepare("DELETE FROM operators WHERE username = ?");
  const countByRole = db.prepare("SELECT COUNT(*) AS n FROM operators WHERE role = ?");
  return {
    async get(username) {
      const row = get.get(username) as OperatorRow | undefined;
      return row ? toOperator(row) : null;
    },
    async list() {
      return (list.all() as OperatorRow[]).map(toOperator);
    },
    async add(operator, now) {
      try {
        insert.run(
          operator.username,
          operator.role,
          operator.origin ?? "operator",
          operator.passwordHash,
          now,
          now,
        );
      } catch (error) {
        if (error instanceof Database.SqliteError && error.code === "SQLITE_CONSTRAINT_UNIQUE") {
          throw new OperatorExistsError(operator.username);
        }
        throw error;
      }
    },
    async setRole(username, role, now) {
      return setRole.run(role, now, username).changes > 0;
    },
    async setPasswordHash(username, passwordHash, now, options) {
      if (options?.origin !== undefined)
        return setHashAndOrigin.run(passwordHash, options.origin, now, username).changes > 0;
      return setHash.run(passwordHash, now, username).changes > 0;
    },
    async remove(username) {
      return remove.run(username).changes > 0;
    },
    async countByRole(role) {
      return (countByRole.get(role) as { n: number }).n;
    },
  };
}

function sqliteSessions(db: Database.Database): SessionStore {
  const insert = db.prepare(
    `INSERT INTO sessions (id_hash, operator_id, created_at, last_seen_at)
     SELECT ?, id, ?, ? FROM operators WHERE username = ?`,
  );
  const get = db.prepare(
    `SELECT s.id_hash, o.username, o.role, o.origin, s.created_at, s.last_seen_at
     FROM sessions s JOIN operators o ON o.id = s.operator_id WHERE s.id_hash = ?`,
  );
  const touch = db.prepare("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ? AND last_seen_at < ?");
  const remove = db.prepare("DELETE FROM sessions WHERE id_hash = ?");
  const removeForOperator = db.prepare(
    "DELETE FROM sessions WHERE operator_id = (SELECT id FROM operators WHERE username = ?)",
  );
  const removeExpired = db.prepare("DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?");
  return {
    async create({ idHash, username, now }) {
      const result = insert.run(idHash, now, now, username);
      if (result.changes === 0) throw new Error(`Cannot start a session: no operator named "${username}"`);
    },
    async get(idHash) {
      const row = get.get(idHash) as
        | {
            id_hash: string;
            username: string;
            role: string;
            origin: string;
            created_at: number;
            last_seen_at: number;
          }
        | undefined;
      if (!row) return null;
      return {
        idHash: row.id_hash,
        username: row.username,
        role: OperatorRoleSchema.parse(row.role),
        origin: row.origin === "demo" ? "demo" : "operator",
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
      };
    },
    async touch(idHash, now) {
      touch.run(now, idHash, now);
    },
    async delete(idHash) {
      remove.run(idHash);
    },
    async deleteForOperator(username) {
      return removeForOperator.run(username).changes;
    },
    async deleteExpired({ idleBefore, createdBefore }) {
      return removeExpired.run(idleBefore, createdBefore).changes;
    },
  };
}

function sqliteThrottle(db: Database.Database): ThrottleStore {
  const get = db.prepare(
    "SELECT attempts, strikes, locked_until, last_at FROM sign_in_throttle WHERE key = ?",
  );
  const upsert = db.prepare(
    `INSERT INTO sign_in_throttle (key, attempts, strikes, locked_until, last_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET attempts = excluded.attempts, strikes = excluded.strikes,
       locked_until = excluded.locked_until, last_at = excluded.last_at`,
  );
  const forgive = db.prepare("UPDATE sign_in_throttle SET attempts = MAX(0, attempts - 1) WHERE key = ?");
  const clear = db.prepare("DELETE FROM sign_in_throttle WHERE key = ?");
  type Row = { attempts: number; strikes: number; locked_until: number | null; last_at: number };
  type Keyed = { key: string; policy: ThrottlePolicy };

  /** The key's state now: a key idle for its window (and not locked) starts from nothing. */
  function current(key: string, now: number, policy: ThrottlePolicy): Row {
    const row = get.get(key) as Row | undefined;
    const locked = row?.locked_until != null && row.locked_until > now;
    // Idle means no attempt AND no lock for a whole window, so growing locks outlast the window.
    const idleSince = Math.max(row?.last_at ?? 0, row?.locked_until ?? 0);
    if (!row || (!locked && idleSince + policy.windowMs <= now))
      return { attempts: 0, strikes: 0, locked_until: null, last_at: now };
    return row;
  }

  // One transaction (better-sqlite3 runs it synchronously): no other attempt can be counted between
  // the check and the count, which is what makes a burst of concurrent sign-ins unable to pass together.
  const reserve = db.transaction((keys: readonly Keyed[], now: number): ThrottleDecision => {
    const states = keys.map(({ key, policy }) => ({ key, policy, row: current(key, now, policy) }));
    let retryAfterMs = 0;
    for (const { key, policy, row } of states) {
      if (row.locked_until != null && row.locked_until > now) {
        retryAfterMs = Math.max(retryAfterMs, row.locked_until - now);
      } else if (row.attempts >= policy.maxFailures) {
        // Out of attempts: lock, each lock twice as long as the one before (up to maxLockMs), and
        // leave one attempt for when it ends.
        const lockMs = Math.min(policy.maxLockMs ?? policy.lockMs, policy.lockMs * 2 ** row.strikes);
        upsert.run(key, policy.maxFailures - 1, row.strikes + 1, now + lockMs, now);
        retryAfterMs = Math.max(retryAfterMs, lockMs);
      }
    }
    if (retryAfterMs > 0) return { allowed: false, retryAfterMs };
    for (const { key, row } of states) upsert.run(key, row.attempts + 1, row.strikes, row.locked_until, now);
    return { allowed: true };
  });
  return {
    async reserve(keys, now) {
      return reserve(keys, now);
    },
    async forgive(key) {
      forgive.run(key);
    },
    async clear(key) {
      clear.run(key);
    },
  };
}

interface AuditRow {
  id: number;
  at: number;
  operator: string | null;
  role: string | null;
  action: string;
  region: string | null;
  pool_id: string | null;
  resource: string | null;
  before_json: string | null;
  after_json: string | null;
  outcome: string;
  attempt_id: number | null;
  error: string | null;
  request_id: string | null;
  aws_request_id: string | null;
}

function toAuditRecord(row: AuditRow): AuditRecord {
  return {
    id: String(row.id),
    at: new Date(row.at).toISOString(),
    operator: row.operator,
    role: row.role === null ? null : OperatorRoleSchema.parse(row.role),
    action: AuditActionSchema.parse(row.action),
    region: row.region,
    poolId: row.pool_id,
    resource: row.resource,
    before: row.before_json === null ? null : (JSON.parse(row.before_json) as unknown),
    after: row.after_json === null ? null : (JSON.parse(row.after_json) as unknown),
    outcome: AuditOutcomeSchema.parse(row.outcome),
    attemptId: row.attempt_id === null ? null : String(row.attempt_id),
    error: row.error,
    requestId: row.request_id,
    awsRequestId: row.aws_request_id,
  };
}

function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

function auditWhere(filter: AuditFilter, cursor: string | undefined): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter.pool !== undefined) {
    clauses.push("pool_id = ?");
    params.push(filter.pool);
  }
  if (filter.operator !== undefined) {
    clauses.push("operator = ?");
    params.push(filter.operator);
  }
  if (filter.action !== undefined) {
    clauses.push("action = ?");
    params.push(filter.action);
  }
  if (filter.from !== undefined) {
    clauses.push("at >= ?");
    params.push(Date.parse(filter.from));
  }
  if (filter.to !== undefined) {
    clauses.push("at < ?");
    params.push(Date.parse(filter.to));
  }
  if (cursor !== undefined) {
    clauses.push("id < ?");
    params.push(Number(cursor));
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", params };
}

function sqliteAudit(db: Database.Database): AuditStore {
  const insert = db.prepare(
    `INSERT INTO audit_records (at, operator, role, action, region, pool_id, resource, before_json, after_json,
       outcome, attempt_id, error, request_id, aws_request_id)
     VALUES (@at, @operator, @role, @action, @region, @poolId, @resource,
       COALESCE(@before, CASE WHEN @outcome <> 'attempt' AND @attemptId IS NOT NULL
         THEN (SELECT before_json FROM audit_records WHERE id = @attemptId) END),
       @after, @outcome, @attemptId, @error, @requestId, @awsRequestId)`,
  );
  const page = (filter: AuditFilter, cursor: string | undefined, limit: number) => {
    const where = auditWhere(filter, cursor);
    const rows = db
      .prepare(`SELECT * FROM audit_records ${where.sql} ORDER BY id DESC LIMIT ?`)
      .all(...where.params, limit + 1) as AuditRow[];
    const items = rows.slice(0, limit).map(toAuditRecord);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? last.id : null };
  };
  return {
    async append(record: NewAuditRecord) {
      const result = insert.run({
        at: record.at,
        operator: record.operator,
        role: record.role,
        action: record.action,
        region: record.region ?? null,
        poolId: record.poolId ?? null,
        resource: record.resource ?? null,
        before: jsonOrNull(record.before),
        after: jsonOrNull(record.after),
        outcome: record.outcome,
        attemptId: record.attemptId == null ? null : Number(record.attemptId),
        error: record.error ?? null,
        requestId: record.requestId ?? null,
        awsRequestId: record.awsRequestId ?? null,
      });
      return String(result.lastInsertRowid);
    },
    async list(filter, { cursor, limit }) {
      return page(filter, cursor, limit);
    },
    async *iterate(filter) {
      let cursor: string | undefined;
      do {
        const batch = page(filter, cursor, 500);
        yield* batch.items;
        cursor = batch.nextCursor ?? undefined;
      } while (cursor !== undefined);
    },
  };
}

function sqliteCreationRuns(db: Database.Database): CreationRunStore {
  const upsert = db.prepare(
    `INSERT INTO creation_runs (id, pool_id, status, created_at, updated_at, data_json)
     VALUES (@id, @poolId, @status, @createdAt, @updatedAt, @data)
     ON CONFLICT(id) DO UPDATE SET pool_id = excluded.pool_id, status = excluded.status,
       updated_at = excluded.updated_at, data_json = excluded.data_json`,
  );
  const columns =
    "id, pool_id AS poolId, status, created_at AS createdAt, updated_at AS updatedAt, data_json AS data";
  const get = db.prepare(`SELECT ${columns} FROM creation_runs WHERE id = ?`);
  const list = db.prepare(`SELECT ${columns} FROM creation_runs ORDER BY created_at DESC, id DESC LIMIT ?`);
  return {
    async save(run) {
      upsert.run(run);
    },
    async get(id) {
      return (get.get(id) as StoredCreationRun | undefined) ?? null;
    },
    async list(limit) {
      return list.all(limit) as StoredCreationRun[];
    },
  };
}
