import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expectNoSeriousAccessibilityViolations } from "../support/axe.ts";
import { expect, test } from "../support/journey.ts";
import { screenshotWholePage } from "../support/screenshots.ts";

/**
 * An admin adds a Slack webhook (a receiver this test starts stands in for Slack), sends a test and
 * reads its attempts, on a phone and a desktop: nothing scrolls sideways, the address is shown only
 * as host and masked tail, axe finds nothing serious.
 */
let receiver: Server;
let receiverUrl: string;
const received: string[] = [];
let flakyFailed = false;

test.beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      received.push(body);
      // A path ending in /flaky fails its first request (503, retry after 1 s), then answers 200.
      if (request.url?.endsWith("/flaky") && !flakyFailed) {
        flakyFailed = true;
        response.writeHead(503, { "retry-after": "1" }).end("busy");
        return;
      }
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

test.afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

for (const width of [390, 1440]) {
  test.describe(`${width} px wide`, () => {
    test.use({ viewport: { width, height: 900 } });

    test("an admin adds a webhook, sends a test and sees its attempt", async ({ page }, testInfo) => {
      const name = `Slack ops ${width}`;
      const secret = `/services/T0E2E/B0E2E/e2eSecret${width}abcdefgh`;
      await page.goto("/notifications");
      // The first read of a cold BFF on a busy machine may take a while.
      await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible({
        timeout: 30_000,
      });
      await page.getByLabel("Name").fill(name);
      await page.getByLabel("Address").fill(`${receiverUrl}${secret}`);
      await page.getByLabel("Format").selectOption("slack");
      await page.getByRole("button", { name: "Add webhook" }).click();
      const card = page.getByRole("region", { name });
      await expect(card).toBeVisible();
      await expect(card.getByText(`${receiverUrl}/…efgh`)).toBeVisible();
      await expect(page.getByText(secret)).toHaveCount(0);

      await card.getByRole("button", { name: "Send test" }).click();
      await expect(card.getByRole("status")).toHaveText("Delivered: the receiver answered HTTP 200.");
      expect(received.some((body) => body.includes("this webhook works"))).toBe(true);
      await card.getByRole("button", { name: "Show attempts" }).click();
      await expect(card.getByRole("list", { name: "Attempts, newest first" })).toContainText(
        "attempt 1 · HTTP 200",
      );

      const overflow = await page.evaluate(() => {
        const main = document.querySelector("main");
        return {
          document: Math.max(0, (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth),
          main: main ? Math.max(0, main.scrollWidth - main.clientWidth) : 0,
        };
      });
      expect(overflow, "the page scrolls sideways").toEqual({ document: 0, main: 0 });
      await expectNoSeriousAccessibilityViolations(page, testInfo, "notifications");
      await screenshotWholePage(page, testInfo, `notifications-${width}`);
    });
  });
}

test("a test that fails once and then succeeds on its retry ends on 'Delivered', with its attempts", async ({
  page,
}) => {
  const name = "Generic flaky";
  await page.goto("/notifications");
  await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible({
    timeout: 30_000,
  });
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Address").fill(`${receiverUrl}/hooks/e2eFlakySecret/flaky`);
  await page.getByLabel("Format").selectOption("generic");
  await page.getByRole("button", { name: "Add webhook" }).click();
  const card = page.getByRole("region", { name });
  await card.getByRole("button", { name: "Send test" }).click();
  // The first attempt's answer, then the retry's (the BFF retries after the receiver's Retry-After).
  await expect(card.getByRole("status")).toHaveText(
    "Delivered on attempt 2: the receiver answered HTTP 200.",
    {
      timeout: 30_000,
    },
  );
  await expect(card.getByRole("list", { name: "This test's attempts" })).toHaveText(
    /Attempt 1: .*503.*Attempt 2: HTTP 200, delivered\./s,
  );
});
