/**
 * Scenario "steady" (issue 16): the fleet view open for a window while another client changes pools
 * now and then. Two runs over the same fleet, each its own BFF child: the TTL re-read (events off,
 * every pool re-read when the cache expires) and events (trail → rule → queue → reader, re-reading
 * only the pools named, with the slow sweep). Measured: the time from each change to the first fleet
 * page that shows it, and the console's Cognito reads over the window as a share of the read quota.
 * The sandbox's CloudTrail delay is shortened (its config) so the window stays minutes long; the
 * delay AWS gives no bound for is reported beside the figures.
 */
import {
  CognitoIdentityProviderClient,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import { type BffProcess, startBff } from "./bff-process.ts";
import { progress, sleep } from "./progress.ts";

const QUOTA_RPS = 15;
const REGIONS = ["us-east-1", "eu-west-1"];
const READ_OPS = [
  "cognito-idp:ListUserPools",
  "cognito-idp:DescribeUserPool",
  "cognito-idp:GetLogDeliveryConfiguration",
];

export interface SteadyRun {
  mode: "ttl" | "events";
  cacheTtlSeconds: number;
  windowS: number;
  changes: number;
  /** Seconds from each change to the first fleet page showing it (null: not seen within the window). */
  secondsToSee: Array<number | null>;
  maxSecondsToSee: number | null;
  consoleCognitoReads: number;
  readsPerSecond: number;
  /** readsPerSecond ÷ one region's quota (15/s): the console's share of it, all reads counted against one region. */
  quotaShare: number;
  /**
   * Events only: the Cognito reads of going on events, before the window. The rows were read before
   * the places went on events, so a change made meanwhile may have reached no queue: every pool is
   * read once more (here an operator's Refresh, right after the setup), once.
   */
  catchUpReads: number | null;
}

export interface SteadyResults {
  pools: number;
  eventDelayMs: number;
  changeEveryS: number;
  runs: SteadyRun[];
}

/** A JSON-protocol call straight to the sandbox (it checks the SigV4 form, not the signature). */
async function sandboxCall(endpoint: string, region: string, service: string, target: string, body: unknown) {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": target,
      authorization: `AWS4-HMAC-SHA256 Credential=bench/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${target}: ${response.status} ${await response.text()}`);
}

/** A multi-region trail with logging on, as an account owner would have: EventBridge needs one. */
async function createTrail(endpoint: string): Promise<void> {
  const auth =
    "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0";
  const bucket = await fetch(`${endpoint}/bench-trail-bucket`, {
    method: "PUT",
    headers: { authorization: auth },
  });
  if (!bucket.ok) throw new Error(`CreateBucket: ${bucket.status}`);
  await sandboxCall(endpoint, "us-east-1", "cloudtrail", "CloudTrail_20131101.CreateTrail", {
    Name: "org",
    S3BucketName: "bench-trail-bucket",
    IsMultiRegionTrail: true,
  });
  await sandboxCall(endpoint, "us-east-1", "cloudtrail", "CloudTrail_20131101.StartLogging", { Name: "org" });
}

const cognitoReads = (sandbox: RunningSandbox) => {
  const calls = sandbox.calls().byOperation;
  return READ_OPS.reduce((n, op) => n + (calls[op] ?? 0), 0);
};

async function waitReady(bff: BffProcess): Promise<void> {
  await bff.client.json("GET", "/api/pools?limit=1");
  for (;;) {
    const status = await bff.client.json<{ state: string }>("GET", "/api/fleet/status");
    if (status.state === "ready") return;
    await sleep(250);
  }
}

async function oneRun(
  sandbox: RunningSandbox,
  mode: "ttl" | "events",
  options: { pools: number; windowS: number; cacheTtlSeconds: number; changeEveryS: number },
): Promise<SteadyRun> {
  // The quota is AWS's from the start, and the BFF reads at its default rate (10/s per region).
  sandbox.setRealism({ quotas: { enabled: true, userPoolReadRps: QUOTA_RPS } });
  const bff = await startBff({
    sandboxEndpoint: sandbox.endpoint,
    env: {
      CACHE_TTL_SECONDS: String(options.cacheTtlSeconds),
      CLC_FRESHNESS: mode === "events" ? "events" : "off",
      CLC_FRESHNESS_CHECK_SECONDS: "3600",
    },
  });
  let catchUpReads: number | null = null;
  try {
    await waitReady(bff);
    if (mode === "events") {
      for (const region of REGIONS) {
        const accountId = sandbox.accountId;
        await bff.client.json("POST", "/api/fleet/freshness/setup", { accountId, region });
      }
      const status = await bff.client.json<{ ttlReplaced: boolean }>("GET", "/api/fleet/freshness");
      progress(
        `steady (events): set up in ${REGIONS.join(" + ")}; TTL re-read replaced: ${status.ttlReplaced}`,
      );
      // The rows were read before the places went on events: read once more, so that events keep
      // them; then the window measures the steady state.
      const before = cognitoReads(sandbox);
      await bff.client.json("POST", "/api/fleet/refresh");
      await waitReady(bff);
      catchUpReads = cognitoReads(sandbox) - before;
      progress(`steady (events): rows read again once after the setup: ${catchUpReads} Cognito reads`);
    }
    const pools = (
      await bff.client.json<{ items: Array<{ id: string; region: string; tier: string | null }> }>(
        "GET",
        "/api/pools?limit=500",
      )
    ).items;
    const readsBefore = cognitoReads(sandbox);
    const started = performance.now();
    const pending: Array<{ id: string; tier: string; at: number; index: number }> = [];
    const secondsToSee: Array<number | null> = [];
    let nextChange = 0;
    let changeIndex = 0;
    const clients = new Map<string, CognitoIdentityProviderClient>();
    while (performance.now() - started < options.windowS * 1000) {
      const elapsedS = (performance.now() - started) / 1000;
      if (elapsedS >= nextChange && elapsedS < options.windowS - options.changeEveryS / 2) {
        // Upgrades to PLUS only: a downgrade is refused for pools that stream user activity.
        const candidates = pools.filter((p) => p.tier !== "PLUS");
        const pool = candidates[(changeIndex * 37) % Math.max(1, candidates.length)];
        if (pool) {
          const tier = "PLUS";
          const client =
            clients.get(pool.region) ??
            new CognitoIdentityProviderClient({
              endpoint: sandbox.endpoint,
              region: pool.region,
              credentials: { accessKeyId: "other-tool", secretAccessKey: "other-tool" },
            });
          clients.set(pool.region, client);
          await client.send(new UpdateUserPoolCommand({ UserPoolId: pool.id, UserPoolTier: tier }));
          pool.tier = tier;
          pending.push({ id: pool.id, tier, at: performance.now(), index: changeIndex });
          secondsToSee.push(null);
        }
        changeIndex += 1;
        nextChange += options.changeEveryS;
      }
      // The fleet view open: its list is polled as the web app does while it shows the page.
      const page = await bff.client.json<{ items: Array<{ id: string; tier: string | null }> }>(
        "GET",
        "/api/pools?limit=500",
      );
      const tiers = new Map(page.items.map((p) => [p.id, p.tier]));
      for (let i = pending.length - 1; i >= 0; i--) {
        const change = pending[i];
        if (change && tiers.get(change.id) === change.tier) {
          secondsToSee[change.index] = (performance.now() - change.at) / 1000;
          pending.splice(i, 1);
        }
      }
      await sleep(1000);
    }
    for (const client of clients.values()) client.destroy();
    const reads = cognitoReads(sandbox) - readsBefore;
    const seen = secondsToSee.filter((s): s is number => s !== null);
    const run: SteadyRun = {
      mode,
      cacheTtlSeconds: options.cacheTtlSeconds,
      windowS: options.windowS,
      changes: secondsToSee.length,
      secondsToSee,
      maxSecondsToSee: seen.length === secondsToSee.length && seen.length > 0 ? Math.max(...seen) : null,
      consoleCognitoReads: reads,
      readsPerSecond: reads / options.windowS,
      quotaShare: reads / options.windowS / QUOTA_RPS,
      catchUpReads,
    };
    progress(
      `steady (${mode}): ${run.changes} changes, seen after ${secondsToSee.map((s) => (s === null ? "never" : s.toFixed(1))).join(", ")} s; ${reads} Cognito reads (${(run.quotaShare * 100).toFixed(1)} % of ${QUOTA_RPS}/s)`,
    );
    return run;
  } finally {
    await bff.stop();
  }
}

/**
 * `pools` fleet-shaped pools over two regions; `windowS` of fleet view per run; the TTL run uses
 * `cacheTtlSeconds` (shorter than the product's 300 s default so the window sees its re-reads).
 */
export async function runSteady(options: {
  pools: number;
  windowS: number;
  cacheTtlSeconds: number;
  eventDelayMs: number;
  changeEveryS: number;
}): Promise<SteadyResults> {
  progress(
    `steady: fleet:${options.pools}, ${options.windowS} s per run, CloudTrail delay ${options.eventDelayMs} ms`,
  );
  const sandbox = await startSandbox({
    seed: `fleet:${options.pools}`,
    realism: { cloudTrailEventDelayMs: options.eventDelayMs, latencyMs: 20 },
  });
  try {
    await createTrail(sandbox.endpoint);
    const runs: SteadyRun[] = [];
    for (const mode of ["ttl", "events"] as const) runs.push(await oneRun(sandbox, mode, options));
    return {
      pools: options.pools,
      eventDelayMs: options.eventDelayMs,
      changeEveryS: options.changeEveryS,
      runs,
    };
  } finally {
    await sandbox.close();
  }
}
