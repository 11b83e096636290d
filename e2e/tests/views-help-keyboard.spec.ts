/**
 * Issue 19, the console people keep open: a saved view survives a reload and applies from the Views
 * menu; a term opens the help at its section; `/` and `?` work and stay out of the way while typing;
 * focus lands on the page's heading after each change of page; the editor marks the current
 * destination and says why a blocked one cannot be chosen. Axe in light and dark, screenshots at 390
 * and 1440 px.
 */
import { CreateLogGroupCommand } from "@aws-sdk/client-cloudwatch-logs";
import { sdkClients } from "@clc/sandbox/test-support/clients";
import { FleetPage } from "../pages/fleet.page.ts";
import { expectNoSeriousAccessibilityViolations } from "../support/axe.ts";
import { sandboxEndpoint } from "../support/env.ts";
import { expect as journeyExpect, test } from "../support/journey.ts";
import {
  createDeliverableLogGroup,
  createPool,
  notificationsTo,
  setLogDelivery,
  uniqueName,
} from "../support/sandbox-aws.ts";
import { screenshotWholePage } from "../support/screenshots.ts";

// The machine running the journeys may be busy: a first screen can take longer than the default 10 s.
const expect = journeyExpect.configure({ timeout: 30_000 });

/** A log group Cognito cannot deliver to: encrypted with a KMS key. */
async function createKmsEncryptedLogGroup(label: string): Promise<string> {
  const { logs } = sdkClients(sandboxEndpoint, "us-east-1");
  const name = `/e2e/kms/${uniqueName(label)}`;
  await logs.send(
    new CreateLogGroupCommand({
      logGroupName: name,
      kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    }),
  );
  return name;
}

for (const width of [390, 1440]) {
  for (const colorScheme of ["light", "dark"] as const) {
    test.describe(`${width} px wide, ${colorScheme}`, () => {
      test.use({ viewport: { width, height: 900 }, colorScheme });

      test("saved views, help from a term, / and ?, focus on the heading, the editor's marks", async ({
        page,
        journey,
      }, testInfo) => {
        test.setTimeout(360_000);
        const shot = async (name: string) => {
          await expectNoSeriousAccessibilityViolations(page, testInfo, name);
          await screenshotWholePage(page, testInfo, name);
        };
        const heading = page.getByRole("heading", { level: 1 });
        const fleet = new FleetPage(page);

        // Save the fleet's filters as a view of one's own.
        const openFleet = async (search = "") => {
          await page.goto(`/${search}`);
          await expect(fleet.heading).toBeVisible({ timeout: 60_000 });
        };
        await openFleet("?tier=PLUS&sort=-name");
        await fleet.waitUntilRead();
        const viewName = uniqueName(`Plus pools ${width} ${colorScheme}`);
        await page.getByRole("button", { name: "Views" }).click();
        const panel = page.getByRole("region", { name: "Saved views" });
        await panel.getByLabel("View name").fill(viewName);
        await panel.getByRole("radio", { name: "Only me" }).check();
        await panel.getByRole("button", { name: "Save view" }).click();
        await expect(panel.getByRole("status")).toHaveText(`Saved “${viewName}”.`);
        await expect(panel.getByRole("link", { name: viewName })).toHaveAttribute("aria-current", "true");
        await shot("fleet-views");

        // Another view of the fleet, reloaded: the saved one is still there and applies its filters.
        await openFleet();
        await page.reload();
        await expect(fleet.heading).toBeVisible();
        await page.getByRole("button", { name: "Views" }).click();
        await page.getByRole("region", { name: "Saved views" }).getByRole("link", { name: viewName }).click();
        await expect(page).toHaveURL(/[?&]tier=PLUS/);
        await expect(page).toHaveURL(/[?&]sort=-name/);
        await expect(fleet.tier).toHaveValue("PLUS");

        // `/` focuses the search; `?` typed into it is text, not a shortcut.
        // Focus on nothing in particular (the fleet was loaded, not navigated to: no heading has focus).
        const focusNothing = () =>
          page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await focusNothing();
        await page.keyboard.press("/");
        await expect(fleet.search).toBeFocused();
        await page.keyboard.type("?");
        await expect(fleet.search).toHaveValue("?");
        await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toHaveCount(0);
        await fleet.search.fill("");
        // `?` elsewhere lists the shortcuts; Escape closes the list.
        await focusNothing();
        await page.keyboard.press("?");
        const shortcuts = page.getByRole("dialog", { name: "Keyboard shortcuts" });
        await expect(shortcuts).toBeVisible();
        await expect(shortcuts).toContainText("Search the user pools");
        await shot("shortcuts");
        await page.keyboard.press("Escape");
        await expect(shortcuts).toHaveCount(0);

        // A pool exporting to one log group, beside a KMS-encrypted one that cannot take its logs.
        const pool = await createPool({ label: "e2e-views", tier: "PLUS", threatProtection: "AUDIT" });
        const current = await createDeliverableLogGroup("views-now");
        const encrypted = await createKmsEncryptedLogGroup("views-kms");
        await setLogDelivery(pool.id, [notificationsTo(current)]);
        await journey.poolPage.open(pool.id);
        await expect(page.getByRole("heading", { name: pool.name, level: 1 })).toBeVisible({
          timeout: 60_000,
        });

        // The plan's name links to the help's section about plans and what they cost.
        await page.getByRole("link", { name: "Plus", exact: true }).click();
        const help = page.getByRole("dialog", { name: "Help" });
        await expect(help).toBeVisible();
        await expect(page).toHaveURL(/#help-plans$/);
        await expect(help.getByRole("heading", { name: /Feature plans/ })).toBeFocused();
        await expect(help.getByRole("link", { name: /Amazon Cognito pricing/ })).toHaveAttribute(
          "href",
          "https://aws.amazon.com/cognito/pricing/",
        );
        await shot("help");
        await help.getByRole("button", { name: "Close help" }).click();
        await expect(help).toHaveCount(0);
        await expect(page).not.toHaveURL(/#help/);

        // A change of page puts focus on the new page's heading.
        await journey.poolPage.change("Message-delivery errors");
        await expect(heading).toHaveText(/Change message-delivery errors export/);
        await expect(heading).toBeFocused();

        // The editor: the current log group is marked; the encrypted one cannot be chosen, and says why.
        await journey.editor.destinationSearch.fill(current.name);
        const currentRow = journey.editor.destinations
          .getByRole("row")
          .filter({ has: page.getByRole("radio", { name: current.name, exact: true }) });
        await expect(currentRow.getByText("Current", { exact: true })).toBeVisible();
        await journey.editor.destinationSearch.fill(encrypted);
        const blocked = journey.editor.destinations.getByRole("radio", { name: encrypted, exact: true });
        await expect(blocked).toBeDisabled();
        await expect(journey.editor.destinations).toContainText("Cannot be chosen");
        await expect(journey.editor.destinations).toContainText("encrypted with a KMS key");
        await shot("editor-marks");

        // Back to the fleet by the main navigation: focus is on its heading again.
        await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Fleet" }).click();
        await expect(fleet.heading).toBeFocused();
      });
    });
  }
}
