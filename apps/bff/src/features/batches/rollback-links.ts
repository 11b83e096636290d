import type { BatchItem } from "@clc/domain";
import type { BatchStore, StoredBatch } from "../../store/types.ts";

/** How many of the newest batches are searched for rollbacks of a batch (the list shows as many). */
const SEARCHED = 100;

/**
 * The rollback links of a batch, both ways (features/batches/rollback.ts): the batch it rolls back
 * (every pool of a rollback batch carries `undoesBatch`) and, for an ended batch (only those can be
 * rolled back), the rollback batches made of it, newest first. Running batches skip the search, so the
 * web's polling of a run costs nothing more.
 */
export async function rollbackLinks(
  store: BatchStore,
  batch: StoredBatch,
  items: readonly BatchItem[],
): Promise<{ undoesBatch: string | null; rolledBackBy: string[] }> {
  const undoesBatch = items.find((i) => i.undoesBatch)?.undoesBatch ?? null;
  if (batch.status !== "finished" && batch.status !== "cancelled") return { undoesBatch, rolledBackBy: [] };
  const rolledBackBy: string[] = [];
  for (const other of await store.list(SEARCHED)) {
    if (other.createdAt < batch.createdAt || other.id === batch.id) continue;
    const [first] = await store.items(other.id);
    if (first && (JSON.parse(first.plan) as { undoesBatch?: string }).undoesBatch === batch.id)
      rolledBackBy.push(other.id);
  }
  return { undoesBatch, rolledBackBy };
}
