import { expect, test } from "@playwright/test";
import { signedOut, signInThroughPage } from "../support/auth.ts";
import { demoAdmin, demoViewer } from "../support/env.ts";

test.describe("signing in and out", () => {
  test.use({ storageState: signedOut });

  test("a signed-out visitor is sent to sign in and comes back to the page asked for", async ({ page }) => {
    await page.goto("/audit?action=session.sign-in");
    await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Faudit%3Faction%3Dsession\.sign-in$/);
    await expect(page.getByRole("heading", { name: "Sign in to Cognito Log Console" })).toBeVisible();

    await page.getByLabel("Username").fill(demoAdmin.username);
    await page.getByLabel("Password").fill("not the password at all");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert")).toContainText("Wrong username or password");
    await expect(page.getByLabel("Password")).toHaveValue("");

    await signInThroughPage(page, demoAdmin);
    await expect(page).toHaveURL(/\/audit\?action=session\.sign-in$/);
    await expect(page.getByTestId("signed-in-operator")).toContainText("admin");
    // The failed attempt and the sign-in are both in the trail.
    const table = page.getByRole("table", { name: "Audit records" });
    await expect(table.getByRole("row").filter({ hasText: "failure" }).first()).toBeVisible();
    await expect(table.getByRole("row").filter({ hasText: "success" }).first()).toBeVisible();
  });

  test("signing out ends the session: the pages ask to sign in again", async ({ page }) => {
    await signInThroughPage(page, demoAdmin);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
    const session = await page.request.get("/api/session");
    expect(session.status()).toBe(401);
  });
});

test.describe("a viewer", () => {
  test.use({ storageState: signedOut });

  test("sees the fleet and a pool but no control that changes anything; an admin sees them", async ({
    page,
  }, testInfo) => {
    await signInThroughPage(page, demoViewer);
    await expect(page.getByTestId("signed-in-operator")).toContainText("viewer");
    const table = page.getByRole("table", { name: "User pools" });
    await expect(table).toBeVisible();
    await table.locator("a.pool-link").first().click();
    await expect(page).toHaveURL(/\/pools\/[^/]+$/);
    await expect(page.getByRole("link", { name: "History" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
    const writeControls = page.getByRole("button", { name: /^(Configure|Change|Disable|Apply|Fix)/ });
    await expect(writeControls).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath("viewer-pool.png"), fullPage: true });

    // The same page for an admin offers the changes (so the count above can fail).
    const poolUrl = page.url();
    await page.getByRole("button", { name: "Sign out" }).click();
    // Sign-out reloads the sign-in page; going elsewhere before it lands would abort one of the two.
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto(poolUrl);
    await expect(page).toHaveURL(/\/sign-in\?returnTo=/);
    await signInThroughPage(page, demoAdmin);
    await expect(page).toHaveURL(poolUrl);
    await expect(writeControls.first()).toBeVisible();
  });
});
