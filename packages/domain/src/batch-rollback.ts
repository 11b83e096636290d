/**
 * Rolling back a whole batch (issue 17, "Rollback ... or a whole batch"): every pool the batch wrote
 * gets the rollback plan of its record (rollback.ts `planRollback`: only the sources that record
 * changed are restored, on the pool's current version). The rollback is itself a batch, whose pools
 * carry the record they undo (`undoes`) and the batch they roll back (`undoesBatch`), so it is
 * reviewed once, paced, paused, resumed and cancelled like any batch, and each write is refused
 * (`changed`) when the pool moved on after the rollback was planned.
 */
import { z } from "zod";
import { BatchItemSchema, BatchOutcomeSchema, BatchParamsSchema } from "./batches.ts";
import { EVENT_SOURCE_LABELS } from "./labels.ts";
import { destinationText, type MovedOn } from "./rollback.ts";

/** One pool of a rollback's plan: a batch item before it runs. */
export const BatchRollbackItemSchema = BatchItemSchema.omit({
  seq: true,
  state: true,
  message: true,
  auditId: true,
  finishedAt: true,
});
export type BatchRollbackItem = z.infer<typeof BatchRollbackItemSchema>;

/** `GET /api/batches/{batchId}/rollback`: what rolling the batch back would do now; writes nothing. */
export const BatchRollbackPreviewSchema = z.object({
  /** The batch to roll back. */
  batchId: z.string(),
  /** The title the rollback batch will get. */
  title: z.string(),
  /** Pools per outcome: `ready`/`warning` are restored, `blocked` refused (reason), `nothing` to undo. */
  outcomes: z.record(BatchOutcomeSchema, z.number().int().nonnegative()),
  items: z.array(BatchRollbackItemSchema),
});
export type BatchRollbackPreview = z.infer<typeof BatchRollbackPreviewSchema>;

export const BatchRollbackParamsSchema = BatchParamsSchema;

/** The title of the batch that rolls back the batch titled `title`. */
export function rollbackBatchTitle(title: string): string {
  return `Roll back: ${title}`.slice(0, 200);
}

/** Why a pool cannot be rolled back because it moved on since the batch, in the user's terms. */
export function movedOnReason(movedOn: readonly MovedOn[]): string {
  const what = movedOn
    .map(
      (m) =>
        `${EVENT_SOURCE_LABELS[m.eventSource]}: the batch left ${destinationText(m.recorded)}, AWS now holds ${destinationText(m.now)}.`,
    )
    .join(" ");
  return `Changed since the batch: ${what} Rolling it back would overwrite that later change, so it is not rolled back.`;
}
