import type { Page, TestInfo } from "@playwright/test";
import { FleetPage } from "../pages/fleet.page.ts";
import { expectNoSeriousAccessibilityViolations } from "../support/axe.ts";
import { demoAccountId } from "../support/env.ts";
import { expect, test } from "../support/journey.ts";
import {
  createDeliverableLogGroup,
  createPool,
  notificationsTo,
  setLogDelivery,
} from "../support/sandbox-aws.ts";
import { screenshotWholePage } from "../support/screenshots.ts";

/** The count a compliance link of the fleet summary shows ("12 drift" → 12). */
async function countOf(page: Page, state: RegExp): Promise<number> {
  const summary = page.getByRole("navigation", { name: "Compliance with the logging standard" });
  const text = await summary.getByRole("link", { name: state }).textContent();
  return Number((text ?? "").replace(/[^0-9]/g, ""));
}

async function checkScreen(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await expectNoSeriousAccessibilityViolations(page, testInfo, name);
  await screenshotWholePage(page, testInfo, name);
}

test("an admin defines a logging standard, sees the drift, and its counts are links that filter the fleet", async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  // One pool already where the standard will want it: the fleet then has a compliant pool too.
  const central = await createDeliverableLogGroup("standard-central");
  const pool = await createPool({ label: "e2e-standard", tier: "ESSENTIALS" });
  await setLogDelivery(pool.id, [notificationsTo(central)]);

  const fleet = new FleetPage(page);
  // The first page of a cold BFF on a busy machine may take longer than an assertion's default.
  await page.goto("/");
  await expect(fleet.heading).toBeVisible({ timeout: 30_000 });
  await fleet.waitUntilRead();
  await fleet.refresh();
  await expect(page.getByText("No logging standard is defined yet.")).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Standard" }).click();
  await expect(page.getByRole("heading", { name: "Logging standard", level: 1 })).toBeVisible();
  await expect(page.getByText("Not saved yet")).toBeVisible();

  await page.getByRole("button", { name: "Add a rule" }).click();
  const form = page.getByRole("form", { name: "New rule" });
  await form.getByLabel("Rule name").fill("Message-delivery errors to the central log group");
  await form.getByLabel("Accounts", { exact: true }).fill(demoAccountId);
  await form.getByLabel("Regions", { exact: true }).fill("us-east-1");
  // The ARN as the CloudWatch console shows it (with :*) is refused in the form, before any request.
  await form.getByLabel("ARN in us-east-1").fill(`${central.arn}:*`);
  await form.getByRole("button", { name: "Add the rule" }).click();
  await expect(form.getByText(/without the trailing :\*/)).toBeVisible();
  await form.getByLabel("ARN in us-east-1").fill(central.arn);
  await form.getByRole("button", { name: "Add the rule" }).click();
  await expect(form).toBeHidden();
  await page.getByRole("button", { name: "Save the standard" }).click();
  await expect(page.getByText(/Revision 1, saved by admin/)).toBeVisible();

  const evaluation = page.getByRole("region", { name: "The fleet against the saved standard" });
  await expect(evaluation.getByRole("table", { name: /Pools that drift/ })).toBeVisible();
  await checkScreen(page, testInfo, "standard-1440");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Fleet" }).click();
  await expect(fleet.heading).toBeVisible();
  const summary = page.getByRole("navigation", { name: "Compliance with the logging standard" });
  await expect(summary).toBeVisible();
  const drift = await countOf(page, /drift/);
  expect(drift).toBeGreaterThan(0);
  expect(await countOf(page, /^\d+ compliant/)).toBeGreaterThanOrEqual(1);

  await summary.getByRole("link", { name: /drift/ }).click();
  await expect(page).toHaveURL(/compliance=drift/);
  await expect(page.getByLabel("Logging standard", { exact: true })).toHaveValue("drift");
  await expect(page.getByText(`${drift} ${drift === 1 ? "pool" : "pools"} match`)).toBeVisible();
  await expect(fleet.row(pool.name)).toHaveCount(0);
  await checkScreen(page, testInfo, "fleet-drift-1440");

  await summary.getByRole("link", { name: /^\d+ compliant/ }).click();
  await expect(page).toHaveURL(/compliance=compliant/);
  await expect(fleet.row(pool.name)).toBeVisible();

  // The same screens on a phone.
  await page.setViewportSize({ width: 390, height: 900 });
  await fleet.open("?compliance=drift");
  await expect(page.getByText(`${drift} ${drift === 1 ? "pool" : "pools"} match`)).toBeVisible();
  await checkScreen(page, testInfo, "fleet-drift-390");
  await page.goto("/standard");
  await expect(page.getByText(/Revision 1, saved by admin/)).toBeVisible();
  await checkScreen(page, testInfo, "standard-390");
});
