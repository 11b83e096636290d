import { chmodSync, mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import {
  AUDIT_INSERT_COLUMNS,
  type AuditRow,
  auditInsertParams,
  auditWhere,
  BATCH_COLUMNS,
  BATCH_ITEM_COLUMNS,
  batchTransition,
  CREATION_RUN_COLUMNS,
  chainedAuditRow,
  iterateAscending,
  iterateAudit,
  LEASE_ACQUIRE,
  OPERATOR_COLUMNS,
  type OperatorRow,
  pruneBoundary,
  SESSION_SELECT,
  type SessionRow,
  toAuditRecord,
  toOperator,
  toSession,
  toStoredBatch,
} from "../rows.ts";
import { decideReserve, type ThrottleRow } from "../throttle-rules.ts";
import {
  type AuditStore,
  type BatchStore,
  type CreationRunStore,
  type LeaseStore,
  type NewAuditRecord,
  OperatorExistsError,
  type OperatorStore,
  type SessionStore,
  type StoredBatch,
  type StoredBatchItem,
  type StoredCreationRun,
  type Stores,
  type ThrottleDecision,
  type ThrottlePolicy,
  type ThrottleStore,
} from "../types.ts";
import { sqliteFleetSnapshot } from "./fleet-snapshot.ts";
import { sqliteFreshnessMarks } from "./freshness-marks.ts";
import { migrate } from "./migrate.ts";
import { sqliteNotifications } from "./notifications.ts";
import { sqliteSavedViews } from "./saved-views.ts";
import { sqliteStandard } from "./standard.ts";

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
    leases: sqliteLeases(db),
    freshnessMarks: sqliteFreshnessMarks(db),
    fleetSnapshot: sqliteFleetSnapshot(db),
    notifications: sqliteNotifications(db),
    savedViews: sqliteSavedViews(db),
    batches: sqliteBatches(db),
    standard: sqliteStandard(db),
    async close() {
      db.close();
    },
  };
}

function sqliteOperators(db: Database.Database): OperatorStore {
  const get = db.prepare(`SELECT ${OPERATOR_COLUMNS} FROM operators WHERE username = ?`);
  const list = db.prepare(`SELECT ${OPERATOR_COLUMNS} FROM operators ORDER BY username`);
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
  const get = db.prepare(`${SESSION_SELECT} WHERE s.id_hash = ?`);
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
      const row = get.get(idHash) as SessionRow | undefined;
      return row ? toSession(row) : null;
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
    `SELECT attempts, strikes, locked_until AS lockedUntil, last_at AS lastAt
     FROM sign_in_throttle WHERE key = ?`,
  );
  const upsert = db.prepare(
    `INSERT INTO sign_in_throttle (key, attempts, strikes, locked_until, last_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET attempts = excluded.attempts, strikes = excluded.strikes,
       locked_until = excluded.locked_until, last_at = excluded.last_at`,
  );
  const forgive = db.prepare("UPDATE sign_in_throttle SET attempts = MAX(0, attempts - 1) WHERE key = ?");
  const clear = db.prepare("DELETE FROM sign_in_throttle WHERE key = ?");
  type Keyed = { key: string; policy: ThrottlePolicy };

  // One transaction (better-sqlite3 runs it synchronously): no other attempt can be counted between
  // the check and the count, which is what makes a burst of concurrent sign-ins unable to pass together.
  const reserve = db.transaction((keys: readonly Keyed[], now: number): ThrottleDecision => {
    const rows = keys.map((k) => ({ ...k, row: get.get(k.key) as ThrottleRow | undefined }));
    const { decision, writes } = decideReserve(rows, now);
    for (const { key, row } of writes)
      upsert.run(key, row.attempts, row.strikes, row.lockedUntil, row.lastAt);
    return decision;
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

function sqliteAudit(db: Database.Database): AuditStore {
  const nextId = db.prepare(
    `SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'audit_records'), 0),
       COALESCE((SELECT MAX(id) FROM audit_records), 0)) + 1 AS id`,
  );
  const last = db.prepare("SELECT * FROM audit_records ORDER BY id DESC LIMIT 1");
  const beforeOf = db.prepare("SELECT before_json FROM audit_records WHERE id = ?");
  const insert = db.prepare(
    `INSERT INTO audit_records (${AUDIT_INSERT_COLUMNS}) VALUES (${AUDIT_INSERT_COLUMNS.split(",")
      .map(() => "?")
      .join(", ")})`,
  );
  // One IMMEDIATE transaction: it takes SQLite's write lock before reading the last record, so no
  // other connection (the operators CLI, a second process) appends between the read and the insert.
  // Ids are consecutive and in commit order (a failed insert rolls its number back with it), the same
  // promise the PostgreSQL store's counter keeps, and each hash links to the record just before.
  const appendChained = db.transaction((record: NewAuditRecord): number => {
    const id = (nextId.get() as { id: number }).id;
    const attemptId = record.attemptId == null ? null : Number(record.attemptId);
    const attemptBefore =
      attemptId === null
        ? null
        : ((beforeOf.get(attemptId) as { before_json: string | null } | undefined)?.before_json ?? null);
    const row = chainedAuditRow(record, id, attemptBefore, last.get() as AuditRow | undefined);
    insert.run(...auditInsertParams(row));
    return id;
  });
  const permit = db.prepare("INSERT INTO audit_prune_permits (through_id, export_sha256) VALUES (?, ?)");
  const unpermit = db.prepare("DELETE FROM audit_prune_permits");
  const removeRange = db.prepare("DELETE FROM audit_records WHERE id BETWEEN ? AND ?");
  const first = db.prepare("SELECT MIN(id) AS id FROM audit_records");
  const pruneChained = db.transaction(
    (range: { fromId: number; throughId: number; count: number }, sha256: string, record: NewAuditRecord) => {
      if ((first.get() as { id: number | null }).id !== range.fromId)
        throw new Error(
          `the oldest audit record is no longer ${range.fromId}: another prune ran; nothing pruned`,
        );
      // The prune record first: it links to the newest record, which the prune may remove too.
      const id = appendChained(record);
      permit.run(range.throughId, sha256);
      const removed = removeRange.run(range.fromId, range.throughId).changes;
      unpermit.run();
      if (removed !== range.count)
        throw new Error(`expected to prune ${range.count} audit records, found ${removed}; nothing pruned`);
      return id;
    },
  );
  const page = async (
    filter: Parameters<AuditStore["list"]>[0],
    cursor: string | undefined,
    limit: number,
  ) => {
    const where = auditWhere(filter, cursor, () => "?");
    const rows = db
      .prepare(`SELECT * FROM audit_records ${where.sql} ORDER BY id DESC LIMIT ?`)
      .all(...where.params, limit + 1) as AuditRow[];
    const items = rows.slice(0, limit).map(toAuditRecord);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? last.id : null };
  };
  const ascending = db.prepare("SELECT * FROM audit_records WHERE id > ? AND id <= ? ORDER BY id LIMIT ?");
  const scalar = async (sql: string, params: unknown[]) =>
    (db.prepare(sql).get(...params) as { id: number | null } | undefined)?.id ?? null;
  return {
    async append(record: NewAuditRecord) {
      return String(appendChained.immediate(record));
    },
    async list(filter, { cursor, limit }) {
      return page(filter, cursor, limit);
    },
    iterate(filter) {
      return iterateAudit((cursor) => page(filter, cursor, 500));
    },
    iterateChain(range = {}) {
      return iterateAscending(range, async (after, through, limit) =>
        (ascending.all(after, through, limit) as AuditRow[]).map(toAuditRecord),
      );
    },
    async prunable(before) {
      const bounds = await pruneBoundary(before, () => "?", scalar);
      if (!bounds) return null;
      const { n } = db
        .prepare("SELECT COUNT(*) AS n FROM audit_records WHERE id BETWEEN ? AND ?")
        .get(bounds.fromId, bounds.throughId) as { n: number };
      return { fromId: String(bounds.fromId), throughId: String(bounds.throughId), count: n };
    },
    async prune(range, exportSha256, record) {
      const id = pruneChained.immediate(
        { fromId: Number(range.fromId), throughId: Number(range.throughId), count: range.count },
        exportSha256,
        record,
      );
      return String(id);
    },
  };
}

function sqliteCreationRuns(db: Database.Database): CreationRunStore {
  const upsert = db.prepare(
    `INSERT INTO creation_runs (id, pool_id, status, created_at, updated_at, data_json, claimed_by, claimed_until)
     VALUES (@id, @poolId, @status, @createdAt, @updatedAt, @data, @owner, @until)
     ON CONFLICT(id) DO UPDATE SET pool_id = excluded.pool_id, status = excluded.status,
       updated_at = excluded.updated_at, data_json = excluded.data_json
     WHERE @owner IS NULL OR creation_runs.claimed_by = @owner`,
  );
  const get = db.prepare(`SELECT ${CREATION_RUN_COLUMNS} FROM creation_runs WHERE id = ?`);
  const list = db.prepare(
    `SELECT ${CREATION_RUN_COLUMNS} FROM creation_runs ORDER BY created_at DESC, id DESC LIMIT ?`,
  );
  // One statement: the check and the take cannot be split by another writer.
  const claim = db.prepare(
    `UPDATE creation_runs SET claimed_by = @owner, claimed_until = @until
     WHERE id = @id AND (claimed_by IS NULL OR claimed_by = @owner OR claimed_until <= @now)`,
  );
  const release = db.prepare(
    "UPDATE creation_runs SET claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?",
  );
  return {
    async save(run, claim) {
      return upsert.run({ ...run, owner: claim?.owner ?? null, until: claim?.until ?? null }).changes > 0;
    },
    async get(id) {
      return (get.get(id) as StoredCreationRun | undefined) ?? null;
    },
    async list(limit) {
      return list.all(limit) as StoredCreationRun[];
    },
    async claim(id, { owner, now, until }) {
      return claim.run({ id, owner, now, until }).changes > 0;
    },
    async release(id, owner) {
      release.run(id, owner);
    },
  };
}

function sqliteLeases(db: Database.Database): LeaseStore {
  const acquire = db.prepare(LEASE_ACQUIRE(() => "?"));
  const release = db.prepare("DELETE FROM leases WHERE name = ? AND owner = ?");
  const holder = db.prepare(
    "SELECT owner, held_until AS until FROM leases WHERE name = ? AND held_until > ?",
  );
  return {
    async acquire(name, { owner, now, until }) {
      return acquire.run(name, owner, until, now).changes > 0;
    },
    async release(name, owner) {
      release.run(name, owner);
    },
    async holder(name, now) {
      return (holder.get(name, now) as { owner: string; until: number } | undefined) ?? null;
    },
  };
}

function sqliteBatches(db: Database.Database): BatchStore {
  const insertBatch = db.prepare(
    `INSERT INTO batches (id, title, status, created_by, created_at, updated_at, started_at, finished_at, warnings_acknowledged)
     VALUES (@id, @title, @status, @createdBy, @createdAt, @updatedAt, @startedAt, @finishedAt, @warnings)`,
  );
  const insertItem = db.prepare(
    `INSERT INTO batch_items (batch_id, seq, state, message, audit_id, finished_at, plan_json)
     VALUES (@batchId, @seq, @state, @message, @auditId, @finishedAt, @plan)`,
  );
  const create = db.transaction((batch: StoredBatch, items: readonly StoredBatchItem[]) => {
    insertBatch.run({ ...batch, warnings: batch.warningsAcknowledged ? 1 : 0 });
    for (const item of items) insertItem.run(item);
  });
  const get = db.prepare(`SELECT ${BATCH_COLUMNS} FROM batches WHERE id = ?`);
  const list = db.prepare(`SELECT ${BATCH_COLUMNS} FROM batches ORDER BY created_at DESC, id DESC LIMIT ?`);
  const items = db.prepare(`SELECT ${BATCH_ITEM_COLUMNS} FROM batch_items WHERE batch_id = ? ORDER BY seq`);
  const finishItem = db.prepare(
    `UPDATE batch_items SET state = @state, message = @message, audit_id = @auditId, finished_at = @finishedAt
     WHERE batch_id = @batchId AND seq = @seq AND state IN ('pending', 'running')`,
  );
  const startItem = db.prepare(
    "UPDATE batch_items SET state = 'running' WHERE batch_id = ? AND seq = ? AND state = 'pending'",
  );
  const endPending = db.prepare(
    `UPDATE batch_items SET state = @state, message = @message, finished_at = @finishedAt
     WHERE batch_id = @batchId AND state = 'pending'`,
  );
  return {
    async create(batch, batchItems) {
      create.immediate(batch, batchItems);
    },
    async get(id) {
      const row = get.get(id) as Parameters<typeof toStoredBatch>[0] | undefined;
      return row ? toStoredBatch(row) : null;
    },
    async list(limit) {
      return (list.all(limit) as Parameters<typeof toStoredBatch>[0][]).map(toStoredBatch);
    },
    async items(id) {
      return items.all(id) as StoredBatchItem[];
    },
    async transition(id, from, to) {
      const update = batchTransition(() => "?", id, from, to);
      return db.prepare(update.sql).run(...update.params).changes > 0;
    },
    async startItem(batchId, seq) {
      return startItem.run(batchId, seq).changes > 0;
    },
    async finishItem(batchId, seq, end) {
      return finishItem.run({ batchId, seq, ...end }).changes > 0;
    },
    async endPending(batchId, end) {
      return endPending.run({ batchId, ...end }).changes;
    },
  };
}
