/**
 * OU paths across discoveries (issue 14, reviewer's bug): a fleet read starts reading accounts as
 * ListAccounts pages arrive and learns their OU paths when the OU tree has been walked. An OU path
 * once known is never replaced by "unknown": not while a new discovery walks the tree, not when the
 * tree cannot be read (then the status says why and what to do), and not in the store, which a
 * restarted console shows its rows from. Over HTTP: BFF → SDK → a fault proxy that refuses or holds
 * chosen Organizations calls → the sandbox's demo organization.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultDecision, type FaultProxy, startFaultProxy } from "./fault-proxy.ts";
import { startStoredConsole } from "./helpers.ts";

const PAYMENTS = "111111111111";
const IDENTITY = "222222222222";
const PLAYGROUND = "333333333333";
const DATA_LAKE = "444444444444";
/** The demo organization's OU paths (packages/sandbox README, "The demo organization"). */
const OU_OF: Record<string, string> = {
  [PAYMENTS]: "Production",
  [IDENTITY]: "Production",
  [PLAYGROUND]: "Sandbox",
};

interface PoolRow {
  id: string;
  accountId: string;
  ouPath: string | null;
  readState: string;
}
interface AccountRow {
  accountId: string;
  ouPath: string | null;
}

/** Organizations refusing a call as IAM refuses an action no policy allows (IAM user guide's text). */
function refused(operation: string): FaultDecision {
  const action = `organizations:${operation}`;
  return {
    refuse: {
      status: 400,
      type: "AccessDeniedException",
      message: `User: arn:aws:iam::123456789012:user/console is not authorized to perform: ${action} on resource: * because no identity-based policy allows the ${action} action`,
    },
  };
}

describe("OU paths across discoveries", { timeout: 90_000 }, () => {
  let sandbox: RunningSandbox;
  let proxy: FaultProxy;
  const dirs: string[] = [];

  /**
   * One console process over the SQLite store in `dir`, reading the organization through the proxy
   * (or what `accounts` says instead: another CLC_ACCOUNTS set-up).
   */
  async function startConsole(
    dir: string,
    accounts: Record<string, string> = {
      CLC_ACCOUNTS: "organization",
      CLC_ORGANIZATION_ROLE_NAME: "CognitoLogConsoleRole",
    },
  ) {
    const running = await startStoredConsole(dir, proxy.endpoint, {
      ...accounts,
      CLC_REGIONS: "us-east-1,eu-west-1",
      CLC_FRESHNESS: "off",
      // A held Organizations call waits for the test, not for the SDK's per-attempt timeout.
      AWS_CALL_TIMEOUT_MS: "60000",
    });
    return {
      ...running,
      /** The rows and the fleet status now (no wait). */
      async page(): Promise<{ pools: PoolRow[]; accounts: AccountRow[]; fleet: Record<string, unknown> }> {
        const list = await running.get("/api/pools?limit=500");
        expect(list.status).toBe(200);
        return { pools: list.json.items, accounts: list.json.fleet.accounts ?? [], fleet: list.json.fleet };
      },
      /** Starts a fleet read (202). */
      async refresh() {
        expect((await running.call("POST", "/api/fleet/refresh")).status).toBe(202);
      },
      /** A whole fleet read: starts one, waits until it is done, and answers the rows and status then. */
      async readAgain() {
        await this.refresh();
        await this.waitUntil((fleet) => fleet.state === "ready");
        return this.page();
      },
      async waitUntil(done: (fleet: { state: string; loaded: number }) => boolean) {
        for (let i = 0; i < 3000; i++) {
          if (done((await running.get("/api/fleet/status")).json)) return;
          await new Promise((r) => setTimeout(r, 20));
        }
        throw new Error("the fleet did not get there");
      },
    };
  }

  /**
   * A store a first console filled with a full read of the organization (every OU path known),
   * and how many pools that read found.
   */
  async function storeOfAFullRead(): Promise<{ dir: string; pools: number }> {
    const dir = mkdtempSync(path.join(tmpdir(), "clc-ou-paths-"));
    dirs.push(dir);
    proxy.rule = () => "pass";
    const first = await startConsole(dir);
    try {
      const { pools, accounts } = await first.readAgain();
      expectKnownOuPaths(pools, accounts);
      return { dir, pools: pools.length };
    } finally {
      await first.stop();
    }
  }

  /** Every row and account row shows the demo organization's OU path (the management account: the root). */
  function expectKnownOuPaths(pools: PoolRow[], accounts: AccountRow[]) {
    const expected = (accountId: string) => OU_OF[accountId] ?? (accountId === sandbox.accountId ? "" : "?");
    expect(new Set(pools.map((p) => p.accountId))).toEqual(
      new Set([sandbox.accountId, PAYMENTS, IDENTITY, PLAYGROUND]),
    );
    expect(pools.map((p) => [p.id, p.ouPath])).toEqual(pools.map((p) => [p.id, expected(p.accountId)]));
    const readAccounts = accounts.filter((a) => a.accountId !== DATA_LAKE);
    expect(readAccounts.map((a) => [a.accountId, a.ouPath])).toEqual(
      readAccounts.map((a) => [a.accountId, expected(a.accountId)]),
    );
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: "demo" });
    proxy = await startFaultProxy(sandbox.endpoint);
  });

  afterAll(async () => {
    await proxy?.close();
    await sandbox?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("keeps the OU paths known before when the OU tree cannot be read, and says why and what to do", async () => {
    const { dir } = await storeOfAFullRead();
    // Restarted: the rows come from the store; ListAccounts works, ListParents is refused.
    proxy.rule = ({ operation }) => (operation === "ListParents" ? refused(operation) : "pass");
    const second = await startConsole(dir);
    try {
      const { pools, accounts, fleet } = await second.readAgain();
      expect(pools.every((p) => p.readState === "ok")).toBe(true);
      expectKnownOuPaths(pools, accounts);
      // The accounts were listed: not a discovery failure, but the OU tree's, in the user's terms.
      expect(fleet.accountsError).toBeUndefined();
      expect(fleet.ouPathsError).toMatchObject({
        code: "AccessDeniedException",
        message: expect.stringContaining("organizations.ListParents"),
        whatToDo: expect.stringContaining("organizations:ListParents"),
      });
      // The Accounts page shows the same OU paths.
      const listed = await second.call("GET", "/api/accounts");
      expect((listed.json.accounts as AccountRow[]).find((a) => a.accountId === PAYMENTS)?.ouPath).toBe(
        "Production",
      );
      expect(listed.json.ouPathsError).toMatchObject({
        code: "AccessDeniedException",
        whatToDo: expect.stringContaining("organizations:ListParents"),
      });

      // Again in the same process, the tree refused one level up: still the paths known before.
      // While this discovery has not answered (ListRoots held), the warning stays in view.
      let release = () => {};
      const rootsHeld = new Promise<void>((resolve) => {
        release = resolve;
      });
      proxy.rule = ({ operation }) =>
        operation === "ListOrganizationalUnitsForParent"
          ? refused(operation)
          : operation === "ListRoots"
            ? { holdUntil: rootsHeld }
            : "pass";
      await second.refresh();
      try {
        const during = await second.get("/api/fleet/status");
        expect(during.json.state).toBe("loading");
        expect(during.json.ouPathsError).toMatchObject({
          whatToDo: expect.stringContaining("organizations:ListParents"),
        });
      } finally {
        release();
      }
      await second.waitUntil((fleet) => fleet.state === "ready");
      const again = await second.page();
      expectKnownOuPaths(again.pools, again.accounts);
      expect(again.fleet.ouPathsError).toMatchObject({
        whatToDo: expect.stringContaining("organizations:ListOrganizationalUnitsForParent"),
      });

      // A discovery that cannot even list the accounts says nothing new of the tree: the warning stays.
      proxy.rule = ({ operation }) => (operation === "ListAccounts" ? refused(operation) : "pass");
      const unlisted = await second.readAgain();
      expectKnownOuPaths(unlisted.pools, unlisted.accounts);
      expect(unlisted.fleet.accountsError).toMatchObject({ code: "AccessDeniedException" });
      expect(unlisted.fleet.ouPathsError).toMatchObject({
        whatToDo: expect.stringContaining("organizations:ListOrganizationalUnitsForParent"),
      });
      expect((await second.call("GET", "/api/accounts")).json.ouPathsError).toMatchObject({
        whatToDo: expect.stringContaining("organizations:ListOrganizationalUnitsForParent"),
      });

      // Once the tree can be read again, the warning goes.
      proxy.rule = () => "pass";
      const healed = await second.readAgain();
      expectKnownOuPaths(healed.pools, healed.accounts);
      expect(healed.fleet.ouPathsError).toBeUndefined();
    } finally {
      await second.stop();
    }
    // The store kept them too: a console started again shows them before any AWS call.
    proxy.rule = () => "pass";
    const third = await startConsole(dir);
    try {
      const { pools } = await third.page();
      expectKnownOuPaths(pools, []);
    } finally {
      await third.stop();
    }
  });

  it("keeps an account's last known path when its OU is not in the tree walked, rather than showing it at the root", async () => {
    const { dir } = await storeOfAFullRead();
    // AWS lists no OU under the root (as if Production and Sandbox were made after the walk), while
    // ListParents still names each member account's OU: the walk does not know that OU.
    proxy.rule = ({ operation }) =>
      operation === "ListOrganizationalUnitsForParent"
        ? { rewrite: () => JSON.stringify({ OrganizationalUnits: [] }) }
        : "pass";
    const second = await startConsole(dir);
    try {
      const { pools, accounts, fleet } = await second.readAgain();
      expect(pools.every((p) => p.readState === "ok")).toBe(true);
      expectKnownOuPaths(pools, accounts);
      expect(fleet.ouPathsError).toBeUndefined();
    } finally {
      await second.stop();
    }
  });

  it("stops asking the accounts' parents once the OU tree cannot be read", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "clc-ou-paths-"));
    dirs.push(dir);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const parentsAsked = new Set<string>();
    // ListParents held until ListRoots has been refused and the fleet read has ended.
    proxy.rule = ({ operation, body }) => {
      if (operation === "ListRoots") return refused(operation);
      if (operation !== "ListParents") return "pass";
      parentsAsked.add(String(JSON.parse(body).ChildId));
      return { holdUntil: held };
    };
    const running = await startConsole(dir);
    try {
      const { fleet, accounts } = await running.readAgain();
      expect(fleet.ouPathsError).toMatchObject({
        whatToDo: expect.stringContaining("organizations:ListRoots"),
      });
      // Demo organization: five accounts, their parents asked four at a time.
      expect(accounts).toHaveLength(5);
      release();
      // The calls held are answered; a console that went on would ask the fifth account's parent
      // right after the first answer (a slower machine could make this pass without the fix, never fail with it).
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(parentsAsked.size).toBeGreaterThan(0);
      expect(parentsAsked.size).toBeLessThan(accounts.length);
    } finally {
      release();
      await running.stop();
    }
  });

  it("drops the OU paths once the accounts are a list of roles, where no account has an OU", async () => {
    const { dir } = await storeOfAFullRead();
    // The same store, the console now told to read two of the accounts by their roles.
    const second = await startConsole(dir, {
      CLC_ACCOUNTS: "list",
      CLC_ACCOUNT_ROLES: [IDENTITY, PLAYGROUND]
        .map((id) => `arn:aws:iam::${id}:role/CognitoLogConsoleRole`)
        .join(","),
    });
    try {
      const { pools, accounts } = await second.readAgain();
      const listed = pools.filter((p) => p.accountId === IDENTITY || p.accountId === PLAYGROUND);
      expect(listed.length).toBeGreaterThan(0);
      expect(listed.map((p) => [p.id, p.ouPath])).toEqual(listed.map((p) => [p.id, null]));
      expect(accounts.map((a) => [a.accountId, a.ouPath])).toEqual([
        [IDENTITY, null],
        [PLAYGROUND, null],
      ]);
      const page = await second.call("GET", "/api/accounts");
      expect((page.json.accounts as AccountRow[]).map((a) => [a.accountId, a.ouPath])).toEqual([
        [IDENTITY, null],
        [PLAYGROUND, null],
      ]);
    } finally {
      await second.stop();
    }
  });

  it("shows restored rows with their OU paths while a new discovery walks the OU tree", async () => {
    const { dir, pools: poolCount } = await storeOfAFullRead();
    let release = () => {};
    const treeWalked = new Promise<void>((resolve) => {
      release = resolve;
    });
    proxy.rule = ({ operation }) => (operation === "ListParents" ? { holdUntil: treeWalked } : "pass");
    const second = await startConsole(dir);
    try {
      await second.refresh();
      // Every pool is read again while ListParents is held: the accounts started from ListAccounts.
      await second.waitUntil((fleet) => fleet.loaded === poolCount);
      const during = await second.page();
      expect(during.fleet.state).toBe("loading");
      expect(during.pools.every((p) => p.readState === "ok")).toBe(true);
      expectKnownOuPaths(during.pools, during.accounts);

      release();
      await second.waitUntil((fleet) => fleet.state === "ready");
      const after = await second.page();
      expectKnownOuPaths(after.pools, after.accounts);
      expect(after.fleet.ouPathsError).toBeUndefined();
    } finally {
      release();
      await second.stop();
    }
  });
});
