import { expect, test } from "../support/journey.ts";
import {
  createDeliverableLogGroup,
  createFirehoseStream,
  createLogGroupWithoutDeliveryPolicy,
  createPool,
  storedDestinations,
} from "../support/sandbox-aws.ts";

test.describe("configuring where a pool's logs go", () => {
  test("message-delivery errors to an existing log group: pick it, review, apply, and AWS has it", async ({
    journey,
  }) => {
    const pool = await createPool({ label: "e2e-notify", tier: "ESSENTIALS" });
    const logGroup = await createDeliverableLogGroup("notify");
    const { poolPage, editor, review } = journey;

    await poolPage.open(pool.id);
    await poolPage.expectPool(pool.name);
    await poolPage.expectNotExported("Message-delivery errors");
    await poolPage.configure("Message-delivery errors");

    await expect(editor.kind("CloudWatch log group")).toBeChecked();
    await editor.pickDestination(logGroup.name);
    await journey.screenshot("editor");
    await editor.review();

    await review.expectPreviewed();
    await expect(review.change("Message-delivery errors")).toContainText("Added");
    await expect(review.change("User activity")).toContainText("Unchanged");
    await expect(review.checks).toContainText("All checks passed.");
    await journey.screenshot("review");

    await journey.applyAndExpect(pool.id, "userNotification", logGroup);
    await journey.screenshot("pool-after-apply");
  });

  test("user activity of a Plus pool to a tagged, active Firehose stream", async ({ journey }) => {
    const pool = await createPool({ label: "e2e-activity", tier: "PLUS", threatProtection: "ENFORCED" });
    const stream = await createFirehoseStream("e2e-activity", { tagged: true });
    const { review } = journey;

    await journey.toReview(pool.id, "userAuthEvents", { kind: "Firehose stream", name: stream.name });
    await expect(review.change("User activity")).toContainText("Added");
    await expect(review.acknowledgeWarnings).toHaveCount(0);
    await journey.screenshot("review-firehose");

    await journey.applyAndExpect(pool.id, "userAuthEvents", stream);
    await journey.screenshot("pool-firehose");
  });

  test("user activity on an Essentials pool is blocked, with the reason, and nothing can be applied", async ({
    journey,
  }) => {
    const pool = await createPool({ label: "e2e-blocked", tier: "ESSENTIALS" });
    const stream = await createFirehoseStream("e2e-blocked", { tagged: true });
    const { poolPage, editor, review } = journey;

    await poolPage.open(pool.id);
    await expect(poolPage.configureButton("User activity")).toBeDisabled();
    await expect(poolPage.panel("User activity")).toContainText("needs the Plus plan");
    await journey.screenshot("pool-blocked");

    // Someone with a link to the editor gets the same answer there…
    await editor.open(pool.id, "userAuthEvents");
    for (const kind of ["CloudWatch log group", "Firehose stream", "S3 bucket"] as const) {
      await expect(editor.kind(kind)).toBeDisabled();
    }
    await expect(editor.kinds).toContainText("needs the Plus plan");
    await expect(editor.reviewButton).toBeDisabled();
    await journey.screenshot("editor-blocked");

    // …and on the review step, Apply stays off.
    await review.open(pool.id, "userAuthEvents", { kind: "firehose", arn: stream.arn });
    await expect(journey.page.getByText(/needs the Plus plan/).first()).toBeVisible();
    await expect(review.applyButton).toBeDisabled();
    await journey.screenshot("review-blocked");
    expect(await storedDestinations(pool.id)).toEqual({});
  });

  test("a warning must be acknowledged: Apply stays off until 'I understand the warnings' is ticked", async ({
    journey,
  }) => {
    const pool = await createPool({ label: "e2e-warning", tier: "ESSENTIALS" });
    const logGroup = await createLogGroupWithoutDeliveryPolicy("warning");
    const { review } = journey;

    await journey.toReview(pool.id, "userNotification", logGroup);
    await expect(review.checks).toContainText("No CloudWatch Logs resource policy lets log delivery write");
    await expect(review.applyButton).toBeDisabled();
    await journey.screenshot("review-warning");
    await review.acknowledgeWarnings.check();

    await journey.applyAndExpect(pool.id, "userNotification", logGroup);
  });
});
