import { expect, type Locator } from "@playwright/test";
import { PageObject } from "./page-object.ts";

export type DestinationKindLabel = "CloudWatch log group" | "Firehose stream" | "S3 bucket";

/** The first step of a change (`/pools/:poolId/edit/:eventSource`): choose a kind and a destination. */
export class EditorPage extends PageObject {
  readonly kinds = this.page.getByRole("group", { name: "Destination kind" });
  readonly destinationSearch = this.page.getByLabel("Search destinations");
  readonly destinations = this.page.getByRole("table", { name: "Available destinations" });
  readonly arnInput = this.page.getByLabel("Destination ARN");
  readonly reviewButton = this.page.getByRole("button", { name: "Review changes" });

  async open(poolId: string, eventSource: "userNotification" | "userAuthEvents"): Promise<void> {
    await this.gotoPool(poolId, `/edit/${eventSource}`);
  }

  async expectTitle(title: string | RegExp): Promise<void> {
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(title);
  }

  kind(label: DestinationKindLabel): Locator {
    return this.kinds.getByRole("radio", { name: label, exact: true });
  }

  // click(), not check(): the choice lives in the URL, which the router updates a moment after the click.
  async chooseKind(label: DestinationKindLabel): Promise<void> {
    await this.kind(label).click();
    await expect(this.kind(label)).toBeChecked();
  }

  /** Finds a destination the console discovered in the pool's region and selects it. */
  async pickDestination(name: string): Promise<void> {
    await this.destinationSearch.fill(name);
    const choice = this.destinations.getByRole("radio", { name, exact: true });
    await choice.click();
    await expect(choice).toBeChecked();
  }

  async review(): Promise<void> {
    await expect(this.reviewButton).toBeEnabled();
    await this.reviewButton.click();
  }
}
