import type { AuditAction } from "@clc/domain";
import type { FastifyRequest } from "fastify";
import { type AuditSink, operatorOf } from "../audit/trail.ts";

/**
 * How a change of the standard or an exemption reports to the audit trail: an `attempt` before the
 * store is written (a change whose record cannot be written is refused), then its outcome. Neither
 * names a pool or region: the standard is the console's own document.
 */
export interface StandardTrail {
  /** Who acts (kept as the document's `updatedBy`). */
  readonly operator: string | null;
  /** `resource`: what is changed (`standard:logging`, `standard:exemption:<id>`). */
  attempt(entry: { resource: string; before: unknown; after: unknown }): Promise<string>;
  outcome(attemptId: string, entry: { ok: boolean; after: unknown; error: string | null }): Promise<void>;
}

/** Binds the audit sink to one request and one action. */
export function standardTrailFor(
  audit: AuditSink,
  request: FastifyRequest,
  action: AuditAction,
): StandardTrail {
  const operator = operatorOf(request);
  const common = {
    action,
    operator: operator?.username ?? null,
    role: operator?.role ?? null,
    region: null,
    poolId: null,
    requestId: String(request.id),
    awsRequestId: null,
  };
  let resource: string | null = null;
  return {
    operator: operator?.username ?? null,
    async attempt(entry) {
      resource = entry.resource;
      return audit.record({
        ...common,
        resource,
        outcome: "attempt",
        before: entry.before,
        after: entry.after,
        attemptId: null,
        error: null,
      });
    },
    async outcome(attemptId, { ok, after, error }) {
      await audit.record({
        ...common,
        resource,
        outcome: ok ? "success" : "failure",
        before: null,
        after,
        attemptId,
        error,
      });
    },
  };
}
