/**
 * Rows as both stores read them, and their mapping to the store's types: the SQL differs per dialect,
 * what a row means does not.
 */
import {
  AuditActionSchema,
  type AuditFilter,
  AuditOutcomeSchema,
  type AuditRecord,
  OperatorRoleSchema,
} from "@clc/domain";
import { contentHash, GENESIS_HASH, linkHash } from "../features/audit/chain.ts";
import type {
  BatchStore,
  NewAuditRecord,
  OperatorOrigin,
  StoredBatch,
  StoredOperator,
  StoredSession,
} from "./types.ts";

export const OPERATOR_COLUMNS = "username, role, origin, password_hash, created_at, updated_at";

export interface OperatorRow {
  username: string;
  role: string;
  origin: string;
  password_hash: string;
  created_at: number;
  updated_at: number;
}

function toOrigin(origin: string): OperatorOrigin {
  return origin === "demo" ? "demo" : "operator";
}

export function toOperator(row: OperatorRow): StoredOperator {
  return {
    username: row.username,
    role: OperatorRoleSchema.parse(row.role),
    origin: toOrigin(row.origin),
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export const SESSION_SELECT = `SELECT s.id_hash, o.username, o.role, o.origin, s.created_at, s.last_seen_at
  FROM sessions s JOIN operators o ON o.id = s.operator_id`;

export interface SessionRow {
  id_hash: string;
  username: string;
  role: string;
  origin: string;
  created_at: number;
  last_seen_at: number;
}

export function toSession(row: SessionRow): StoredSession {
  return {
    idHash: row.id_hash,
    username: row.username,
    role: OperatorRoleSchema.parse(row.role),
    origin: toOrigin(row.origin),
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
  };
}

export interface AuditRow {
  id: number;
  at: number;
  operator: string | null;
  role: string | null;
  action: string;
  region: string | null;
  pool_id: string | null;
  account_id?: string | null;
  role_arn?: string | null;
  /** Schema version 10 on. */
  undoes_id?: number | null;
  resource: string | null;
  before_json: string | null;
  after_json: string | null;
  outcome: string;
  attempt_id: number | null;
  error: string | null;
  request_id: string | null;
  aws_request_id: string | null;
  /** Schema version 8 on; null on older records (features/audit/chain.ts). */
  hash: string | null;
  prev_hash: string | null;
}

export function toAuditRecord(row: AuditRow): AuditRecord {
  return {
    id: String(row.id),
    at: new Date(row.at).toISOString(),
    operator: row.operator,
    role: row.role === null ? null : OperatorRoleSchema.parse(row.role),
    action: AuditActionSchema.parse(row.action),
    region: row.region,
    poolId: row.pool_id,
    accountId: row.account_id ?? null,
    roleArn: row.role_arn ?? null,
    undoes: row.undoes_id == null ? null : String(row.undoes_id),
    resource: row.resource,
    before: row.before_json === null ? null : (JSON.parse(row.before_json) as unknown),
    after: row.after_json === null ? null : (JSON.parse(row.after_json) as unknown),
    outcome: AuditOutcomeSchema.parse(row.outcome),
    attemptId: row.attempt_id === null ? null : String(row.attempt_id),
    error: row.error,
    requestId: row.request_id,
    awsRequestId: row.aws_request_id,
    hash: row.hash,
    prevHash: row.prev_hash,
  };
}

function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** The values of a new audit row, by column, as both stores bind them. */
export function auditValues(record: NewAuditRecord) {
  return {
    at: record.at,
    operator: record.operator,
    role: record.role,
    action: record.action,
    region: record.region ?? null,
    poolId: record.poolId ?? null,
    accountId: record.accountId ?? null,
    roleArn: record.roleArn ?? null,
    undoes: record.undoes == null ? null : Number(record.undoes),
    resource: record.resource ?? null,
    before: jsonOrNull(record.before),
    after: jsonOrNull(record.after),
    outcome: record.outcome,
    attemptId: record.attemptId == null ? null : Number(record.attemptId),
    error: record.error ?? null,
    requestId: record.requestId ?? null,
    awsRequestId: record.awsRequestId ?? null,
  };
}

/**
 * The row a new record becomes, once its store numbered it (`id`), found its attempt's before
 * (`attemptBefore`) and read the record before it (`previous`, undefined for the first), all in the
 * transaction that inserts it: its hash links it to `previous` (features/audit/chain.ts).
 */
export function chainedAuditRow(
  record: NewAuditRecord,
  id: number,
  attemptBefore: string | null,
  previous: AuditRow | undefined,
): AuditRow {
  const v = auditValues(record);
  const row: AuditRow = {
    id,
    at: v.at,
    operator: v.operator,
    role: v.role,
    action: v.action,
    region: v.region,
    pool_id: v.poolId,
    account_id: v.accountId,
    role_arn: v.roleArn,
    undoes_id: v.undoes,
    resource: v.resource,
    before_json: v.before ?? (v.outcome !== "attempt" && v.attemptId !== null ? attemptBefore : null),
    after_json: v.after,
    outcome: v.outcome,
    attempt_id: v.attemptId,
    error: v.error,
    request_id: v.requestId,
    aws_request_id: v.awsRequestId,
    hash: null,
    prev_hash: previous ? linkHash(toAuditRecord(previous)) : GENESIS_HASH,
  };
  return { ...row, hash: contentHash(toAuditRecord(row)) };
}

/** The columns of an insert of a chained row, and its parameters in that order. */
export const AUDIT_INSERT_COLUMNS =
  "id, at, operator, role, action, region, pool_id, account_id, role_arn, undoes_id, resource, before_json, after_json, outcome, attempt_id, error, request_id, aws_request_id, hash, prev_hash";
export function auditInsertParams(row: AuditRow): unknown[] {
  return [
    row.id,
    row.at,
    row.operator,
    row.role,
    row.action,
    row.region,
    row.pool_id,
    row.account_id ?? null,
    row.role_arn ?? null,
    row.undoes_id ?? null,
    row.resource,
    row.before_json,
    row.after_json,
    row.outcome,
    row.attempt_id,
    row.error,
    row.request_id,
    row.aws_request_id,
    row.hash,
    row.prev_hash,
  ];
}

/**
 * The last id a prune of the records written before `before` (ms) may remove: the oldest records
 * up to the first one written at or after `before`, never separating an attempt from an outcome that
 * is kept (its attempt_id must still exist). `query(sql, params)` answers the first row's `id`.
 * Placeholders as in `auditWhere`. Null: nothing to prune.
 */
export async function pruneBoundary(
  before: number,
  placeholder: (n: number) => string,
  query: (sql: string, params: unknown[]) => Promise<number | null>,
): Promise<{ fromId: number; throughId: number } | null> {
  const fromId = await query("SELECT MIN(id) AS id FROM audit_records", []);
  if (fromId === null) return null;
  const firstKept = await query(`SELECT MIN(id) AS id FROM audit_records WHERE at >= ${placeholder(1)}`, [
    before,
  ]);
  let throughId =
    firstKept === null ? await query("SELECT MAX(id) AS id FROM audit_records", []) : firstKept - 1;
  for (;;) {
    if (throughId === null || throughId < fromId) return null;
    const referenced = await query(
      `SELECT MIN(attempt_id) AS id FROM audit_records WHERE id > ${placeholder(1)} AND attempt_id <= ${placeholder(2)}`,
      [throughId, throughId],
    );
    if (referenced === null) return { fromId, throughId };
    throughId = referenced - 1;
  }
}

/**
 * The WHERE clause of an audit page. `placeholder(n)` spells the n-th parameter (1-based) in the
 * dialect: `?` for SQLite, `$n` for PostgreSQL.
 */
export function auditWhere(
  filter: AuditFilter,
  cursor: string | undefined,
  placeholder: (n: number) => string,
): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (column: string, value: unknown) => {
    params.push(value);
    clauses.push(`${column} ${placeholder(params.length)}`);
  };
  if (filter.pool !== undefined) add("pool_id =", filter.pool);
  if (filter.account !== undefined) add("account_id =", filter.account);
  if (filter.operator !== undefined) add("operator =", filter.operator);
  if (filter.action !== undefined) add("action =", filter.action);
  if (filter.from !== undefined) add("at >=", Date.parse(filter.from));
  if (filter.to !== undefined) add("at <", Date.parse(filter.to));
  if (cursor !== undefined) add("id <", Number(cursor));
  return { sql: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", params };
}

/** Pages of 500, newest first, until the filter runs out (`page` is the store's own `list`). */
export async function* iterateAudit(
  page: (cursor: string | undefined) => Promise<{ items: AuditRecord[]; nextCursor: string | null }>,
): AsyncIterable<AuditRecord> {
  let cursor: string | undefined;
  do {
    const batch = await page(cursor);
    yield* batch.items;
    cursor = batch.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

/**
 * Records oldest first, by id, in pages of 500: those after `fromId - 1` through `throughId` (both
 * optional). `page(afterId, throughId, limit)` is the store's query.
 */
export async function* iterateAscending(
  range: { fromId?: string; throughId?: string },
  page: (afterId: number, throughId: number, limit: number) => Promise<AuditRecord[]>,
): AsyncIterable<AuditRecord> {
  let after = range.fromId === undefined ? 0 : Number(range.fromId) - 1;
  const through = range.throughId === undefined ? Number.MAX_SAFE_INTEGER : Number(range.throughId);
  for (;;) {
    const batch = await page(after, through, 500);
    yield* batch;
    const last = batch.at(-1);
    if (!last || batch.length < 500) return;
    after = Number(last.id);
  }
}

export const CREATION_RUN_COLUMNS =
  'id, pool_id AS "poolId", status, created_at AS "createdAt", updated_at AS "updatedAt", data_json AS data';

/**
 * Takes or renews a lease in one statement (both dialects): the insert, or the update of a row whose
 * holder is the same owner or whose lease ran out. A row changed means the lease is the caller's.
 * Parameters: name, owner, until, now.
 */
export const LEASE_ACQUIRE = (p: (n: number) => string) =>
  `INSERT INTO leases (name, owner, held_until) VALUES (${p(1)}, ${p(2)}, ${p(3)})
   ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, held_until = excluded.held_until
   WHERE leases.owner = excluded.owner OR leases.held_until <= ${p(4)}`;

export const BATCH_COLUMNS = `id, title, status, created_by AS "createdBy", created_at AS "createdAt",
  updated_at AS "updatedAt", started_at AS "startedAt", finished_at AS "finishedAt",
  warnings_acknowledged AS "warningsAcknowledged"`;

export const BATCH_ITEM_COLUMNS = `batch_id AS "batchId", seq, state, message, audit_id AS "auditId",
  finished_at AS "finishedAt", plan_json AS plan`;

/** A batch row as both stores read it (the flag is an INTEGER in both dialects). */
export function toStoredBatch(
  row: Omit<StoredBatch, "warningsAcknowledged"> & { warningsAcknowledged: unknown },
): StoredBatch {
  return { ...row, warningsAcknowledged: Number(row.warningsAcknowledged) === 1 };
}

/**
 * The conditional UPDATE of a batch's status (BatchStore.transition), for both dialects: `p(n)` names
 * the n-th parameter. Parameters in order: status, updatedAt, then the optional fields given, the
 * id, then each status of `from`.
 */
export function batchTransition(
  p: (n: number) => string,
  id: string,
  from: readonly string[],
  to: Parameters<BatchStore["transition"]>[2],
): { sql: string; params: unknown[] } {
  const sets = ["status", "updated_at"];
  const params: unknown[] = [to.status, to.updatedAt];
  if (to.startedAt !== undefined) {
    sets.push("started_at");
    params.push(to.startedAt);
  }
  if (to.finishedAt !== undefined) {
    sets.push("finished_at");
    params.push(to.finishedAt);
  }
  if (to.warningsAcknowledged !== undefined) {
    sets.push("warnings_acknowledged");
    params.push(to.warningsAcknowledged ? 1 : 0);
  }
  const assignments = sets.map((column, i) => `${column} = ${p(i + 1)}`).join(", ");
  params.push(id);
  const idParam = p(params.length);
  const statuses = from.map((status) => {
    params.push(status);
    return p(params.length);
  });
  return {
    sql: `UPDATE batches SET ${assignments} WHERE id = ${idParam} AND status IN (${statuses.join(", ")})`,
    params,
  };
}
