/**
 * Scenario 2: the fleet view with 10,000 pools cached. The fill runs with no latency and no quota
 * (it is not what is measured); then GET /api/pools is loaded with autocannon and the BFF child's
 * RSS is read. The running BFF is handed on to the web scenario.
 */
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import autocannon from "autocannon";
import { type BffMemory, type BffProcess, startBff } from "./bff-process.ts";
import { type CallCounter, startCallCounter } from "./call-counter.ts";
import { measureFleetRead } from "./fleet-read.ts";
import { progress, sleep } from "./progress.ts";

const IDLE_S = 20;

/**
 * Only the read rate is raised for the fill; the concurrency stays the BFF's default, as in
 * production. (With 64 concurrent reads the fill is twice as fast but its garbage leaves the V8
 * heap reserved at ~380 MB RSS afterwards, which says nothing about the product.)
 */
export const FILL_ENV = { COGNITO_READ_RPS: "1000" } as const;

export const WARM_QUERIES = {
  firstPage: "/api/pools?limit=100",
  filtered: "/api/pools?q=mobile&tier=PLUS&exporting=any&sort=-findings&limit=100",
} as const;

export interface LatencyRun {
  query: keyof typeof WARM_QUERIES;
  path: string;
  connections: number;
  durationS: number;
  requests: number;
  non2xx: number;
  errors: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Rows matching the query (answer's `total`), to show what was filtered. */
  matching: number;
}

export interface WarmResults {
  pools: number;
  fill: { env: Record<string, string>; wallMs: number; rowsUnknown: number };
  memory: {
    afterFill: BffMemory;
    afterGc: BffMemory;
    afterIdle: BffMemory;
    afterLoad: BffMemory;
    measuredIn: string;
  };
  latency: LatencyRun[];
}

export interface WarmFleet {
  sandbox: RunningSandbox;
  counter: CallCounter;
  bff: BffProcess;
  close(): Promise<void>;
}

/** A BFF child with `pools` pools read and cached. */
export async function startWarmFleet(
  pools: number,
  bffEnv: Record<string, string> = {},
): Promise<WarmFleet & { fillMs: number; rowsUnknown: number }> {
  progress(`warm: seeding the sandbox with fleet:${pools} (no latency, no quota)`);
  const sandbox = await startSandbox({ seed: `fleet:${pools}` });
  const counter = await startCallCounter(sandbox);
  const bff = await startBff({ sandboxEndpoint: counter.endpoint, env: { ...FILL_ENV, ...bffEnv } });
  progress("warm: filling the BFF cache");
  const fill = await measureFleetRead({
    client: bff.client,
    sandbox,
    counter,
    quotaRps: 15,
    label: "warm fill",
  });
  progress(`warm: ${fill.pools} pools cached in ${(fill.wallMs / 1000).toFixed(1)} s`);
  return {
    sandbox,
    counter,
    bff,
    fillMs: fill.wallMs,
    rowsUnknown: fill.rowsUnknown,
    async close() {
      await bff.stop();
      await counter.close();
      await sandbox.close();
    },
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

export async function load(
  bff: BffProcess,
  query: keyof typeof WARM_QUERIES,
  connections: number,
  durationS: number,
): Promise<LatencyRun> {
  const path = WARM_QUERIES[query];
  const probe = await bff.client.json<{ total: number }>("GET", path);
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `${bff.baseUrl}${path}`, connections, duration: durationS, headers: bff.client.headers("GET") },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    // autocannon reports p97.5 but not p95: keep every response time and compute both ourselves.
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      times.push(responseTime);
    });
  });
  times.sort((a, b) => a - b);
  return {
    query,
    path,
    connections,
    durationS,
    requests: times.length,
    non2xx: result.non2xx,
    errors: result.errors,
    requestsPerSecond: times.length / durationS,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    p99Ms: percentile(times, 99),
    maxMs: times.at(-1) ?? Number.NaN,
    matching: probe.total,
  };
}

export async function runWarm(
  fleet: WarmFleet & { fillMs: number; rowsUnknown: number },
  pools: number,
): Promise<WarmResults> {
  const afterFill = await fleet.bff.memory();
  const afterGc = await fleet.bff.memory({ gc: true });
  // V8 keeps the heap it grew during the fill until its memory reducer runs on an idle process.
  progress(`warm: BFF idle for ${IDLE_S} s, then RSS again`);
  await sleep(IDLE_S * 1000);
  const afterIdle = await fleet.bff.memory();
  progress(
    `warm: BFF RSS ${(afterFill.rss / 2 ** 20).toFixed(0)} MB after the fill, ${(afterGc.rss / 2 ** 20).toFixed(0)} MB after a GC, ${(afterIdle.rss / 2 ** 20).toFixed(0)} MB after ${IDLE_S} s idle`,
  );
  const latency: LatencyRun[] = [];
  for (const query of Object.keys(WARM_QUERIES) as Array<keyof typeof WARM_QUERIES>) {
    for (const connections of [1, 8]) {
      progress(`warm: autocannon ${WARM_QUERIES[query]} with ${connections} connection(s) for 8 s`);
      const run = await load(fleet.bff, query, connections, 8);
      progress(
        `  p50 ${run.p50Ms.toFixed(1)} ms, p95 ${run.p95Ms.toFixed(1)} ms, ${run.requestsPerSecond.toFixed(0)} req/s, ${run.non2xx} non-2xx`,
      );
      latency.push(run);
    }
  }
  const afterLoad = await fleet.bff.memory();
  return {
    pools,
    fill: { env: { ...FILL_ENV }, wallMs: fleet.fillMs, rowsUnknown: fleet.rowsUnknown },
    memory: {
      afterFill,
      afterGc,
      afterIdle,
      afterLoad,
      measuredIn: "the BFF's own child process (process.memoryUsage().rss)",
    },
    latency,
  };
}
