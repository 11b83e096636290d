/**
 * Issue 16, "Restart" with freshness by events: the queue keeps the changes made while the console
 * was down, so rows of places on events are not read again after a restart, however old; only the
 * places events do not cover are (their rows older than the TTL), and an expired cache lists every
 * place but reads again only the pools events do not cover. BFF → SDK → sandbox over HTTP, the
 * Cognito calls counted by the sandbox. Before: one place off events (an account without the rule,
 * a region without a trail) made every restart and every expired cache read every pool again.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from "@aws-sdk/client-cloudtrail";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import { clientConfig, sdkClients } from "@clc/sandbox/test-support/clients";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databasePath } from "../src/store/sqlite/index.ts";
import { createPool, type StoredConsole, startStoredConsole } from "./helpers.ts";

const COGNITO = "cognito-idp:";
const EAST = "us-east-1";
const WEST = "eu-west-1";

function cognitoCalls(sandbox: RunningSandbox): Record<string, number> {
  return Object.fromEntries(
    Object.entries(sandbox.calls().byOperation).filter(([operation]) => operation.startsWith(COGNITO)),
  );
}

/** Polls until `check` holds (no time threshold: the test's own timeout bounds it). */
async function until<T>(read: () => T | Promise<T>, check: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("a restart with freshness by events", () => {
  let sandbox: RunningSandbox;
  let dir: string;
  const pools: Record<string, string> = {};

  const startConsole = () =>
    startStoredConsole(dir, sandbox.endpoint, {
      CLC_FRESHNESS: "events",
      CLC_FRESHNESS_WAIT_SECONDS: "1",
      CLC_FRESHNESS_CHECK_SECONDS: "3600",
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

  /** Every row read by the console before, made older than the TTL (300 s) by ten minutes. */
  const ageEveryRow = () => {
    const db = new Database(databasePath(dir));
    db.prepare(
      "UPDATE fleet_pool_states SET read_at = read_at - 600000, started_at = started_at - 600000",
    ).run();
    db.close();
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "clc-freshness-restart-"));
    sandbox = await startSandbox({ seed: "none", realism: { cloudTrailEventDelayMs: 0 } });
    for (const name of ["alpha", "bravo", "charlie"]) pools[name] = await createPool(sandbox, EAST, name);
    pools.delta = await createPool(sandbox, WEST, "delta");
    // A trail records Cognito's management events in both regions; the console's rule and queue
    // are set up in us-east-1 only: eu-west-1 stays on the sweep (and the TTL).
    const aws = sdkClients(sandbox.endpoint, EAST);
    await aws.s3.send(new CreateBucketCommand({ Bucket: "org-trail" }));
    const trails = new CloudTrailClient(clientConfig(sandbox.endpoint, EAST));
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
  }, 60_000);

  afterAll(async () => {
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads again only the pools of the place events do not cover, and lists both places", async () => {
    ageEveryRow();
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
      await until(
        async () => (await second.get("/api/fleet/status")).json,
        (status) => status.state === "ready" && status.refreshing === 0,
      );
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

  it("with every place on events, shows the restored fleet and spends no Cognito read, however old its rows", async () => {
    const third = await startConsole();
    await placesChecked(third);
    await setUp(third, WEST);
    await third.stop();
    ageEveryRow();
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
});
