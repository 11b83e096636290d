/**
 * Guided creation's "Also route Cognito API activity" (issue 15) on a new Firehose stream, at a
 * phone's and a desktop's width: the option, the plan's route steps with their IAM calls and what
 * CloudTrail records, then the run creating the rule and its target. Then the same route to a stream
 * that exists already: the choice, a missing stream blocking the plan, the plan (the stream only
 * read, then the route's steps), the run.
 */
import { expect, test } from "@playwright/test";
import { expectNoSeriousAccessibilityViolations } from "../support/axe.ts";
import { createFirehoseStream, createPool, uniqueName } from "../support/sandbox-aws.ts";
import { screenshot } from "../support/screenshots.ts";

for (const width of [390, 1440]) {
  test.describe(`${width} px wide`, () => {
    test.use({ viewport: { width, height: 900 } });

    test("a new Firehose stream with Cognito's API activity routed to it: option, plan, run", async ({
      page,
    }, testInfo) => {
      test.setTimeout(240_000);
      const pool = await createPool({ label: "e2e-api", tier: "PLUS", threatProtection: "OFF" });
      const stream = uniqueName("e2e-api").slice(0, 40);
      await page.goto("/destinations/new");
      await page.getByLabel("User pool id", { exact: true }).fill(pool.id);
      await page.getByLabel("Destination kind", { exact: true }).selectOption({ label: "Firehose stream" });
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Create a Firehose stream");

      await page.getByLabel("Stream name", { exact: true }).fill(stream);
      await page.getByLabel("An S3 bucket").check();
      await page.getByLabel("Bucket name", { exact: true }).fill(uniqueName("e2e-api-archive").toLowerCase());
      const option = page.getByLabel("Also route Cognito API activity to this stream");
      await expect(option).not.toBeChecked();
      await option.check();
      await option.scrollIntoViewIfNeeded();
      await screenshot(page, testInfo, `api-activity-form-${width}`);

      await page.getByRole("button", { name: "Review the plan" }).click();
      const plan = page.getByRole("region", { name: "What will happen" });
      for (const id of [
        "check-trail",
        "create-events-role",
        "events-role-policy",
        "create-rule",
        "put-targets",
      ]) {
        await expect(plan.locator(`[data-step="${id}"]`)).toBeVisible();
      }
      await expect(plan.locator('[data-step="put-targets"]')).toContainText("events:PutTargets");
      await expect(plan).toContainText(`Create EventBridge rule clc-cognito-api-${stream}`);
      // Whether or not the demo has a trail, the plan says what CloudTrail records here.
      await expect(plan.locator("[data-trail]")).toBeVisible();
      await plan.locator('[data-step="check-trail"]').scrollIntoViewIfNeeded();
      await screenshot(page, testInfo, `api-activity-plan-${width}`);
      await expectNoSeriousAccessibilityViolations(page, testInfo, `api-activity-plan-${width}`);

      const create = page.getByRole("button", { name: "Create Firehose stream" });
      await expect(create).toBeEnabled();
      await create.click();
      const progress = page.getByRole("region", { name: "Progress" });
      await expect(page.getByRole("status").filter({ hasText: "is ready" })).toBeVisible({ timeout: 60_000 });
      for (const id of ["create-rule", "put-targets"]) {
        await expect(progress.locator(`[data-step="${id}"]`)).toHaveAttribute("data-status", "done");
      }
      await progress.locator('[data-step="put-targets"]').scrollIntoViewIfNeeded();
      await screenshot(page, testInfo, `api-activity-done-${width}`);
    });

    test("Cognito's API activity routed to an existing Firehose stream: choice, plan, run", async ({
      page,
    }, testInfo) => {
      test.setTimeout(240_000);
      const pool = await createPool({ label: "e2e-api-ex", tier: "PLUS", threatProtection: "OFF" });
      const stream = await createFirehoseStream("e2e-theirs", { tagged: true });
      await page.goto("/destinations/new");
      await page.getByLabel("User pool id", { exact: true }).fill(pool.id);
      await page.getByLabel("Destination kind", { exact: true }).selectOption({ label: "Firehose stream" });
      await page.getByRole("button", { name: "Continue" }).click();

      await page.getByLabel("Route Cognito API activity to an existing Firehose stream").check();
      await expect(page.getByLabel("Also route Cognito API activity to this stream")).toHaveCount(0);
      const name = page.getByLabel("Existing stream name", { exact: true });

      // A stream that does not exist: the plan says so and its run button is disabled.
      await name.fill("e2e-no-such-stream");
      await page.getByRole("button", { name: "Review the plan" }).click();
      const plan = page.getByRole("region", { name: "What will happen" });
      await expect(page.getByText("There is no Firehose stream e2e-no-such-stream").first()).toBeVisible();
      await expect(page.getByRole("button", { name: "Route API activity" })).toBeDisabled();

      await name.fill(stream.name);
      await name.scrollIntoViewIfNeeded();
      await screenshot(page, testInfo, `api-activity-existing-form-${width}`);
      await page.getByRole("button", { name: "Review the plan" }).click();
      for (const id of [
        "check-stream",
        "check-trail",
        "create-events-role",
        "events-role-policy",
        "create-rule",
        "put-targets",
      ]) {
        await expect(plan.locator(`[data-step="${id}"]`)).toBeVisible();
      }
      await expect(plan.locator('[data-step="create-stream"]')).toHaveCount(0);
      await expect(plan).toContainText(`Use Firehose stream ${stream.name}`);
      await plan.locator('[data-step="check-stream"]').scrollIntoViewIfNeeded();
      await screenshot(page, testInfo, `api-activity-existing-plan-${width}`);
      await expectNoSeriousAccessibilityViolations(page, testInfo, `api-activity-existing-plan-${width}`);

      const route = page.getByRole("button", { name: "Route API activity" });
      await expect(route).toBeEnabled();
      await route.click();
      const progress = page.getByRole("region", { name: "Progress" });
      // The stream is someone else's: the run routed API activity to it, and offers no "use it" for the pool.
      await expect(page.getByRole("status").filter({ hasText: "Cognito API activity in" })).toBeVisible({
        timeout: 60_000,
      });
      await expect(page.getByRole("button", { name: "Use this destination" })).toHaveCount(0);
      for (const id of ["check-stream", "create-rule", "put-targets"]) {
        await expect(progress.locator(`[data-step="${id}"]`)).toHaveAttribute("data-status", "done");
      }
      await progress.locator('[data-step="put-targets"]').scrollIntoViewIfNeeded();
      await screenshot(page, testInfo, `api-activity-existing-done-${width}`);
    });
  });
}
