/**
 * The account directory hands a fleet read the organization's accounts as ListAccounts pages arrive
 * (issue 14's org bench), also when the read joins a discovery already under way (the start-up's),
 * and completes them with their OU paths at the end. Pure logic over a stubbed Organizations
 * gateway; discovery over HTTP against the sandbox is accounts.test.ts's.
 */
import type { FastifyBaseLogger } from "fastify";
import { describe, expect, it } from "vitest";
import type { OrganizationAccount, OrganizationsGateway } from "../src/aws/organizations-gateway.ts";
import { type AccountScope, createAccountDirectory } from "../src/features/accounts/service.ts";

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

const silent = { warn() {}, info() {}, error() {}, debug() {} } as unknown as FastifyBaseLogger;
const ME = "123456789012";

/** The account directory of an organization whose Organizations gateway is `organizations` (TTL 60 s). */
function directoryOf(organizations: OrganizationsGateway, now?: () => number) {
  return createAccountDirectory({
    config: {
      kind: "organization",
      roleName: "CognitoLogConsoleRole",
      externalId: null,
      fallbackToOwn: false,
    },
    regions: ["us-east-1"],
    own: {
      organizations,
      account: { listRegions: async () => new Set(["us-east-1"]) },
      callerIdentity: async () => ({ account: ME, arn: `arn:aws:iam::${ME}:user/console` }),
    },
    buildScope: (entry) =>
      ({ entry, gateways: { cognito: {} }, destinations: {}, destroy() {} }) as unknown as AccountScope,
    lastStatus: () => undefined,
    log: silent,
    discoveryTtlMs: 60_000,
    ...(now ? { now } : {}),
  });
}

describe("the account directory's discovery for a fleet read", () => {
  it("gives a joining fleet read the accounts listed so far and the next page's as it arrives", async () => {
    const secondPage = deferred();
    const ouTree = deferred();
    const page1: OrganizationAccount[] = [
      { id: ME, name: "management", state: "ACTIVE" },
      { id: "200000000001", name: "one", state: "ACTIVE" },
      { id: "200000000002", name: "closed", state: "SUSPENDED" },
    ];
    const page2: OrganizationAccount[] = [{ id: "200000000003", name: "three", state: "ACTIVE" }];
    let firstPageListed = false;
    const organizations: OrganizationsGateway = {
      describeOrganization: async () => ({ id: "o-1", managementAccountId: ME }),
      async listAccounts(_deadline, onPage) {
        onPage?.(page1);
        firstPageListed = true;
        await secondPage.promise;
        onPage?.(page2);
        return [...page1, ...page2];
      },
      async listRoots() {
        await ouTree.promise;
        return [{ id: "r-1", name: "Root" }];
      },
      listOrganizationalUnits: async (parentId) =>
        parentId === "r-1" ? [{ id: "ou-1", name: "Workloads" }] : [],
      parentOf: async (id) =>
        id === ME ? { id: "r-1", type: "ROOT" } : { id: "ou-1", type: "ORGANIZATIONAL_UNIT" },
    };
    const directory = directoryOf(organizations);

    // The start-up asks for the accounts first (e.g. the freshness check); the fleet read joins.
    const listed = directory.list();
    await expect.poll(() => firstPageListed).toBe(true);
    const early: Array<[string, string | null, string | null]> = [];
    const answer = directory.fleetAccounts((account) =>
      early.push([account.accountId, account.ouPath, account.roleArn]),
    );
    // The first page's ACTIVE accounts at once, before the second page or the OU tree.
    await expect.poll(() => early.length).toBe(2);
    expect(early).toEqual([
      [ME, null, null],
      ["200000000001", null, "arn:aws:iam::200000000001:role/CognitoLogConsoleRole"],
    ]);
    secondPage.resolve();
    await expect.poll(() => early.length).toBe(3);
    expect(early[2]).toEqual(["200000000003", null, "arn:aws:iam::200000000003:role/CognitoLogConsoleRole"]);
    ouTree.resolve();
    const { accounts } = await answer;
    expect(accounts.map((a) => [a.accountId, a.ouPath])).toEqual([
      [ME, ""],
      ["200000000001", "Workloads"],
      ["200000000003", "Workloads"],
    ]);
    expect((await listed).accounts.map((a) => a.accountId)).toEqual([ME, "200000000001", "200000000003"]);
  });
});

describe("a discovery older than the TTL", () => {
  it("answers a request with the accounts it knows while AWS Organizations is asked again", async () => {
    // Before, every request after the TTL waited for ListAccounts: with Organizations slow, even a
    // pool page whose rows were cached answered 504 naming ListAccounts.
    let clock = 0;
    let calls = 0;
    const slow = deferred();
    const organizations: OrganizationsGateway = {
      describeOrganization: async () => ({ id: "o-1", managementAccountId: ME }),
      async listAccounts(_deadline, onPage) {
        calls += 1;
        const accounts: OrganizationAccount[] = [
          { id: ME, name: "management", state: "ACTIVE" },
          { id: "200000000001", name: calls === 1 ? "one" : "one renamed", state: "ACTIVE" },
        ];
        if (calls > 1) await slow.promise;
        onPage?.(accounts);
        return accounts;
      },
      listRoots: async () => [{ id: "r-1", name: "Root" }],
      listOrganizationalUnits: async () => [],
      parentOf: async () => ({ id: "r-1", type: "ROOT" }),
    };
    const directory = directoryOf(organizations, () => clock);
    const names = async () => (await directory.list()).accounts.map((a) => a.name).sort();
    expect(await names()).toEqual(["management", "one"]);
    clock = 61_000;
    // Organizations does not answer yet: the request gets what is known, at once.
    expect(await names()).toEqual(["management", "one"]);
    await expect.poll(() => calls).toBe(2);
    // A scope of a known account does not wait either.
    expect((await directory.scope("200000000001")).entry.name).toBe("one");
    slow.resolve();
    await expect.poll(names).toEqual(["management", "one renamed"]);
    // One discovery for all of them.
    expect(calls).toBe(2);
  });
});
