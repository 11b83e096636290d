import type { AuditAction } from "@clc/domain";

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
  /** The resource acted on when it is not (only) a pool: an ARN. */
  resource: string | null;
  before: unknown;
  after: unknown;
  attemptId: string | null;
  error: string | null;
  requestId: string | null;
  awsRequestId: string | null;
}

/** Where write routes send audit entries; `record` answers the new record's id (for `attemptId`). */
export interface AuditSink {
  record(entry: AuditEntry): string | Promise<string>;
}

/** Used when no audit module is wired (tests of the log-delivery core). */
export const noAudit: AuditSink = {
  record: () => "",
};
