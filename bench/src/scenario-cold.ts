/**
 * Scenarios 1 and 4: a cold fleet read against a sandbox with per-call latency and Cognito's
 * 15 req/s read quota, compared with its floor (calls ÷ quota, per region) and with two SDK
 * baselines; then the same read with injected throttling and 5xx answers.
 */
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import { type BaselineResult, naivePromiseAll, sequentialLoop } from "./baselines.ts";
import { startBff } from "./bff-process.ts";
import { type CallCounter, startCallCounter } from "./call-counter.ts";
import { type FleetReadResult, measureFleetRead } from "./fleet-read.ts";
import { progress } from "./progress.ts";

export const COLD_REALISM = {
  // 35 ms + up to 10 ms of jitter: 40 ms ± 5 ms per call.
  latencyMs: 35,
  jitterMs: 10,
  quotas: { enabled: true, userPoolReadRps: 15, userPoolUpdateRps: 15 },
} as const;
export const FAULTS = { throttleRate: 0.2, errorRate: 0.05, hangRate: 0 } as const;

export interface OursRun {
  label: string;
  /** The BFF environment that differs from its defaults. */
  env: Record<string, string>;
  /** The rate the BFF paced its Cognito reads at (its config), for reading the figures. */
  bffReadRps: number;
  faults: typeof FAULTS | null;
  result: FleetReadResult;
}

export interface ColdResults {
  pools: number;
  regions: string[];
  realism: typeof COLD_REALISM;
  quotaRps: number;
  ours: OursRun[];
  baselines: Array<BaselineResult & { tally: FleetReadResult["tally"] }>;
}

async function oursRun(
  sandbox: RunningSandbox,
  counter: CallCounter,
  label: string,
  env: Record<string, string>,
  bffReadRps: number,
  faults: typeof FAULTS | null,
  expectedPools: number,
): Promise<OursRun> {
  progress(
    `${label}: starting the BFF (${
      Object.entries(env)
        .map(([k, v]) => `${k}=${v}`)
        .join(" ") || "defaults"
    })`,
  );
  const bff = await startBff({ sandboxEndpoint: counter.endpoint, env });
  try {
    const result = await measureFleetRead({
      client: bff.client,
      sandbox,
      counter,
      quotaRps: COLD_REALISM.quotas.userPoolReadRps,
      label,
      expectedPools,
      ...(faults ? { faults: { ...faults } } : {}),
    });
    progress(
      `${label}: ${(result.wallMs / 1000).toFixed(1)} s for ${result.pools} pools, floor ${(result.floorMs / 1000).toFixed(1)} s (×${result.ratioToFloor.toFixed(2)}), ${result.rowsUnknown} rows unknown, ${result.rowsNotListed} pools not listed (${result.regionErrors} region listings failed)`,
    );
    return { label, env, bffReadRps, faults, result };
  } finally {
    await bff.stop();
  }
}

export async function runCold(options: {
  pools: number;
  defaultRpsRun: boolean;
  baselines: boolean;
  faults: boolean;
}): Promise<ColdResults> {
  progress(`cold: seeding the sandbox with fleet:${options.pools}`);
  const sandbox = await startSandbox({ seed: `fleet:${options.pools}`, realism: COLD_REALISM });
  const counter = await startCallCounter(sandbox);
  const ours: OursRun[] = [];
  const baselines: ColdResults["baselines"] = [];
  try {
    // The fault run is compared with a fault-free run at the same settings, so it needs one.
    ours.push(
      await oursRun(
        sandbox,
        counter,
        "ours, full quota",
        { COGNITO_READ_RPS: "15" },
        15,
        null,
        options.pools,
      ),
    );
    if (options.defaultRpsRun) {
      ours.push(await oursRun(sandbox, counter, "ours, default config", {}, 10, null, options.pools));
    }
    if (options.faults) {
      ours.push(
        await oursRun(
          sandbox,
          counter,
          "ours, full quota, under faults",
          { COGNITO_READ_RPS: "15" },
          15,
          FAULTS,
          options.pools,
        ),
      );
    }
    if (options.baselines) {
      for (const baseline of [sequentialLoop, naivePromiseAll]) {
        sandbox.setRealism({ faults: { throttleRate: 0, errorRate: 0, hangRate: 0 } });
        counter.reset();
        progress(`cold: baseline ${baseline.name}`);
        const result = await baseline(counter.endpoint, sandbox.regions);
        baselines.push({ ...result, tally: counter.tally() });
        progress(
          `  ${result.name}: ${(result.wallMs / 1000).toFixed(1)} s, ${Object.values(result.errors).reduce((a, b) => a + b, 0)} failed calls, ${result.poolsWithErrors} pools with errors`,
        );
      }
    }
  } finally {
    await counter.close();
    await sandbox.close();
  }
  return {
    pools: options.pools,
    regions: sandbox.regions,
    realism: COLD_REALISM,
    quotaRps: COLD_REALISM.quotas.userPoolReadRps,
    ours,
    baselines,
  };
}
