import { z } from "zod";
import { PreviewResponseSchema, SourceDiffSchema } from "./api.ts";
import type { AuditAction, AuditRecordSchema } from "./api-auth.ts";
import { applyEdit, diffConfigurations } from "./diff.ts";
import { DESTINATION_KIND_LABELS } from "./labels.ts";
import {
  type Destination,
  type EventSource,
  EventSourceSchema,
  type LogDeliveryModel,
  LogDeliveryModelSchema,
} from "./model.ts";

/**
 * Rolling back a change from the audit trail (issue 17): the configuration a record holds as
 * "before" is restored as a new change on the pool's current version, for the event sources that
 * record changed and those only. Set replaces the whole list, so every other source is carried over
 * as AWS holds it now: a rollback never undoes a change it was not asked to undo.
 */

/** The actions whose records carry a log delivery configuration before and after, and so can be undone. */
export const ROLLBACK_ACTIONS: readonly AuditAction[] = [
  "log-delivery.apply",
  "log-delivery.disable",
  "log-delivery.rollback",
];

/** What a record says a change did to one pool, when it is a change that can be undone. */
export interface RecordedChange {
  recordId: string;
  accountId: string | null;
  region: string;
  poolId: string;
  before: LogDeliveryModel;
  after: LogDeliveryModel;
}

/**
 * The change an audit record describes, or why it cannot be undone (a sentence for the user).
 * Only a `success` outcome counts: an attempt or a failure did not change what AWS holds.
 */
export function recordedChangeOf(record: z.infer<typeof AuditRecordSchema>): RecordedChange | string {
  if (!ROLLBACK_ACTIONS.includes(record.action)) {
    return `Record ${record.id} is a ${record.action} record: only changes to a pool's log delivery can be rolled back.`;
  }
  if (record.outcome !== "success") {
    return `Record ${record.id} is the ${record.outcome} of a change, not a change that landed: roll back its success record instead.`;
  }
  const before = LogDeliveryModelSchema.safeParse(record.before);
  const after = LogDeliveryModelSchema.safeParse(record.after);
  if (record.poolId === null || record.region === null || !before.success || !after.success) {
    return `Record ${record.id} does not say which configuration the pool had before, so there is nothing to restore.`;
  }
  return {
    recordId: record.id,
    accountId: record.accountId ?? null,
    region: record.region,
    poolId: record.poolId,
    before: before.data,
    after: after.data,
  };
}

/** One event source the pool no longer holds as the record left it. */
export const MovedOnSchema = z.object({
  eventSource: EventSourceSchema,
  /** What the record left (its "after"). */
  recorded: SourceDiffSchema.shape.after,
  /** What AWS holds now. */
  now: SourceDiffSchema.shape.after,
});
export type MovedOn = z.infer<typeof MovedOnSchema>;

export interface RollbackPlan {
  /** The event sources the record changed, which the rollback restores. */
  sources: EventSource[];
  /** The configuration to send: `current` with `sources` set back to the record's before. */
  desired: LogDeliveryModel;
  /** Sources changed again since the record: a rollback would overwrite that later change, so it is refused. */
  movedOn: MovedOn[];
}

/** Pure: what restoring `change.before` on a pool that holds `current` means. */
export function planRollback(
  change: Pick<RecordedChange, "before" | "after">,
  current: LogDeliveryModel,
): RollbackPlan {
  const sources = diffConfigurations(change.after, change.before)
    .filter((row) => row.change !== "unchanged")
    .map((row) => row.eventSource);
  const movedOn = diffConfigurations(change.after, current)
    .filter((row) => row.change !== "unchanged" && sources.includes(row.eventSource))
    .map((row) => ({ eventSource: row.eventSource, recorded: row.before, now: row.after }));
  let desired = current;
  for (const source of sources) desired = applyEdit(desired, source, change.before[source]);
  return { sources, desired, movedOn };
}

/** The preview of a rollback: a preview like any edit's, plus the record it undoes and what moved on. */
export const RollbackPreviewSchema = PreviewResponseSchema.extend({
  /** The audit record whose change this undoes. */
  recordId: z.string(),
  accountId: z.string().nullable(),
  region: z.string(),
  poolId: z.string(),
  poolName: z.string(),
  /** What the record says the change did. */
  recorded: z.object({ before: LogDeliveryModelSchema, after: LogDeliveryModelSchema }),
  /** Non-empty: the pool changed again since; the rollback is refused (canApply false). */
  movedOn: z.array(MovedOnSchema),
});
export type RollbackPreview = z.infer<typeof RollbackPreviewSchema>;

export const AuditRecordParamsSchema = z.object({
  id: z.string().regex(/^[0-9]{1,18}$/, "Expected an audit record's id (a number)"),
});

/** A destination in a sentence: "log group arn:…", or "off" for none. */
export function destinationText(destination: Destination | null): string {
  return destination === null
    ? "off"
    : `${DESTINATION_KIND_LABELS[destination.kind].toLowerCase()} ${destination.arn}`;
}
