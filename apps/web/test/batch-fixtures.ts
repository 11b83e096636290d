/** Batches as the BFF answers them, for the batch page's tests (page and rollback). */
import type { Batch, BatchItem } from "@clc/domain";

export const GROUP = {
  kind: "logGroup",
  arn: "arn:aws:logs:us-east-1:111122223333:log-group:/aws/vendedlogs/n",
} as const;

/** Pool `seq` of a batch that sends its errors to GROUP: ready and pending unless `extra` says otherwise. */
export function batchItem(seq: number, extra: Partial<BatchItem> = {}): BatchItem {
  return {
    seq,
    accountId: "111122223333",
    region: "us-east-1",
    poolId: `us-east-1_Pool${seq}`,
    poolName: `pool-${seq}`,
    change: { userNotification: { action: "set", destination: GROUP }, userAuthEvents: { action: "keep" } },
    plannedVersion: '"abcdefgh12"',
    before: { userNotification: null, userAuthEvents: null },
    desired: { userNotification: GROUP, userAuthEvents: null },
    diff: [
      { eventSource: "userNotification", change: "added", before: null, after: GROUP },
      { eventSource: "userAuthEvents", change: "unchanged", before: null, after: null },
    ],
    errors: [],
    findings: [],
    outcome: "ready",
    reason: null,
    state: "pending",
    message: null,
    auditId: null,
    finishedAt: null,
    ...extra,
  };
}

/** A batch of `items` with its counts computed from them. */
export function batchOf(
  id: string,
  title: string,
  status: Batch["status"],
  items: BatchItem[],
  extra: Partial<Batch> = {},
): Batch {
  const count = <K extends string>(keys: readonly K[], of: (i: BatchItem) => string) =>
    Object.fromEntries(keys.map((k) => [k, items.filter((i) => of(i) === k).length])) as Record<K, number>;
  return {
    id,
    title,
    status,
    createdBy: "ada",
    createdAt: "2026-11-30T17:00:00.000Z",
    updatedAt: "2026-11-30T17:00:00.000Z",
    startedAt: status === "planned" ? null : "2026-11-30T17:01:00.000Z",
    finishedAt: null,
    warningsAcknowledged: false,
    outcomes: count(["ready", "warning", "blocked", "nothing"], (i) => i.outcome),
    states: count(
      ["pending", "running", "done", "changed", "failed", "skipped", "cancelled"],
      (i) => i.state,
    ),
    total: items.length,
    items,
    ...extra,
  };
}
