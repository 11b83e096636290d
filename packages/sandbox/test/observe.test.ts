/**
 * RunningSandbox.observe: every answered AWS call, as the bench counts them in-process (bench
 * call-counter.ts), with the signer's access key and region, the operation, status and error code.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnsweredCall, type RunningSandbox, startSandbox } from "../src/index.ts";
import { CREDENTIALS, jsonCall, queryCall } from "./support/aws.ts";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: "none" });
});
afterAll(() => sandbox.close());

describe("observe", () => {
  it("reports each answered call, failures with AWS's error code, until unsubscribed", async () => {
    const seen: AnsweredCall[] = [];
    const stop = sandbox.observe((call) => seen.push(call));
    const before = performance.now();
    await jsonCall(sandbox.endpoint, "eu-west-1", "cognito-idp", "ListUserPools", { MaxResults: 10 });
    await jsonCall(sandbox.endpoint, "us-east-1", "cognito-idp", "DescribeUserPool", {
      UserPoolId: "us-east-1_doesnotex",
    });
    await queryCall(sandbox.endpoint, "sts", "Action=GetCallerIdentity&Version=2011-06-15");
    // A query-protocol error names its code in the XML body only.
    await queryCall(sandbox.endpoint, "sts", "Action=AssumeRole&Version=2011-06-15");
    stop();
    await jsonCall(sandbox.endpoint, "eu-west-1", "cognito-idp", "ListUserPools", { MaxResults: 10 });

    expect(seen.map(({ startMs, endMs, ...rest }) => rest)).toEqual([
      {
        key: "cognito-idp:ListUserPools",
        operation: "ListUserPools",
        accessKeyId: CREDENTIALS.accessKeyId,
        region: "eu-west-1",
        status: 200,
      },
      {
        key: "cognito-idp:DescribeUserPool",
        operation: "DescribeUserPool",
        accessKeyId: CREDENTIALS.accessKeyId,
        region: "us-east-1",
        status: 400,
        errorType: "ResourceNotFoundException",
      },
      {
        key: "sts:GetCallerIdentity",
        operation: "GetCallerIdentity",
        accessKeyId: CREDENTIALS.accessKeyId,
        region: "us-east-1",
        status: 200,
      },
      {
        key: "sts:AssumeRole",
        operation: "AssumeRole",
        accessKeyId: CREDENTIALS.accessKeyId,
        region: "us-east-1",
        status: 400,
        errorType: "ValidationError",
      },
    ]);
    for (const call of seen) {
      expect(call.startMs).toBeGreaterThanOrEqual(before);
      expect(call.endMs).toBeGreaterThanOrEqual(call.startMs);
    }
  });

  it("keeps answering when an observer throws", async () => {
    const stop = sandbox.observe(() => {
      throw new Error("an observer's bug");
    });
    const first = await jsonCall(sandbox.endpoint, "us-east-1", "cognito-idp", "ListUserPools", {
      MaxResults: 10,
    });
    const second = await jsonCall(sandbox.endpoint, "us-east-1", "cognito-idp", "ListUserPools", {
      MaxResults: 10,
    });
    stop();
    expect([first.status, second.status]).toEqual([200, 200]);
  });
});
