import { expect, test } from "@playwright/test";
import { EditorPage } from "../pages/editor.page.ts";
import { FleetPage } from "../pages/fleet.page.ts";
import { PoolPage } from "../pages/pool.page.ts";
import { ReviewPage } from "../pages/review.page.ts";
import { signedOut } from "../support/auth.ts";
import { expectNoSeriousAccessibilityViolations } from "../support/axe.ts";
import { createDeliverableLogGroup, createPool } from "../support/sandbox-aws.ts";
import { screenshot } from "../support/screenshots.ts";

test.describe("accessibility (axe-core, WCAG 2.2 A/AA): no serious or critical violations", () => {
  test("fleet, pool, editor, review and audit pages", async ({ page }, testInfo) => {
    const pool = await createPool({ label: "e2e-a11y", tier: "PLUS", threatProtection: "OFF" });
    const logGroup = await createDeliverableLogGroup("a11y");

    const fleet = new FleetPage(page);
    await fleet.open();
    await fleet.waitUntilRead();
    await expectNoSeriousAccessibilityViolations(page, testInfo, "fleet");

    const poolPage = new PoolPage(page);
    await poolPage.open(pool.id);
    await poolPage.expectPool(pool.name);
    await expectNoSeriousAccessibilityViolations(page, testInfo, "pool");

    const editor = new EditorPage(page);
    await poolPage.configure("Message-delivery errors");
    await editor.pickDestination(logGroup.name);
    await expectNoSeriousAccessibilityViolations(page, testInfo, "editor");

    await editor.review();
    const review = new ReviewPage(page);
    await review.expectPreviewed();
    await expectNoSeriousAccessibilityViolations(page, testInfo, "review");

    await page.goto("/audit");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await screenshot(page, testInfo, "audit");
    await expectNoSeriousAccessibilityViolations(page, testInfo, "audit");
  });

  test("at 390 px wide (a phone), the pool page does not scroll sideways", async ({ page }) => {
    // WCAG 1.4.10 Reflow: content fits 320 CSS px without two-dimensional scrolling; the header
    // (brand, navigation, mode badge, operator, sign-out) used to stay on one 540 px line.
    const pool = await createPool({ label: "e2e-narrow", tier: "PLUS", threatProtection: "OFF" });
    await page.setViewportSize({ width: 390, height: 844 });
    const poolPage = new PoolPage(page);
    await poolPage.open(pool.id);
    await poolPage.expectPool(pool.name);
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      header: document.querySelector(".app-header")?.scrollWidth ?? 0,
    }));
    expect(widths).toEqual({ page: 390, header: 390 });
  });

  test.describe("signed out", () => {
    test.use({ storageState: signedOut });

    test("sign-in page", async ({ page }, testInfo) => {
      await page.goto("/sign-in");
      await expect(page.getByRole("heading", { name: "Sign in to Cognito Log Console" })).toBeVisible();
      await screenshot(page, testInfo, "sign-in");
      await expectNoSeriousAccessibilityViolations(page, testInfo, "sign-in");
    });
  });
});
