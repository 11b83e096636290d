/**
 * Issue 12 §4: a state AWS has but no API call creates today — a LITE pool from before feature
 * plans that still runs threat protection (rules doc §1). The sandbox holds it through its setup
 * path, keeps it through UpdateUserPool calls that send it back, and still refuses to turn threat
 * protection on for any other LITE pool.
 */
import {
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  ListUserPoolsCommand,
  SetLogDeliveryConfigurationCommand,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { startWithClients, useSandbox } from "./support/aws.ts";

const env = useSandbox();
const REGION = "us-east-1";

async function litePool(name: string): Promise<string> {
  const created = await env.cognito.send(new CreateUserPoolCommand({ PoolName: name, UserPoolTier: "LITE" }));
  return created.UserPool?.Id ?? "";
}

const mode = async (id: string) =>
  (await env.cognito.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool?.UserPoolAddOns
    ?.AdvancedSecurityMode;

describe("a legacy LITE pool with threat protection", () => {
  it("is refused through the API, as AWS refuses it for a LITE pool today", async () => {
    await expect(
      env.cognito.send(
        new CreateUserPoolCommand({
          PoolName: "new-lite",
          UserPoolTier: "LITE",
          UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" },
        }),
      ),
    ).rejects.toMatchObject({ name: "FeatureUnavailableInTierException" });
    const id = await litePool("plain-lite");
    await expect(
      env.cognito.send(
        new UpdateUserPoolCommand({ UserPoolId: id, UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" } }),
      ),
    ).rejects.toMatchObject({ name: "FeatureUnavailableInTierException" });
    expect(() => env.sandbox.holdLegacyThreatProtection("us-east-1_Nope12345", "AUDIT")).toThrow(
      /does not exist/,
    );
  });

  it("is held by the setup path and described as AWS describes it", async () => {
    const id = await litePool("legacy-lite");
    env.sandbox.holdLegacyThreatProtection(id, "AUDIT");
    const described = await env.cognito.send(new DescribeUserPoolCommand({ UserPoolId: id }));
    expect(described.UserPool?.UserPoolTier).toBe("LITE");
    expect(described.UserPool?.UserPoolAddOns?.AdvancedSecurityMode).toBe("AUDIT");
  });

  it("keeps its mode when UpdateUserPool sends it back, and loses it for good once turned off", async () => {
    const id = await litePool("legacy-update");
    env.sandbox.holdLegacyThreatProtection(id, "ENFORCED");
    await env.cognito.send(
      new UpdateUserPoolCommand({ UserPoolId: id, UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" } }),
    );
    expect(await mode(id)).toBe("AUDIT");
    await env.cognito.send(
      new UpdateUserPoolCommand({ UserPoolId: id, UserPoolAddOns: { AdvancedSecurityMode: "OFF" } }),
    );
    expect(await mode(id)).toBe("OFF");
    await expect(
      env.cognito.send(
        new UpdateUserPoolCommand({ UserPoolId: id, UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" } }),
      ),
    ).rejects.toMatchObject({ name: "FeatureUnavailableInTierException" });
  });

  it("only a LITE pool can hold it", async () => {
    const created = await env.cognito.send(
      new CreateUserPoolCommand({ PoolName: "ess", UserPoolTier: "ESSENTIALS" }),
    );
    expect(() => env.sandbox.holdLegacyThreatProtection(created.UserPool?.Id ?? "", "AUDIT")).toThrow(/LITE/);
  });

  it("still meets the log-streaming tier gate (assumed alike for LITE, rules doc §2.4): AWS decides", async () => {
    const id = await litePool("legacy-set");
    env.sandbox.holdLegacyThreatProtection(id, "AUDIT");
    await expect(
      env.cognito.send(
        new SetLogDeliveryConfigurationCommand({
          UserPoolId: id,
          LogConfigurations: [
            {
              EventSource: "userAuthEvents",
              LogLevel: "INFO",
              FirehoseConfiguration: {
                StreamArn: `arn:aws:firehose:${REGION}:${env.sandbox.accountId}:deliverystream/x`,
              },
            },
          ],
        }),
      ),
    ).rejects.toMatchObject({
      name: "FeatureUnavailableInTierException",
      message: "The following feature is not available for the LITE pricing tier configured: Log Streaming",
    });
  });
});

describe("the demo seed", () => {
  it("holds a legacy LITE pool with threat protection in AUDIT", async () => {
    const { sandbox: demo, cognito: client } = await startWithClients({ seed: "demo" }, REGION);
    try {
      const listed = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
      const id = listed.UserPools?.find((p) => p.Name === "acme-internal-tools")?.Id ?? "";
      const pool = (await client.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool;
      expect(pool?.UserPoolTier).toBe("LITE");
      expect(pool?.UserPoolAddOns?.AdvancedSecurityMode).toBe("AUDIT");
    } finally {
      client.destroy();
      await demo.close();
    }
  });
});
