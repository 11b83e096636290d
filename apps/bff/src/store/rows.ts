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
import type { NewAuditRecord, OperatorOrigin, StoredOperator, StoredSession } from "./types.ts";

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
  resource: string | null;
  before_json: string | null;
  after_json: string | null;
  outcome: string;
  attempt_id: number | null;
  error: string | null;
  request_id: string | null;
  aws_request_id: string | null;
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
