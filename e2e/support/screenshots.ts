import type { Page, TestInfo } from "@playwright/test";

/** Saves a full-page screenshot under the test's artifacts folder (e2e/artifacts/results/…). */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}
