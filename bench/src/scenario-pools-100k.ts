/**
 * Scenario: 100,000 pools (issue 16, "Memory"). The sandbox seeded with `fleet:N` (N = --big-pools,
 * default 100,000), the BFF filled as in the warm scenario; then its RSS, and the warm first page
 * loaded by one client.
 */
import type { BffMemory } from "./bff-process.ts";
import { progress, sleep } from "./progress.ts";
import { type LatencyRun, load, startWarmFleet } from "./scenario-warm.ts";

export interface BigFleetResults {
  pools: number;
  /** Seeding the sandbox (fleet:N) and filling the BFF. */
  seedMs: number;
  fillMs: number;
  rowsUnknown: number;
  memory: { afterFill: BffMemory; afterGc: BffMemory; afterIdle: BffMemory; afterLoad: BffMemory };
  firstPage: LatencyRun;
}

export async function runPools100k(pools: number): Promise<BigFleetResults> {
  const started = performance.now();
  const fleet = await startWarmFleet(pools);
  try {
    const seedMs = performance.now() - started - fleet.fillMs;
    const afterFill = await fleet.bff.memory();
    const afterGc = await fleet.bff.memory({ gc: true });
    await sleep(20_000);
    const afterIdle = await fleet.bff.memory();
    progress(
      `pools-100k: BFF RSS ${(afterFill.rss / 2 ** 20).toFixed(0)} MB after the fill, ${(afterIdle.rss / 2 ** 20).toFixed(0)} MB after 20 s idle`,
    );
    const firstPage = await load(fleet.bff, "firstPage", 1, 8);
    progress(
      `pools-100k: first page p50 ${firstPage.p50Ms.toFixed(1)} ms, p95 ${firstPage.p95Ms.toFixed(1)} ms`,
    );
    const afterLoad = await fleet.bff.memory();
    return {
      pools,
      seedMs,
      fillMs: fleet.fillMs,
      rowsUnknown: fleet.rowsUnknown,
      memory: { afterFill, afterGc, afterIdle, afterLoad },
      firstPage,
    };
  } finally {
    await fleet.close();
  }
}
