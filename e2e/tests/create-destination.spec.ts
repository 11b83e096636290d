import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { EditorPage } from "../pages/editor.page.ts";
import { ReviewPage } from "../pages/review.page.ts";
import { expectNoSeriousAccessibilityViolations } from "../support/axe.ts";
import { sandboxEndpoint } from "../support/env.ts";
import { getLogDelivery, uniqueName } from "../support/sandbox-aws.ts";
import { screenshot } from "../support/screenshots.ts";

/** The creation wizard (`/destinations/new`), as an admin fills it in. */
class CreateDestinationPage {
  readonly heading: Locator;
  readonly reviewPlanButton: Locator;
  readonly plan: Locator;
  readonly progress: Locator;
  readonly ready: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.reviewPlanButton = page.getByRole("button", { name: "Review the plan" });
    this.plan = page.getByRole("region", { name: "What will happen" });
    this.progress = page.getByRole("region", { name: "Progress" });
    this.ready = page.getByRole("status").filter({ hasText: "is ready" });
  }

  field(label: string | RegExp): Locator {
    return this.page.getByLabel(label, { exact: typeof label === "string" });
  }

  async create(kindLabel: string): Promise<void> {
    const button = this.page.getByRole("button", { name: `Create ${kindLabel}` });
    await expect(button).toBeEnabled();
    await button.click();
  }

  step(id: string): Locator {
    return this.progress.locator(`[data-step="${id}"]`);
  }
}

/** A Plus pool with threat protection on, of this journey's own (the support helper's signature is in flux). */
async function createPlusPool(): Promise<{ id: string }> {
  const cognito = new CognitoIdentityProviderClient({
    region: "us-east-1",
    endpoint: sandboxEndpoint,
    credentials: { accessKeyId: "e2e", secretAccessKey: "e2e" },
  });
  try {
    const answer = await cognito.send(
      new CreateUserPoolCommand({
        PoolName: uniqueName("e2e-create"),
        UserPoolTier: "PLUS",
        UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" },
      }),
    );
    const id = answer.UserPool?.Id;
    if (!id) throw new Error("The sandbox created a pool without an id");
    return { id };
  } finally {
    cognito.destroy();
  }
}

interface SourceDiagnosis {
  eventSource: string;
  delivered: boolean;
  reasons: Array<{ id: string; message: string }>;
}

test.describe("creating a destination from the editor", () => {
  test("a Plus pool gets a new Firehose stream to OpenObserve, applied and delivering", async ({
    page,
  }, testInfo) => {
    const pool = await createPlusPool();
    const streamName = uniqueName("e2e-o2").slice(0, 60);
    const accessKey = "ZTJlOnNlY3JldC1hY2Nlc3Mta2V5";

    const editor = new EditorPage(page);
    await editor.open(pool.id, "userAuthEvents");
    await editor.chooseKind("Firehose stream");
    await page.getByRole("link", { name: "Create new…" }).click();

    const wizard = new CreateDestinationPage(page);
    await expect(wizard.heading).toHaveText("Create a Firehose stream");
    await expect(page).toHaveURL(/\/destinations\/new\?.*kind=firehose/);
    await wizard.field("Stream name").fill(streamName);
    await expect(wizard.field("Service")).toHaveValue("openobserve");
    await wizard.field("OpenObserve host").fill("o2.example.com");
    // Without the key, the shared rules say what is missing before anything is sent.
    await expect(page.getByText("OpenObserve needs an access key")).toBeVisible();
    await expect(wizard.reviewPlanButton).toBeDisabled();
    await wizard.field("Access key").fill(accessKey);
    await wizard.field("Bucket name").fill(uniqueName("e2e-failed").toLowerCase());
    await screenshot(page, testInfo, "create-destination-form");
    await expectNoSeriousAccessibilityViolations(page, testInfo, "create-destination");

    await wizard.reviewPlanButton.click();
    await expect(wizard.plan).toBeVisible();
    await expect(wizard.plan).toContainText("firehose:CreateDeliveryStream");
    await expect(wizard.plan).toContainText("iam:CreateRole");
    await wizard.plan.scrollIntoViewIfNeeded();
    await screenshot(page, testInfo, "create-destination-plan");

    await wizard.create("Firehose stream");
    await expect(wizard.ready).toBeVisible({ timeout: 30_000 });
    await expect(page).toHaveURL(/\/destinations\/runs\/run_[A-Za-z0-9_-]+\?returnTo=/);
    for (const step of [
      "create-bucket",
      "create-role",
      "role-policy",
      "create-stream",
      "wait-stream-active",
    ]) {
      await expect(wizard.step(step)).toHaveAttribute("data-status", "done");
    }
    await expect(page.locator("body")).not.toContainText(accessKey);
    await wizard.ready.scrollIntoViewIfNeeded();
    await screenshot(page, testInfo, "create-destination-done");

    await page.getByRole("button", { name: "Use this destination" }).click();
    await expect(page).toHaveURL(new RegExp(`/pools/${pool.id}/edit/userAuthEvents`));
    await expect(page).toHaveURL(new RegExp(`deliverystream%2F${streamName}|deliverystream/${streamName}`));
    await expect(editor.kind("Firehose stream")).toBeChecked();
    await expect(editor.arnInput).toHaveValue(
      new RegExp(`^arn:aws:firehose:us-east-1:\\d{12}:deliverystream/${streamName}$`),
    );
    await screenshot(page, testInfo, "editor-with-new-stream");

    await editor.review();
    const review = new ReviewPage(page);
    await review.expectPreviewed();
    // Right by construction: the preflight has nothing to say about the new stream.
    await expect(review.checks.locator(".finding")).toHaveCount(0);
    await screenshot(page, testInfo, "review-new-stream");
    await review.apply();
    await expect(page).toHaveURL(new RegExp(`/pools/${pool.id}$`));

    const stored = await getLogDelivery(pool.id);
    expect(stored).toEqual([
      expect.objectContaining({
        EventSource: "userAuthEvents",
        FirehoseConfiguration: { StreamArn: expect.stringContaining(`deliverystream/${streamName}`) },
      }),
    ]);

    // And the sandbox really delivers the pool's user activity into it.
    const emitted = await fetch(`${sandboxEndpoint}/_sandbox/emit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ userPoolId: pool.id, count: 2, eventSource: "userAuthEvents" }),
    });
    expect(emitted.status).toBe(200);
    const diagnostics = await fetch(`${sandboxEndpoint}/_sandbox/diagnostics?userPoolId=${pool.id}`);
    const { eventSources } = (await diagnostics.json()) as { eventSources: SourceDiagnosis[] };
    expect(eventSources.find((s) => s.eventSource === "userAuthEvents")).toMatchObject({
      delivered: true,
      reasons: [],
    });
  });

  test("on its own page: a log group for message-delivery errors, then back to the editor with it selected", async ({
    page,
  }, testInfo) => {
    const pool = await createPlusPool();
    await page.goto("/destinations/new");
    const wizard = new CreateDestinationPage(page);
    await expect(wizard.heading).toHaveText("Create a destination");
    await wizard.field("User pool id").fill(pool.id);
    await wizard.field("Logs").selectOption("userNotification");
    await expect(wizard.field("Destination kind").locator("option")).toHaveText(["CloudWatch log group"]);
    await page.getByRole("button", { name: "Continue" }).click();

    await expect(wizard.heading).toHaveText("Create a CloudWatch log group");
    const name = wizard.field("Log group name");
    await expect(name).toHaveValue(/^\/aws\/vendedlogs\/cognito\/e2e-create-.+\/userNotification$/);
    await name.fill("/aws/vendedlogs/bad#name");
    await expect(page.getByText("Remove the #")).toBeVisible();
    await name.fill(`/aws/vendedlogs/cognito/${pool.id}/errors`);
    await wizard.field("Keep log events").selectOption("90");
    await wizard.reviewPlanButton.click();
    await expect(wizard.plan).toContainText("logs:PutResourcePolicy");
    await wizard.create("CloudWatch log group");
    await expect(wizard.ready).toBeVisible({ timeout: 30_000 });
    await wizard.ready.scrollIntoViewIfNeeded();
    await screenshot(page, testInfo, "create-log-group-done");

    // The run has its own URL: reload, Back and Forward keep it in view.
    await expect(page).toHaveURL(/\/destinations\/runs\/run_[A-Za-z0-9_-]+$/);
    const runUrl = page.url();
    await page.reload();
    await expect(wizard.ready).toBeVisible();
    await expect(wizard.step("create-log-group")).toHaveAttribute("data-status", "done");
    await page.goBack();
    await expect(wizard.heading).toHaveText("Create a CloudWatch log group");
    await page.goForward();
    await expect(page).toHaveURL(runUrl);
    await expect(wizard.ready).toBeVisible();
    // And it is in the list of past runs.
    await page.goto("/destinations/runs");
    await page.getByRole("link", { name: `/aws/vendedlogs/cognito/${pool.id}/errors` }).click();
    await expect(page).toHaveURL(runUrl);
    await expect(wizard.ready).toBeVisible();

    await page.getByRole("button", { name: "Use this destination" }).click();
    await expect(page).toHaveURL(new RegExp(`/pools/${pool.id}/edit/userNotification`));
    await expect(new EditorPage(page).arnInput).toHaveValue(
      new RegExp(`:log-group:/aws/vendedlogs/cognito/${pool.id}/errors$`),
    );
  });
});
