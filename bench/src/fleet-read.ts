/** Measures one cold fleet read of the BFF: POST /api/fleet/refresh until the status is `ready`. */
import type { FleetStatus, PoolListResponse } from "@clc/domain";
import type { RunningSandbox } from "@clc/sandbox";
import type { BffClient } from "./bff-process.ts";
import type { CallCounter, CallTally } from "./call-counter.ts";
import { type FleetReadPhases, fleetReadPhases, ownCpuMs, processCpuMs } from "./phases.ts";
import { progress, sleep } from "./progress.ts";

export interface FleetReadResult {
  wallMs: number;
  pools: number;
  status: FleetStatus;
  /** Rows the caller sees as not read (`unknown`, or still `pending` after `ready`). */
  rowsUnknown: number;
  rowsPending: number;
  /**
   * Pools the sandbox holds that the fleet does not list at all (a region whose listing failed
   * shows as the region's error, not as rows): `expectedPools` − rows listed, 0 when not given.
   */
  rowsNotListed: number;
  /** The regions whose listing failed, as the fleet's status names them. */
  regionErrors: number;
  sampleReadErrors: string[];
  /** Cognito calls the sandbox answered (all operations, including throttled answers). */
  sandboxCognitoCalls: number;
  tally: CallTally;
  /**
   * Per (account, region): successful Cognito reads ÷ quota; the busiest one bounds the read (each
   * account and region has its own quota, and they are read in parallel). One account: per region.
   */
  floorMs: number;
  /** The busiest place: "<access key id> <region>" (the access key stands for the account). */
  floorRegion: string;
  ratioToFloor: number;
  /** Where the time went: each kind of call's span, per-place first reads and concurrency, CPU. */
  phases: FleetReadPhases;
}

export async function measureFleetRead(options: {
  client: BffClient;
  sandbox: RunningSandbox;
  counter: CallCounter;
  quotaRps: number;
  label: string;
  /** The BFF's process id, for its CPU time during the read (phases). */
  bffPid?: number;
  timeoutMs?: number;
  /** Injected faults for this read (none by default). */
  faults?: { throttleRate: number; errorRate: number; hangRate: number };
  /** The pools the sandbox was seeded with, to count those the fleet never listed. */
  expectedPools?: number;
}): Promise<FleetReadResult> {
  const { client, sandbox, counter } = options;
  // Fresh quota buckets in the sandbox and fresh counts, so each run starts alike.
  // (setRealism also empties the sandbox's quota buckets.)
  sandbox.setRealism({ faults: options.faults ?? { throttleRate: 0, errorRate: 0, hangRate: 0 } });
  sandbox.resetCalls();
  counter.reset();
  const bffCpuBefore = options.bffPid === undefined ? null : processCpuMs(options.bffPid);
  const ownCpuBefore = ownCpuMs();
  const started = performance.now();
  await client.json<FleetStatus>("POST", "/api/fleet/refresh");
  let status: FleetStatus;
  let lastReport = started;
  const deadline = started + (options.timeoutMs ?? 15 * 60_000);
  for (;;) {
    status = await client.json<FleetStatus>("GET", "/api/fleet/status");
    if (status.state === "ready") break;
    const now = performance.now();
    if (now > deadline)
      throw new Error(`${options.label}: the fleet read did not finish within ${options.timeoutMs} ms`);
    if (now - lastReport > 5000) {
      lastReport = now;
      progress(
        `  ${options.label}: ${status.loaded}/${status.total ?? "?"} pools read, ${status.failed} failed`,
      );
    }
    await sleep(50);
  }
  const wallMs = performance.now() - started;
  const bffCpuAfter = options.bffPid === undefined ? null : processCpuMs(options.bffPid);
  const phases = fleetReadPhases(counter.events(), {
    bff: bffCpuBefore === null || bffCpuAfter === null ? null : bffCpuAfter - bffCpuBefore,
    sandboxAndBench: ownCpuMs() - ownCpuBefore,
  });
  sandbox.setRealism({ faults: { throttleRate: 0, errorRate: 0, hangRate: 0 } });
  const tally = counter.tally();
  const sandboxCalls = sandbox.calls();

  let rowsUnknown = 0;
  let rowsPending = 0;
  let pools = 0;
  const sampleReadErrors: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await client.json<PoolListResponse>("GET", `/api/pools?limit=500&offset=${offset}`);
    for (const row of page.items) {
      pools += 1;
      if (row.readState === "unknown") {
        rowsUnknown += 1;
        if (row.readError && sampleReadErrors.length < 5) sampleReadErrors.push(row.readError);
      } else if (row.readState === "pending") rowsPending += 1;
    }
    if (offset + page.limit >= page.total) break;
  }

  let floorMs = 0;
  let floorRegion = "";
  for (const [region, calls] of Object.entries(tally.cognitoReadsOkByCredential)) {
    const ms = (calls / options.quotaRps) * 1000;
    if (ms > floorMs) {
      floorMs = ms;
      floorRegion = region;
    }
  }
  const sandboxCognitoCalls = Object.entries(sandboxCalls.byOperation)
    .filter(([key]) => key.startsWith("cognito-idp:"))
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    wallMs,
    pools,
    status,
    rowsUnknown,
    rowsPending,
    rowsNotListed: options.expectedPools === undefined ? 0 : Math.max(0, options.expectedPools - pools),
    regionErrors: status.regionErrors?.length ?? 0,
    sampleReadErrors,
    sandboxCognitoCalls,
    tally,
    floorMs,
    floorRegion,
    ratioToFloor: floorMs > 0 ? wallMs / floorMs : Number.NaN,
    phases,
  };
}
