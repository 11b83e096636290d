import { expect, test } from "@playwright/test";
import { EditorPage } from "../pages/editor.page.ts";
import { FleetPage } from "../pages/fleet.page.ts";
import { PoolPage } from "../pages/pool.page.ts";
import { ReviewPage } from "../pages/review.page.ts";
import { signedOut, signInAsAdmin } from "../support/auth.ts";
import { createDeliverableLogGroup, createPool, storedDestinations } from "../support/sandbox-aws.ts";
import { screenshot } from "../support/screenshots.ts";

test.use({ storageState: signedOut });

test("a new admin finds every pool that exports nothing and fixes one of them", async ({
  page,
}, testInfo) => {
  const pool = await createPool({ label: "e2e-forgotten", tier: "ESSENTIALS" });
  const logGroup = await createDeliverableLogGroup("forgotten");

  await page.goto("/");
  await signInAsAdmin(page);

  const fleet = new FleetPage(page);
  await expect(fleet.heading).toBeVisible();
  // The pool was created behind the console's back: read the fleet again.
  await fleet.refresh();
  await fleet.showOnlyPoolsExportingNothing();
  // Other journeys' pools export nothing too: the row may be below the table's rendered rows.
  await expect(await fleet.rowScrolledTo(pool.name)).toBeVisible();
  await expect(fleet.row("acme-prod-customers")).toHaveCount(0);
  await screenshot(page, testInfo, "fleet-exporting-nothing");

  await fleet.openPool(pool.name);
  const poolPage = new PoolPage(page);
  await poolPage.expectPool(pool.name);
  await poolPage.configure("Message-delivery errors");

  const editor = new EditorPage(page);
  await editor.pickDestination(logGroup.name);
  await editor.review();
  const review = new ReviewPage(page);
  await review.expectPreviewed();
  await review.apply();

  await expect(poolPage.savedNotice).toBeVisible();
  await poolPage.expectExportingTo("Message-delivery errors", logGroup.name);
  expect(await storedDestinations(pool.id)).toEqual({ userNotification: logGroup.arn });

  // Back on the fleet's "exporting nothing" view, the fixed pool is gone from the list.
  await fleet.open("?exporting=none");
  await expect(await fleet.rowScrolledTo("acme-legacy-portal")).toBeVisible();
  await expect(fleet.row(pool.name)).toHaveCount(0);
  await screenshot(page, testInfo, "fleet-after-fix");
});
