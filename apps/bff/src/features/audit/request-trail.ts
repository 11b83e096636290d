import type { AuditAction } from "@clc/domain";
import type { FastifyRequest } from "fastify";
import type { WriteTrail } from "../pools/service.ts";
import type { AuditSink } from "./trail.ts";

interface OperatorLike {
  username: string;
  role: "viewer" | "admin";
}

/** The signed-in operator when the auth plugin is installed (it decorates `request.operator`). */
function operatorOf(request: FastifyRequest): OperatorLike | null {
  const operator = (request as unknown as { operator?: OperatorLike | null }).operator;
  return operator ?? null;
}

/** Binds the audit sink to one request: who acted, the request id, the action. */
export function trailFor(
  audit: AuditSink,
  request: FastifyRequest,
  action: AuditAction,
  resource: string | null = null,
): WriteTrail {
  const operator = operatorOf(request);
  const common = {
    action,
    operator: operator?.username ?? null,
    role: operator?.role ?? null,
    resource,
    requestId: String(request.id),
  };
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
