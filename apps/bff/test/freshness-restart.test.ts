/**
 * Issue 16, "Restart" with freshness by events: the queue keeps the changes made while the console
 * was down (4 days, SQS's default retention), so rows of places on events read since then are not
 * read again after a restart; only the places events do not cover are (their rows older than the
 * TTL), and an expired cache lists every place but reads again only the pools events do not cover.
 * An operator's Refresh meanwhile still reads every pool, after that read. BFF → SDK → sandbox over HTTP, the
 * Cognito calls counted by the sandbox. Before: one place off events (an account without the rule,
 * a region without a trail) made every restart and every expired cache read every pool again.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  CloudTrailClient,
  CreateTrailCommand,
  StartLoggingCommand,
  StopLoggingCommand,
} from "@aws-sdk/client-cloudtrail";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { GetQueueUrlCommand, SetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import { clientConfig, sdkClients } from "@clc/sandbox/test-support/clients";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databasePath } from "../src/store/sqlite/index.ts";
import { createPool, type StoredConsole, startStoredConsole } from "./helpers.ts";
import { until } from "./poll.ts";

const COGNITO = "cognito-idp:";
const EAST = "us-east-1";
const WEST = "eu-west-1";

function cognitoCalls(sandbox: RunningSandbox): Record<string, number> {
  return Object.fromEntries(
    Object.entries(sandbox.calls().byOperation).filter(([operation]) => operation.startsWith(COGNITO)),
  );
}

describe("a restart with freshness by events", () => {
  let sandbox: RunningSandbox;
  let dir: string;
  let trails: CloudTrailClient;
  const pools: Record<string, string> = {};
  /** How far behind real time the sandbox's clock runs: the trail and queue are made "10 days ago". */
  let sandboxBehindMs = 10 * 86_400_000;

  const startConsole = () =>
    startStoredConsole(dir, sandbox.endpoint, {
      CLC_FRESHNESS: "events",
      CLC_FRESHNESS_WAIT_SECONDS: "1",
      CLC_FRESHNESS_CHECK_SECONDS: "3600",
      CLC_SWEEP_READS_PER_MINUTE: "600",
      CACHE_TTL_SECONDS: "300",
    });

  const setUp = async (console: StoredConsole, region: string) => {
    const response = await console.app.inject({
      method: "POST",
      url: "/api/fleet/freshness/setup",
      payload: { accountId: sandbox.accountId, region },
    });
    expect(response.statusCode, response.body).toBe(200);
  };

  /** Every place's events path has been checked: none is "checking" any more. */
  const placesChecked = (console: StoredConsole) =>
    until(
      async () =>
        (await console.get("/api/fleet/freshness")).json.places as Array<{ region: string; mode: string }>,
      (places) => places.length === 2 && places.every((p) => p.mode !== "checking"),
    );

  /**
   * Sets the last read of the pools named (all by default) to `agoMs` before now, in the store, and
   * the places' events-since marks a minute before that: as if `agoMs` had passed since.
   */
  const readAgo = (agoMs: number, names: string[] = Object.keys(pools)) => {
    const db = new Database(databasePath(dir));
    const at = Date.now() - agoMs;
    const update = db.prepare("UPDATE fleet_pool_states SET read_at = ?, started_at = ? WHERE pool_id = ?");
    for (const name of names) update.run(at, at - 100, pools[name]);
    db.prepare("UPDATE freshness_marks SET at = ? WHERE name LIKE 'events-since:%'").run(at - 60_000);
    db.close();
  };
  /** Sets (or with `null` removes) a freshness mark in the store. */
  const setMark = (name: string, at: number | null) => {
    const db = new Database(databasePath(dir));
    if (at === null) db.prepare("DELETE FROM freshness_marks WHERE name = ?").run(name);
    else
      db.prepare(
        "INSERT INTO freshness_marks (name, at) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET at = excluded.at",
      ).run(name, at);
    db.close();
  };
  const marks = () => {
    const db = new Database(databasePath(dir));
    const rows = db.prepare("SELECT name, at FROM freshness_marks").all() as Array<{
      name: string;
      at: number;
    }>;
    db.close();
    return Object.fromEntries(rows.map((r) => [r.name, r.at]));
  };
  /** Stops and starts the trail's logging `agoMs` before now (its StartLoggingTime moves there). */
  const restartTrailAt = async (agoMs: number) => {
    sandboxBehindMs = agoMs;
    await trails.send(new StopLoggingCommand({ Name: "org" }));
    await trails.send(new StartLoggingCommand({ Name: "org" }));
    sandboxBehindMs = 0;
  };
  const TEN_MINUTES = 600_000;

  /** Polls the list the way the fleet page does while a read runs, until no read is under way. */
  const listUntilRead = (console: StoredConsole) =>
    until(
      async () => (await console.get("/api/pools?sort=name")).json.fleet,
      (fleet) => fleet.state === "ready" && fleet.refreshing === 0,
    );

  /**
   * Restarts the console and lets it settle as the fleet page would (every place checked, the list
   * polled until no read runs); answers the places and the Cognito calls it made meanwhile.
   */
  const readsAfterRestart = async () => {
    sandbox.resetCalls();
    const console = await startConsole();
    try {
      const places = await placesChecked(console);
      await listUntilRead(console);
      await console.app.close();
      return { places, calls: cognitoCalls(sandbox) };
    } finally {
      await console.stop();
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "clc-freshness-restart-"));
    sandbox = await startSandbox({
      seed: "none",
      realism: { cloudTrailEventDelayMs: 0 },
      clock: () => Date.now() - sandboxBehindMs,
    });
    for (const name of ["alpha", "bravo", "charlie"]) pools[name] = await createPool(sandbox, EAST, name);
    pools.delta = await createPool(sandbox, WEST, "delta");
    // A trail records Cognito's management events in both regions; the console's rule and queue
    // are set up in us-east-1 only: eu-west-1 stays on the sweep (and the TTL).
    const aws = sdkClients(sandbox.endpoint, EAST);
    await aws.s3.send(new CreateBucketCommand({ Bucket: "org-trail" }));
    trails = new CloudTrailClient(clientConfig(sandbox.endpoint, EAST));
    await trails.send(
      new CreateTrailCommand({ Name: "org", S3BucketName: "org-trail", IsMultiRegionTrail: true }),
    );
    await trails.send(new StartLoggingCommand({ Name: "org" }));
    const first = await startConsole();
    await first.get("/api/pools");
    await until(
      async () => (await first.get("/api/fleet/status")).json.state,
      (state) => state === "ready",
    );
    await setUp(first, EAST);
    await first.stop();
    sandboxBehindMs = 0;
  }, 60_000);

  afterAll(async () => {
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads again only the pools of the place events do not cover, and lists both places", async () => {
    readAgo(TEN_MINUTES);
    sandbox.resetCalls();
    const second = await startConsole();
    try {
      const places = await placesChecked(second);
      expect(Object.fromEntries(places.map((p) => [p.region, p.mode]))).toEqual({
        [EAST]: "events",
        [WEST]: "sweep",
      });
      const page = await second.get("/api/pools?sort=name");
      expect(page.json.items.map((p: { name: string }) => p.name)).toEqual([
        "alpha",
        "bravo",
        "charlie",
        "delta",
      ]);
      // The fleet page's polls of the list while the cache's re-read runs read nothing more.
      await listUntilRead(second);
      await second.app.close();
      // Both places listed (new and deleted pools), one pool read: eu-west-1's delta.
      expect(cognitoCalls(sandbox)).toEqual({
        [`${COGNITO}ListUserPools`]: 2,
        [`${COGNITO}DescribeUserPool`]: 1,
        [`${COGNITO}GetLogDeliveryConfiguration`]: 1,
      });
    } finally {
      await second.stop();
    }
  });

  it("re-reads the restored rows older than the TTL outside covered places only", async () => {
    // The newest rows are fresh, so the cache has not expired: only the old rows are candidates.
    readAgo(1_000, ["bravo", "charlie"]);
    readAgo(TEN_MINUTES, ["alpha", "delta"]);
    const { calls } = await readsAfterRestart();
    // delta (eu-west-1, on the sweep) is read again; alpha (us-east-1, on events) is not.
    expect(calls).toEqual({
      [`${COGNITO}DescribeUserPool`]: 1,
      [`${COGNITO}GetLogDeliveryConfiguration`]: 1,
    });
  });

  it("an operator's Refresh during the cache's re-read reads every pool once that read ends", async () => {
    readAgo(TEN_MINUTES);
    sandbox.resetCalls();
    const console = await startConsole();
    try {
      await placesChecked(console);
      // Slow calls keep the cache's re-read under way while the operator asks for a full read.
      sandbox.setRealism({ latencyMs: 100 });
      expect((await console.get("/api/pools")).json.fleet.state).toBe("loading");
      expect((await console.call("POST", "/api/fleet/refresh")).status).toBe(202);
      await until(
        () => cognitoCalls(sandbox)[`${COGNITO}GetLogDeliveryConfiguration`] ?? 0,
        (reads) => reads >= 5,
      );
      await listUntilRead(console);
      await console.app.close();
      // The re-read: 2 listings and delta; then the full read: 2 listings and all 4 pools.
      expect(cognitoCalls(sandbox)).toEqual({
        [`${COGNITO}ListUserPools`]: 4,
        [`${COGNITO}DescribeUserPool`]: 5,
        [`${COGNITO}GetLogDeliveryConfiguration`]: 5,
      });
    } finally {
      sandbox.setRealism({ latencyMs: 0 });
      await console.stop();
    }
  });

  it("a shutdown starts no pool read of the read under way, and no read after it (a queued Refresh is dropped)", async () => {
    readAgo(TEN_MINUTES);
    sandbox.resetCalls();
    const console = await startConsole();
    try {
      await placesChecked(console);
      // Slow enough that the read outlasts the shutdown's first steps.
      sandbox.setRealism({ latencyMs: 600 });
      expect((await console.get("/api/pools")).json.fleet.state).toBe("loading");
      expect((await console.call("POST", "/api/fleet/refresh")).status).toBe(202);
      await console.app.close();
      // The cache's re-read ended within the close: its 2 listings answered after the shutdown began,
      // so delta's read never started (fleet-shutdown.test.ts: a cold read). The queued full read,
      // which would outlast the process's 10 s to exit, never began, not even after the close.
      const atClose = cognitoCalls(sandbox);
      await new Promise((r) => setTimeout(r, 1_500));
      expect(cognitoCalls(sandbox)).toEqual(atClose);
      expect(atClose).toEqual({ [`${COGNITO}ListUserPools`]: 2 });
    } finally {
      sandbox.setRealism({ latencyMs: 0 });
      await console.stop();
    }
  });

  it("re-reads rows of a place on events read before its path was last found intact", async () => {
    // us-east-1's path was found intact (again) 5 minutes ago: a change made before then, while it
    // was broken, reached no queue; its rows were read 10 minutes ago.
    readAgo(TEN_MINUTES);
    setMark(`events-since:${sandbox.accountId}|${EAST}`, Date.now() - 5 * 60_000);
    const { places, calls } = await readsAfterRestart();
    expect(places.find((p) => p.region === EAST)?.mode).toBe("events");
    expect(calls).toEqual({
      [`${COGNITO}ListUserPools`]: 2,
      [`${COGNITO}DescribeUserPool`]: 4,
      [`${COGNITO}GetLogDeliveryConfiguration`]: 4,
    });
  });

  it("re-reads rows read before the trail last started logging (stopped and started while the console was down)", async () => {
    readAgo(TEN_MINUTES);
    await restartTrailAt(5 * 60_000);
    try {
      const { calls } = await readsAfterRestart();
      expect(calls).toEqual({
        [`${COGNITO}ListUserPools`]: 2,
        [`${COGNITO}DescribeUserPool`]: 4,
        [`${COGNITO}GetLogDeliveryConfiguration`]: 4,
      });
    } finally {
      await restartTrailAt(10 * 86_400_000);
    }
  });

  /** Starts a console and waits for a sweep to complete after `since` (ms). */
  const sweepAfterRestart = async (since: number) => {
    const console = await startConsole();
    try {
      const sweep = await until(
        async () => (await console.get("/api/fleet/freshness")).json.sweep,
        (s) => s.lastCompletedAt !== null && Date.parse(s.lastCompletedAt) >= since,
      );
      await console.app.close();
      return sweep;
    } finally {
      await console.stop();
    }
  };

  it("sweeps at a start when the last sweep is more than its interval old (restarts do not put it off)", async () => {
    readAgo(1_000);
    setMark("sweep-completed", Date.now() - 2 * 86_400_000);
    setMark("sweep-started", null);
    sandbox.resetCalls();
    const before = Date.now();
    await sweepAfterRestart(before);
    // Both places listed, every pool read once; the rows were fresh, so nothing else read them.
    expect(cognitoCalls(sandbox)).toEqual({
      [`${COGNITO}ListUserPools`]: 2,
      [`${COGNITO}DescribeUserPool`]: 4,
      [`${COGNITO}GetLogDeliveryConfiguration`]: 4,
    });
    expect(marks()["sweep-completed"]).toBeGreaterThanOrEqual(before);
    expect(marks()["sweep-started"]).toBeUndefined();
  });

  it("resumes a sweep a stop cut short, reading only the pools not read since it began", async () => {
    readAgo(30_000, ["alpha", "bravo"]);
    readAgo(120_000, ["charlie", "delta"]);
    setMark("sweep-started", Date.now() - 60_000);
    setMark("sweep-completed", Date.now() - 86_400_000 - 60_000);
    sandbox.resetCalls();
    const before = Date.now();
    await sweepAfterRestart(before);
    expect(cognitoCalls(sandbox)).toEqual({
      [`${COGNITO}ListUserPools`]: 2,
      [`${COGNITO}DescribeUserPool`]: 2,
      [`${COGNITO}GetLogDeliveryConfiguration`]: 2,
    });
    expect(marks()["sweep-started"]).toBeUndefined();
  });

  it("with every place on events, shows the restored fleet and spends no Cognito read, with rows past the TTL", async () => {
    const third = await startConsole();
    await placesChecked(third);
    sandboxBehindMs = 10 * 86_400_000;
    await setUp(third, WEST);
    sandboxBehindMs = 0;
    await third.stop();
    readAgo(TEN_MINUTES);
    sandbox.resetCalls();
    const fourth = await startConsole();
    try {
      // A list before the events path is known, and lists after: none reads a pool.
      const page = await fourth.get("/api/pools?sort=name");
      expect(page.json.items).toHaveLength(4);
      expect(page.json.fleet).toMatchObject({ state: "ready", refreshing: 0 });
      const places = await placesChecked(fourth);
      expect(places.every((p) => p.mode === "events")).toBe(true);
      for (let i = 0; i < 3; i++) expect((await fourth.get("/api/pools")).json.fleet.refreshing).toBe(0);
      await fourth.app.close();
      expect(cognitoCalls(sandbox)).toEqual({});
    } finally {
      await fourth.stop();
    }
  });

  it("re-reads restored rows older than the queue keeps a change (4 days), even on events", async () => {
    readAgo(5 * 86_400_000);
    const { places, calls } = await readsAfterRestart();
    expect(places.every((p) => p.mode === "events")).toBe(true);
    // Each pool once, no listing: the queue cannot vouch for what changed five days ago.
    expect(calls).toEqual({
      [`${COGNITO}DescribeUserPool`]: 4,
      [`${COGNITO}GetLogDeliveryConfiguration`]: 4,
    });
  });

  it("re-reads restored rows older than the queue's own retention, as the queue reports it", async () => {
    // Each queue keeps a change one day (MessageRetentionPeriod 86,400), not SQS's default 4 days.
    const setRetention = async (seconds: number) => {
      for (const region of [EAST, WEST]) {
        const sqs = new SQSClient(clientConfig(sandbox.endpoint, region));
        const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: "clc-cognito-changes" }));
        await sqs.send(
          new SetQueueAttributesCommand({
            QueueUrl,
            Attributes: { MessageRetentionPeriod: String(seconds) },
          }),
        );
      }
    };
    await setRetention(86_400);
    readAgo(2 * 86_400_000);
    try {
      const { places, calls } = await readsAfterRestart();
      expect(places.every((p) => p.mode === "events")).toBe(true);
      expect(calls).toEqual({
        [`${COGNITO}DescribeUserPool`]: 4,
        [`${COGNITO}GetLogDeliveryConfiguration`]: 4,
      });
    } finally {
      await setRetention(345_600);
    }
  });
});
