import { expect, type Locator } from "@playwright/test";
import { PageObject } from "./page-object.ts";

/** The fleet view (`/`): every user pool of the configured regions, with filters kept in the URL. */
export class FleetPage extends PageObject {
  readonly heading = this.page.getByRole("heading", { name: "User pools", level: 1 });
  readonly table = this.page.getByRole("table", { name: "User pools" });
  /** Pool names in the order the table shows them (each name links to its pool page). */
  /** The pools' links: the body's rows only (the column headers link to the help). */
  /** The name column's links (the Logging cell's links go to the pool page too, named by their source). */
  readonly poolLinks = this.table.locator("tbody a.pool-link");
  readonly refreshButton = this.page.getByRole("button", { name: "Refresh", exact: true });
  readonly lastRefreshed = this.page.getByText(/^Last refreshed/);
  readonly search = this.page.getByLabel("Search pools");
  readonly region = this.page.getByLabel("Region", { exact: true });
  readonly tier = this.page.getByLabel("Tier", { exact: true });
  readonly destinationKind = this.page.getByLabel("Destination kind", { exact: true });
  readonly notExportingAnything = this.page.getByRole("checkbox", { name: "Not exporting anything" });
  readonly hasWarnings = this.page.getByRole("checkbox", { name: "Has warnings" });
  // In the banner: the demo organization has an OU named Sandbox too.
  readonly sandboxBadge = this.page.getByRole("banner").getByText("Sandbox", { exact: true });

  /** Opens the fleet, optionally with filters already in the URL (`?exporting=none`). */
  async open(search = ""): Promise<void> {
    await this.page.goto(`/${search}`);
    // The page loads lazily: on a loaded machine its chunk takes longer than an assertion's default.
    await expect(this.heading).toBeVisible({ timeout: 30_000 });
  }

  /** Waits until the fleet read has finished, so the table shows every pool. */
  async waitUntilRead(): Promise<void> {
    await expect(this.lastRefreshed).toBeVisible({ timeout: 30_000 });
    // A read is paced under the Cognito quota: with the pools earlier journeys made, it takes longer
    // than an assertion's default.
    await expect(this.refreshButton).toBeEnabled({ timeout: 60_000 });
  }

  /** Reads the fleet from AWS again: pools created behind the console's back appear. */
  async refresh(): Promise<void> {
    await this.refreshButton.click();
    await this.waitUntilRead();
  }

  row(poolName: string): Locator {
    return this.table
      .getByRole("row")
      .filter({ has: this.page.getByRole("link", { name: poolName, exact: true }) });
  }

  /**
   * The row of `poolName`, scrolled to as a person would: the table renders only the rows in its
   * box and a few beyond its edge, so a pool further down is not in the page until scrolled near.
   * Scrolls the table's box from the top, half a box at a time, until the row is there.
   */
  async rowScrolledTo(poolName: string): Promise<Locator> {
    const row = this.row(poolName);
    const box = this.table.locator("xpath=..");
    await box.evaluate((element) => element.scrollTo({ top: 0 }));
    await expect(async () => {
      if ((await row.count()) === 0) {
        await box.evaluate((element) => element.scrollBy({ top: element.clientHeight / 2 }));
      }
      await expect(row).toHaveCount(1, { timeout: 500 });
    }).toPass({ timeout: 30_000 });
    return row;
  }

  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
  }

  async showOnlyPoolsExportingNothing(): Promise<void> {
    // click, not check(): the box follows the URL, which the router updates a moment after the click.
    await this.notExportingAnything.click();
    await expect(this.notExportingAnything).toBeChecked();
  }

  async chooseRegion(region: string | "All regions"): Promise<void> {
    await this.region.selectOption(region === "All regions" ? "" : region);
  }

  /** Clicks a sortable column header (once: ascending, twice: descending). */
  async sortBy(column: string): Promise<void> {
    await this.columnHeader(column).getByRole("button").click();
  }

  columnHeader(column: string): Locator {
    return this.table.getByRole("columnheader", { name: column, exact: true });
  }

  async openPool(poolName: string): Promise<void> {
    await this.table.getByRole("link", { name: poolName, exact: true }).click();
  }
}
