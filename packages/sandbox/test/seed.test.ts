/** The seeds: the demo has true things to warn about; fleet:N makes N pools with a realistic mix. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../src/index.ts";
import { jsonCall, signedFetch } from "./support/aws.ts";

async function json(sandbox: RunningSandbox, region: string, service: string, action: string, body: unknown) {
  const answer = await jsonCall(sandbox.endpoint, region, service, action, body);
  expect(answer.status, answer.text).toBe(200);
  return JSON.parse(answer.text);
}

async function allPools(sandbox: RunningSandbox, region: string): Promise<{ Id: string; Name: string }[]> {
  const pools: { Id: string; Name: string }[] = [];
  let token: string | undefined;
  do {
    const page = await json(sandbox, region, "cognito-idp", "ListUserPools", {
      MaxResults: 60,
      ...(token ? { NextToken: token } : {}),
    });
    pools.push(...page.UserPools);
    token = page.NextToken;
  } while (token);
  return pools;
}

describe("--seed demo", () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: "demo" });
  });
  afterAll(() => sandbox.close());

  it("spreads about a dozen pools over two regions, every tier and threat-protection mode, some configured", async () => {
    expect(sandbox.regions).toEqual(["us-east-1", "eu-west-1"]);
    const tiers = new Set<string>();
    const modes = new Set<string>();
    let total = 0;
    let configured = 0;
    for (const region of sandbox.regions) {
      for (const pool of await allPools(sandbox, region)) {
        total += 1;
        const described = (
          await json(sandbox, region, "cognito-idp", "DescribeUserPool", { UserPoolId: pool.Id })
        ).UserPool;
        tiers.add(described.UserPoolTier);
        modes.add(described.UserPoolAddOns?.AdvancedSecurityMode ?? "absent");
        const config = await json(sandbox, region, "cognito-idp", "GetLogDeliveryConfiguration", {
          UserPoolId: pool.Id,
        });
        if (config.LogDeliveryConfiguration.LogConfigurations.length > 0) configured += 1;
      }
    }
    expect(total).toBeGreaterThanOrEqual(10);
    expect(total).toBeLessThanOrEqual(14);
    expect([...tiers].sort()).toEqual(["ESSENTIALS", "LITE", "PLUS"]);
    expect([...modes].sort()).toEqual(["AUDIT", "ENFORCED", "OFF", "absent"]);
    expect(configured).toBeGreaterThan(3);
    expect(configured).toBeLessThan(total);
  });

  it("has a KMS-encrypted log group and vended log groups covered by a delivery policy", async () => {
    const groups = (await json(sandbox, "us-east-1", "logs", "DescribeLogGroups", {})).logGroups as {
      logGroupName: string;
      kmsKeyId?: string;
    }[];
    expect(groups.some((g) => g.kmsKeyId !== undefined)).toBe(true);
    expect(
      groups.some((g) => g.logGroupName.startsWith("/aws/vendedlogs/") && g.kmsKeyId === undefined),
    ).toBe(true);
    const policies = (await json(sandbox, "us-east-1", "logs", "DescribeResourcePolicies", {}))
      .resourcePolicies as { policyDocument: string }[];
    expect(policies.some((p) => p.policyDocument.includes("delivery.logs.amazonaws.com"))).toBe(true);
  });

  it("has a tagged DirectPut stream and one without the LogDeliveryEnabled tag", async () => {
    const names = (await json(sandbox, "us-east-1", "firehose", "ListDeliveryStreams", {}))
      .DeliveryStreamNames as string[];
    const tagged: boolean[] = [];
    for (const name of names) {
      const tags = (
        await json(sandbox, "us-east-1", "firehose", "ListTagsForDeliveryStream", {
          DeliveryStreamName: name,
        })
      ).Tags as { Key: string; Value: string }[];
      tagged.push(tags.some((t) => t.Key === "LogDeliveryEnabled" && t.Value === "true"));
      const described = (
        await json(sandbox, "us-east-1", "firehose", "DescribeDeliveryStream", { DeliveryStreamName: name })
      ).DeliveryStreamDescription;
      expect(described.DeliveryStreamType).toBe("DirectPut");
    }
    expect(tagged.sort()).toEqual([false, true]);
  });

  it("has a bucket with the delivery policy and one without", async () => {
    const list = await signedFetch({
      endpoint: sandbox.endpoint,
      region: "us-east-1",
      service: "s3",
      method: "GET",
      path: "/",
    });
    const buckets = [...list.text.matchAll(/<Name>([^<]+)<\/Name>/g)].map((m) => m[1] ?? "");
    const statuses = new Map<string, number>();
    for (const bucket of buckets) {
      const policy = await signedFetch({
        endpoint: sandbox.endpoint,
        region: "us-east-1",
        service: "s3",
        method: "GET",
        path: `/${bucket}`,
        query: { policy: "" },
      });
      statuses.set(bucket, policy.status);
    }
    expect([...statuses.values()]).toContain(200);
    expect([...statuses.values()]).toContain(404);
  });
});

describe("--seed fleet:N", () => {
  it("creates exactly N pools over the demo regions with a mix of tiers", async () => {
    const sandbox = await startSandbox({ seed: "fleet:150" });
    try {
      const east = await allPools(sandbox, "us-east-1");
      const west = await allPools(sandbox, "eu-west-1");
      expect(east.length + west.length).toBe(150);
      expect(east.length).toBeGreaterThan(0);
      expect(west.length).toBeGreaterThan(0);
      const tiers = new Set<string>();
      for (const pool of east.slice(0, 30))
        tiers.add(
          (await json(sandbox, "us-east-1", "cognito-idp", "DescribeUserPool", { UserPoolId: pool.Id }))
            .UserPool.UserPoolTier,
        );
      expect(tiers.size).toBe(3);
    } finally {
      await sandbox.close();
    }
  });

  it("refuses a fleet size out of range", async () => {
    await expect(startSandbox({ seed: "fleet:100001" })).rejects.toThrow(/fleet:N with N from 0 to 100000/);
  });
});
