/**
 * Issue 17's "Done when", end to end: an admin defines a logging standard (a log group per pool from
 * a name template), sees the drift, applies the standard to ten pools in one batch (one blocked: a
 * log group of its name exists that the console did not create), the BFF running the batch is
 * killed mid-batch and the batch is resumed on the other BFF, one pool is rolled back from its
 * history, and the result is exported as Terraform, CloudFormation and the AWS CLI. Screenshots at
 * 1440 and 390 px.
 *
 * The interruption: a second BFF on the same data directory (store) and sandbox as the journeys' BFF
 * (playwright.config.ts) starts the batch at one pool a second and is killed (SIGKILL) once some
 * pools are written; the batch is then shown interrupted in the browser, and any admin resumes it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { CreateLogGroupCommand } from "@aws-sdk/client-cloudwatch-logs";
import { sdkClients } from "@clc/sandbox/test-support/clients";
import type { Page, TestInfo } from "@playwright/test";
import { BatchPage } from "../pages/batch.page.ts";
import { FleetPage } from "../pages/fleet.page.ts";
import { demoAccountId, demoAdmin, sandboxEndpoint } from "../support/env.ts";
import { expect, test } from "../support/journey.ts";
import { createPool, type Pool, storedDestinations, uniqueName } from "../support/sandbox-aws.ts";
import { screenshotWholePage } from "../support/screenshots.ts";

const TEMPLATE = "/aws/vendedlogs/cognito/{poolName}/notifications";
const groupName = (pool: Pool) => `/aws/vendedlogs/cognito/${pool.name}/notifications`;

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** A second BFF over the journeys' store and sandbox, writing one pool a second; killed with its group. */
async function startSecondBff(): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const bffDir = resolve(import.meta.dirname, "../../apps/bff");
  const child = spawn(resolve(bffDir, "node_modules/.bin/tsx"), ["src/main.ts"], {
    cwd: bffDir,
    detached: true,
    stdio: "ignore",
    env: {
      ...process.env,
      CLC_MODE: "sandbox",
      SANDBOX_ENDPOINT: sandboxEndpoint,
      PORT: String(port),
      CLC_DATA_DIR: process.env.E2E_DATA_DIR,
      CLC_BATCH_WRITE_RPS: "1",
      // Its lease on the batch lapses soon after it is killed, so the batch shows interrupted.
      CLC_RUN_CLAIM_MS: "3000",
      LOG_LEVEL: "warn",
    },
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { url, process: child };
    await sleep(500);
  }
  throw new Error("the second BFF did not start");
}

/** An admin's session on a BFF over HTTP (cookie and CSRF token, as the SPA keeps them). */
async function adminSession(url: string) {
  const signedIn = await fetch(`${url}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: demoAdmin.username, password: demoAdmin.password }),
  });
  expect(signedIn.status).toBe(200);
  const cookie = signedIn.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
  return (method: string, path: string, body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      headers: {
        cookie,
        "x-csrf-token": csrfToken,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await screenshotWholePage(page, testInfo, `${name}-1440`);
  await page.setViewportSize({ width: 390, height: 900 });
  await screenshotWholePage(page, testInfo, `${name}-390`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1440, height: 900 });
}

test("an admin defines a standard, applies it to ten pools in one batch, survives a killed BFF, rolls one pool back and exports the result", async ({
  page,
}, testInfo) => {
  test.setTimeout(420_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const prefix = uniqueName("stdj");
  const pools: Pool[] = [];
  for (let i = 0; i < 10; i++) pools.push(await createPool({ label: `${prefix}-p${i}`, tier: "ESSENTIALS" }));
  // A log group of the name the standard gives the last pool, made by someone else: never adopted.
  const taken = pools[9] as Pool;
  const { logs } = sdkClients(sandboxEndpoint, "us-east-1");
  await logs.send(new CreateLogGroupCommand({ logGroupName: groupName(taken) }));

  const fleet = new FleetPage(page);
  await page.goto("/");
  await expect(fleet.heading).toBeVisible({ timeout: 30_000 });
  await fleet.waitUntilRead();
  await fleet.refresh();

  // The standard: message-delivery errors of these pools go to a log group of their own.
  await page.goto("/standard");
  await expect(page.getByRole("heading", { name: "Logging standard", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Add a rule" }).click();
  const form = page.getByRole("form", { name: "New rule" });
  const ruleName = `A log group per pool for ${prefix}`;
  await form.getByLabel("Rule name").fill(ruleName);
  await form.getByLabel("Pool name pattern").fill(`${prefix}-*`);
  await form
    .getByRole("radiogroup", { name: "Message-delivery errors must go to" })
    .getByRole("radio", { name: "A log group per pool, named from a template" })
    .check();
  await expect(form.getByLabel("Log group name template").first()).toHaveValue(TEMPLATE);
  await form.getByRole("button", { name: "Add the rule" }).click();
  await expect(form).toBeHidden();
  // First among the rules, so no earlier rule decides for these pools.
  const moveUp = page.getByRole("button", { name: `Move up ${ruleName}` });
  while (await moveUp.isEnabled()) await moveUp.click();
  await page.getByRole("button", { name: "Save the standard" }).click();
  await expect(page.getByText(/Revision \d+, saved by admin/)).toBeVisible();
  await expect(
    page.getByRole("button", { name: /^Apply the standard to \d+ drifting pools?$/ }),
  ).toBeVisible();
  await shoot(page, testInfo, "standard-saved");

  // The drift, in the fleet filtered to these pools.
  await fleet.open(`?q=${prefix}`);
  await expect(page.getByText("10 pools match")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("navigation", { name: "Compliance with the logging standard" })).toContainText(
    "drift",
  );
  await shoot(page, testInfo, "standard-drift");

  // One batch from the standard: nine ready with their log group to create, one blocked.
  await page.getByRole("button", { name: "Apply the standard to the drifting pools of this view" }).click();
  const batch = new BatchPage(page);
  await expect(batch.group(/^Blocked \(1\)/)).toBeVisible({ timeout: 60_000 });
  await expect(batch.group(/^Ready \(9\)/)).toBeVisible();
  await expect(page.getByText(/from the logging standard, revision \d+/)).toBeVisible();
  await expect(page.getByRole("listitem", { name: taken.name })).toContainText(
    "already exists and was not created by this console",
  );
  const first = pools[0] as Pool;
  await expect(page.getByRole("listitem", { name: first.name })).toContainText(groupName(first));
  const batchId = page.url().split("/batches/")[1] as string;
  await shoot(page, testInfo, "standard-batch-review");

  // Started on a second BFF, which is killed mid-batch.
  const second = await startSecondBff();
  try {
    const call = await adminSession(second.url);
    const started = await call("POST", `/api/batches/${batchId}/start`, { acknowledgeWarnings: true });
    expect(started.status, await started.clone().text()).toBe(200);
    for (let i = 0; i < 240; i++) {
      const now = (await (await call("GET", `/api/batches/${batchId}`)).json()) as {
        states: { done: number };
      };
      if (now.states.done >= 2) break;
      await sleep(250);
    }
  } finally {
    if (second.process.pid) process.kill(-second.process.pid, "SIGKILL");
  }
  await page.reload();
  await batch.expectStatus(/^Interrupted/);
  await expect(batch.resumeButton).toBeVisible();
  await shoot(page, testInfo, "standard-batch-interrupted");
  await batch.resumeButton.click();
  await expect(page.getByText(/^Finished$/).first()).toBeVisible({ timeout: 120_000 });
  await expect(batch.progress).toContainText("9 done");
  await shoot(page, testInfo, "standard-batch-finished");
  for (const pool of pools.slice(0, 9))
    expect((await storedDestinations(pool.id)).userNotification).toContain(groupName(pool));
  expect(await storedDestinations(taken.id)).toEqual({});

  // One pool rolled back from its history (the batch's write of it).
  const rolled = pools[1] as Pool;
  await page.goto(`/audit?pool=${encodeURIComponent(rolled.id)}`);
  await page
    .getByRole("link", { name: /^Roll back record \d+$/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1, name: /^Roll back record #\d+$/ })).toBeVisible();
  await shoot(page, testInfo, "standard-rollback-preview");
  await page.getByRole("button", { name: "Roll back", exact: true }).click();
  await expect(
    page.getByRole("status").filter({ hasText: /Rolled back the change of record #\d+/ }),
  ).toBeVisible();
  expect(await storedDestinations(rolled.id)).toEqual({});

  // The result exported as code, from a pool the standard now governs.
  await page.goto(`/accounts/${demoAccountId}/pools/${first.id}`);
  await page.getByRole("button", { name: "Export as code" }).click();
  const dialog = page.getByRole("dialog", { name: "Export as code" });
  const code = dialog.locator("pre");
  await expect(code).toContainText('resource "aws_cognito_log_delivery_configuration"');
  await expect(code).toContainText(groupName(first));
  await expect(code).not.toContainText(":*");
  await shoot(page, testInfo, "standard-export-terraform");
  await dialog.getByRole("radio", { name: "CloudFormation" }).check();
  await expect(code).toContainText('"Type": "AWS::Cognito::LogDeliveryConfiguration"');
  await expect(code).toContainText(groupName(first));
  await dialog.getByRole("radio", { name: "AWS CLI" }).check();
  await expect(code).toContainText("aws cognito-idp set-log-delivery-configuration");
  await expect(code).toContainText(`--user-pool-id ${first.id}`);
  await shoot(page, testInfo, "standard-export-cli");
});
