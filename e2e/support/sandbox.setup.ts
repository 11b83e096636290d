import { test as setup } from "@playwright/test";
import { installDeliveryPolicy } from "./sandbox-aws.ts";

// Before the BFF first reads us-east-1's resource policies (and caches them), so the journeys'
// log groups are known to be writable by log delivery.
setup("install the delivery policy that covers the journeys' log groups", async () => {
  await installDeliveryPolicy();
});
