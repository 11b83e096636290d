/**
 * Issue 16's path, over real HTTP with the SDK v3 clients: SQS (queues, policy, long polling,
 * visibility, deletes), EventBridge rules and targets, CloudTrail trails, and a Cognito call by any
 * client reaching a rule's queue only when a trail records management events in that region.
 */
import {
  CloudTrailClient,
  CreateTrailCommand,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
} from "@aws-sdk/client-cloudtrail";
import { CreateUserPoolCommand, UpdateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import {
  DeleteRuleCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from "@aws-sdk/client-eventbridge";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../src/index.ts";
import { clientConfig, type SdkClients, signedFetch, startWithClients } from "./support/aws.ts";

let sandbox: RunningSandbox;
let clients: SdkClients;
let sqs: SQSClient;
let events: EventBridgeClient;
let trails: CloudTrailClient;
const ACCOUNT = "123456789012";

beforeAll(async () => {
  const started = await startWithClients({ seed: "none", realism: { cloudTrailEventDelayMs: 0 } });
  sandbox = started.sandbox;
  clients = started;
  sqs = new SQSClient(clientConfig(sandbox.endpoint));
  events = new EventBridgeClient(clientConfig(sandbox.endpoint));
  trails = new CloudTrailClient(clientConfig(sandbox.endpoint));
});
afterAll(() => sandbox.close());

const queuePolicy = (queueArn: string, ruleArn: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: queueArn,
        Condition: { ArnEquals: { "aws:SourceArn": ruleArn } },
      },
    ],
  });

async function queueNamed(name: string) {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, tags: { owner: "test" } }));
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }),
  );
  return { url: QueueUrl as string, arn: Attributes?.QueueArn as string };
}

describe("SQS", () => {
  it("sends, receives with a visibility timeout, and deletes, with SDK-checked MD5s", async () => {
    const { url } = await queueNamed("plain");
    expect(url).toBe(`https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/plain`);
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "héllo" }));
    const first = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        VisibilityTimeout: 30,
        MessageSystemAttributeNames: ["All"],
      }),
    );
    expect(first.Messages?.[0]?.Body).toBe("héllo");
    expect(first.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe("1");
    // Invisible while the timeout runs: a second receive gets nothing.
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages).toBeUndefined();
    await sqs.send(
      new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: first.Messages?.[0]?.ReceiptHandle }),
    );
    const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] }));
    expect(attrs.Attributes?.ApproximateNumberOfMessagesNotVisible).toBe("0");
    expect(attrs.Attributes?.VisibilityTimeout).toBe("30");
  });

  it("makes a message visible again when its visibility timeout is 0", async () => {
    const { url } = await queueNamed("again");
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "x" }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 0 }));
    const second = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ["All"] }),
    );
    expect(second.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe("2");
  });

  it("answers a long poll as soon as a message arrives", async () => {
    const { url } = await queueNamed("long");
    const poll = sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "woke" }));
    expect((await poll).Messages?.[0]?.Body).toBe("woke");
  });

  it("deletes in batches and reports a bad receipt handle per entry", async () => {
    const { url } = await queueNamed("batch");
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "a" }));
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    const out = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: "ok", ReceiptHandle: got.Messages?.[0]?.ReceiptHandle },
          { Id: "bad", ReceiptHandle: "garbage" },
        ],
      }),
    );
    expect(out.Successful?.map((s) => s.Id)).toEqual(["ok"]);
    expect(out.Failed?.[0]).toMatchObject({ Id: "bad", Code: "ReceiptHandleIsInvalid", SenderFault: true });
  });

  it("answers AWS's errors: an unknown queue, a wait over 20 s, an unknown attribute", async () => {
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: "nope" }))).rejects.toMatchObject({
      name: "QueueDoesNotExist",
      Code: "AWS.SimpleQueueService.NonExistentQueue",
    });
    const { url } = await queueNamed("errors");
    await expect(
      sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 21 })),
    ).rejects.toMatchObject({
      name: "InvalidParameterValue",
    });
    await expect(
      sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Colour: "blue" } as never })),
    ).rejects.toMatchObject({ name: "InvalidAttributeName", message: "Unknown Attribute Colour." });
  });
});

describe("EventBridge rules", () => {
  it("puts, describes, lists, targets and deletes a rule; refuses to delete one with targets", async () => {
    const pattern = JSON.stringify({ source: ["aws.cognito-idp"] });
    const { RuleArn } = await events.send(new PutRuleCommand({ Name: "r1", EventPattern: pattern }));
    expect(RuleArn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:rule/r1`);
    expect(await events.send(new DescribeRuleCommand({ Name: "r1" }))).toMatchObject({
      Name: "r1",
      EventPattern: pattern,
      State: "ENABLED",
      EventBusName: "default",
    });
    expect(
      (await events.send(new ListRulesCommand({ NamePrefix: "r" }))).Rules?.map((r) => r.Name),
    ).toContain("r1");
    await events.send(
      new PutTargetsCommand({
        Rule: "r1",
        Targets: [{ Id: "q", Arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:x` }],
      }),
    );
    expect((await events.send(new ListTargetsByRuleCommand({ Rule: "r1" }))).Targets?.[0]?.Id).toBe("q");
    await expect(events.send(new DeleteRuleCommand({ Name: "r1" }))).rejects.toMatchObject({
      name: "ValidationException",
      message: "Rule can't be deleted since it has targets.",
    });
    await events.send(new RemoveTargetsCommand({ Rule: "r1", Ids: ["q"] }));
    await events.send(new DeleteRuleCommand({ Name: "r1" }));
    await expect(events.send(new DescribeRuleCommand({ Name: "r1" }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
  });

  it("refuses an event pattern that is not one", async () => {
    await expect(
      events.send(
        new PutRuleCommand({ Name: "bad", EventPattern: JSON.stringify({ source: "aws.cognito-idp" }) }),
      ),
    ).rejects.toMatchObject({ name: "InvalidEventPatternException" });
  });
});

describe("Cognito calls → CloudTrail → EventBridge → SQS", () => {
  const pattern = JSON.stringify({
    source: ["aws.cognito-idp"],
    "detail-type": ["AWS API Call via CloudTrail"],
    detail: { eventSource: ["cognito-idp.amazonaws.com"], eventName: ["UpdateUserPool", "CreateUserPool"] },
  });

  async function receiveAll(url: string, waitSeconds = 0) {
    const got = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: waitSeconds }),
    );
    return (got.Messages ?? []).map((m) => JSON.parse(m.Body ?? "{}"));
  }

  it("delivers nothing without a logging trail, then the call's event once a trail records management events", async () => {
    const { url, arn } = await queueNamed("feed");
    const { RuleArn } = await events.send(new PutRuleCommand({ Name: "feed", EventPattern: pattern }));
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: url,
        Attributes: { Policy: queuePolicy(arn, RuleArn as string) },
      }),
    );
    await events.send(new PutTargetsCommand({ Rule: "feed", Targets: [{ Id: "queue", Arn: arn }] }));
    const pool = await clients.cognito.send(new CreateUserPoolCommand({ PoolName: "watched" }));
    const poolId = pool.UserPool?.Id as string;

    // No trail: AWS sends no "AWS API Call via CloudTrail" events.
    await clients.cognito.send(new UpdateUserPoolCommand({ UserPoolId: poolId }));
    expect(await receiveAll(url, 1)).toEqual([]);

    await clients.s3.send(new CreateBucketCommand({ Bucket: "trail-bucket" }));
    const trail = await trails.send(
      new CreateTrailCommand({ Name: "main", S3BucketName: "trail-bucket", IsMultiRegionTrail: true }),
    );
    expect(trail.TrailARN).toBe(`arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`);
    expect((await trails.send(new GetTrailStatusCommand({ Name: "main" }))).IsLogging).toBe(false);
    await trails.send(new StartLoggingCommand({ Name: "main" }));
    expect(
      (await trails.send(new GetEventSelectorsCommand({ TrailName: "main" }))).EventSelectors?.[0],
    ).toMatchObject({
      ReadWriteType: "All",
      IncludeManagementEvents: true,
    });
    expect((await trails.send(new DescribeTrailsCommand({}))).trailList?.[0]).toMatchObject({
      HomeRegion: "us-east-1",
      IsMultiRegionTrail: true,
    });

    await clients.cognito.send(new UpdateUserPoolCommand({ UserPoolId: poolId }));
    const [event] = await receiveAll(url, 5);
    expect(event).toMatchObject({
      source: "aws.cognito-idp",
      "detail-type": "AWS API Call via CloudTrail",
      account: ACCOUNT,
      region: "us-east-1",
      detail: {
        eventName: "UpdateUserPool",
        eventSource: "cognito-idp.amazonaws.com",
        requestParameters: { userPoolId: poolId },
      },
    });

    // A new pool's id is in the response elements.
    const created = await clients.cognito.send(new CreateUserPoolCommand({ PoolName: "fresh" }));
    const [createdEvent] = await receiveAll(url, 5);
    expect(createdEvent.detail.responseElements.userPool.id).toBe(created.UserPool?.Id);
  });

  it("does not send to a queue whose policy does not allow the rule, and says why", async () => {
    const { url, arn } = await queueNamed("closed");
    await events.send(new PutRuleCommand({ Name: "closed", EventPattern: pattern }));
    await events.send(new PutTargetsCommand({ Rule: "closed", Targets: [{ Id: "queue", Arn: arn }] }));
    const pool = await clients.cognito.send(new CreateUserPoolCommand({ PoolName: "p2" }));
    await clients.cognito.send(new UpdateUserPoolCommand({ UserPoolId: pool.UserPool?.Id }));
    expect(await receiveAll(url, 1)).toEqual([]);
    const refused = sandbox.eventDeliveries(ACCOUNT, "us-east-1").filter((d) => d.rule === "closed");
    expect(refused.at(-1)).toMatchObject({ ok: false });
    expect(refused.at(-1)?.reason).toContain("does not allow events.amazonaws.com");
  });

  it("stops when the trail's selectors leave out management events", async () => {
    await trails.send(
      new PutEventSelectorsCommand({
        TrailName: "main",
        EventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: false }],
      }),
    );
    const { QueueUrl: url } = await sqs.send(new GetQueueUrlCommand({ QueueName: "feed" }));
    await receiveAll(url as string); // what the test before sent there (its pool's calls match this rule too)
    const pool = await clients.cognito.send(new CreateUserPoolCommand({ PoolName: "p3" }));
    await clients.cognito.send(new UpdateUserPoolCommand({ UserPoolId: pool.UserPool?.Id }));
    expect(await receiveAll(url as string, 1)).toEqual([]);
  });
});

describe("CloudTrail's target prefixes", () => {
  it("answers the model's full prefix (the AWS CLI, botocore) as it answers SDK v3's short one", async () => {
    for (const prefix of ["CloudTrail_20131101", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101"]) {
      const answer = await signedFetch({
        endpoint: sandbox.endpoint,
        region: "us-east-1",
        service: "cloudtrail",
        method: "POST",
        path: "/",
        headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `${prefix}.DescribeTrails` },
        body: "{}",
      });
      expect(answer.status, `${prefix}: ${answer.text}`).toBe(200);
      expect(JSON.parse(answer.text)).toHaveProperty("trailList");
    }
  });
});
