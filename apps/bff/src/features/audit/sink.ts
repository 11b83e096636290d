/**
 * The audit trail behind the write routes' `AuditSink` (features/audit/trail.ts). A route records
 * an `attempt` BEFORE anything is sent to AWS and its outcome afterwards; when the attempt cannot
 * be written, `record` throws a 503 problem, so the route stops and AWS is never called with an
 * unrecorded change.
 */

import { ROLLBACK_ACTIONS } from "@clc/domain";
import { ServiceError } from "../../lib/errors.ts";
import type { AuditStore } from "../../store/types.ts";
import type { AuditSink } from "./trail.ts";

export type { AuditEntry, AuditSink } from "./trail.ts";

/** The error text worth keeping: an AWS code and message, never a stack; bounded in size. */
export function describeAuditError(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const e = error as { code?: unknown; message?: unknown };
    const code = typeof e.code === "string" && e.code !== "" ? `${e.code}: ` : "";
    const message = typeof e.message === "string" ? e.message : String(error);
    return `${code}${message}`.slice(0, 2000);
  }
  return String(error).slice(0, 2000);
}

export function createAuditSink(options: { store: AuditStore; clock?: () => number }): AuditSink {
  const clock = options.clock ?? Date.now;
  return {
    async record(entry) {
      try {
        return await options.store.append({ ...entry, at: clock() });
      } catch (error) {
        throw new ServiceError(
          "unavailable",
          "audit-unavailable",
          "Not done: the change could not be recorded",
          {
            detail: `The audit trail could not be written (${describeAuditError(error)}), so nothing was sent to AWS.`,
            hint: "Check the console's data directory (disk space, permissions), then try again.",
          },
        );
      }
    },
    async lastChange({ accountId, poolId }) {
      // Newest first, on the pool's records only (the pool_id index): the first change that landed
      // in the same account is the last one the console made. Records of before accounts have none.
      for await (const record of options.store.iterate({ pool: poolId })) {
        if (record.poolId !== poolId || record.outcome !== "success") continue;
        if (!ROLLBACK_ACTIONS.includes(record.action)) continue;
        if (accountId !== null && record.accountId != null && record.accountId !== accountId) continue;
        return { recordId: record.id, operator: record.operator, at: record.at, after: record.after };
      }
      return null;
    },
  };
}
