import type { Page, TestInfo } from "@playwright/test";
import { FleetPage } from "../pages/fleet.page.ts";
import { expectNoSeriousAccessibilityViolations } from "../support/axe.ts";
import { expectNothingCutOff, expectOneLineRows } from "../support/cut-off.ts";
import { expect, test } from "../support/journey.ts";
import {
  createDeliverableLogGroup,
  createLogGroupWithoutDeliveryPolicy,
  createPool,
  notificationsTo,
  setLogDelivery,
} from "../support/sandbox-aws.ts";
import { screenshotWholePage } from "../support/screenshots.ts";

/**
 * How far the page reaches past the window's right edge, in CSS pixels (0 when nothing scrolls
 * sideways): the document, and the `<main>` the console scrolls its pages in (a page wider than
 * the window would scroll sideways there without widening the document).
 */
async function sidewaysOverflow(page: Page): Promise<{ document: number; main: number }> {
  return page.evaluate(() => {
    const main = document.querySelector("main");
    return {
      document: Math.max(0, (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth),
      main: main ? Math.max(0, main.scrollWidth - main.clientWidth) : 0,
    };
  });
}

/**
 * The boxes inside `<main>` that scroll sideways (overflow-x auto or scroll, content wider than the
 * box): a table in a scrolled container scrolls sideways for a user as much as the page would. Each
 * is named by its tag, classes and label, with how far it scrolls (CSS px).
 */
async function sidewaysScrollingBoxes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const element of document.querySelectorAll("main *")) {
      const overflowX = getComputedStyle(element).overflowX;
      if (overflowX !== "auto" && overflowX !== "scroll") continue;
      const excess = element.scrollWidth - element.clientWidth;
      if (excess <= 1) continue;
      const label = element.getAttribute("aria-label") ?? "";
      found.push(
        `${element.tagName.toLowerCase()}.${[...element.classList].join(".")} ${label} (+${excess} px)`,
      );
    }
    return found;
  });
}

/** Every check a screen gets at every width and scheme: no sideways scroll, axe, a screenshot. */
async function checkScreen(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  expect(await sidewaysOverflow(page), `${name} scrolls sideways`).toEqual({ document: 0, main: 0 });
  expect(await sidewaysScrollingBoxes(page), `boxes of ${name} that scroll sideways`).toEqual([]);
  await expectNoSeriousAccessibilityViolations(page, testInfo, name);
  await screenshotWholePage(page, testInfo, name);
}

/**
 * Whether a fleet row's account shows its name and its id apart: at least a space's width between
 * the name's text and the id (or the id on a line of its own), not "acme-prod123456789012".
 */
async function expectAccountNameApartFromId(row: ReturnType<Page["locator"]>): Promise<void> {
  const cell = row.locator(".account-cell");
  await expect(cell.locator("span")).toHaveCount(2);
  const gap = await cell.evaluate((element) => {
    const [name, id] = [...element.querySelectorAll(":scope > span")];
    if (!name?.firstChild || !id) return null;
    const range = document.createRange();
    range.selectNodeContents(name.firstChild);
    const nameBox = range.getBoundingClientRect();
    const idBox = id.getBoundingClientRect();
    return { across: idBox.left - nameBox.right, down: idBox.top - nameBox.top };
  });
  expect(gap, "the account cell has a name and an id").not.toBeNull();
  expect(gap && (gap.across >= 2 || gap.down > 0), "the account's name and id are apart").toBe(true);
}

/** Whether an element lies wholly within the window's width (it may be further down the page). */
async function expectWithinWidth(page: Page, locator: ReturnType<Page["locator"]>): Promise<void> {
  const box = await locator.boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  expect(box, "the element is laid out").not.toBeNull();
  expect(box && box.x >= 0 && box.x + box.width <= width, "the element fits the window's width").toBe(true);
}

for (const width of [390, 1024, 1440]) {
  for (const colorScheme of ["light", "dark"] as const) {
    test.describe(`${width} px wide, ${colorScheme}`, () => {
      test.use({ viewport: { width, height: 900 }, colorScheme });

      test("fleet, pool, editor, review, wizard and audit fit the width and show what they are for", async ({
        page,
        journey,
      }, testInfo) => {
        test.setTimeout(180_000);
        // A pool exporting to one log group, reviewed on its way to another that no delivery
        // policy covers: the review then has a before, an after and a fix to offer.
        const pool = await createPool({ label: "e2e-width", tier: "PLUS", threatProtection: "OFF" });
        const current = await createDeliverableLogGroup("width-now");
        const next = await createLogGroupWithoutDeliveryPolicy("width-next");
        await setLogDelivery(pool.id, [notificationsTo(current)]);
        await page.emulateMedia({ colorScheme });

        const fleet = new FleetPage(page);
        await fleet.open();
        await fleet.waitUntilRead();
        await expect(fleet.row("acme-eu-customers")).toContainText("eu-west-1");
        await expectWithinWidth(page, fleet.row("acme-eu-staging").getByText("Blocking"));
        await expectAccountNameApartFromId(fleet.row("acme-eu-customers"));
        // The Logging column has its delivery states (they arrive after the rows), then nothing a
        // person needs is cut off: no header, no cell; at 1440 each pool is one line (issue 19).
        await expect(fleet.row("acme-eu-customers")).toContainText("Failing");
        if (width >= 1024) await expectNothingCutOff(fleet.table);
        if (width >= 1440) await expectOneLineRows(fleet.table, 40);
        await checkScreen(page, testInfo, "fleet");
        await expect(await fleet.rowScrolledTo("acme-staging")).toContainText("Essentials");

        await journey.poolPage.open(pool.id);
        await journey.poolPage.expectPool(pool.name);
        await journey.poolPage.expectExportingTo("Message-delivery errors", current.name);
        await expect(journey.poolPage.panel("User activity")).toBeVisible();
        await checkScreen(page, testInfo, "pool");

        await journey.poolPage.change("Message-delivery errors");
        await expect(journey.editor.kinds).toBeVisible();
        await journey.editor.pickDestination(next.name);
        await expect(journey.editor.destinations.getByText(next.name, { exact: true })).toBeVisible();
        await checkScreen(page, testInfo, "editor");

        await journey.editor.review();
        await journey.review.expectPreviewed();
        const change = journey.review.change("Message-delivery errors");
        await expect(change).toContainText(current.name);
        await expect(change).toContainText(next.name);
        await expectWithinWidth(page, change);
        const checks = journey.review.checks;
        await expect(checks).toBeVisible();
        const fix = checks.getByRole("button").first();
        await expect(fix).toBeVisible();
        await expectWithinWidth(page, fix);
        await checkScreen(page, testInfo, "review");

        await page.goto("/destinations/new");
        await expect(page.getByRole("heading", { name: "Create a destination", level: 1 })).toBeVisible();
        await expect(page.getByLabel("User pool id")).toBeVisible();
        await checkScreen(page, testInfo, "wizard");

        await page.goto("/audit");
        await expect(page.getByRole("heading", { level: 1, name: "History" })).toBeVisible();
        await expect(page.getByRole("form", { name: "Filter the history" })).toBeVisible();
        // Sign-ins are hidden until asked for, one click away; this run's sign-in is on the trail.
        await page.getByRole("button", { name: "Show sign-ins" }).click();
        const records = page.getByRole("table", { name: "Audit records" });
        await expect(records.getByText("Sign in", { exact: true }).first()).toBeVisible();
        await checkScreen(page, testInfo, "audit");
      });

      test("accounts, member role, notifications, standard, batches and a pool without Plus fit the width", async ({
        page,
      }, testInfo) => {
        test.setTimeout(240_000);
        const essentials = await createPool({ label: "e2e-width-ess", tier: "ESSENTIALS" });
        await page.emulateMedia({ colorScheme });

        await page.goto("/accounts");
        await expect(page.getByRole("heading", { level: 1, name: "Accounts" })).toBeVisible({
          timeout: 30_000,
        });
        const accounts = page.getByRole("table", { name: "Accounts" });
        const withRole = accounts
          .locator("tbody tr")
          .filter({ has: page.getByRole("button", { name: /^Copy the ARN of the role in / }) });
        await expect(withRole.first()).toBeVisible();
        // Every role ARN has its copy button and its console link, all within the window.
        const roleArn = withRole.first().locator(".arn-line");
        await expect(roleArn).toContainText(/arn:aws:iam::\d{12}:role\//);
        await expectWithinWidth(page, roleArn.getByRole("button", { name: /^Copy the ARN/ }));
        expect(await withRole.count()).toBe(
          await accounts
            .locator("tbody tr")
            .filter({ hasText: /arn:aws:iam::/ })
            .count(),
        );
        // Nothing is cut off: the connection test's button and its results lie within the window.
        const first = accounts.locator("tbody tr").first();
        const testButton = first.getByRole("button", { name: "Test connection" });
        await expectWithinWidth(page, testButton);
        await testButton.click();
        const checks = first.getByRole("list", { name: /^Connection test of / });
        await expect(checks).toBeVisible({ timeout: 60_000 });
        await expectWithinWidth(page, checks);
        await checkScreen(page, testInfo, "accounts");

        await page.goto("/accounts/member-role");
        await expect(page.getByRole("heading", { level: 1, name: "Member-account role" })).toBeVisible();
        await page.getByText(/^The \d+ permissions of the read variant$/).click();
        await expect(page.getByRole("table", { name: "Permissions" })).toBeVisible();
        await expect(page.getByRole("button", { name: "Test the connection" })).toBeVisible();
        await checkScreen(page, testInfo, "member-role");

        await page.goto("/notifications");
        await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
        await expect(page.getByRole("button", { name: "Add webhook" })).toBeVisible();
        await checkScreen(page, testInfo, "notifications");

        await page.goto("/standard");
        await expect(page.getByRole("heading", { level: 1, name: "Logging standard" })).toBeVisible();
        await checkScreen(page, testInfo, "standard");

        await page.goto("/batches");
        await expect(page.getByRole("heading", { level: 1, name: "Batches" })).toBeVisible();
        await checkScreen(page, testInfo, "batches");

        // A pool on Essentials: the Plus plan's CLI command is read whole, no unfocusable scrolled box.
        await page.goto(`/pools/${essentials.id}`);
        await expect(page.getByRole("heading", { name: "What the Plus plan would enable" })).toBeVisible({
          timeout: 30_000,
        });
        const cli = page.locator("pre.delivery-cli").filter({ hasText: "aws cognito-idp update-user-pool" });
        await expect(cli).toBeVisible();
        await expectWithinWidth(page, cli);
        await checkScreen(page, testInfo, "pool-essentials");
      });
    });
  }
}
