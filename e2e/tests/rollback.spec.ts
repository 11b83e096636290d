import { expect, test } from "@playwright/test";
import { EditorPage } from "../pages/editor.page.ts";
import { PoolPage } from "../pages/pool.page.ts";
import { ReviewPage } from "../pages/review.page.ts";
import { adminStorageState } from "../support/auth-state.ts";
import {
  createDeliverableLogGroup,
  createPlusPoolWithDestinations,
  notificationsTo,
  setLogDelivery,
  storedDestinations,
} from "../support/sandbox-aws.ts";
import { screenshot, screenshotWholePage } from "../support/screenshots.ts";

test.use({ storageState: adminStorageState });

test("an admin rolls a change back from the history, and a rollback of a change that moved on is refused", async ({
  page,
}, testInfo) => {
  const { pool, logGroup } = await createPlusPoolWithDestinations("rollback", "ENFORCED");
  const second = await createDeliverableLogGroup("rollback-second");
  // Before the console: message-delivery errors go to the first log group.
  await setLogDelivery(pool.id, [notificationsTo(logGroup)]);

  // The change to roll back: the admin moves them to the second log group.
  const editor = new EditorPage(page);
  await editor.open(pool.id, "userNotification");
  await editor.pickDestination(second.name);
  await editor.review();
  const review = new ReviewPage(page);
  await review.expectPreviewed();
  await review.apply();
  await expect(new PoolPage(page).savedNotice).toBeVisible();

  // From the pool's history, the newest change's "Roll back…".
  await page.goto(`/audit?pool=${encodeURIComponent(pool.id)}`);
  const rollbackLink = page.getByRole("link", { name: /^Roll back record \d+$/ }).first();
  const recordId = ((await rollbackLink.getAttribute("aria-label")) ?? "").replace("Roll back record ", "");
  await rollbackLink.click();
  await expect(page.getByRole("heading", { level: 1, name: `Roll back record #${recordId}` })).toBeFocused();
  const now = page.getByRole("list", { name: "What rolling back would change" });
  await expect(now).toContainText(logGroup.name);
  await expect(page.getByRole("link", { name: pool.name })).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 900 });
  await screenshot(page, testInfo, "rollback-preview-1440");
  await page.getByRole("button", { name: "Roll back", exact: true }).click();

  await expect(
    page.getByRole("status").filter({ hasText: `Rolled back the change of record #${recordId}` }),
  ).toBeVisible();
  expect(await storedDestinations(pool.id)).toEqual({ userNotification: logGroup.arn });

  // The history says what the rollback undid.
  await page.goto(`/audit?pool=${encodeURIComponent(pool.id)}`);
  const newest = page.getByRole("table", { name: "Audit records" }).getByRole("row").nth(1);
  await expect(newest).toContainText("Roll back log delivery");
  await expect(newest).toContainText(`undoes #${recordId}`);

  // The same record again: the pool moved on since (the rollback itself), so it is refused, at 390 px too.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/audit/${recordId}/rollback`);
  await expect(
    page.getByRole("alert").filter({ hasText: "The pool changed again since this change" }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Roll back", exact: true })).toBeDisabled();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshotWholePage(page, testInfo, "rollback-refused-390");
});
