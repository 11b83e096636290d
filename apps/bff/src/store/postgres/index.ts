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
  type AuditRow,
  auditValues,
  auditWhere,
  CREATION_RUN_COLUMNS,
  iterateAudit,
  LEASE_ACQUIRE,
  OPERATOR_COLUMNS,
  type OperatorRow,
  SESSION_SELECT,
  type SessionRow,
  toAuditRecord,
  toOperator,
  toSession,
} from "../rows.ts";
import { decideReserve, type ThrottleRow } from "../throttle-rules.ts";
import {
  type AuditStore,
  type CreationRunStore,
  type LeaseStore,
  OperatorExistsError,
  type OperatorStore,
  type ReadBudgetStore,
  type SessionStore,
  type StoredCreationRun,
  type Stores,
  type ThrottleStore,
} from "../types.ts";
import { migratePostgres } from "./migrate.ts";

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
 * Connects to the database at `url` (postgres://user:password@host:port/database?…), migrates it
 * (waiting for another replica that is migrating) and returns the stores. Throws when the server
 * cannot be reached or the schema is newer than this BFF. `onError` hears about connections that
 * fail while idle in the pool (the pool replaces them; without a listener they would end the process).
 */
export async function createPostgresStores(
  url: string,
  options: { maxConnections?: number; onError?: (error: Error) => void } = {},
): Promise<Stores> {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, types });
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
    readBudget: postgresReadBudget(pool),
    async close() {
      await pool.end();
    },
  };
}

/** Runs `work` in one transaction on one connection; rolls back when it throws. */
async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
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
    // One statement, so one transaction: it moves the one-row counter (whose row lock every other
    // writer waits for until this one commits) and inserts with that number; a failed insert rolls
    // the counter back. Ids are therefore consecutive and commit in order across all replicas.
    async append(record) {
      const v = auditValues(record);
      const { rows } = await pool.query<{ id: number }>(
        `WITH next AS (UPDATE audit_sequence SET last_id = last_id + 1 RETURNING last_id)
         INSERT INTO audit_records (id, at, operator, role, action, region, pool_id, resource, before_json,
           after_json, outcome, attempt_id, error, request_id, aws_request_id, account_id, role_arn)
         SELECT next.last_id, $1, $2, $3, $4, $5, $6, $7,
           COALESCE($8::text, CASE WHEN $10::text <> 'attempt' AND $11::bigint IS NOT NULL
             THEN (SELECT before_json FROM audit_records WHERE id = $11::bigint) END),
           $9, $10, $11, $12, $13, $14, $15, $16
         FROM next RETURNING id`,
        [
          v.at,
          v.operator,
          v.role,
          v.action,
          v.region,
          v.poolId,
          v.resource,
          v.before,
          v.after,
          v.outcome,
          v.attemptId,
          v.error,
          v.requestId,
          v.awsRequestId,
          v.accountId,
          v.roleArn,
        ],
      );
      const id = rows[0]?.id;
      if (id === undefined) throw new Error("The audit record was not written");
      return String(id);
    },
    async list(filter, { cursor, limit }) {
      return page(filter, cursor, limit);
    },
    iterate(filter) {
      return iterateAudit((cursor) => page(filter, cursor, 500));
    },
  };
}

function postgresCreationRuns(pool: pg.Pool): CreationRunStore {
  return {
    async save(run, claim) {
      await pool.query(
        `INSERT INTO creation_runs (id, pool_id, status, created_at, updated_at, data_json, claimed_by, claimed_until)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (id) DO UPDATE SET pool_id = excluded.pool_id, status = excluded.status,
           updated_at = excluded.updated_at, data_json = excluded.data_json`,
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
