import { expect, test } from "@playwright/test";
import { PoolPage } from "../pages/pool.page.ts";
import {
  activityToFirehose,
  createPlusPoolWithDestinations,
  notificationsTo,
  setLogDelivery,
  storedDestinations,
} from "../support/sandbox-aws.ts";
import { screenshot } from "../support/screenshots.ts";

test("disabling user activity keeps message-delivery errors exactly as they were", async ({
  page,
}, testInfo) => {
  const { pool, logGroup, stream } = await createPlusPoolWithDestinations("disable", "AUDIT");
  await setLogDelivery(pool.id, [notificationsTo(logGroup), activityToFirehose(stream)]);
  const poolPage = new PoolPage(page);

  await poolPage.open(pool.id);
  await poolPage.expectExportingTo("Message-delivery errors", logGroup.name);
  await poolPage.expectExportingTo("User activity", stream.name);
  await screenshot(page, testInfo, "pool-both");

  await poolPage.panel("User activity").getByRole("button", { name: "Disable", exact: true }).click();
  await expect(poolPage.confirmDialog).toContainText("The other event source is kept as is.");
  await screenshot(page, testInfo, "confirm-disable");
  await poolPage.confirmDialog.getByRole("button", { name: "Disable", exact: true }).click();

  await poolPage.expectNotExported("User activity");
  await poolPage.expectExportingTo("Message-delivery errors", logGroup.name);
  await screenshot(page, testInfo, "pool-after-disable");
  expect(await storedDestinations(pool.id)).toEqual({ userNotification: logGroup.arn });
});
