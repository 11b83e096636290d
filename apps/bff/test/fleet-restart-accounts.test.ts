/**
 * A restart and the organization's accounts (issue 14, new-user check): the store keeps pool rows,
 * not account rows. Before, a restarted console restored the pools but no account: the failing
 * account's row, the Account and OU filters' choices and the Accounts page's states were gone until
 * the cache expired (5 minutes) or someone pressed Refresh. Now the restart reads the accounts again
 * (roles and regions: STS and Account calls) and still spends no Cognito call. Over HTTP: BFF → SDK →
 * the sandbox's demo organization.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databasePath } from "../src/store/sqlite/index.ts";
import { startStoredConsole } from "./helpers.ts";

const PAYMENTS = "111111111111";
const PLAYGROUND = "333333333333";
const DATA_LAKE = "444444444444";

interface AccountRow {
  accountId: string;
  name: string;
  ouPath: string | null;
  status: string;
  error?: { message: string; whatToDo: string };
  regions: Array<{ region: string; status: string }>;
}

const ORGANIZATION = {
  CLC_ACCOUNTS: "organization",
  CLC_ORGANIZATION_ROLE_NAME: "CognitoLogConsoleRole",
  CLC_REGIONS: "us-east-1,eu-west-1,eu-south-1",
  CLC_FRESHNESS: "off",
};

describe("a restarted console and the organization's accounts", { timeout: 90_000 }, () => {
  let sandbox: RunningSandbox;
  let dir: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: "demo" });
    dir = mkdtempSync(path.join(tmpdir(), "clc-restart-accounts-"));
  });

  afterAll(async () => {
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A console on the store in `dir` that reads the fleet once, to its end, and stops. */
  async function readOnceAndStop(dir: string, env: Record<string, string>): Promise<void> {
    const first = await startStoredConsole(dir, sandbox.endpoint, env);
    try {
      expect((await first.call("POST", "/api/fleet/refresh")).status).toBe(202);
      for (;;) {
        if ((await first.get("/api/fleet/status")).json.state === "ready") break;
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      await first.stop();
    }
  }

  /** The fleet status's account rows once none is pending any more. */
  async function settledAccounts(get: (url: string) => Promise<{ json: { accounts?: AccountRow[] } }>) {
    for (let i = 0; i < 1500; i++) {
      const accounts = (await get("/api/fleet/status")).json.accounts ?? [];
      if (accounts.length > 0 && accounts.every((a) => a.status !== "pending")) return accounts;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error("the accounts were not read");
  }

  it("shows the failing account, the accounts' OUs and disabled regions again, with 0 Cognito calls", async () => {
    const first = await startStoredConsole(dir, sandbox.endpoint, ORGANIZATION);
    let before: AccountRow[];
    try {
      expect((await first.call("POST", "/api/fleet/refresh")).status).toBe(202);
      for (;;) {
        if ((await first.get("/api/fleet/status")).json.state === "ready") break;
        await new Promise((r) => setTimeout(r, 20));
      }
      before = (await first.get("/api/fleet/status")).json.accounts;
    } finally {
      await first.stop();
    }
    expect(before.find((a) => a.accountId === DATA_LAKE)?.status).toBe("error");
    // While the console was down, acme-payments moved: its stored rows still say the OU it left.
    const db = new Database(databasePath(dir));
    const moved = db
      .prepare(
        `UPDATE fleet_pool_states SET read_json = replace(read_json, '"ouPath":"Production"', '"ouPath":"Legacy"') WHERE account_id = ?`,
      )
      .run(PAYMENTS).changes;
    db.close();
    expect(moved).toBeGreaterThan(0);

    sandbox.resetCalls();
    const second = await startStoredConsole(dir, sandbox.endpoint, ORGANIZATION);
    try {
      const page = await second.get("/api/pools?limit=500");
      expect(page.json.fleet).toMatchObject({ state: "ready", restoredAt: expect.any(String) });
      const after = await settledAccounts(second.get);
      const shape = (rows: AccountRow[]) =>
        rows
          .map((a) => ({
            accountId: a.accountId,
            name: a.name,
            ouPath: a.ouPath,
            status: a.status,
            regions: a.regions,
          }))
          .sort((x, y) => x.accountId.localeCompare(y.accountId));
      // The same rows as the fleet read before the restart showed: names, OUs, states, regions.
      expect(shape(after)).toEqual(shape(before));
      const dataLake = after.find((a) => a.accountId === DATA_LAKE);
      expect(dataLake).toMatchObject({
        status: "error",
        error: { whatToDo: expect.stringMatching(/role/i) },
      });
      expect(after.find((a) => a.accountId === PAYMENTS)).toMatchObject({
        ouPath: "Production",
        status: "ok",
      });
      expect(
        after.find((a) => a.accountId === PLAYGROUND)?.regions.find((r) => r.region === "eu-south-1"),
      ).toEqual({ region: "eu-south-1", status: "not-enabled" });
      // The rows follow the account's OU as AWS Organizations says it now, in the list and the store,
      // so the OU filter and the rows agree. Before, the rows said "Legacy" and ?ou=Production missed them.
      const inProduction = (await second.get(`/api/pools?limit=500&ou=Production&account=${PAYMENTS}`)).json
        .items as Array<{ ouPath: string }>;
      expect(inProduction.length).toBe(moved);
      expect((await second.get("/api/pools?limit=500&ou=Legacy")).json.items).toEqual([]);
      // The Accounts page shows the same states, not "pending".
      const listed = (await second.get("/api/accounts")).json.accounts as AccountRow[];
      expect(listed.find((a) => a.accountId === DATA_LAKE)?.status).toBe("error");
      expect(listed.every((a) => a.status !== "pending")).toBe(true);
      // The status's failure count includes the failing account, as the read before the restart's did.
      expect((await second.get("/api/fleet/status")).json.failed).toBeGreaterThan(0);
      await second.app.close();
      const calls = Object.keys(sandbox.calls().byOperation);
      expect(calls.filter((k) => k.startsWith("cognito-idp:"))).toEqual([]);
      // What it asked instead: the roles and the regions.
      expect(calls).toContain("sts:AssumeRole");
    } finally {
      await second.stop();
    }
  });

  it("takes a store from before the regions' marks as listed: an upgrade's first restart reads nothing", async () => {
    const own = mkdtempSync(path.join(tmpdir(), "clc-restart-upgrade-"));
    try {
      await readOnceAndStop(own, ORGANIZATION);
      // What the console before the marks left behind: the read's end, no region's mark.
      const db = new Database(databasePath(own));
      expect(db.prepare("DELETE FROM freshness_marks WHERE name LIKE 'fleet-listed:%'").run().changes).toBe(
        3,
      );
      db.close();
      sandbox.resetCalls();
      const second = await startStoredConsole(own, sandbox.endpoint, ORGANIZATION);
      try {
        const page = await second.get("/api/pools?limit=500");
        expect(page.json.fleet.state).toBe("ready");
        await settledAccounts(second.get);
        await second.app.close();
        expect(Object.keys(sandbox.calls().byOperation).filter((k) => k.startsWith("cognito-idp:"))).toEqual(
          [],
        );
      } finally {
        await second.stop();
      }
      const after = new Database(databasePath(own));
      const marks = after.prepare("SELECT name FROM freshness_marks WHERE name LIKE 'fleet-listed:%'").all();
      after.close();
      expect(marks).toHaveLength(3);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  it("lists a region added to CLC_REGIONS since the last read at the first list, without a Refresh", async () => {
    const own = mkdtempSync(path.join(tmpdir(), "clc-restart-regions-"));
    try {
      const twoRegions = { ...ORGANIZATION, CLC_REGIONS: "us-east-1,eu-west-1" };
      await readOnceAndStop(own, twoRegions);
      const second = await startStoredConsole(own, sandbox.endpoint, ORGANIZATION);
      try {
        const names = async () =>
          (
            (await second.get("/api/pools?limit=500&region=eu-south-1")).json.items as Array<{ name: string }>
          ).map((p) => p.name);
        // Before, eu-south-1's pools stayed hidden until the cache expired (5 minutes) or a Refresh.
        let found: string[] = [];
        for (let i = 0; i < 1500 && found.length < 2; i++) {
          found = await names();
          if (found.length < 2) await new Promise((r) => setTimeout(r, 20));
        }
        expect(found.sort()).toEqual(["identity-eu-south-kiosk", "identity-eu-south-residents"]);
      } finally {
        await second.stop();
      }
      // And back: the region taken out again and only the console's own account read. Before, the
      // rows of both stayed for good (the fleet listed neither again), even after a Refresh.
      const third = await startStoredConsole(own, sandbox.endpoint, {
        ...twoRegions,
        CLC_ACCOUNTS: "own",
      });
      try {
        await settledAccounts(third.get);
        const rows = (await third.get("/api/pools?limit=500")).json.items as Array<{
          accountId: string;
          region: string;
        }>;
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.filter((p) => p.region === "eu-south-1")).toEqual([]);
        expect(new Set(rows.map((p) => p.accountId))).toEqual(new Set([sandbox.accountId]));
      } finally {
        await third.stop();
      }
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });
});
