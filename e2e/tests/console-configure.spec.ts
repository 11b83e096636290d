import { expect, test } from "@playwright/test";
import { EditorPage } from "../pages/editor.page.ts";
import { PoolPage } from "../pages/pool.page.ts";
import { ReviewPage } from "../pages/review.page.ts";
import {
  createDeliverableLogGroup,
  createFirehoseStream,
  createLogGroupWithoutDeliveryPolicy,
  createPool,
  storedDestinations,
} from "../support/sandbox-aws.ts";
import { screenshot } from "../support/screenshots.ts";

test.describe("configuring where a pool's logs go", () => {
  test("message-delivery errors to an existing log group: pick it, review, apply, and AWS has it", async ({
    page,
  }, testInfo) => {
    const pool = await createPool({ label: "e2e-notify", tier: "ESSENTIALS" });
    const logGroup = await createDeliverableLogGroup("notify");
    const poolPage = new PoolPage(page);
    const editor = new EditorPage(page);
    const review = new ReviewPage(page);

    await poolPage.open(pool.id);
    await poolPage.expectPool(pool.name);
    await poolPage.expectNotExported("Message-delivery errors");
    await poolPage.configure("Message-delivery errors");

    await expect(editor.kind("CloudWatch log group")).toBeChecked();
    await editor.pickDestination(logGroup.name);
    await screenshot(page, testInfo, "editor");
    await editor.review();

    await review.expectPreviewed();
    await expect(review.change("Message-delivery errors")).toContainText("Added");
    await expect(review.change("User activity")).toContainText("Unchanged");
    await expect(review.checks).toContainText("All checks passed.");
    await screenshot(page, testInfo, "review");
    await review.apply();

    await expect(poolPage.savedNotice).toBeVisible();
    await poolPage.expectExportingTo("Message-delivery errors", logGroup.name);
    await screenshot(page, testInfo, "pool-after-apply");
    expect(await storedDestinations(pool.id)).toEqual({ userNotification: logGroup.arn });
  });

  test("user activity of a Plus pool to a tagged, active Firehose stream", async ({ page }, testInfo) => {
    const pool = await createPool({ label: "e2e-activity", tier: "PLUS", threatProtection: "ENFORCED" });
    const stream = await createFirehoseStream("e2e-activity", { tagged: true });
    const poolPage = new PoolPage(page);
    const editor = new EditorPage(page);
    const review = new ReviewPage(page);

    await poolPage.open(pool.id);
    await poolPage.configure("User activity");
    await editor.chooseKind("Firehose stream");
    await editor.pickDestination(stream.name);
    await editor.review();

    await review.expectPreviewed();
    await expect(review.change("User activity")).toContainText("Added");
    await expect(review.acknowledgeWarnings).toHaveCount(0);
    await screenshot(page, testInfo, "review-firehose");
    await review.apply();

    await expect(poolPage.savedNotice).toBeVisible();
    await poolPage.expectExportingTo("User activity", stream.name);
    await screenshot(page, testInfo, "pool-firehose");
    expect(await storedDestinations(pool.id)).toEqual({ userAuthEvents: stream.arn });
  });

  test("user activity on an Essentials pool is blocked, with the reason, and nothing can be applied", async ({
    page,
  }, testInfo) => {
    const pool = await createPool({ label: "e2e-blocked", tier: "ESSENTIALS" });
    const stream = await createFirehoseStream("e2e-blocked", { tagged: true });
    const poolPage = new PoolPage(page);
    const editor = new EditorPage(page);
    const review = new ReviewPage(page);

    await poolPage.open(pool.id);
    await expect(poolPage.configureButton("User activity")).toBeDisabled();
    await expect(poolPage.panel("User activity")).toContainText("needs the Plus plan");
    await screenshot(page, testInfo, "pool-blocked");

    // Someone with a link to the editor gets the same answer there…
    await editor.open(pool.id, "userAuthEvents");
    for (const kind of ["CloudWatch log group", "Firehose stream", "S3 bucket"] as const) {
      await expect(editor.kind(kind)).toBeDisabled();
    }
    await expect(editor.kinds).toContainText("needs the Plus plan");
    await expect(editor.reviewButton).toBeDisabled();
    await screenshot(page, testInfo, "editor-blocked");

    // …and on the review step, Apply stays off.
    await review.open(pool.id, "userAuthEvents", { kind: "firehose", arn: stream.arn });
    await expect(page.getByText(/needs the Plus plan/).first()).toBeVisible();
    await expect(review.applyButton).toBeDisabled();
    await screenshot(page, testInfo, "review-blocked");
    expect(await storedDestinations(pool.id)).toEqual({});
  });

  test("a warning must be acknowledged: Apply stays off until 'I understand the warnings' is ticked", async ({
    page,
  }, testInfo) => {
    const pool = await createPool({ label: "e2e-warning", tier: "ESSENTIALS" });
    const logGroup = await createLogGroupWithoutDeliveryPolicy("warning");
    const poolPage = new PoolPage(page);
    const editor = new EditorPage(page);
    const review = new ReviewPage(page);

    await poolPage.open(pool.id);
    await poolPage.configure("Message-delivery errors");
    await editor.pickDestination(logGroup.name);
    await editor.review();

    await review.expectPreviewed();
    await expect(review.checks).toContainText("No CloudWatch Logs resource policy lets log delivery write");
    await expect(review.applyButton).toBeDisabled();
    await screenshot(page, testInfo, "review-warning");
    await review.acknowledgeWarnings.check();
    await review.apply();

    await expect(poolPage.savedNotice).toBeVisible();
    await poolPage.expectExportingTo("Message-delivery errors", logGroup.name);
    expect(await storedDestinations(pool.id)).toEqual({ userNotification: logGroup.arn });
  });
});
