import { expect, type Page } from "@playwright/test";
import { demoAdmin } from "./env.ts";

export { adminStorageState } from "./auth-state.ts";

/** A browser with no session: for journeys about signing in. */
export const signedOut = { cookies: [], origins: [] };

/** Signs in through the sign-in page, as a person would. */
export async function signInThroughPage(
  page: Page,
  who: { username: string; password: string },
): Promise<void> {
  if (!page.url().includes("/sign-in")) await page.goto("/sign-in");
  await page.getByLabel("Username").fill(who.username);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("signed-in-operator")).toContainText(who.username);
}

export async function signInAsAdmin(page: Page): Promise<void> {
  await signInThroughPage(page, demoAdmin);
}
