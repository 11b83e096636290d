/**
 * When a fleet read of an organization starts and ends each account's reads (issue 14's org bench):
 * an account is read as soon as discovery lists it, a region every account has enabled is listed
 * beside the account's region listing, and an account's destinations are looked up once its own
 * reads end, not the whole fleet's. Pure ordering logic of the fleet service, so its gateways are
 * stubs that record the order of their calls; the calls over HTTP are the accounts and fleet tests'.
 */
import type { AccountRegion } from "@clc/domain";
import type { FastifyBaseLogger } from "fastify";
import { describe, expect, it, vi } from "vitest";
import { enabledByDefault } from "../src/features/accounts/enabled-regions.ts";
import { createFleetService, type FleetAccount, type FleetDeps } from "../src/features/fleet/service.ts";

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Every row, by account (the list's own default order is by name, and the names repeat here). */
const ALL = { sort: "account", offset: 0, limit: 100 } as const;

const silent = { warn() {}, info() {}, error() {}, debug() {} } as unknown as FastifyBaseLogger;

/**
 * An account with one pool per region, each sending user notifications to a log group (so its
 * destinations are looked up). `calls` records "<account> <what> [region]" in call order.
 */
function stubAccount(
  accountId: string,
  calls: string[],
  options: {
    regionStatus?: (regions: readonly string[]) => Promise<AccountRegion[]>;
    listUserPools?: (region: string) => Promise<void>;
    describeGate?: Promise<void>;
  } = {},
): FleetAccount {
  return {
    accountId,
    name: `account ${accountId}`,
    ouPath: null,
    // As AWS Organizations hands an account over before its OU tree is walked.
    ouPathKnown: false,
    roleArn: `arn:aws:iam::${accountId}:role/CognitoLogConsoleRole`,
    own: false,
    regionStatus:
      options.regionStatus ??
      (async (regions) => regions.map((region) => ({ region, status: "ok" as const }))),
    cognito: {
      async listUserPools(region, onPage) {
        calls.push(`${accountId} list ${region}`);
        await options.listUserPools?.(region);
        const pools = [{ id: `${region}_${accountId}`, name: `pool of ${accountId}` }];
        onPage?.(pools);
        return pools;
      },
      async describeUserPool(region, poolId) {
        calls.push(`${accountId} describe ${region}`);
        await options.describeGate;
        return {
          id: poolId,
          name: `pool of ${accountId}`,
          arn: `arn:aws:cognito-idp:${region}:${accountId}:userpool/${poolId}`,
          tier: "ESSENTIALS",
          threatProtection: "OFF",
          tags: {},
          requestId: null,
        };
      },
      async getLogDeliveryConfiguration(region) {
        return {
          logConfigurations: [
            {
              EventSource: "userNotification",
              LogLevel: "ERROR",
              CloudWatchLogsConfiguration: {
                LogGroupArn: `arn:aws:logs:${region}:${accountId}:log-group:/cognito/notifications`,
              },
            },
          ],
          requestId: null,
        };
      },
    },
    destinations: {
      cachedKnowledge: () => null,
      cachedResourcePolicies: () => null,
      async resourcePolicies(region) {
        calls.push(`${accountId} destinations ${region}`);
        throw new Error("not looked up in this test");
      },
      async knowledge() {
        throw new Error("not looked up in this test");
      },
    },
  };
}

function fleetOf(deps: Pick<FleetDeps, "accounts" | "regions">) {
  return createFleetService({
    ...deps,
    describeAccountFailure: (error) => ({
      code: "Failed",
      message: error instanceof Error ? error.message : String(error),
      whatToDo: "Check the role.",
    }),
    regionNotEnabled: () => false,
    enabledByDefault,
    accountDeadlineMs: 5_000,
    cacheTtlMs: 60_000,
    log: silent,
  });
}

describe("a fleet read of an organization", () => {
  it("reads an account as soon as discovery lists it, and shows its OU path once discovery ends", async () => {
    const calls: string[] = [];
    const account = stubAccount("111111111111", calls);
    const discoveryEnds = deferred();
    const fleet = fleetOf({
      regions: ["us-east-1"],
      async accounts(onAccount) {
        onAccount?.(account);
        // The OU tree is still being walked.
        await discoveryEnds.promise;
        return { accounts: [{ ...account, ouPath: "Workloads/Prod" }] };
      },
    });
    fleet.refresh();
    await vi.waitFor(() => expect(calls).toContain("111111111111 describe us-east-1"));
    expect(fleet.status().state).toBe("loading");
    discoveryEnds.resolve();
    await fleet.settled();
    expect(fleet.status().accounts?.map((a) => [a.accountId, a.ouPath, a.status])).toEqual([
      ["111111111111", "Workloads/Prod", "ok"],
    ]);
    const rows = fleet.list(ALL).items;
    expect(rows.map((r) => [r.id, r.ouPath, r.readState])).toEqual([
      ["us-east-1_111111111111", "Workloads/Prod", "ok"],
    ]);
  });

  it("lists a region every account has enabled without waiting for ListRegions, an opt-in region after it", async () => {
    const calls: string[] = [];
    const regionsKnown = deferred<AccountRegion[]>();
    const account = stubAccount("111111111111", calls, { regionStatus: () => regionsKnown.promise });
    const fleet = fleetOf({
      regions: ["us-east-1", "ap-east-1"],
      accounts: async () => ({ accounts: [account] }),
    });
    fleet.refresh();
    await vi.waitFor(() => expect(calls).toContain("111111111111 list us-east-1"));
    expect(calls).not.toContain("111111111111 list ap-east-1");
    regionsKnown.resolve([
      { region: "us-east-1", status: "ok" },
      { region: "ap-east-1", status: "not-enabled" },
    ]);
    await fleet.settled();
    // Not enabled: skipped, and not an error.
    expect(calls).not.toContain("111111111111 list ap-east-1");
    expect(fleet.status().accounts?.[0]?.regions).toEqual([
      { region: "us-east-1", status: "ok" },
      { region: "ap-east-1", status: "not-enabled" },
    ]);
    expect(fleet.status().regionErrors).toBeUndefined();
    expect(fleet.list(ALL).items.map((r) => r.readState)).toEqual(["ok"]);
  });

  it("keeps an account whose role cannot be assumed one error row, though its listing started early", async () => {
    const calls: string[] = [];
    const refused = new Error("sts.AssumeRole: AccessDenied");
    const failing = stubAccount("222222222222", calls, {
      regionStatus: async () => {
        throw refused;
      },
      listUserPools: async () => {
        throw refused;
      },
    });
    const working = stubAccount("111111111111", calls);
    const fleet = fleetOf({
      regions: ["us-east-1"],
      accounts: async () => ({ accounts: [failing, working] }),
    });
    fleet.refresh();
    await fleet.settled();
    const status = fleet.status();
    expect(status.accounts?.map((a) => [a.accountId, a.status, a.error?.message ?? null])).toEqual([
      ["222222222222", "error", "sts.AssumeRole: AccessDenied"],
      ["111111111111", "ok", null],
    ]);
    // The listing's failure is the account's, not a region error of its own.
    expect(status.regionErrors).toBeUndefined();
    expect(status.failed).toBe(1);
    expect(fleet.list(ALL).items.map((r) => [r.accountId, r.readState])).toEqual([["111111111111", "ok"]]);
  });

  it("looks up an account's destinations once its own reads end, while another account's still run", async () => {
    const calls: string[] = [];
    const slowReads = deferred();
    const fast = stubAccount("111111111111", calls);
    const slow = stubAccount("222222222222", calls, { describeGate: slowReads.promise });
    const fleet = fleetOf({ regions: ["us-east-1"], accounts: async () => ({ accounts: [fast, slow] }) });
    fleet.refresh();
    await vi.waitFor(() => expect(calls).toContain("111111111111 destinations us-east-1"));
    expect(calls).not.toContain("222222222222 destinations us-east-1");
    expect(fleet.status().state).toBe("loading");
    slowReads.resolve();
    await fleet.settled();
    expect(calls).toContain("222222222222 destinations us-east-1");
    expect(fleet.list(ALL).items.map((r) => r.readState)).toEqual(["ok", "ok"]);
  });
});

describe("the pool reads a fleet read starts at once", () => {
  it("starts per (account, region) as many as the read pacer's slots keep busy (two calls each), and two more", async () => {
    // Each pool read started builds its calls' deadlines, signals and promises before it waits for a
    // pacer slot. At 24 per place the org bench's 40 places built ~1,900 waiting calls at once, and
    // the main thread spent 0.3-0.6 s on them (half in the garbage collector) before the first pool
    // read reached the Cognito read worker (issue 14).
    const calls: string[] = [];
    const gate = deferred();
    const account = stubAccount("111111111111", calls, { describeGate: gate.promise });
    const pools = Array.from({ length: 50 }, (_, i) => ({ id: `us-east-1_pool${i}`, name: `pool ${i}` }));
    account.cognito.listUserPools = async (_region, onPage) => {
      onPage?.(pools);
      return pools;
    };
    const fleet = fleetOf({ regions: ["us-east-1"], accounts: async () => ({ accounts: [account] }) });
    expect(fleet.readUnderWay()).toBeNull();
    fleet.refresh();
    expect(fleet.readUnderWay()).not.toBeNull();
    // COGNITO_MAX_CONCURRENCY's default, 8 slots: 4 pool reads keep them busy, 2 wait beside them.
    await vi.waitFor(() => expect(calls.filter((c) => c.includes("describe"))).toHaveLength(6));
    // And no more start later while those wait (before: 24).
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls.filter((c) => c.includes("describe"))).toHaveLength(6);
    gate.resolve();
    await fleet.settled();
    expect(calls.filter((c) => c.includes("describe"))).toHaveLength(50);
    expect(fleet.readUnderWay()).toBeNull();
  });
});
