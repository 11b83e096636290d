import { expect, type Page, test } from "@playwright/test";
import { FleetPage } from "../pages/fleet.page.ts";
import { PoolPage } from "../pages/pool.page.ts";
import { createDeliverableLogGroup, createPool } from "../support/sandbox-aws.ts";

/** How far the page is wider than the window (0 when nothing makes it scroll sideways). */
async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test.describe("a phone-wide window (390 px)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the fleet and a pool page fit the width: header and panels wrap instead of widening the page", async ({
    page,
  }) => {
    const pool = await createPool({ label: "e2e-narrow", tier: "PLUS", threatProtection: "OFF" });
    await createDeliverableLogGroup("narrow");

    const fleet = new FleetPage(page);
    await fleet.open();
    await fleet.waitUntilRead();
    expect(await sidewaysOverflow(page)).toBe(0);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();

    const poolPage = new PoolPage(page);
    await poolPage.open(pool.id);
    await poolPage.expectPool(pool.name);
    await expect(poolPage.panel("User activity")).toBeVisible();
    expect(await sidewaysOverflow(page)).toBe(0);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();
  });
});
