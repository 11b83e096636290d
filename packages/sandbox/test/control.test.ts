/** The /_sandbox control surface as mounted by the core: health, emit and diagnostics, and what is not there. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../src/index.ts";
import { jsonCall } from "./support/aws.ts";

let sandbox: RunningSandbox;
let poolId: string;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: "demo" });
  const pools = JSON.parse(
    (await jsonCall(sandbox.endpoint, "us-east-1", "cognito-idp", "ListUserPools", { MaxResults: 60 })).text,
  ) as {
    UserPools: { Id: string; Name: string }[];
  };
  poolId = pools.UserPools.find((p) => p.Name === "acme-staging")?.Id ?? "";
});
afterAll(() => sandbox.close());

describe("/_sandbox", () => {
  it("reports health with the account, seeded regions and services", async () => {
    const health = await (await fetch(`${sandbox.endpoint}/_sandbox/health`)).json();
    expect(health).toEqual({
      status: "ok",
      accountId: "123456789012",
      regions: ["us-east-1", "eu-west-1"],
      services: [
        "cognito",
        "logs",
        "firehose",
        "s3",
        "sts",
        "iam",
        "organizations",
        "account",
        "ec2",
        "cloudwatch",
        "sqs",
        "events",
        "cloudtrail",
      ],
    });
  });

  it("emits events for a configured pool into its log group, without counting AWS calls", async () => {
    sandbox.resetCalls();
    const response = await fetch(`${sandbox.endpoint}/_sandbox/emit`, {
      method: "POST",
      body: JSON.stringify({ userPoolId: poolId, region: "us-east-1", count: 2 }),
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as { emitted: { eventSource: string; deliveredCount: number }[] };
    expect(result.emitted.find((e) => e.eventSource === "userNotification")?.deliveredCount).toBe(2);
    expect(sandbox.calls().total).toBe(0);
  });

  it("diagnoses a pool from query parameters", async () => {
    const response = await fetch(
      `${sandbox.endpoint}/_sandbox/diagnostics?userPoolId=${poolId}&region=us-east-1`,
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { userPoolId: string }).userPoolId).toBe(poolId);
  });

  it("answers a bad emit with 400 and what to send", async () => {
    const response = await fetch(`${sandbox.endpoint}/_sandbox/emit`, {
      method: "POST",
      body: JSON.stringify({ userPoolId: "nope" }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain("userPoolId");
  });

  it("lists the endpoints it has when asked for one it does not", async () => {
    const response = await fetch(`${sandbox.endpoint}/_sandbox/nothing`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toContain("GET /_sandbox/health");
  });
});
