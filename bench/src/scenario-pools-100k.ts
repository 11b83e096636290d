/**
 * Scenario: 100,000 pools (issue 16, "Memory"; opt-in: `--only pools-100k`). Reading 100,000 pools
 * through the BFF takes 200,000 Cognito calls (about 60 pools/s on a loaded 2-core machine: half an
 * hour), and the fill is not what is measured. So the fleet is restored, as a restarted BFF restores
 * it: the sandbox is seeded with `fleet:N`; a first BFF reads a small fleet (TEMPLATE_POOLS pools)
 * and keeps its rows in its store as the product does; those rows, with each of the N sandbox pools'
 * own id, name, ARN and region (listed with ListUserPools), are written to a second store; a BFF
 * started on it restores all N rows with 0 Cognito reads (its cache TTL set to a day, so no fleet
 * read starts during the run). Then its RSS, and the warm first page loaded by one client.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FleetStatus } from "@clc/domain";
import { startSandbox } from "@clc/sandbox";
import type { StoredPoolState } from "../../apps/bff/src/store/fleet-snapshot.ts";
import { createSqliteStores, databasePath } from "../../apps/bff/src/store/sqlite/index.ts";
import { clientFor, type ListedPool, listAll } from "./baselines.ts";
import { type BffMemory, startBff } from "./bff-process.ts";
import { startCallCounter } from "./call-counter.ts";
import { measureFleetRead } from "./fleet-read.ts";
import { progress, sleep } from "./progress.ts";
import { FILL_ENV, type LatencyRun, load } from "./scenario-warm.ts";

/** Pools read through the product to give the stored rows their shapes (tiers, configurations, findings). */
const TEMPLATE_POOLS = 300;

export interface BigFleetResults {
  pools: number;
  /** How the fleet got into the BFF: restored from a store written from real reads' rows. */
  fill: "restored";
  /** Seeding the sandbox, listing it and writing the store; then the BFF's spawn → fleet restored. */
  seedMs: number;
  restoreMs: number;
  rowsRestored: number;
  memory: { afterRestore: BffMemory; afterGc: BffMemory; afterIdle: BffMemory; afterLoad: BffMemory };
  firstPage: LatencyRun;
}

/** The template rows, by region: what a BFF stored after reading a small fleet:TEMPLATE_POOLS. */
async function templateRows(): Promise<Map<string, StoredPoolState[]>> {
  const sandbox = await startSandbox({ seed: `fleet:${TEMPLATE_POOLS}` });
  const counter = await startCallCounter(sandbox);
  const dataDir = mkdtempSync(path.join(tmpdir(), "clc-bench-template-"));
  try {
    const bff = await startBff({ sandboxEndpoint: counter.endpoint, env: { ...FILL_ENV }, dataDir });
    await measureFleetRead({ client: bff.client, sandbox, counter, quotaRps: 15, label: "template" });
    await bff.stop(); // a graceful stop writes every row to the store
    const stores = createSqliteStores(databasePath(dataDir));
    const byRegion = new Map<string, StoredPoolState[]>();
    for (const row of await stores.fleetSnapshot.all()) {
      byRegion.set(row.region, [...(byRegion.get(row.region) ?? []), row]);
    }
    await stores.close();
    return byRegion;
  } finally {
    await counter.close();
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A template row made into `pool`'s: its id, name and ARN, read now. */
function rowFor(template: StoredPoolState, pool: ListedPool, at: number): StoredPoolState {
  const parsed = JSON.parse(template.json) as { facts: { id: string; name: string; arn: string } };
  parsed.facts = {
    ...parsed.facts,
    id: pool.id,
    name: pool.name,
    arn: parsed.facts.arn.replace(template.poolId, pool.id),
  };
  return {
    ...template,
    poolId: pool.id,
    region: pool.region,
    startedAt: at,
    readAt: at,
    json: JSON.stringify(parsed),
  };
}

export async function runPools100k(pools: number): Promise<BigFleetResults> {
  const started = performance.now();
  progress(`pools-100k: template rows from a BFF that read fleet:${TEMPLATE_POOLS}`);
  const templates = await templateRows();
  progress(`pools-100k: seeding the sandbox with fleet:${pools}`);
  const sandbox = await startSandbox({ seed: `fleet:${pools}` });
  const counter = await startCallCounter(sandbox);
  const dataDir = mkdtempSync(path.join(tmpdir(), "clc-bench-100k-"));
  try {
    const listed = (
      await Promise.all(sandbox.regions.map((region) => listAll(clientFor(sandbox.endpoint, region), region)))
    ).flat();
    const stores = createSqliteStores(databasePath(dataDir));
    const at = Date.now();
    for (let i = 0; i < listed.length; i += 5000) {
      const rows = listed.slice(i, i + 5000).map((pool, j) => {
        const choices = templates.get(pool.region) ?? [...templates.values()].flat();
        const template = choices[(i + j) % choices.length];
        if (!template) throw new Error("the template BFF stored no rows");
        return rowFor(template, pool, at);
      });
      await stores.fleetSnapshot.put(rows);
    }
    await stores.close();
    const seedMs = performance.now() - started;
    progress(`pools-100k: ${listed.length} rows stored; a BFF restores them`);
    counter.reset();
    const bff = await startBff({
      sandboxEndpoint: counter.endpoint,
      dataDir,
      env: { CACHE_TTL_SECONDS: "86400" },
    });
    try {
      const status = await bff.client.json<FleetStatus>("GET", "/api/fleet/status");
      const restoreMs = performance.now() - bff.spawnedAt;
      const afterRestore = await bff.memory();
      const afterGc = await bff.memory({ gc: true });
      await sleep(20_000);
      const afterIdle = await bff.memory();
      progress(
        `pools-100k: ${status.loaded} rows restored ${(restoreMs / 1000).toFixed(1)} s after spawn; BFF RSS ${(afterRestore.rss / 2 ** 20).toFixed(0)} MB, ${(afterIdle.rss / 2 ** 20).toFixed(0)} MB after 20 s idle`,
      );
      const firstPage = await load(bff, "firstPage", 1, 8);
      progress(
        `pools-100k: first page p50 ${firstPage.p50Ms.toFixed(1)} ms, p95 ${firstPage.p95Ms.toFixed(1)} ms (${firstPage.matching} pools)`,
      );
      const afterLoad = await bff.memory();
      return {
        pools,
        fill: "restored",
        seedMs,
        restoreMs,
        rowsRestored: status.loaded,
        memory: { afterRestore, afterGc, afterIdle, afterLoad },
        firstPage,
      };
    } finally {
      await bff.stop();
    }
  } finally {
    await counter.close();
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
