import { expect, test } from "@playwright/test";
import { EditorPage } from "../pages/editor.page.ts";
import { PoolPage } from "../pages/pool.page.ts";
import { ReviewPage } from "../pages/review.page.ts";
import { adminStorageState } from "../support/auth-state.ts";
import { createPlusPoolWithDestinations, storedDestinations } from "../support/sandbox-aws.ts";
import { screenshot } from "../support/screenshots.ts";

test("two admins edit one pool: the second sees the conflict, what changed, and re-applies on top", async ({
  browser,
}, testInfo) => {
  const { pool, logGroup, stream } = await createPlusPoolWithDestinations("conflict", "ENFORCED");
  const alice = await browser.newContext({ storageState: adminStorageState });
  const bob = await browser.newContext({ storageState: adminStorageState });
  try {
    const alicePage = await alice.newPage();
    const bobPage = await bob.newPage();

    // Both open the editor on the same version of the pool and get as far as the review.
    const aliceEditor = new EditorPage(alicePage);
    await aliceEditor.open(pool.id, "userNotification");
    await aliceEditor.pickDestination(logGroup.name);
    await aliceEditor.review();
    const aliceReview = new ReviewPage(alicePage);
    await aliceReview.expectPreviewed();

    const bobEditor = new EditorPage(bobPage);
    await bobEditor.open(pool.id, "userAuthEvents");
    await bobEditor.chooseKind("Firehose stream");
    await bobEditor.pickDestination(stream.name);
    await bobEditor.review();
    const bobReview = new ReviewPage(bobPage);
    await bobReview.expectPreviewed();

    // Alice applies first.
    await aliceReview.apply();
    await expect(new PoolPage(alicePage).savedNotice).toBeVisible();

    // Bob's apply meets a newer version: nothing is saved and he sees what Alice changed.
    await bobReview.apply();
    await expect(bobReview.conflict).toBeVisible();
    await expect(bobReview.conflict).toContainText("Nothing was saved");
    // Who changed it and when, from the audit trail (both contexts are the demo admin).
    await expect(bobReview.conflict.getByTestId("changed-by")).toContainText(
      /^Changed by \S+ at .+\(record #\d+\)\.$/,
    );
    await expect(bobReview.conflict).toContainText("message-delivery errors");
    await expect(bobReview.conflict).toContainText(
      "Re-applying keeps their change to the other event source.",
    );
    await screenshot(bobPage, testInfo, "conflict");
    expect(await storedDestinations(pool.id)).toEqual({ userNotification: logGroup.arn });

    await bobReview.reapplyButton.click();
    const bobPool = new PoolPage(bobPage);
    await expect(bobPool.savedNotice).toBeVisible();
    await bobPool.expectExportingTo("User activity", stream.name);
    await bobPool.expectExportingTo("Message-delivery errors", logGroup.name);
    await screenshot(bobPage, testInfo, "after-reapply");
    expect(await storedDestinations(pool.id)).toEqual({
      userNotification: logGroup.arn,
      userAuthEvents: stream.arn,
    });
  } finally {
    await alice.close();
    await bob.close();
  }
});
