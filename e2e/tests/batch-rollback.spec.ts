/**
 * Rolling back a whole batch (issue 17, "Rollback ... or a whole batch"): a finished batch of three
 * pools is rolled back from its page; the rollback is a new batch, reviewed once (the pool changed
 * since the batch is refused with what changed), then run; the two other pools get back what they
 * had, and both batches link to each other. Screenshots at 390 and 1440 px.
 */
import { BatchPage } from "../pages/batch.page.ts";
import { FleetPage } from "../pages/fleet.page.ts";
import { expect, test } from "../support/journey.ts";
import {
  createDeliverableLogGroup,
  createPool,
  notificationsTo,
  setLogDelivery,
  storedDestinations,
  uniqueName,
} from "../support/sandbox-aws.ts";
import { screenshotWholePage } from "../support/screenshots.ts";

for (const width of [390, 1440]) {
  test.describe(`${width} px wide`, () => {
    test.use({ viewport: { width, height: 900 } });

    test("rolls a finished batch back as a new reviewed batch, refusing the pool changed since", async ({
      page,
    }, testInfo) => {
      test.setTimeout(180_000);
      const before = await createDeliverableLogGroup("undo-before");
      const batchGroup = await createDeliverableLogGroup("undo-batch");
      const later = await createDeliverableLogGroup("undo-later");
      const prefix = uniqueName("undo");
      const pools = [];
      for (let i = 0; i < 3; i++) {
        const pool = await createPool({ label: `${prefix}-${i}`, tier: "PLUS" });
        await setLogDelivery(pool.id, [notificationsTo(before)]);
        pools.push(pool);
      }
      const [first, second, moved] = pools as [(typeof pools)[0], (typeof pools)[0], (typeof pools)[0]];

      // The batch: the three pools' message-delivery errors to another log group.
      const fleet = new FleetPage(page);
      await fleet.open(`?q=${prefix}`);
      await fleet.refresh();
      await expect(page.getByText("3 pools match")).toBeVisible();
      await page.getByRole("link", { name: "Apply a change to these pools" }).click();
      const batch = new BatchPage(page);
      await batch.choose("Message-delivery errors", /log group of this name/);
      await batch.logGroupName("Message-delivery errors", batchGroup.name);
      await batch.choose("User activity", "Keep as each pool has it");
      await batch.planButton.click();
      await expect(batch.startButton).toBeVisible({ timeout: 30_000 });
      if (await batch.acknowledge.isVisible()) await batch.acknowledge.check();
      await batch.startButton.click();
      await batch.expectStatus(/^Finished$/);
      await expect(batch.progress).toContainText("3 done");
      for (const pool of pools)
        expect((await storedDestinations(pool.id)).userNotification).toBe(batchGroup.arn);

      // Someone changes one pool afterwards: rolling it back would overwrite that.
      await setLogDelivery(moved.id, [notificationsTo(later)]);

      await page.getByRole("button", { name: "Roll back this batch…" }).click();
      await expect(page.getByRole("heading", { level: 1, name: /^Roll back: / })).toBeVisible({
        timeout: 30_000,
      });
      await expect(page.getByText(/This batch rolls back/)).toBeVisible();
      await expect(batch.group(/^Blocked \(1\)/)).toBeVisible();
      const refused = page.getByRole("listitem", { name: moved.name });
      await expect(refused).toContainText("Changed since the batch");
      await expect(refused).toContainText(later.name);
      await screenshotWholePage(page, testInfo, "batch-rollback-review");

      if (await batch.acknowledge.isVisible()) await batch.acknowledge.check();
      await batch.startButton.click();
      await batch.expectStatus(/^Finished$/);
      await expect(batch.progress).toContainText("2 done");
      await screenshotWholePage(page, testInfo, "batch-rollback-finished");
      expect((await storedDestinations(first.id)).userNotification).toBe(before.arn);
      expect((await storedDestinations(second.id)).userNotification).toBe(before.arn);
      expect((await storedDestinations(moved.id)).userNotification).toBe(later.arn);

      // Both ways: the rolled-back batch names the batch that rolled it back.
      await page.getByRole("link", { name: "an earlier batch" }).click();
      await expect(page.getByText(/Rolled back by/)).toBeVisible();
      await screenshotWholePage(page, testInfo, "batch-rolled-back");
    });
  });
}
