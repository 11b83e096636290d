import { LogDeliveryModelSchema } from "@clc/domain";
import { ServiceError } from "../../lib/errors.ts";
import type { AuditSink } from "../audit/trail.ts";
import { versionOf } from "./version.ts";

/**
 * A 412 made more useful (issue 19): who put the configuration AWS holds now there, from the audit
 * trail. When the console's last landed change to the pool left exactly that configuration, it was
 * that change (its operator and time); otherwise the change came from outside the console (null).
 * Without a trail (no sign-in) the problem is answered as it was. Any other error passes through.
 */
export async function withChangedBy(
  error: unknown,
  audit: AuditSink,
  pool: { accountId: string | null; poolId: string },
): Promise<unknown> {
  if (!(error instanceof ServiceError) || error.kind !== "stale" || !error.options.current) return error;
  if (!audit.lastChange) return error;
  const current = error.options.current;
  let changedBy: { operator: string | null; at: string; recordId: string } | null = null;
  try {
    const last = await audit.lastChange(pool);
    const after = last ? LogDeliveryModelSchema.safeParse(last.after) : null;
    if (last && after?.success && versionOf(after.data) === current.version) {
      changedBy = { operator: last.operator, at: last.at, recordId: last.recordId };
    }
  } catch {
    // The trail could not be read: say nothing rather than guess "outside the console".
    return error;
  }
  return new ServiceError(error.kind, error.slug, error.title, {
    ...error.options,
    current: { ...current, changedBy },
  });
}
