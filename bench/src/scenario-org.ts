/**
 * Issue 14's organization read: a cold fleet read of a sandbox organization (`org:ACCOUNTSxPOOLS`:
 * ACCOUNTS member accounts, each with POOLS pools in each of two regions, read through the role
 * CognitoLogConsoleRole), with the cold run's latency and Cognito quota, compared with its floor:
 * the successful Cognito reads of the busiest (account, region) ÷ quota, since every account and
 * region has its own quota and the console reads them in parallel. Three reads, each by a fresh
 * BFF: the one that counts (cold sandbox, Cognito reads in one worker thread), then on the warmed
 * sandbox with the reads on the main thread and in a worker again, to compare the two on equal terms.
 */
import { startSandbox } from "@clc/sandbox";
import { startBff } from "./bff-process.ts";
import { startCallCounter } from "./call-counter.ts";
import { type FleetReadResult, measureFleetRead } from "./fleet-read.ts";
import { describePhases } from "./phases.ts";
import { progress } from "./progress.ts";
import { COLD_REALISM } from "./scenario-cold.ts";

export interface OrgResults {
  accounts: number;
  poolsPerAccountRegion: number;
  regions: string[];
  quotaRps: number;
  /** The BFF's environment beyond its defaults (sandbox mode discovers the organization itself). */
  env: Record<string, string>;
  /** Accounts the BFF reported, and how many of them failed. */
  accountsRead: number;
  accountsFailed: number;
  /** The read with the Cognito reads in one worker thread (COGNITO_READ_WORKERS=1), on a cold sandbox. */
  result: FleetReadResult;
  /**
   * The same read again, each time by a fresh BFF on the now warm sandbox: with the reads on the main
   * thread (COGNITO_READ_WORKERS=0), then in one worker again, so the two compare on equal terms.
   */
  compared: { workers: number; result: FleetReadResult }[];
}

export async function runOrg(options: { accounts: number; pools: number }): Promise<OrgResults> {
  const seed = `org:${options.accounts}x${options.pools}` as const;
  progress(`org: seeding the sandbox with ${seed}`);
  const sandbox = await startSandbox({ seed, realism: COLD_REALISM });
  const counter = await startCallCounter(sandbox);
  const env = { COGNITO_READ_RPS: String(COLD_REALISM.quotas.userPoolReadRps) };
  try {
    const read = async (workers: number): Promise<FleetReadResult> => {
      progress(
        `org: starting the BFF with COGNITO_READ_WORKERS=${workers} (discovers the organization, assumes the role in each account)`,
      );
      const bff = await startBff({
        sandboxEndpoint: counter.endpoint,
        env: { ...env, COGNITO_READ_WORKERS: String(workers) },
      });
      try {
        // Ready as a load balancer sees it (/readyz: AWS answers, the Cognito read worker has started).
        await bff.client.json("GET", "/readyz");
        const result = await measureFleetRead({
          client: bff.client,
          sandbox,
          counter,
          quotaRps: COLD_REALISM.quotas.userPoolReadRps,
          label: `org ${seed}`,
          // Each member account's pools in each of the seed's two regions.
          expectedPools: options.accounts * options.pools * 2,
          bffPid: bff.pid,
        });
        progress(
          `org (${workers} worker${workers === 1 ? "" : "s"}): ${(result.wallMs / 1000).toFixed(1)} s for ${result.pools} pools in ${(result.status.accounts ?? []).length} accounts, floor ${(result.floorMs / 1000).toFixed(1)} s (×${result.ratioToFloor.toFixed(2)}), ${result.rowsUnknown + result.rowsPending + result.rowsNotListed} rows not read`,
        );
        for (const line of describePhases(result.phases)) progress(`org: ${line}`);
        return result;
      } finally {
        await bff.stop();
      }
    };
    const result = await read(1);
    const compared: OrgResults["compared"] = [];
    for (const workers of [0, 1]) compared.push({ workers, result: await read(workers) });
    const accounts = result.status.accounts ?? [];
    return {
      accounts: options.accounts,
      poolsPerAccountRegion: options.pools,
      regions: sandbox.regions.length > 0 ? sandbox.regions : ["us-east-1", "eu-west-1"],
      quotaRps: COLD_REALISM.quotas.userPoolReadRps,
      env,
      accountsRead: accounts.length,
      accountsFailed: accounts.filter((a) => a.status !== "ok").length,
      result,
      compared,
    };
  } finally {
    await counter.close();
    await sandbox.close();
  }
}
