import type { Page, TestInfo } from "@playwright/test";

/** Saves a full-page screenshot under the test's artifacts folder (e2e/artifacts/results/…). */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

/**
 * A screenshot of the whole page as a person scrolls through it. The console scrolls inside its
 * `<main>` (the header stays put), which a full-page screenshot does not unroll: the window is made
 * as tall as the content for the picture, then given its height back.
 */
export async function screenshotWholePage(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const viewport = page.viewportSize();
  const contentHeight = await page.evaluate(() => {
    const main = document.querySelector("main");
    const header = document.querySelector("header");
    return (main?.scrollHeight ?? 0) + (header?.getBoundingClientRect().height ?? 0);
  });
  if (viewport && contentHeight > viewport.height) {
    await page.setViewportSize({ width: viewport.width, height: Math.ceil(contentHeight) });
  }
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  if (viewport) await page.setViewportSize(viewport);
}
