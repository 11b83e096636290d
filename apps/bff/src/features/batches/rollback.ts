/**
 * Rolling back a whole batch (issue 17, "Rollback ... or a whole batch").
 *
 * - Plan: for each pool the batch wrote (`done`), its record is found (the success outcome of the
 *   attempt the pool kept, `auditId`) and planned like one record's rollback (domain rollback.ts
 *   `planRollback`: only the sources that record changed are restored, on the pool's current
 *   version), then judged like any batch pool (pools/service.ts `previewConfiguration`). A pool that
 *   moved on since the batch is `blocked` with what changed; a pool the batch did not write is
 *   `nothing` ("nothing to undo").
 * - Apply: the plan is stored as a NEW batch (BatchService `createPlanned`), so the rollback is
 *   reviewed once and runs on the batch runner: paced, paused, resumed after a restart, cancelled,
 *   and each pool written on the version it was planned on (a pool changed after the plan is
 *   `changed`, never overwritten). Each pool carries `undoes` (its record) and `undoesBatch`, so its
 *   write is audited `log-delivery.rollback` with `undoes` and the new batch's request id.
 */
import {
  BATCH_OUTCOMES,
  type Batch,
  type BatchChange,
  type BatchItem,
  type BatchOutcome,
  type BatchRollbackPreview,
  type BatchSourceChange,
  type EVENT_SOURCES,
  movedOnReason,
  planRollback,
  type RecordedChange,
  recordedChangeOf,
  rollbackBatchTitle,
} from "@clc/domain";
import { ServiceError } from "../../lib/errors.ts";
import type { AuditStore } from "../../store/types.ts";
import {
  type BatchActor,
  type BatchService,
  type BatchServiceDeps,
  errorText,
  type ItemPlan,
  planEach,
  planFromPreview,
} from "./service.ts";

export interface BatchRollbackDeps {
  batches: Pick<BatchService, "get" | "createPlanned">;
  /** The audit trail: where each pool's record (its before and after) is read. */
  audit: Pick<AuditStore, "iterate">;
  accounts: BatchServiceDeps["accounts"];
  /** The budget of each pool's reads (AWS_REQUEST_DEADLINE_MS). */
  poolDeadlineMs: number;
}

export interface BatchRollback {
  /** What rolling back batch `id` would do now (reads every pool it wrote); writes nothing. */
  preview(id: string): Promise<BatchRollbackPreview>;
  /** Plans it again and stores it as a new `planned` batch, to review and start like any batch. */
  create(id: string, actor: BatchActor): Promise<Batch>;
}

/** The change a rollback item shows: the restored sources set back, the others kept. */
function restoringChange(change: RecordedChange, sources: readonly string[]): BatchChange | null {
  if (sources.length === 0) return null;
  const of = (source: (typeof EVENT_SOURCES)[number]): BatchSourceChange => {
    if (!sources.includes(source)) return { action: "keep" };
    const d = change.before[source];
    return d ? { action: "set", destination: { kind: d.kind, arn: d.arn } } : { action: "remove" };
  };
  return { userNotification: of("userNotification"), userAuthEvents: of("userAuthEvents") };
}

export function createBatchRollback(deps: BatchRollbackDeps): BatchRollback {
  /** The success record of the write whose attempt is `attemptId`, as a change to undo, or why not. */
  async function recordOf(item: BatchItem): Promise<RecordedChange | string> {
    const attemptId = item.auditId;
    if (attemptId === null) return "The batch kept no audit record of this pool's write.";
    for await (const record of deps.audit.iterate({ pool: item.poolId })) {
      if (record.attemptId === attemptId && record.outcome === "success") return recordedChangeOf(record);
      // Newest first: past the attempt, its outcome cannot come.
      if (BigInt(record.id) <= BigInt(attemptId)) break;
    }
    return `The audit trail holds no success record of this pool's write (attempt ${attemptId}): it may have been pruned.`;
  }

  async function planItem(batchId: string, item: BatchItem): Promise<ItemPlan> {
    const base = {
      accountId: item.accountId,
      region: item.region,
      poolId: item.poolId,
      poolName: item.poolName,
      change: item.change,
      plannedVersion: null,
      before: null,
      desired: null,
      diff: [],
      errors: [],
      findings: [],
      undoes: null,
      undoesBatch: batchId,
    };
    if (item.state !== "done") {
      return {
        ...base,
        outcome: "nothing",
        reason: `Nothing to undo: the batch did not write this pool (${item.state}).`,
      };
    }
    const change = await recordOf(item);
    if (typeof change === "string") return { ...base, outcome: "blocked", reason: change };
    try {
      let restored: ReturnType<typeof planRollback> | null = null;
      const planned = await planFromPreview(
        deps,
        { ...base, undoes: change.recordId },
        (current) => planRollback(change, current).desired,
        (current) => {
          restored = planRollback(change, current);
          return restored.movedOn.length > 0 ? movedOnReason(restored.movedOn) : null;
        },
      );
      const plan = restored as ReturnType<typeof planRollback> | null;
      // A refused pool shows what changed (its reason), not the write it will not get.
      const refused = plan && plan.movedOn.length > 0 ? { desired: null, diff: [] } : {};
      return {
        ...planned,
        ...refused,
        change: (plan && restoringChange(change, plan.sources)) ?? item.change,
        reason:
          planned.reason ??
          (planned.outcome === "nothing" ? "Nothing to undo: AWS already holds what it had before." : null),
      };
    } catch (error) {
      return { ...base, outcome: "blocked", reason: `The pool could not be read: ${errorText(error)}` };
    }
  }

  async function plan(id: string): Promise<{ title: string; plans: ItemPlan[] }> {
    const batch = await deps.batches.get(id);
    if (batch.status !== "finished" && batch.status !== "cancelled") {
      throw new ServiceError("conflict", "batch-not-ended", "The batch has not ended", {
        detail: `Batch ${id} is ${batch.status}: only a finished or cancelled batch can be rolled back.`,
        hint: "Let it finish, or cancel it, then roll it back.",
      });
    }
    const plans = await planEach(batch.items, (item) => planItem(id, item));
    return { title: rollbackBatchTitle(batch.title), plans };
  }

  return {
    async preview(id) {
      const { title, plans } = await plan(id);
      const outcomes = Object.fromEntries(BATCH_OUTCOMES.map((k) => [k, 0])) as Record<BatchOutcome, number>;
      for (const p of plans) outcomes[p.outcome] += 1;
      return { batchId: id, title, outcomes, items: plans };
    },

    async create(id, actor) {
      const { title, plans } = await plan(id);
      return deps.batches.createPlanned(title, plans, actor);
    },
  };
}
