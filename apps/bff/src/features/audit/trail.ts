import type { AuditAction } from "@clc/domain";
import type { FastifyRequest } from "fastify";

/**
 * What a write route tells the audit trail. A change is recorded twice: an `attempt` before anything
 * is sent to AWS, then its outcome pointing back at the attempt (`attemptId`). An outcome recorded
 * with `before: null` carries its attempt's before (the store copies it), so both rows show
 * before → after.
 */
export interface AuditEntry {
  action: AuditAction;
  outcome: "attempt" | "success" | "failure";
  /** Who acted, from the auth plugin's `request.operator`; null when auth is not installed. */
  operator: string | null;
  role: "viewer" | "admin" | null;
  region: string | null;
  poolId: string | null;
  /** The AWS account acted in (issue 14: a pool is (account, region, pool id)); null when unknown. */
  accountId?: string | null;
  /** The role assumed in that account; null: the console's own credentials. */
  roleArn?: string | null;
  /** For a rollback: the id of the record whose change it undoes. */
  undoes?: string | null;
  /** The resource acted on when it is not (only) a pool: an ARN. */
  resource: string | null;
  before: unknown;
  after: unknown;
  attemptId: string | null;
  error: string | null;
  requestId: string | null;
  awsRequestId: string | null;
}

/** The console's last change to a pool that landed, as the trail holds it. */
export interface LastChange {
  recordId: string;
  operator: string | null;
  /** ISO 8601. */
  at: string;
  /** The configuration the change left (what AWS stored after it). */
  after: unknown;
}

/** Where write routes send audit entries; `record` answers the new record's id (for `attemptId`). */
export interface AuditSink {
  record(entry: AuditEntry): string | Promise<string>;
  /**
   * The newest change to the pool that landed (a `success` of a log-delivery action), or null; absent
   * when no trail is kept. Used to say who changed a pool when a write finds it moved on (412).
   */
  lastChange?(pool: { accountId: string | null; poolId: string }): Promise<LastChange | null>;
}

/** Used when no audit module is wired (tests of the log-delivery core). */
export const noAudit: AuditSink = {
  record: () => "",
};

/**
 * How a service's write reports to the audit trail, bound to one request by `trailFor` (who acted,
 * the request id, the action): the service only says what it is about to change and what happened.
 */
export interface WriteTrail {
  /** Before anything is sent to AWS; answers the attempt's id. */
  attempt(entry: { region: string; poolId: string; before: unknown; after: unknown }): Promise<string>;
  /**
   * A write refused before anything was sent to AWS because the version it was made on is no longer
   * current (412): recorded as a failure with no attempt, so the trail shows who tried what.
   */
  refused(entry: {
    region: string;
    poolId: string;
    before: unknown;
    after: unknown;
    error: string;
  }): Promise<void>;
  outcome(
    attemptId: string,
    entry: {
      region: string;
      poolId: string;
      ok: boolean;
      /** Omitted: the attempt's before (the trail stores it on the outcome too). */
      before?: unknown;
      after: unknown;
      error: string | null;
      awsRequestId: string | null;
    },
  ): Promise<void>;
}

interface OperatorLike {
  username: string;
  role: "viewer" | "admin";
}

/** The signed-in operator when the auth plugin is installed (it decorates `request.operator`). */
export function operatorOf(request: FastifyRequest): OperatorLike | null {
  const operator = (request as unknown as { operator?: OperatorLike | null }).operator;
  return operator ?? null;
}

/** Binds the audit sink to one request: who acted, the request id, the action. */
export function trailFor(
  audit: AuditSink,
  request: FastifyRequest,
  action: AuditAction,
  resource: string | null = null,
  account?: { accountId: string; roleArn: string | null },
  undoes?: string,
): WriteTrail {
  const operator = operatorOf(request);
  return boundTrail(audit, {
    action,
    ...(account ? { accountId: account.accountId, roleArn: account.roleArn } : {}),
    operator: operator?.username ?? null,
    role: operator?.role ?? null,
    ...(undoes !== undefined ? { undoes } : {}),
    resource,
    requestId: String(request.id),
  });
}

/**
 * A WriteTrail whose records all carry `common` (who, what, the request id): for work that is not one
 * request's (a batch's pools carry `batch:<id>` as their request id, features/batches).
 */
export function boundTrail(
  audit: AuditSink,
  common: Pick<AuditEntry, "action" | "operator" | "role" | "resource" | "requestId"> &
    Pick<AuditEntry, "accountId" | "roleArn" | "undoes">,
): WriteTrail {
  return {
    async attempt(entry) {
      return audit.record({
        ...common,
        outcome: "attempt",
        region: entry.region,
        poolId: entry.poolId,
        before: entry.before,
        after: entry.after,
        attemptId: null,
        error: null,
        awsRequestId: null,
      });
    },
    async refused(entry) {
      await audit.record({
        ...common,
        outcome: "failure",
        region: entry.region,
        poolId: entry.poolId,
        before: entry.before,
        after: entry.after,
        attemptId: null,
        error: entry.error,
        awsRequestId: null,
      });
    },
    async outcome(attemptId, entry) {
      await audit.record({
        ...common,
        outcome: entry.ok ? "success" : "failure",
        region: entry.region,
        poolId: entry.poolId,
        // null: the store copies the attempt's before, so the outcome row reads before → after alone.
        before: entry.before ?? null,
        after: entry.after,
        attemptId,
        error: entry.error,
        awsRequestId: entry.awsRequestId,
      });
    },
  };
}
