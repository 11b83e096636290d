import { copyFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, test } from "@playwright/test";
import { FleetPage } from "../pages/fleet.page.ts";
import { screenshot } from "../support/screenshots.ts";

// These journeys read the demo seed (`--seed demo`); pools other journeys create are named e2e-…,
// so every check narrows to the demo's "acme" pools instead of counting rows.
const demoPoolsExportingNothing = [
  "acme-eu-b2b",
  "acme-eu-lite",
  "acme-internal-tools",
  "acme-legacy-portal",
];
const demoEuPools = [
  "acme-eu-b2b",
  "acme-eu-customers",
  "acme-eu-lite",
  "acme-eu-partners",
  "acme-eu-staging",
];

/** The sandbox's own account, the demo organization's management account. */
const DEMO_MANAGEMENT_ACCOUNT = "123456789012";

test.describe("the fleet view", () => {
  test("lists the seeded pools of both regions", async ({ page }, testInfo) => {
    const fleet = new FleetPage(page);
    await fleet.open();
    await expect(fleet.sandboxBadge).toBeVisible();
    await fleet.waitUntilRead();
    await expect(fleet.row("acme-prod-customers")).toContainText("us-east-1");
    await expect(fleet.row("acme-eu-customers")).toContainText("eu-west-1");
    await screenshot(page, testInfo, "fleet");
    await expect(await fleet.rowScrolledTo("acme-staging")).toContainText("Essentials");
  });

  test("the 'Not exporting anything' filter lives in the URL: reload keeps it, back and forward move through it", async ({
    page,
  }, testInfo) => {
    const fleet = new FleetPage(page);
    await fleet.open();
    await fleet.waitUntilRead();
    await fleet.searchFor("acme");
    await expect(page).toHaveURL(/[?&]q=acme/);

    await fleet.showOnlyPoolsExportingNothing();
    await expect(page).toHaveURL(/[?&]exporting=none/);
    await expect(fleet.poolLinks).toHaveText(demoPoolsExportingNothing);
    await screenshot(page, testInfo, "fleet-not-exporting");

    await page.goBack();
    await expect(page).not.toHaveURL(/exporting=none/);
    await expect(fleet.notExportingAnything).not.toBeChecked();
    await expect(fleet.row("acme-prod-customers")).toBeVisible();

    await page.goForward();
    await expect(page).toHaveURL(/[?&]exporting=none/);
    await expect(fleet.notExportingAnything).toBeChecked();
    await expect(fleet.poolLinks).toHaveText(demoPoolsExportingNothing);

    await page.reload();
    await expect(fleet.notExportingAnything).toBeChecked();
    await expect(fleet.search).toHaveValue("acme");
    await expect(fleet.poolLinks).toHaveText(demoPoolsExportingNothing);
  });

  test("region, search and sort narrow and order the table", async ({ page }, testInfo) => {
    const fleet = new FleetPage(page);
    // The demo organization's management account: the console's own (the member accounts have
    // EU pools of their own).
    await fleet.open(`?account=${DEMO_MANAGEMENT_ACCOUNT}`);
    await fleet.waitUntilRead();
    await expect(fleet.row("acme-prod-customers")).toContainText(DEMO_MANAGEMENT_ACCOUNT);

    await fleet.chooseRegion("eu-west-1");
    await expect(page).toHaveURL(/[?&]region=eu-west-1/);
    await expect(fleet.poolLinks).toHaveText(demoEuPools);
    for (const name of demoEuPools) await expect(fleet.row(name)).toContainText("eu-west-1");

    await fleet.sortBy("Name");
    await expect(fleet.columnHeader("Name")).toHaveAttribute("aria-sort", "descending");
    await expect(page).toHaveURL(/[?&]sort=-name/);
    await expect(fleet.poolLinks).toHaveText([...demoEuPools].reverse());

    await fleet.searchFor("partners");
    await expect(page).toHaveURL(/[?&]q=partners/);
    await expect(fleet.poolLinks).toHaveText(["acme-eu-partners"]);
    await screenshot(page, testInfo, "fleet-eu-partners");

    await fleet.chooseRegion("All regions");
    await expect(page).toHaveURL(/[?&]account=123456789012/);
    await expect(fleet.poolLinks).toHaveText(["acme-prod-partners", "acme-eu-partners"]);
  });

  test("shows every account of the demo organization, the one it cannot read as its own row", async ({
    page,
  }) => {
    // A laptop's width, where the new-user check found the OU column hidden.
    await page.setViewportSize({ width: 1440, height: 900 });
    const fleet = new FleetPage(page);
    // One account's pools: other journeys add pools to the management account, and the table only
    // renders the rows in view.
    await fleet.open("?account=111111111111&sort=account");
    await fleet.waitUntilRead();
    await expect(fleet.row("payments-checkout")).toContainText("acme-payments");
    await expect(fleet.row("payments-checkout")).toContainText("111111111111");
    // An organization's fleet shows the OU by default (before, only through the Columns menu).
    await expect(fleet.columnHeader("OU")).toBeVisible();
    await expect(fleet.row("payments-checkout")).toContainText("Production");
    const notRead = page.getByRole("alert", { name: "Accounts not read" });
    await expect(notRead).toContainText("acme-data-lake");
    await expect(notRead).toContainText(
      "could not assume arn:aws:iam::444444444444:role/CognitoLogConsoleRole",
    );

    await fleet.openPool("payments-checkout");
    await expect(page).toHaveURL(/\/accounts\/111111111111\/pools\/us-east-1_/);
    await expect(page.getByLabel("Pool facts")).toContainText(
      "arn:aws:iam::111111111111:role/CognitoLogConsoleRole",
    );
  });

  // The README's screenshot: E2E_DOCS_SCREENSHOT=1 corepack pnpm --filter @clc/e2e test --grep "README"
  // (run alone, so the fleet holds only the demo seed).
  test("a clean full-page screenshot for the README", async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const fleet = new FleetPage(page);
    await fleet.open();
    await fleet.waitUntilRead();
    await expect(fleet.row("acme-prod-customers")).toBeVisible();
    // Out of the way of the picture: no focus ring, no hover tooltip.
    await page.mouse.move(0, 0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const shot = testInfo.outputPath("screenshot-fleet.png");
    await page.screenshot({ path: shot, fullPage: true });
    if (process.env.E2E_DOCS_SCREENSHOT) {
      copyFileSync(shot, resolve(import.meta.dirname, "../../docs/screenshot-fleet.png"));
    }
  });
});
