/**
 * What the change journeys share (pool page → editor → review → Apply): their page objects, given
 * to a test as the `journey` fixture, with the steps and the final check every such journey repeats.
 */
import { test as base, expect, type Page, type TestInfo } from "@playwright/test";
import { type DestinationKindLabel, EditorPage } from "../pages/editor.page.ts";
import { type EventSourceLabel, PoolPage } from "../pages/pool.page.ts";
import { ReviewPage } from "../pages/review.page.ts";
import { storedDestinations } from "./sandbox-aws.ts";
import { screenshot } from "./screenshots.ts";

export type EventSource = "userNotification" | "userAuthEvents";

/** How the console labels each event source. */
const eventSourceLabels: Record<EventSource, EventSourceLabel> = {
  userNotification: "Message-delivery errors",
  userAuthEvents: "User activity",
};

export class ChangeJourney {
  readonly poolPage: PoolPage;
  readonly editor: EditorPage;
  readonly review: ReviewPage;

  constructor(
    readonly page: Page,
    private readonly testInfo: TestInfo,
  ) {
    this.poolPage = new PoolPage(page);
    this.editor = new EditorPage(page);
    this.review = new ReviewPage(page);
  }

  /** A full-page screenshot of where the journey is, saved with the test's artifacts. */
  async screenshot(name: string): Promise<void> {
    await screenshot(this.page, this.testInfo, name);
  }

  /**
   * From the pool page to the review of a change: Configure the event source, choose the kind (the
   * editor starts on CloudWatch log group), pick the destination by name, Review, and wait for the preview.
   */
  async toReview(
    poolId: string,
    eventSource: EventSource,
    destination: { name: string; kind?: DestinationKindLabel },
  ): Promise<void> {
    await this.poolPage.open(poolId);
    await this.poolPage.configure(eventSourceLabels[eventSource]);
    if (destination.kind) await this.editor.chooseKind(destination.kind);
    await this.editor.pickDestination(destination.name);
    await this.editor.review();
    await this.review.expectPreviewed();
  }

  /**
   * Apply from the review, then check: the pool page says AWS stored the change, the event source's
   * panel shows the destination, and AWS holds exactly that one destination for the pool.
   */
  async applyAndExpect(
    poolId: string,
    eventSource: EventSource,
    destination: { name: string; arn: string },
  ): Promise<void> {
    await this.review.apply();
    await expect(this.poolPage.savedNotice).toBeVisible();
    await this.poolPage.expectExportingTo(eventSourceLabels[eventSource], destination.name);
    expect(await storedDestinations(poolId)).toEqual({ [eventSource]: destination.arn });
  }
}

/** Playwright's `test` with a `journey` fixture on the test's page. */
export const test = base.extend<{ journey: ChangeJourney }>({
  journey: async ({ page }, use, testInfo) => use(new ChangeJourney(page, testInfo)),
});

export { expect };
