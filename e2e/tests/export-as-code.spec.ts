import { expectNoSeriousAccessibilityViolations } from "../support/axe.ts";
import { expect, test } from "../support/journey.ts";
import {
  activityToFirehose,
  createPlusPoolWithDestinations,
  notificationsTo,
  setLogDelivery,
} from "../support/sandbox-aws.ts";
import { screenshotWholePage } from "../support/screenshots.ts";

/**
 * Export as code from the pool page: the dialog shows the pool's configuration as AWS holds it in
 * each format, with both event sources in one Terraform resource; copy and download are offered.
 */
for (const width of [390, 1440]) {
  test.describe(`${width} px wide`, () => {
    test.use({ viewport: { width, height: 900 } });

    test("the pool page exports its log delivery as Terraform, CloudFormation and AWS CLI", async ({
      page,
      journey,
    }, testInfo) => {
      const { pool, logGroup, stream } = await createPlusPoolWithDestinations(`export-${width}`, "AUDIT");
      await setLogDelivery(pool.id, [notificationsTo(logGroup), activityToFirehose(stream)]);

      await journey.poolPage.open(pool.id);
      await journey.poolPage.expectPool(pool.name);
      await page.getByRole("button", { name: "Export as code" }).click();
      const dialog = page.getByRole("dialog", { name: "Export as code" });
      await expect(dialog).toBeVisible();

      const code = dialog.locator("pre");
      await expect(code).toContainText('resource "aws_cognito_log_delivery_configuration"');
      await expect(code).toContainText(`id       = "${pool.id}"`);
      await expect(code).toContainText(`log_group_arn = "${logGroup.arn}"`);
      await expect(code).toContainText(`stream_arn = "${stream.arn}"`);
      await expect(
        dialog.getByRole("button", { name: /^Download cognito-log-delivery-.*\.tf$/ }),
      ).toBeVisible();
      await expect(dialog.getByRole("button", { name: "Copy the Terraform code" })).toBeVisible();
      await expectNoSeriousAccessibilityViolations(page, testInfo, "export-terraform");
      await screenshotWholePage(page, testInfo, `export-terraform-${width}`);

      await dialog.getByRole("radio", { name: "CloudFormation" }).check();
      await expect(code).toContainText('"Type": "AWS::Cognito::LogDeliveryConfiguration"');
      await expect(code).toContainText(`"UserPoolId": "${pool.id}"`);

      await dialog.getByRole("radio", { name: "AWS CLI" }).check();
      await expect(code).toContainText("aws cognito-idp set-log-delivery-configuration");
      await expect(code).toContainText(`--user-pool-id ${pool.id}`);
      await screenshotWholePage(page, testInfo, `export-cli-${width}`);

      await dialog.getByRole("button", { name: "Close" }).click();
      await expect(dialog).toBeHidden();
    });
  });
}
