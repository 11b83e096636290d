/**
 * Guided creation's "Also route Cognito API activity" (issue 15) on a new Firehose stream, at a
 * phone's and a desktop's width: the option, the plan's route steps with their IAM calls and what
 * CloudTrail records, then the run creating the rule and its target.
 */
import { expect, test } from "@playwright/test";
import { expectNoSeriousAccessibilityViolations } from "../support/axe.ts";
import { createPool, uniqueName } from "../support/sandbox-aws.ts";
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
  });
}
