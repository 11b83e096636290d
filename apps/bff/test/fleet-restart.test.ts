/**
 * Issue 16, "Restart": the fleet's last known state is kept in the store, so a console started again
 * on the same store shows the fleet at once, with its age, without a Cognito read; it re-reads only
 * the rows older than the cache TTL, and of those only the ones change events do not keep fresh
 * (freshness-restart.test.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databasePath } from "../src/store/sqlite/index.ts";
import { createLogGroup, createPool, setLogDelivery, startStoredConsole } from "./helpers.ts";

const COGNITO = "cognito-idp:";

function cognitoCalls(sandbox: RunningSandbox): Record<string, number> {
  return Object.fromEntries(
    Object.entries(sandbox.calls().byOperation).filter(([operation]) => operation.startsWith(COGNITO)),
  );
}

describe("the fleet after a restart", () => {
  let sandbox: RunningSandbox;
  let dir: string;
  const pools: Record<string, string> = {};
  let logGroupArn = "";

  /** One console process: the app over the SQLite store in `dir`, listening. */
  const startConsole = () => startStoredConsole(dir, sandbox.endpoint, { CACHE_TTL_SECONDS: "300" });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "clc-fleet-restart-"));
    sandbox = await startSandbox({ seed: "none" });
    for (const name of ["alpha", "bravo", "charlie"])
      pools[name] = await createPool(sandbox, "us-east-1", name);
    logGroupArn = await createLogGroup(sandbox, "us-east-1", "/aws/cognito/alpha");
    await setLogDelivery(sandbox, "us-east-1", pools.alpha as string, [
      {
        EventSource: "userNotification",
        LogLevel: "ERROR",
        CloudWatchLogsConfiguration: { LogGroupArn: logGroupArn },
      },
    ]);
    // The first console reads the fleet, then stops (its pending writes to the store are flushed).
    const first = await startConsole();
    expect((await first.get("/api/pools")).status).toBe(200);
    for (let i = 0; i < 500; i++) {
      if ((await first.get("/api/fleet/status")).json.state === "ready") break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const page = await first.get("/api/pools?sort=name");
    expect(page.json.items.map((p: { readState: string }) => p.readState)).toEqual(["ok", "ok", "ok"]);
    await first.stop();
  });

  afterAll(async () => {
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("shows the fleet at once with its age, with 0 Cognito calls", async () => {
    sandbox.resetCalls();
    const second = await startConsole();
    try {
      const page = await second.get("/api/pools?sort=name");
      expect(page.status).toBe(200);
      expect(page.json.items.map((p: { name: string }) => p.name)).toEqual(["alpha", "bravo", "charlie"]);
      const alpha = page.json.items[0];
      expect(alpha).toMatchObject({
        id: pools.alpha,
        readState: "ok",
        tier: "PLUS",
        logging: { userNotification: { kind: "logGroup", arn: logGroupArn }, userAuthEvents: null },
      });
      expect(Date.parse(alpha.readAt)).toBeLessThanOrEqual(Date.now());
      expect(alpha.refreshing).toBeUndefined();
      // The fleet says how old its rows are, and that they came from the store.
      expect(page.json.fleet).toMatchObject({ state: "ready", refreshing: 0 });
      expect(typeof page.json.fleet.restoredAt).toBe("string");
      expect(Date.parse(page.json.fleet.asOf)).toBeLessThanOrEqual(Date.parse(alpha.readAt));
      // The pool page is served from the same restored read (its destinations are re-read, not Cognito).
      const detail = await second.get(`/api/accounts/${sandbox.accountId}/pools/${pools.alpha}`);
      expect(detail.status).toBe(200);
      expect(detail.json.configuration.userNotification).toMatchObject({ arn: logGroupArn });
      await second.app.close();
      expect(cognitoCalls(sandbox)).toEqual({});
    } finally {
      await second.stop();
    }
  });

  it("re-reads only the rows older than the TTL, and writes the new reads back", async () => {
    // bravo's row was read 10 minutes before the others (TTL 300 s): only it is stale.
    const db = new Database(databasePath(dir));
    db.prepare(
      "UPDATE fleet_pool_states SET read_at = read_at - 600000, started_at = started_at - 600000 WHERE pool_id = ?",
    ).run(pools.bravo);
    const staleReadAt = (
      db.prepare("SELECT read_at AS readAt FROM fleet_pool_states WHERE pool_id = ?").get(pools.bravo) as {
        readAt: number;
      }
    ).readAt;
    db.close();
    sandbox.resetCalls();
    const third = await startConsole();
    try {
      const page = await third.get("/api/pools?sort=name");
      const bravo = page.json.items.find((p: { name: string }) => p.name === "bravo");
      expect(bravo).toMatchObject({ readState: "ok", readAt: new Date(staleReadAt).toISOString() });
      // The re-read starts once the events path has been checked (here: no trail, so every place is
      // on the sweep and the TTL), without another list asking for it.
      for (;;) {
        if (cognitoCalls(sandbox)[`${COGNITO}GetLogDeliveryConfiguration`] === 1) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await third.app.close();
      // One pool read: no listing, no other pool.
      expect(cognitoCalls(sandbox)).toEqual({
        [`${COGNITO}DescribeUserPool`]: 1,
        [`${COGNITO}GetLogDeliveryConfiguration`]: 1,
      });
    } finally {
      await third.stop();
    }
    const db2 = new Database(databasePath(dir));
    const row = db2
      .prepare("SELECT read_at AS readAt FROM fleet_pool_states WHERE pool_id = ?")
      .get(pools.bravo) as {
      readAt: number;
    };
    db2.close();
    // The re-read was written back: the store holds bravo's new read.
    expect(row.readAt).toBeGreaterThan(staleReadAt + 300_000);
  });
});
