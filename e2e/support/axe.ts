import { AxeBuilder } from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";

/**
 * The WCAG 2.2 A/AA rules: what the console promises to meet. wcag22aa brings axe's `target-size`
 * (2.5.8: a pointer target at least 24 by 24 CSS px, or spaced as if it were).
 */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Runs axe-core on the page as it stands and fails on serious or critical violations. Every
 * violation (minor ones too) is attached to the report so they can be read and fixed later.
 */
export async function expectNoSeriousAccessibilityViolations(
  page: Page,
  testInfo: TestInfo,
  pageName: string,
): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  await testInfo.attach(`axe-${pageName}.json`, {
    body: JSON.stringify(results.violations, null, 2),
    contentType: "application/json",
  });
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .map((node) => node.target.join(" "))
          .join(", ")}`,
    );
  expect(serious, `serious or critical accessibility violations on the ${pageName} page`).toEqual([]);
}
