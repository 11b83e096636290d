import { test as setup } from "@playwright/test";
import { adminStorageState, signInAsAdmin } from "./auth.ts";

setup("sign in as the demo admin for the journeys", async ({ page }) => {
  await signInAsAdmin(page);
  await page.context().storageState({ path: adminStorageState });
});
