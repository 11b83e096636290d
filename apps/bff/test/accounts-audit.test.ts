/**
 * A change in a member account (issue 14), signed in: the audit record names the account and the
 * role assumed in it, and the write goes to that account's pool through its role.
 */
import type { AuditListResponse, AuditRecord } from "@clc/domain";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteStores } from "../src/store/sqlite/index.ts";
import { ADMIN, addOperator, startTestApp, type TestApp, TestBrowser } from "./auth-support.ts";

const PAYMENTS = "111111111111";
const ROLE = `arn:aws:iam::${PAYMENTS}:role/CognitoLogConsoleRole`;
const IDENTITY = "222222222222";

let sandbox: RunningSandbox;
let t: TestApp;
let admin: TestBrowser;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: "demo" });
  const stores = createSqliteStores(":memory:");
  t = await startTestApp({
    stores,
    target: { mode: "sandbox", endpoint: sandbox.endpoint },
    env: {
      COGNITO_READ_RPS: "200",
      CLC_ACCOUNTS: "organization",
      CLC_ORGANIZATION_ROLE_NAME: "CognitoLogConsoleRole",
    },
  });
  await addOperator(stores, ADMIN);
  admin = new TestBrowser(t.baseUrl);
  expect((await admin.signIn(ADMIN.username, ADMIN.password)).status).toBe(200);
});
afterAll(async () => {
  await t?.close();
  await sandbox.close();
});

async function fleetRows(): Promise<Array<{ id: string; name: string; accountId: string }>> {
  await admin.request("POST", "/api/fleet/refresh");
  for (let i = 0; i < 1500; i++) {
    const status = await admin.request("GET", "/api/fleet/status");
    if ((status.body as { state: string }).state === "ready") break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const list = await admin.request("GET", "/api/pools?limit=500");
  return (list.body as { items: Array<{ id: string; name: string; accountId: string }> }).items;
}

/** Disables the message-delivery logs of the named pool (in its own account, through its role). */
async function disableNotifications(
  pools: Array<{ id: string; name: string; accountId: string }>,
  name: string,
) {
  const pool = pools.find((p) => p.name === name);
  if (!pool) throw new Error(`no ${name}`);
  const base = `/api/accounts/${pool.accountId}/pools/${pool.id}`;
  const detail = await admin.request("GET", base);
  expect(detail.status).toBe(200);
  const disabled = await admin.request("DELETE", `${base}/log-delivery/userNotification`, {
    headers: { "if-match": (detail.body as { version: string }).version },
  });
  expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
  return pool;
}

describe("a change in a member account", { timeout: 60_000 }, () => {
  it("is made through the account's role and recorded with the account and the role", async () => {
    const pool = (await fleetRows()).find((p) => p.name === "payments-merchant-portal");
    if (!pool) throw new Error("no payments-merchant-portal");
    expect(pool.accountId).toBe(PAYMENTS);
    const base = `/api/accounts/${PAYMENTS}/pools/${pool.id}`;
    const detail = await admin.request("GET", base);
    expect(detail.status).toBe(200);
    const version = (detail.body as { version: string }).version;
    const disabled = await admin.request("DELETE", `${base}/log-delivery/userNotification`, {
      headers: { "if-match": version },
    });
    expect(disabled.status).toBe(200);
    // The answer names the account and the role as the pool's page does (before, a save's answer
    // had no account, and the page showed the console's own credentials until reloaded).
    expect((disabled.body as { account?: unknown }).account).toEqual(
      (detail.body as { account?: unknown }).account,
    );
    expect((disabled.body as { account?: { roleArn: string } }).account?.roleArn).toBe(ROLE);
    expect(
      (disabled.body as { configuration: { userNotification: unknown } }).configuration.userNotification,
    ).toBeNull();

    const answer = await admin.request("GET", `/api/audit?pool=${pool.id}`);
    const records = (answer.body as AuditListResponse).items as AuditRecord[];
    expect(records.map((r) => [r.outcome, r.accountId, r.roleArn])).toEqual([
      ["success", PAYMENTS, ROLE],
      ["attempt", PAYMENTS, ROLE],
    ]);
    const csv = await admin.request("GET", `/api/audit/export?format=csv&pool=${pool.id}`);
    expect(csv.text.split("\r\n")[0]).toContain("accountId,roleArn");
    expect(csv.text).toContain(ROLE);
  });

  it("is found by its account: the list and the export keep only that account's records", async () => {
    const pools = await fleetRows();
    const payments = await disableNotifications(pools, "payments-checkout");
    const identity = await disableNotifications(pools, "identity-customer-sso");
    expect([payments.accountId, identity.accountId]).toEqual([PAYMENTS, IDENTITY]);

    // Unfiltered, the trail mixes both accounts and the sign-in, which names none.
    const all = ((await admin.request("GET", "/api/audit?limit=500")).body as AuditListResponse).items;
    expect(new Set(all.map((r) => r.accountId ?? null))).toEqual(new Set([PAYMENTS, IDENTITY, null]));

    const inPayments = await admin.request("GET", `/api/audit?account=${PAYMENTS}&limit=500`);
    expect(inPayments.status).toBe(200);
    const paymentsRecords = (inPayments.body as AuditListResponse).items;
    expect(paymentsRecords.length).toBeGreaterThanOrEqual(2);
    expect(new Set(paymentsRecords.map((r) => r.accountId))).toEqual(new Set([PAYMENTS]));
    expect(paymentsRecords.map((r) => r.id)).toEqual(
      all.filter((r) => r.accountId === PAYMENTS).map((r) => r.id),
    );
    expect(paymentsRecords.some((r) => r.poolId === payments.id)).toBe(true);

    const inIdentity = await admin.request("GET", `/api/audit?account=${IDENTITY}`);
    expect((inIdentity.body as AuditListResponse).items.map((r) => [r.poolId, r.outcome, r.roleArn])).toEqual(
      [
        [identity.id, "success", `arn:aws:iam::${IDENTITY}:role/CognitoLogConsoleRole`],
        [identity.id, "attempt", `arn:aws:iam::${IDENTITY}:role/CognitoLogConsoleRole`],
      ],
    );
    // With a pool filter too (matched over the store's pages): the pool is not in that account.
    const elsewhere = await admin.request("GET", `/api/audit?account=${IDENTITY}&pool=${payments.id}`);
    expect((elsewhere.body as AuditListResponse).items).toEqual([]);

    const json = await admin.request("GET", `/api/audit/export?format=json&account=${IDENTITY}`);
    expect(json.status).toBe(200);
    expect((json.body as AuditRecord[]).map((r) => r.id)).toEqual(
      (inIdentity.body as AuditListResponse).items.map((r) => r.id),
    );
    const csv = await admin.request("GET", `/api/audit/export?format=csv&account=${PAYMENTS}`);
    expect(csv.status).toBe(200);
    const rows = csv.text.trim().split("\r\n");
    expect(rows).toHaveLength(paymentsRecords.length + 1);
    expect(rows.slice(1).every((row) => row.includes(`,${PAYMENTS},`))).toBe(true);
    expect(csv.text).not.toContain(IDENTITY);

    for (const path of ["/api/audit", "/api/audit/export"]) {
      const bad = await admin.request("GET", `${path}?account=abc`);
      expect(bad.status).toBe(400);
      expect((bad.body as { errors: unknown }).errors).toEqual([
        { path: "querystring.account", message: "Expected a 12-digit AWS account id" },
      ]);
    }
  });
});
