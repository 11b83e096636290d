import { expect, test } from "@playwright/test";

test("the fleet page lists the sandbox's seeded pools across both regions", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page.getByText("Sandbox", { exact: true })).toBeVisible();
  const table = page.getByRole("table", { name: "User pools" });
  await expect(table).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: "us-east-1" }).first()).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: "eu-west-1" }).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("fleet.png"), fullPage: true });
});
