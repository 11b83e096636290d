/**
 * The organization over HTTP (issue 14): BFF → SDK → the sandbox's Organizations, STS AssumeRole and
 * account:ListRegions. The demo seed's organization: the management account (the console's own,
 * today's demo pools), acme-payments and acme-identity in Production, acme-playground in Sandbox
 * (eu-south-1 not enabled), acme-data-lake at the root without the console's role, and the
 * SUSPENDED acme-old-marketing.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Answer, type Stack, startStack, waitForFleet } from "./helpers.ts";

const ORG = {
  CLC_ACCOUNTS: "organization",
  CLC_ORGANIZATION_ROLE_NAME: "CognitoLogConsoleRole",
  CLC_REGIONS: "us-east-1,eu-west-1,eu-south-1",
};
const PAYMENTS = "111111111111";
const IDENTITY = "222222222222";
const PLAYGROUND = "333333333333";
const DATA_LAKE = "444444444444";
const MARKETING = "555555555555";

interface AccountRow {
  accountId: string;
  name: string;
  ouPath: string | null;
  roleArn: string | null;
  own: boolean;
  status: string;
  error?: { code: string; message: string; whatToDo: string };
  regions: Array<{ region: string; status: string }>;
}
interface PoolRow {
  id: string;
  name: string;
  accountId: string;
  accountName: string;
  ouPath: string | null;
  readState: string;
}

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function readFleet(
  s: Stack,
): Promise<{ accounts: AccountRow[]; pools: PoolRow[]; fleet: Answer["json"] }> {
  await s.call("POST", "/api/fleet/refresh");
  await waitForFleet(s);
  const list = await s.call("GET", "/api/pools?limit=500");
  expect(list.status).toBe(200);
  return { accounts: list.json.fleet.accounts, pools: list.json.items, fleet: list.json.fleet };
}

const byId = (rows: AccountRow[]) => new Map(rows.map((r) => [r.accountId, r]));

describe("discovery through AWS Organizations", { timeout: 60_000 }, () => {
  it("reads every active account through its role, with names and OU paths; a failing account is one row", async () => {
    stack = await startStack({ seed: "demo", env: ORG });
    const own = stack.sandbox.accountId;
    const { accounts, pools, fleet } = await readFleet(stack);
    const rows = byId(accounts);

    expect([...rows.keys()].sort()).toEqual([own, PAYMENTS, IDENTITY, PLAYGROUND, DATA_LAKE].sort());
    expect(rows.has(MARKETING)).toBe(false);
    expect(rows.get(own)).toMatchObject({
      name: "acme-management",
      ouPath: "",
      own: true,
      roleArn: null,
      status: "ok",
    });
    expect(rows.get(PAYMENTS)).toMatchObject({
      name: "acme-payments",
      ouPath: "Production",
      own: false,
      roleArn: `arn:aws:iam::${PAYMENTS}:role/CognitoLogConsoleRole`,
      status: "ok",
    });
    expect(rows.get(PLAYGROUND)).toMatchObject({ ouPath: "Sandbox", status: "ok" });

    // The account without the role: one clear row, and every other account's pools are read.
    const dataLake = rows.get(DATA_LAKE);
    expect(dataLake).toMatchObject({ name: "acme-data-lake", ouPath: "", status: "error" });
    expect(dataLake?.error?.code).toBe("AccessDenied");
    expect(dataLake?.error?.message).toContain(`arn:aws:iam::${DATA_LAKE}:role/CognitoLogConsoleRole`);
    expect(dataLake?.error?.whatToDo).toContain("member role");
    expect(fleet.state).toBe("ready");
    expect(pools.every((p) => p.readState === "ok")).toBe(true);
    expect(pools.some((p) => p.accountId === DATA_LAKE)).toBe(false);
    // A pool page in that account gives the row's advice (deploy the role there), not "give the
    // console's principal sts:AssumeRole", which it has.
    const page = await stack.call("GET", `/api/accounts/${DATA_LAKE}/pools/us-east-1_AbCdEfGhI`);
    expect(page.status).toBe(502);
    expect(page.json).toMatchObject({
      type: "urn:clc:problem:member-role-not-assumed",
      detail: expect.stringContaining(`arn:aws:iam::${DATA_LAKE}:role/CognitoLogConsoleRole`),
      hint: dataLake?.error?.whatToDo,
    });

    const payments = pools.find((p) => p.name === "payments-checkout");
    expect(payments).toMatchObject({
      accountId: PAYMENTS,
      accountName: "acme-payments",
      ouPath: "Production",
    });
    expect(pools.filter((p) => p.accountId === own).length).toBeGreaterThan(0);
    expect(pools.filter((p) => p.accountId === own).every((p) => p.accountName === "acme-management")).toBe(
      true,
    );

    // The opt-in region the playground has not enabled is skipped, not an error.
    expect(rows.get(PLAYGROUND)?.regions).toContainEqual({ region: "eu-south-1", status: "not-enabled" });
    expect(rows.get(IDENTITY)?.regions).toContainEqual({ region: "eu-south-1", status: "ok" });
    expect(fleet.regionErrors ?? []).toEqual([]);
    expect(pools.some((p) => p.name === "identity-eu-south-residents")).toBe(true);

    // Filters and sort by account and OU.
    const production = await stack.call("GET", "/api/pools?limit=500&ou=Production&sort=-account");
    const names = new Set((production.json.items as PoolRow[]).map((p) => p.accountName));
    expect([...names]).toEqual(["acme-payments", "acme-identity"]);
    // The root itself (`/`): the management account's pools only, the one account read directly under it.
    const root = await stack.call("GET", "/api/pools?limit=500&ou=%2F");
    expect(new Set((root.json.items as PoolRow[]).map((p) => p.accountId))).toEqual(new Set([own]));
    const one = await stack.call("GET", `/api/pools?limit=500&account=${PLAYGROUND}`);
    expect((one.json.items as PoolRow[]).map((p) => p.name).sort()).toEqual([
      "playground-eu-demo",
      "playground-hackathon",
      "playground-load-test",
      "playground-new-login",
    ]);

    // A Refresh keeps the failing account's row in view while it reads again (before, the rows
    // were emptied: the page's "not read" panel went for a second and the layout jumped).
    expect((await stack.call("POST", "/api/fleet/refresh")).status).toBe(202);
    const during = (await stack.call("GET", "/api/fleet/status")).json;
    expect(during.state).toBe("loading");
    expect(byId(during.accounts).get(DATA_LAKE)?.status).toBe("error");
    await waitForFleet(stack);
    expect(byId((await stack.call("GET", "/api/fleet/status")).json.accounts).get(DATA_LAKE)?.status).toBe(
      "error",
    );

    // The Accounts page's list says the same.
    const listed = await stack.call("GET", "/api/accounts");
    expect(listed.status).toBe(200);
    expect(listed.json.source).toBe("organization");
    expect(byId(listed.json.accounts).get(DATA_LAKE)?.status).toBe("error");
  });

  it("opens a member account's pool under its account, and the older path finds it too", async () => {
    stack = await startStack({ seed: "demo", env: ORG });
    const { pools } = await readFleet(stack);
    const pool = pools.find((p) => p.name === "payments-checkout");
    if (!pool) throw new Error("no payments-checkout");

    const detail = await stack.call("GET", `/api/accounts/${PAYMENTS}/pools/${pool.id}`);
    expect(detail.status).toBe(200);
    expect(detail.json.pool).toMatchObject({ id: pool.id, accountId: PAYMENTS });
    expect(detail.json.pool.arn).toContain(`:${PAYMENTS}:userpool/`);

    const legacy = await stack.call("GET", `/api/pools/${pool.id}`);
    expect(legacy.status).toBe(200);
    expect(legacy.json.pool.accountId).toBe(PAYMENTS);

    // The pool is not in the management account: asking there is AWS's not-found, not another account's pool.
    const own = stack.sandbox.accountId;
    expect((await stack.call("GET", `/api/accounts/${own}/pools/${pool.id}`)).status).toBe(404);
    // An account the console does not read: 404 before any AWS call; a malformed id: 400.
    const unknown = await stack.call("GET", `/api/accounts/999999999999/pools/${pool.id}`);
    expect(unknown.status).toBe(404);
    expect(unknown.json.type).toContain("account-not-found");
    expect((await stack.call("GET", `/api/accounts/12/pools/${pool.id}`)).status).toBe(400);

    // A member account's destinations, for its pools' editor.
    const groups = await stack.call(
      "GET",
      `/api/destinations?region=us-east-1&kind=logGroup&account=${PAYMENTS}`,
    );
    expect(groups.status).toBe(200);
    expect((groups.json.items as Array<{ arn: string }>).every((g) => g.arn.includes(`:${PAYMENTS}:`))).toBe(
      true,
    );
    expect(groups.json.items.length).toBeGreaterThan(0);
  });

  it("falls back to the own account quietly when the sandbox has no organization (the default)", async () => {
    stack = await startStack({ seed: "none", env: { CLC_ACCOUNTS: "" } });
    const { accounts, fleet } = await readFleet(stack);
    expect(accounts).toEqual([
      expect.objectContaining({ accountId: stack.sandbox.accountId, own: true, status: "ok" }),
    ]);
    expect(fleet.failed).toBe(0);
    expect(fleet.accountsError).toBeUndefined();
  });

  it("says so when discovery was asked for and the account is in no organization", async () => {
    stack = await startStack({ seed: "none", env: { ...ORG, CLC_REGIONS: "us-east-1" } });
    const { accounts, fleet } = await readFleet(stack);
    expect(fleet.accountsError?.code).toBe("AWSOrganizationsNotInUseException");
    // The own account is still read.
    expect(accounts.map((a) => a.accountId)).toEqual([stack.sandbox.accountId]);
  });
});

describe("a list of role ARNs, with external ids", { timeout: 60_000 }, () => {
  it("reads only the listed accounts, each through its role and external id; a wrong id is that account's row", async () => {
    stack = await startStack({
      seed: "demo",
      sandbox: { externalId: "ext-12345" },
      env: {
        CLC_ACCOUNTS: "list",
        CLC_REGIONS: "us-east-1,eu-west-1",
        CLC_ACCOUNT_ROLES: [
          `arn:aws:iam::${PAYMENTS}:role/CognitoLogConsoleRole#ext-12345`,
          `arn:aws:iam::${PLAYGROUND}:role/CognitoLogConsoleRole#not-the-id`,
          `arn:aws:iam::${IDENTITY}:role/CognitoLogConsoleRole`,
        ].join(","),
      },
    });
    const { accounts, pools, fleet } = await readFleet(stack);
    const rows = byId(accounts);
    expect([...rows.keys()]).toEqual([PAYMENTS, PLAYGROUND, IDENTITY]);
    expect(rows.get(PAYMENTS)).toMatchObject({ status: "ok", ouPath: null, name: PAYMENTS });
    expect(rows.get(PLAYGROUND)).toMatchObject({ status: "error", error: { code: "AccessDenied" } });
    expect(rows.get(PLAYGROUND)?.error?.message).toContain("external id");
    // No external id where the trust policy wants one: refused too.
    expect(rows.get(IDENTITY)).toMatchObject({ status: "error", error: { code: "AccessDenied" } });
    expect(new Set(pools.map((p) => p.accountId))).toEqual(new Set([PAYMENTS]));
    expect(pools.length).toBe(5);
    expect(fleet.failed).toBe(2);

    // The connection test names the step that failed, once: the role (a wrong external id), not
    // every permission behind it.
    const test = await stack.call("POST", `/api/accounts/${PLAYGROUND}/connection-test`);
    expect(test.status).toBe(200);
    expect(test.json).toMatchObject({ ok: false, identity: null });
    expect(test.json.checks).toEqual([
      expect.objectContaining({
        action: "sts:AssumeRole",
        outcome: "error",
        message: expect.stringMatching(/could not assume the role .*external id differs/),
      }),
    ]);
    const good = await stack.call("POST", `/api/accounts/${PAYMENTS}/connection-test`);
    expect(good.status).toBe(200);
    expect(good.json.identity).toMatchObject({ account: PAYMENTS });
    expect(good.json.identity.arn).toContain(`assumed-role/CognitoLogConsoleRole/`);
    expect(good.json.checks.every((c: { outcome: string }) => c.outcome === "allowed")).toBe(true);
    // An account the console does not read is refused before any AWS call.
    expect((await stack.call("POST", "/api/accounts/999999999999/connection-test")).status).toBe(404);
  });
});

const COGNITO_READS = [
  "cognito-idp:ListUserPools",
  "cognito-idp:DescribeUserPool",
  "cognito-idp:GetLogDeliveryConfiguration",
];
function cognitoReads(s: Stack): number {
  const byOperation = s.sandbox.calls().byOperation;
  return COGNITO_READS.reduce((sum, op) => sum + (byOperation[op] ?? 0), 0);
}

/**
 * The sandbox's quota switch counts Cognito reads per account and region (5/s, bursts of 5 here).
 * Two member accounts × two regions read at once, each (account, region) paced at the console's own
 * rate: no call is throttled (a throttled call is retried, so the sandbox would serve more calls than
 * the fleet needs), while the control without pacing is.
 */
describe("pacing per (account, region)", { timeout: 90_000 }, () => {
  const seed = "org:2x4" as const;
  const env = {
    CLC_ACCOUNTS: "organization",
    CLC_ORGANIZATION_ROLE_NAME: "CognitoLogConsoleRole",
    CLC_REGIONS: "us-east-1,eu-west-1",
  };
  async function orgFleet(rps: string, concurrency: string): Promise<Stack> {
    const s = await startStack({
      seed,
      env: { ...env, COGNITO_READ_RPS: rps, COGNITO_MAX_CONCURRENCY: concurrency },
    });
    s.sandbox.setRealism({ quotas: { enabled: true, userPoolReadRps: 5, userPoolUpdateRps: 15 } });
    s.sandbox.resetCalls();
    return s;
  }

  it("reads two accounts in parallel, each at its own rate, with no throttled answer", async () => {
    stack = await orgFleet("2", "4");
    const { accounts, pools, fleet } = await readFleet(stack);
    expect(accounts.filter((a) => !a.own).map((a) => a.status)).toEqual(["ok", "ok"]);
    // 4 pools per member account and region; the management account has none.
    expect(pools.length).toBe(16);
    expect(pools.every((p) => p.readState === "ok")).toBe(true);
    expect(fleet.failed).toBe(0);
    // One listing per (account, region) read, and two reads per pool: nothing was throttled and retried.
    expect(cognitoReads(stack)).toBe(3 * 2 + 2 * 16);
  });

  it("(control) the count sees throttling: unpaced member reads against the quota are retried", async () => {
    stack = await orgFleet("1000", "64");
    await readFleet(stack);
    expect(cognitoReads(stack)).toBeGreaterThan(3 * 2 + 2 * 16);
  });
});

describe("freshness by events across the organization", { timeout: 60_000 }, () => {
  it("watches every readable account's enabled regions; the account without the role and the disabled region are left out", async () => {
    stack = await startStack({
      seed: "demo",
      env: {
        ...ORG,
        CLC_FRESHNESS: "events",
        CLC_FRESHNESS_WAIT_SECONDS: "1",
        CLC_FRESHNESS_CHECK_SECONDS: "3600",
      },
    });
    const s = stack;
    await readFleet(s);
    // Every place of the start's check answered: none is still "checking".
    let places: Array<{ accountId: string; region: string; mode: string }> = [];
    for (;;) {
      places = (await s.call("GET", "/api/fleet/freshness")).json.places;
      if (places.length > 0 && places.every((p) => p.mode !== "checking")) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const watched = places.map((p) => `${p.accountId} ${p.region}`).sort();
    const regions = ["eu-south-1", "eu-west-1", "us-east-1"];
    expect(watched).toEqual(
      [
        ...[s.sandbox.accountId, PAYMENTS, IDENTITY].flatMap((a) => regions.map((r) => `${a} ${r}`)),
        `${PLAYGROUND} eu-west-1`,
        `${PLAYGROUND} us-east-1`,
      ].sort(),
    );
    // The demo has no trail: each watched place is on the sweep, and says why in CloudTrail's terms.
    for (const place of places) expect(place.mode).toBe("sweep");
  });
});
