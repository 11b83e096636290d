import { expect, type Locator } from "@playwright/test";
import { PageObject } from "./page-object.ts";

export type EventSourceLabel = "Message-delivery errors" | "User activity";

/** A pool's page (`/pools/:poolId`): one panel per event source with where it goes and what is wrong. */
export class PoolPage extends PageObject {
  readonly savedNotice = this.page.getByRole("status").filter({ hasText: "Below is what AWS stored" });
  readonly confirmDialog = this.page.getByRole("dialog");

  async open(poolId: string): Promise<void> {
    await this.gotoPool(poolId);
  }

  async expectPool(poolName: string): Promise<void> {
    await expect(this.page.getByRole("heading", { name: poolName, level: 1 })).toBeVisible();
  }

  panel(eventSource: EventSourceLabel): Locator {
    return this.page.getByRole("region", { name: eventSource, exact: true });
  }

  configureButton(eventSource: EventSourceLabel): Locator {
    return this.panel(eventSource).getByRole("button", { name: "Configure", exact: true });
  }

  async configure(eventSource: EventSourceLabel): Promise<void> {
    await this.configureButton(eventSource).click();
  }

  async change(eventSource: EventSourceLabel): Promise<void> {
    await this.panel(eventSource).getByRole("button", { name: "Change", exact: true }).click();
  }

  /** Disables an event source's export, confirming in the dialog that asks first. */
  async disable(eventSource: EventSourceLabel): Promise<void> {
    await this.panel(eventSource).getByRole("button", { name: "Disable", exact: true }).click();
    await expect(this.confirmDialog).toBeVisible();
    await this.confirmDialog.getByRole("button", { name: "Disable", exact: true }).click();
    await expect(this.confirmDialog).toBeHidden();
  }

  async expectExportingTo(eventSource: EventSourceLabel, destinationName: string): Promise<void> {
    const panel = this.panel(eventSource);
    await expect(panel).toContainText("Exporting to");
    await expect(panel).toContainText(destinationName);
  }

  async expectNotExported(eventSource: EventSourceLabel): Promise<void> {
    await expect(this.panel(eventSource)).toContainText("Not exported.");
  }
}
