import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteResourcePolicyCommand,
  DescribeLogGroupsCommand,
  DescribeResourcePoliciesCommand,
  FilterLogEventsCommand,
  OperationAbortedException,
  PutLogEventsCommand,
  PutResourcePolicyCommand,
  ResourceAlreadyExistsException,
} from "@aws-sdk/client-cloudwatch-logs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../src/index.ts";

describe("logs over HTTP with the real SDK client", () => {
  let sandbox: RunningSandbox;
  let logs: CloudWatchLogsClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: "none" });
    logs = new CloudWatchLogsClient({
      endpoint: sandbox.endpoint,
      region: "eu-west-1",
      credentials: { accessKeyId: "AKIDSANDBOX", secretAccessKey: "sandbox" },
    });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it("creates, describes and writes to a log group", async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: "/aws/vendedlogs/cognito/http" }));
    const duplicate = await logs
      .send(new CreateLogGroupCommand({ logGroupName: "/aws/vendedlogs/cognito/http" }))
      .catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(ResourceAlreadyExistsException);
    expect((duplicate as Error).message).toBe("The specified log group already exists");

    const described = await logs.send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: "/aws/vendedlogs/cognito/" }),
    );
    expect(described.logGroups?.[0]).toMatchObject({
      logGroupName: "/aws/vendedlogs/cognito/http",
      logGroupArn: `arn:aws:logs:eu-west-1:${sandbox.accountId}:log-group:/aws/vendedlogs/cognito/http`,
      arn: `arn:aws:logs:eu-west-1:${sandbox.accountId}:log-group:/aws/vendedlogs/cognito/http:*`,
    });

    await logs.send(
      new CreateLogStreamCommand({ logGroupName: "/aws/vendedlogs/cognito/http", logStreamName: "s" }),
    );
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: "/aws/vendedlogs/cognito/http",
        logStreamName: "s",
        logEvents: [{ timestamp: Date.now(), message: '{"eventSource":"USER_NOTIFICATION"}' }],
      }),
    );
    const found = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: "/aws/vendedlogs/cognito/http",
        filterPattern: '{ $.eventSource = "USER_NOTIFICATION" }',
      }),
    );
    expect(found.events?.map((e) => e.logStreamName)).toEqual(["s"]);
  });

  it("answers validation errors in AWS's format", async () => {
    const error = await logs.send(new DescribeLogGroupsCommand({ limit: 0 })).catch((e: unknown) => e);
    expect((error as Error).name).toBe("InvalidParameterException");
    expect((error as Error).message).toBe(
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it("serves log-group-scoped resource policies to the SDK, revision ids and all", async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: "/scoped/http" }));
    const resourceArn = `arn:aws:logs:eu-west-1:${sandbox.accountId}:log-group:/scoped/http`;
    const document = JSON.stringify({ Version: "2012-10-17", Statement: [] });
    const put = await logs.send(new PutResourcePolicyCommand({ resourceArn, policyDocument: document }));
    expect(put.revisionId).toBeTruthy();
    expect(put.resourcePolicy).toMatchObject({
      policyScope: "RESOURCE",
      resourceArn,
      revisionId: put.revisionId,
    });
    const described = await logs.send(
      new DescribeResourcePoliciesCommand({ resourceArn, policyScope: "RESOURCE" }),
    );
    expect(described.resourcePolicies).toEqual([put.resourcePolicy]);
    expect((await logs.send(new DescribeResourcePoliciesCommand({}))).resourcePolicies).toEqual([]);

    const stale = await logs
      .send(new PutResourcePolicyCommand({ resourceArn, policyDocument: document, expectedRevisionId: "0" }))
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(OperationAbortedException);
    await logs.send(new DeleteResourcePolicyCommand({ resourceArn, expectedRevisionId: put.revisionId }));
    expect(
      (await logs.send(new DescribeResourcePoliciesCommand({ resourceArn, policyScope: "RESOURCE" })))
        .resourcePolicies,
    ).toEqual([]);
  });
});
