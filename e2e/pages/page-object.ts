import type { Page } from "@playwright/test";

/**
 * What every page object shares: the page it drives. Subclasses declare each locator once, as a field
 * initialized from `this.page` (field initializers run after this constructor has set it).
 */
export abstract class PageObject {
  constructor(readonly page: Page) {}

  /** Goes to a pool's page or one below it (`rest` such as `/edit/userNotification`). */
  protected async gotoPool(poolId: string, rest = ""): Promise<void> {
    await this.page.goto(`/pools/${encodeURIComponent(poolId)}${rest}`);
  }
}
