import { expect, type Locator, type Page, test } from "@playwright/test";
import { FleetPage } from "../pages/fleet.page.ts";
import { PoolPage } from "../pages/pool.page.ts";
import { createDeliverableLogGroup, createPool } from "../support/sandbox-aws.ts";

/** How far the page is wider than the window (0 when nothing makes it scroll sideways). */
async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * Whether an element's text lies wholly inside `container` (its nearest ancestor of that selector)
 * and inside the element's own box: a text that does not wrap runs past both, the element's box
 * staying put (so the element's bounding box alone does not tell).
 */
async function textFits(
  element: Locator,
  container: string,
): Promise<{ ownBox: boolean; container: boolean }> {
  return element.evaluate((node, selector) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    const text = range.getBoundingClientRect();
    const outer = node.closest(selector)?.getBoundingClientRect();
    return {
      ownBox: node.scrollWidth <= node.clientWidth,
      container: outer !== undefined && text.left >= outer.left - 0.5 && text.right <= outer.right + 0.5,
    };
  }, container);
}

/** The height of the fleet table's scroll box, in CSS pixels. */
async function tableBoxHeight(fleet: FleetPage): Promise<number> {
  return fleet.table.locator("xpath=..").evaluate((box) => box.getBoundingClientRect().height);
}

test.describe("a phone-wide window (390 px)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the fleet's table is reached by scrolling the page, as a finger or wheel does, and shows rows there", async ({
    page,
  }) => {
    const fleet = new FleetPage(page);
    await fleet.open();
    await fleet.waitUntilRead();
    const firstRow = fleet.table.locator("tbody tr[aria-rowindex]").first();
    // The header, alerts and filters fill more than the window: the table starts below its edge.
    await expect(firstRow).not.toBeInViewport();
    // Scrolled the way a person does (the wheel over the page), not by script: a page that clipped
    // its overflow cut the table off here, out of every reach but the keyboard's.
    await page.mouse.move(195, 400);
    await expect(async () => {
      await page.mouse.wheel(0, 400);
      await expect(firstRow).toBeInViewport({ timeout: 250 });
    }).toPass({ timeout: 20_000 });
    expect(await tableBoxHeight(fleet)).toBeGreaterThanOrEqual(400);
  });

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

  test("the header takes two short rows with every page in reach, and a member pool's role ARN, delivery window and event times fit", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const fleet = new FleetPage(page);
    await fleet.open("?account=111111111111&sort=account");
    await fleet.waitUntilRead();

    // The header stays above every page; it took 170 px (four rows) of an 844 px phone.
    const header = page.getByRole("banner");
    expect((await header.boundingBox())?.height, "the header's height").toBeLessThan(100);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();
    // Its navigation scrolls sideways in one line: each link comes into view as Tab reaches it.
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Fleet", exact: true }).focus();
    for (const name of [
      "Fleet",
      "Accounts",
      "Standard",
      "Batches",
      "Audit",
      "Member role",
      "Notifications",
    ]) {
      if (name !== "Fleet") await page.keyboard.press("Tab");
      const link = nav.getByRole("link", { name, exact: true });
      await expect(link).toBeFocused();
      await expect(link).toBeInViewport({ ratio: 0.95 });
    }
    // Tab goes on in the order the header shows (WCAG 2.4.3): after the links, the row below them,
    // not back up to a row above (the time zone and Help once sat above the navigation).
    const navTop = (await nav.boundingBox())?.y ?? 0;
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press("Tab");
      const top = await page.evaluate(() => document.activeElement?.getBoundingClientRect().top ?? -1);
      expect(top, "the next control in the tab order is not above the navigation").toBeGreaterThanOrEqual(
        navTop,
      );
    }

    // A member account's pool names the role the console assumes there: the ARN stays in its card.
    await fleet.openPool("payments-checkout");
    await expect(page).toHaveURL(/\/accounts\/111111111111\/pools\/us-east-1_/);
    const roleArn = page
      .getByLabel("Pool facts")
      .getByText("arn:aws:iam::111111111111:role/CognitoLogConsoleRole", { exact: true });
    await expect(roleArn).toBeVisible();
    expect(await textFits(roleArn, "dl"), "the role ARN within its box and card").toEqual({
      ownBox: true,
      container: true,
    });

    // The Window label sits on the line of its select, just before it.
    const delivery = page.getByRole("region", { name: "Delivery", exact: true });
    const windowSelect = delivery.getByLabel("Window", { exact: true });
    await expect(windowSelect).toBeVisible();
    const label = await delivery.getByText("Window", { exact: true }).boundingBox();
    const select = await windowSelect.boundingBox();
    expect(label && select, "the label and its select are laid out").toBeTruthy();
    if (label && select) {
      const labelMiddle = label.y + label.height / 2;
      expect(labelMiddle, "the label is on its select's line").toBeGreaterThan(select.y);
      expect(labelMiddle, "the label is on its select's line").toBeLessThan(select.y + select.height);
      expect(
        select.x - (label.x + label.width),
        "the label is just before its select",
      ).toBeGreaterThanOrEqual(0);
      expect(select.x - (label.x + label.width), "the label is just before its select").toBeLessThan(24);
    }

    // The demo's trickle brings message-delivery errors: each one's time is read whole, not "Dec 2, 2026, 10:…".
    const events = page
      .getByRole("region", { name: "Delivery of message-delivery errors" })
      .getByRole("table");
    const time = events.locator("tbody tr").first().locator("td").first();
    await expect(time).toHaveText(/^\w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2}:\d{2} \S+$/, { timeout: 60_000 });
    expect(await textFits(time, "td"), "the event's time within its cell").toEqual({
      ownBox: true,
      container: true,
    });
  });
});

test.describe("a laptop window (1440 × 900)", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("the fleet's table keeps a box of a dozen rows or more, even under the page's alerts", async ({
    page,
  }) => {
    const fleet = new FleetPage(page);
    await fleet.open();
    await fleet.waitUntilRead();
    // The demo organization's failing account puts an alert above the filters: the table was left
    // 300 px (eight rows) of the window, and the page did not scroll to give it more.
    await expect(page.getByRole("alert", { name: "Accounts not read" })).toBeVisible();
    expect(await tableBoxHeight(fleet)).toBeGreaterThanOrEqual(480);
    await expect(fleet.table.locator("tbody tr[aria-rowindex]")).not.toHaveCount(0);
  });
});
