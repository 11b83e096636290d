/**
 * The store on PostgreSQL, for several BFF replicas sharing one database. Same interfaces and the
 * same promises as the SQLite store (`store/types.ts`); where SQLite gets atomicity from its single
 * writer, this store says in each method what serializes concurrent writers from any replica.
 *
 * Client: `pg` (node-postgres), the most used PostgreSQL client for Node, with its own pool and
 * explicit transactions on one connection, which the throttle's lock-read-write step needs.
 */
import pg from "pg";
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
  type ReadBudgetStore,
  type SessionStore,
  type StoredBatchItem,
  type StoredCreationRun,
  type Stores,
  type ThrottleStore,
} from "../types.ts";
import { postgresFleetSnapshot } from "./fleet-snapshot.ts";
import { postgresFreshnessMarks } from "./freshness-marks.ts";
import { migratePostgres } from "./migrate.ts";
import { postgresNotifications } from "./notifications.ts";
import { postgresSavedViews } from "./saved-views.ts";
import { postgresStandard } from "./standard.ts";

/** True for the URLs this store takes: `postgres://…` or `postgresql://…`. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url) && URL.canParse(url);
}

// Times are BIGINT milliseconds, which pg hands back as strings by default (int8 can exceed 2^53);
// ours stay far below 2^53, so they are read as numbers, for this pool only.
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID && format !== "binary"
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * How long a store call waits for a connection (a free one of the pool, or a new one to the server)
 * before it fails (ms). Without a bound a call waited for good behind a pool held by stuck queries,
 * and each replica's follow, which gives up on a pull after 15 s and asks again every 2 s, left one
 * more waiter in the pool's queue each time (pg-pool drops a waiter from its queue when it times out).
 */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Connects to the database at `url` (postgres://user:password@host:port/database?…), migrates it
 * (waiting for another replica that is migrating) and returns the stores. Throws when the server
 * cannot be reached or the schema is newer than this BFF. `onError` hears about connections that
 * fail while idle in the pool (the pool replaces them; without a listener they would end the process).
 * `connectTimeoutMs` (default 10 s): a call that gets no connection within it rejects.
 */
export async function createPostgresStores(
  url: string,
  options: { maxConnections?: number; connectTimeoutMs?: number; onError?: (error: Error) => void } = {},
): Promise<Stores> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    types,
  });
  pool.on("error", (error) => options.onError?.(error));
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    operators: postgresOperators(pool),
    sessions: postgresSessions(pool),
    throttle: postgresThrottle(pool),
    audit: postgresAudit(pool),
    creationRuns: postgresCreationRuns(pool),
    leases: postgresLeases(pool),
    freshnessMarks: postgresFreshnessMarks(pool),
    fleetSnapshot: postgresFleetSnapshot(pool),
    notifications: postgresNotifications(pool),
    savedViews: postgresSavedViews(pool),
    batches: postgresBatches(pool),
    standard: postgresStandard(pool),
    readBudget: postgresReadBudget(pool),
    async close() {
      await pool.end();
    },
  };
}

/** Runs `work` in one transaction on one connection; rolls back when it throws. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const UNIQUE_VIOLATION = "23505";

function postgresOperators(pool: pg.Pool): OperatorStore {
  return {
    async get(username) {
      const { rows } = await pool.query<OperatorRow>(
        `SELECT ${OPERATOR_COLUMNS} FROM operators WHERE username = $1`,
        [username],
      );
      return rows[0] ? toOperator(rows[0]) : null;
    },
    async list() {
      // COLLATE "C": byte order, as SQLite sorts, whatever the database's locale.
      const { rows } = await pool.query<OperatorRow>(
        `SELECT ${OPERATOR_COLUMNS} FROM operators ORDER BY username COLLATE "C"`,
      );
      return rows.map(toOperator);
    },
    async add(operator, now) {
      try {
        await pool.query(
          `INSERT INTO operators (username, role, origin, password_hash, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $5)`,
          [operator.username, operator.role, operator.origin ?? "operator", operator.passwordHash, now],
        );
      } catch (error) {
        if ((error as { code?: string }).code === UNIQUE_VIOLATION)
          throw new OperatorExistsError(operator.username);
        throw error;
      }
    },
    async setRole(username, role, now) {
      const result = await pool.query("UPDATE operators SET role = $1, updated_at = $2 WHERE username = $3", [
        role,
        now,
        username,
      ]);
      return (result.rowCount ?? 0) > 0;
    },
    async setPasswordHash(username, passwordHash, now, options) {
      const result =
        options?.origin !== undefined
          ? await pool.query(
              "UPDATE operators SET password_hash = $1, origin = $2, updated_at = $3 WHERE username = $4",
              [passwordHash, options.origin, now, username],
            )
          : await pool.query("UPDATE operators SET password_hash = $1, updated_at = $2 WHERE username = $3", [
              passwordHash,
              now,
              username,
            ]);
      return (result.rowCount ?? 0) > 0;
    },
    async remove(username) {
      const result = await pool.query("DELETE FROM operators WHERE username = $1", [username]);
      return (result.rowCount ?? 0) > 0;
    },
    async countByRole(role) {
      const { rows } = await pool.query<{ n: number }>(
        "SELECT COUNT(*)::integer AS n FROM operators WHERE role = $1",
        [role],
      );
      return rows[0]?.n ?? 0;
    },
  };
}

function postgresSessions(pool: pg.Pool): SessionStore {
  return {
    async create({ idHash, username, now }) {
      const result = await pool.query(
        `INSERT INTO sessions (id_hash, operator_id, created_at, last_seen_at)
         SELECT $1, id, $2, $2 FROM operators WHERE username = $3`,
        [idHash, now, username],
      );
      if (result.rowCount === 0) throw new Error(`Cannot start a session: no operator named "${username}"`);
    },
    async get(idHash) {
      const { rows } = await pool.query<SessionRow>(`${SESSION_SELECT} WHERE s.id_hash = $1`, [idHash]);
      return rows[0] ? toSession(rows[0]) : null;
    },
    async touch(idHash, now) {
      await pool.query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2 AND last_seen_at < $1", [
        now,
        idHash,
      ]);
    },
    async delete(idHash) {
      await pool.query("DELETE FROM sessions WHERE id_hash = $1", [idHash]);
    },
    async deleteForOperator(username) {
      const result = await pool.query(
        "DELETE FROM sessions WHERE operator_id = (SELECT id FROM operators WHERE username = $1)",
        [username],
      );
      return result.rowCount ?? 0;
    },
    async deleteExpired({ idleBefore, createdBefore }) {
      const result = await pool.query("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2", [
        idleBefore,
        createdBefore,
      ]);
      return result.rowCount ?? 0;
    },
  };
}

function postgresThrottle(pool: pg.Pool): ThrottleStore {
  return {
    // One transaction that first takes a transaction-scoped advisory lock per key (in key order, so
    // two reservations of overlapping keys cannot deadlock): every replica's reservation of a key
    // then reads, decides and writes after the previous one committed, as under SQLite's single
    // writer. The lock also covers keys that have no row yet, which a row lock could not.
    async reserve(keys, now) {
      const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      return inTransaction(pool, async (client) => {
        const rows = [];
        for (const keyed of sorted) {
          await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [
            `clc:sign-in:${keyed.key}`,
          ]);
          const { rows: found } = await client.query<ThrottleRow>(
            `SELECT attempts, strikes, locked_until AS "lockedUntil", last_at AS "lastAt"
             FROM sign_in_throttle WHERE key = $1 FOR UPDATE`,
            [keyed.key],
          );
          rows.push({ ...keyed, row: found[0] });
        }
        const { decision, writes } = decideReserve(rows, now);
        for (const { key, row } of writes) {
          await client.query(
            `INSERT INTO sign_in_throttle (key, attempts, strikes, locked_until, last_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (key) DO UPDATE SET attempts = excluded.attempts, strikes = excluded.strikes,
               locked_until = excluded.locked_until, last_at = excluded.last_at`,
            [key, row.attempts, row.strikes, row.lockedUntil, row.lastAt],
          );
        }
        return decision;
      });
    },
    // Single statements: the row lock a reservation holds (FOR UPDATE above) makes them wait for it,
    // and PostgreSQL re-reads the row it committed before applying them.
    async forgive(key) {
      await pool.query("UPDATE sign_in_throttle SET attempts = GREATEST(0, attempts - 1) WHERE key = $1", [
        key,
      ]);
    },
    async clear(key) {
      await pool.query("DELETE FROM sign_in_throttle WHERE key = $1", [key]);
    },
  };
}

function postgresAudit(pool: pg.Pool): AuditStore {
  const page = async (
    filter: Parameters<AuditStore["list"]>[0],
    cursor: string | undefined,
    limit: number,
  ) => {
    const where = auditWhere(filter, cursor, (n) => `$${n}`);
    const { rows } = await pool.query<AuditRow>(
      `SELECT * FROM audit_records ${where.sql} ORDER BY id DESC LIMIT $${where.params.length + 1}`,
      [...where.params, limit + 1],
    );
    const items = rows.slice(0, limit).map(toAuditRecord);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? last.id : null };
  };
  return {
    async append(record) {
      return String(await inTransaction(pool, (client) => appendChained(client, record)));
    },
    async list(filter, { cursor, limit }) {
      return page(filter, cursor, limit);
    },
    iterate(filter) {
      return iterateAudit((cursor) => page(filter, cursor, 500));
    },
    iterateChain(range = {}) {
      return iterateAscending(range, async (after, through, limit) => {
        const { rows } = await pool.query<AuditRow>(
          "SELECT * FROM audit_records WHERE id > $1 AND id <= $2 ORDER BY id LIMIT $3",
          [after, through, limit],
        );
        return rows.map(toAuditRecord);
      });
    },
    async prunable(before) {
      const bounds = await pruneBoundary(
        before,
        (n) => `$${n}`,
        async (sql, params) => (await pool.query<{ id: number | null }>(sql, params)).rows[0]?.id ?? null,
      );
      if (!bounds) return null;
      const { rows } = await pool.query<{ n: number }>(
        "SELECT COUNT(*)::integer AS n FROM audit_records WHERE id BETWEEN $1 AND $2",
        [bounds.fromId, bounds.throughId],
      );
      return { fromId: String(bounds.fromId), throughId: String(bounds.throughId), count: rows[0]?.n ?? 0 };
    },
    // One transaction: the audit.prune record, the permit, the delete and the permit's removal commit
    // together or not at all; no other connection ever sees the permit. The append takes the counter's
    // lock first, as every append does, so no other append interleaves.
    async prune(range, exportSha256, record) {
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<{ id: number | null }>("SELECT MIN(id) AS id FROM audit_records");
        if (rows[0]?.id !== Number(range.fromId))
          throw new Error(
            `the oldest audit record is no longer ${range.fromId}: another prune ran; nothing pruned`,
          );
        // The prune record first: it links to the newest record, which the prune may remove too.
        const id = await appendChained(client, record);
        await client.query("INSERT INTO audit_prune_permits (through_id, export_sha256) VALUES ($1, $2)", [
          range.throughId,
          exportSha256,
        ]);
        const removed = await client.query("DELETE FROM audit_records WHERE id BETWEEN $1 AND $2", [
          range.fromId,
          range.throughId,
        ]);
        await client.query("DELETE FROM audit_prune_permits");
        if (removed.rowCount !== range.count)
          throw new Error(
            `expected to prune ${range.count} audit records, found ${removed.rowCount}; nothing pruned`,
          );
        return String(id);
      });
    },
  };
}

/**
 * Appends one record inside the caller's transaction. Moving the one-row counter first takes its row
 * lock, which every other writer of every replica then waits for until this transaction ends: the
 * record before this one is committed and final when it is read, so the hash links to it, and ids are
 * consecutive and commit in order (a failed insert rolls the counter back).
 */
async function appendChained(client: pg.PoolClient, record: NewAuditRecord): Promise<number> {
  const { rows: next } = await client.query<{ last_id: number }>(
    "UPDATE audit_sequence SET last_id = last_id + 1 RETURNING last_id",
  );
  const id = next[0]?.last_id;
  if (id === undefined) throw new Error("The audit counter is missing");
  const { rows: previous } = await client.query<AuditRow>(
    "SELECT * FROM audit_records WHERE id < $1 ORDER BY id DESC LIMIT 1",
    [id],
  );
  let attemptBefore: string | null = null;
  if (record.attemptId != null) {
    const { rows } = await client.query<{ before_json: string | null }>(
      "SELECT before_json FROM audit_records WHERE id = $1",
      [Number(record.attemptId)],
    );
    attemptBefore = rows[0]?.before_json ?? null;
  }
  const row = chainedAuditRow(record, id, attemptBefore, previous[0]);
  await client.query(
    `INSERT INTO audit_records (${AUDIT_INSERT_COLUMNS}) VALUES (${auditInsertParams(row)
      .map((_, i) => `$${i + 1}`)
      .join(", ")})`,
    auditInsertParams(row),
  );
  return id;
}

function postgresCreationRuns(pool: pg.Pool): CreationRunStore {
  return {
    async save(run, claim) {
      const result = await pool.query(
        `INSERT INTO creation_runs (id, pool_id, status, created_at, updated_at, data_json, claimed_by, claimed_until)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (id) DO UPDATE SET pool_id = excluded.pool_id, status = excluded.status,
           updated_at = excluded.updated_at, data_json = excluded.data_json
         WHERE $7::text IS NULL OR creation_runs.claimed_by = $7`,
        [
          run.id,
          run.poolId,
          run.status,
          run.createdAt,
          run.updatedAt,
          run.data,
          claim?.owner ?? null,
          claim?.until ?? null,
        ],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async get(id) {
      const { rows } = await pool.query<StoredCreationRun>(
        `SELECT ${CREATION_RUN_COLUMNS} FROM creation_runs WHERE id = $1`,
        [id],
      );
      return rows[0] ?? null;
    },
    async list(limit) {
      const { rows } = await pool.query<StoredCreationRun>(
        `SELECT ${CREATION_RUN_COLUMNS} FROM creation_runs ORDER BY created_at COLLATE "C" DESC, id COLLATE "C" DESC LIMIT $1`,
        [limit],
      );
      return rows;
    },
    // One UPDATE: PostgreSQL re-checks the condition on the row's newest version after waiting for a
    // concurrent claim, so of two replicas claiming at once exactly one changes the row.
    async claim(id, { owner, now, until }) {
      const result = await pool.query(
        `UPDATE creation_runs SET claimed_by = $2, claimed_until = $3
         WHERE id = $1 AND (claimed_by IS NULL OR claimed_by = $2 OR claimed_until <= $4)`,
        [id, owner, until, now],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async release(id, owner) {
      await pool.query(
        "UPDATE creation_runs SET claimed_by = NULL, claimed_until = NULL WHERE id = $1 AND claimed_by = $2",
        [id, owner],
      );
    },
  };
}

/** The database's clock in milliseconds since the epoch (clock_timestamp: now, not the transaction's start). */
const DB_NOW_MS = "(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)";

function postgresReadBudget(pool: pg.Pool): ReadBudgetStore {
  /** The bucket's tokens now: what it held, refilled for the time since (never above the burst). */
  const refilled = `LEAST($3::double precision, read_budgets.tokens + GREATEST(0, ${DB_NOW_MS} - read_budgets.updated_at) * $2::double precision / 1000)`;
  const known = new Set<string>();
  return {
    async take(name, { ratePerSecond, burst }) {
      if (!known.has(name)) {
        await pool.query(
          `INSERT INTO read_budgets (name, tokens, updated_at) VALUES ($1, $2, ${DB_NOW_MS})
           ON CONFLICT (name) DO NOTHING`,
          [name, burst],
        );
        known.add(name);
      }
      // One UPDATE: a concurrent taker waits for the row, then re-evaluates the WHERE against what
      // the first wrote, so two replicas never take the same token.
      const taken = await pool.query(
        `UPDATE read_budgets SET tokens = ${refilled} - 1, updated_at = ${DB_NOW_MS}
         WHERE name = $1 AND ${refilled} >= 1`,
        [name, ratePerSecond, burst],
      );
      if ((taken.rowCount ?? 0) > 0) return 0;
      const { rows } = await pool.query<{ tokens: number }>(
        `SELECT ${refilled} AS tokens FROM read_budgets WHERE name = $1`,
        [name, ratePerSecond, burst],
      );
      const tokens = Number(rows[0]?.tokens ?? 0);
      return Math.max(1, Math.ceil(((1 - tokens) * 1000) / ratePerSecond));
    },
    async giveBack(name, burst) {
      await pool.query(
        "UPDATE read_budgets SET tokens = LEAST($2::double precision, tokens + 1) WHERE name = $1",
        [name, burst],
      );
    },
  };
}

function postgresLeases(pool: pg.Pool): LeaseStore {
  const acquire = LEASE_ACQUIRE((n) => `$${n}`);
  return {
    // INSERT … ON CONFLICT DO UPDATE is atomic: a concurrent taker waits for the first to commit,
    // then evaluates the WHERE against the row it wrote.
    async acquire(name, { owner, now, until }) {
      return ((await pool.query(acquire, [name, owner, until, now])).rowCount ?? 0) > 0;
    },
    async release(name, owner) {
      await pool.query("DELETE FROM leases WHERE name = $1 AND owner = $2", [name, owner]);
    },
    async holder(name, now) {
      const { rows } = await pool.query<{ owner: string; until: number }>(
        "SELECT owner, held_until AS until FROM leases WHERE name = $1 AND held_until > $2",
        [name, now],
      );
      return rows[0] ?? null;
    },
  };
}

function postgresBatches(pool: pg.Pool): BatchStore {
  type BatchRow = Parameters<typeof toStoredBatch>[0];
  return {
    async create(batch, items) {
      await inTransaction(pool, async (client) => {
        await client.query(
          `INSERT INTO batches (id, title, status, created_by, created_at, updated_at, started_at, finished_at, warnings_acknowledged)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            batch.id,
            batch.title,
            batch.status,
            batch.createdBy,
            batch.createdAt,
            batch.updatedAt,
            batch.startedAt,
            batch.finishedAt,
            batch.warningsAcknowledged ? 1 : 0,
          ],
        );
        for (const item of items) {
          await client.query(
            `INSERT INTO batch_items (batch_id, seq, state, message, audit_id, finished_at, plan_json)
             VALUES ($1, $2, $3, $4, $5, $6, $7)`,
            [item.batchId, item.seq, item.state, item.message, item.auditId, item.finishedAt, item.plan],
          );
        }
      });
    },
    async get(id) {
      const { rows } = await pool.query<BatchRow>(`SELECT ${BATCH_COLUMNS} FROM batches WHERE id = $1`, [id]);
      return rows[0] ? toStoredBatch(rows[0]) : null;
    },
    async list(limit) {
      const { rows } = await pool.query<BatchRow>(
        `SELECT ${BATCH_COLUMNS} FROM batches ORDER BY created_at DESC, id COLLATE "C" DESC LIMIT $1`,
        [limit],
      );
      return rows.map(toStoredBatch);
    },
    async items(id) {
      const { rows } = await pool.query<StoredBatchItem>(
        `SELECT ${BATCH_ITEM_COLUMNS} FROM batch_items WHERE batch_id = $1 ORDER BY seq`,
        [id],
      );
      return rows;
    },
    // One UPDATE each: a concurrent writer waits for the row, then re-checks the WHERE against it.
    async transition(id, from, to) {
      const update = batchTransition((n) => `$${n}`, id, from, to);
      return ((await pool.query(update.sql, update.params)).rowCount ?? 0) > 0;
    },
    async startItem(batchId, seq) {
      const result = await pool.query(
        "UPDATE batch_items SET state = 'running' WHERE batch_id = $1 AND seq = $2 AND state = 'pending'",
        [batchId, seq],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async finishItem(batchId, seq, end) {
      const result = await pool.query(
        `UPDATE batch_items SET state = $3, message = $4, audit_id = $5, finished_at = $6
         WHERE batch_id = $1 AND seq = $2 AND state IN ('pending', 'running')`,
        [batchId, seq, end.state, end.message, end.auditId, end.finishedAt],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async endPending(batchId, end) {
      const result = await pool.query(
        `UPDATE batch_items SET state = $2, message = $3, finished_at = $4
         WHERE batch_id = $1 AND state = 'pending'`,
        [batchId, end.state, end.message, end.finishedAt],
      );
      return result.rowCount ?? 0;
    },
  };
}
