/**
 * Bulk apply with one review (issue 17): ten pools chosen by the fleet's filter get one change; the
 * review groups them (one blocked, with its reason); the batch runs paced, is paused and resumed,
 * and finishes with nine pools written. Screenshots at 390 and 1440 px.
 */
import { BatchPage } from "../pages/batch.page.ts";
import { FleetPage } from "../pages/fleet.page.ts";
import { expect, test } from "../support/journey.ts";
import {
  createDeliverableLogGroup,
  createPool,
  storedDestinations,
  uniqueName,
} from "../support/sandbox-aws.ts";
import { screenshotWholePage } from "../support/screenshots.ts";

for (const width of [390, 1440]) {
  test.describe(`${width} px wide`, () => {
    test.use({ viewport: { width, height: 900 } });

    test("plans one change on ten pools, blocks the one that cannot take it, runs it with a pause, and writes nine", async ({
      page,
    }, testInfo) => {
      test.setTimeout(180_000);
      const group = await createDeliverableLogGroup("batch-activity");
      const prefix = uniqueName("batch");
      const plus = [];
      for (let i = 0; i < 9; i++)
        plus.push(await createPool({ label: `${prefix}-plus${i}`, tier: "PLUS", threatProtection: "AUDIT" }));
      // User activity needs the Plus plan: this pool is blocked, with its reason.
      const essentials = await createPool({ label: `${prefix}-essentials`, tier: "ESSENTIALS" });

      const fleet = new FleetPage(page);
      await fleet.open(`?q=${prefix}`);
      await fleet.refresh();
      await expect(page.getByText("10 pools match")).toBeVisible();
      await page.getByRole("link", { name: "Apply a change to these pools" }).click();

      const batch = new BatchPage(page);
      await expect(page.getByText("10 pools match the fleet's filter.")).toBeVisible();
      await batch.choose("Message-delivery errors", "Keep as each pool has it");
      await batch.choose("User activity", /log group of this name/);
      await batch.logGroupName("User activity", group.name);
      await screenshotWholePage(page, testInfo, "batch-new");
      await batch.planButton.click();

      await expect(batch.group(/^Blocked \(1\)/)).toBeVisible({ timeout: 30_000 });
      const blocked = page.getByRole("listitem", { name: essentials.name });
      await expect(blocked).toContainText(/Plus/);
      await screenshotWholePage(page, testInfo, "batch-review");

      if (await batch.acknowledge.isVisible()) await batch.acknowledge.check();
      await batch.startButton.click();
      await batch.pauseButton.click();
      await batch.expectStatus(/^Paused$/);
      await expect(batch.resumeButton).toBeVisible();
      await screenshotWholePage(page, testInfo, "batch-paused");
      await batch.resumeButton.click();
      await batch.expectStatus(/^Finished$/);
      await expect(batch.progress).toContainText("9 done");
      await screenshotWholePage(page, testInfo, "batch-finished");

      for (const pool of plus) expect((await storedDestinations(pool.id)).userAuthEvents).toBe(group.arn);
      expect(await storedDestinations(essentials.id)).toEqual({});

      await page.getByRole("link", { name: "Batches", exact: true }).first().click();
      await expect(page.getByRole("heading", { name: "Batches", level: 1 })).toBeVisible();
      await screenshotWholePage(page, testInfo, "batches");
    });
  });
}
