import { expect, type Locator } from "@playwright/test";
import { PageObject } from "./page-object.ts";

/** The review step: what will change, the preflight checks, and Apply (or the conflict when someone was faster). */
export class ReviewPage extends PageObject {
  readonly changes = this.page.getByRole("list", { name: "Changes per event source" });
  readonly checks = this.page.getByRole("region", { name: "Preflight checks" });
  readonly acknowledgeWarnings = this.page.getByRole("checkbox", { name: "I understand the warnings" });
  readonly applyButton = this.page.getByRole("button", { name: "Apply", exact: true });
  readonly conflict = this.page.getByRole("region", { name: /Someone changed this pool's logging/ });
  readonly reapplyButton = this.page.getByRole("button", { name: "Re-apply my change" });
  readonly discardButton = this.page.getByRole("button", { name: "Discard my change" });
  readonly blockingErrors = this.page.getByRole("alert").filter({ hasText: "This change cannot be applied" });

  async open(
    poolId: string,
    eventSource: "userNotification" | "userAuthEvents",
    destination: { kind: "logGroup" | "firehose" | "s3"; arn: string },
  ): Promise<void> {
    const query = new URLSearchParams(destination).toString();
    await this.gotoPool(poolId, `/edit/${eventSource}/review?${query}`);
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
