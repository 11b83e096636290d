import { expect, type Locator, type Page } from "@playwright/test";

/** The review step: what will change, the preflight checks, and Apply (or the conflict when someone was faster). */
export class ReviewPage {
  readonly changes: Locator;
  readonly checks: Locator;
  readonly acknowledgeWarnings: Locator;
  readonly applyButton: Locator;
  readonly conflict: Locator;
  readonly reapplyButton: Locator;
  readonly discardButton: Locator;
  readonly blockingErrors: Locator;

  constructor(readonly page: Page) {
    this.changes = page.getByRole("list", { name: "Changes per event source" });
    this.checks = page.getByRole("region", { name: "Preflight checks" });
    this.acknowledgeWarnings = page.getByRole("checkbox", { name: "I understand the warnings" });
    this.applyButton = page.getByRole("button", { name: "Apply", exact: true });
    this.conflict = page.getByRole("region", { name: /Someone changed this pool's logging/ });
    this.reapplyButton = page.getByRole("button", { name: "Re-apply my change" });
    this.discardButton = page.getByRole("button", { name: "Discard my change" });
    this.blockingErrors = page.getByRole("alert").filter({ hasText: "This change cannot be applied" });
  }

  async open(
    poolId: string,
    eventSource: "userNotification" | "userAuthEvents",
    destination: { kind: "logGroup" | "firehose" | "s3"; arn: string },
  ): Promise<void> {
    const query = new URLSearchParams(destination).toString();
    await this.page.goto(`/pools/${encodeURIComponent(poolId)}/edit/${eventSource}/review?${query}`);
  }

  /** Waits for the preview the BFF computed against what AWS holds now. */
  async expectPreviewed(): Promise<void> {
    await expect(this.page.getByRole("heading", { name: "What will change" })).toBeVisible();
  }

  /** The diff row of one event source (e.g. "Added", "Unchanged — kept as is"). */
  change(eventSource: string): Locator {
    return this.changes.getByRole("listitem").filter({ hasText: eventSource });
  }

  async apply(): Promise<void> {
    await expect(this.applyButton).toBeEnabled();
    await this.applyButton.click();
  }
}
