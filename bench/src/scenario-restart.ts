/**
 * Scenario: the restart (issue 16). A BFF reads a fleet, stops; a second BFF starts on the same data
 * directory (the same SQLite store). Measured: Cognito reads the second BFF sends to show the fleet
 * again (counted by the sandbox, call-counter.ts), the time from its spawn to the first page
 * answered with every row, and that page's rows as read before the restart.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PoolListResponse } from "@clc/domain";
import { startSandbox } from "@clc/sandbox";
import { type BffMemory, startBff } from "./bff-process.ts";
import { startCallCounter } from "./call-counter.ts";
import { measureFleetRead } from "./fleet-read.ts";
import { progress, sleep } from "./progress.ts";
import { FILL_ENV } from "./scenario-warm.ts";

/** How long the restarted BFF is watched for Cognito reads after its first page. */
const WATCH_S = 5;

export interface RestartResults {
  pools: number;
  fillMs: number;
  /** The restarted BFF: spawn → listening, and spawn → first page answered. */
  readyMs: number;
  firstPageMs: number;
  /** The first page's answer: rows in all, rows as read (`ok`), and the fleet's age. */
  total: number;
  rowsRead: number;
  asOf: string | null;
  restoredAt: string | null;
  /** Cognito reads the restarted BFF sent from its start to WATCH_S after the first page. */
  cognitoReads: number;
  watchS: number;
  memoryAfterRestore: BffMemory;
}

const COGNITO_READS = ["ListUserPools", "DescribeUserPool", "GetLogDeliveryConfiguration"];

export async function runRestart(pools: number): Promise<RestartResults> {
  progress(`restart: seeding the sandbox with fleet:${pools}`);
  const sandbox = await startSandbox({ seed: `fleet:${pools}` });
  const counter = await startCallCounter(sandbox);
  const dataDir = mkdtempSync(path.join(tmpdir(), "clc-bench-restart-"));
  try {
    const first = await startBff({ sandboxEndpoint: counter.endpoint, env: { ...FILL_ENV }, dataDir });
    progress("restart: the first BFF reads the fleet");
    const fill = await measureFleetRead({
      client: first.client,
      sandbox,
      counter,
      quotaRps: 15,
      label: "restart fill",
    });
    // A graceful stop: the BFF writes what it has not written to the store yet.
    await first.stop();
    counter.reset();
    progress("restart: a second BFF on the same store");
    const second = await startBff({ sandboxEndpoint: counter.endpoint, dataDir });
    try {
      const page = await second.client.json<PoolListResponse>("GET", "/api/pools?limit=100");
      const firstPageMs = performance.now() - second.spawnedAt;
      await sleep(WATCH_S * 1000);
      const tally = counter.tally();
      const cognitoReads = Object.values(tally.byRegion).reduce(
        (sum, ops) => sum + COGNITO_READS.reduce((n, op) => n + (ops[op] ?? 0), 0),
        0,
      );
      const rowsRead = page.items.filter((row) => row.readState === "ok").length;
      progress(
        `restart: first page ${firstPageMs.toFixed(0)} ms after spawn (listening after ${second.readyMs.toFixed(0)} ms), ${page.total} pools, ${cognitoReads} Cognito reads`,
      );
      return {
        pools,
        fillMs: fill.wallMs,
        readyMs: second.readyMs,
        firstPageMs,
        total: page.total,
        rowsRead,
        asOf: page.fleet.asOf ?? null,
        restoredAt: page.fleet.restoredAt ?? null,
        cognitoReads,
        watchS: WATCH_S,
        memoryAfterRestore: await second.memory({ gc: true }),
      };
    } finally {
      await second.stop();
    }
  } finally {
    await counter.close();
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
