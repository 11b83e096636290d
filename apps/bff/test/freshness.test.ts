/**
 * Freshness by events (issue 16), BFF → SDK → sandbox over HTTP: without a trail or the console's
 * rule each place falls back to the sweep and says why; the plan and setup create the queue and rule
 * (never adopting a queue the console did not create); then a change made by another SDK client
 * reaches the fleet list through trail → rule → queue → reader, and only that pool is re-read
 * (counted by the sandbox), even with a cache TTL of 0 (the TTL re-read is replaced); malformed
 * messages are dropped and counted; a deleted pool leaves the list.
 */
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from "@aws-sdk/client-cloudtrail";
import {
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SendMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { clientConfig, sdkClients } from "@clc/sandbox/test-support/clients";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Stack, startStack, waitForFleet } from "./helpers.ts";
import { until } from "./poll.ts";

const REGION = "us-east-1";
const OTHER = "eu-west-1";
let stack: Stack;
let account: string;
let poolIds: string[];

type Place = {
  accountId: string;
  region: string;
  mode: string;
  reason: string | null;
  malformed: number;
  eventsHandled: number;
};
const placeOf = async (region: string): Promise<Place> =>
  ((await stack.call("GET", "/api/fleet/freshness")).json.places as Place[]).find(
    (p) => p.region === region,
  ) as Place;

beforeAll(async () => {
  stack = await startStack({
    seed: "none",
    env: {
      CLC_FRESHNESS: "events",
      CLC_FRESHNESS_WAIT_SECONDS: "1",
      CLC_FRESHNESS_CHECK_SECONDS: "3600",
      // Every list would re-read the whole fleet, were the TTL re-read not replaced by events.
      CACHE_TTL_SECONDS: "0",
    },
    sandbox: { realism: { cloudTrailEventDelayMs: 0 } },
  });
  account = stack.sandbox.accountId;
  const cognito = sdkClients(stack.sandbox.endpoint, REGION).cognito;
  poolIds = [];
  for (const name of ["alpha", "bravo", "charlie"]) {
    const created = await cognito.send(
      new CreateUserPoolCommand({ PoolName: name, UserPoolTier: "ESSENTIALS" }),
    );
    poolIds.push(created.UserPool?.Id as string);
  }
  await stack.call("GET", "/api/pools");
  await waitForFleet(stack);
}, 60_000);
afterAll(() => stack?.close());

describe("freshness by events", () => {
  it("falls back to the sweep, and says why, where no trail records Cognito's management events", async () => {
    const place = await until(
      () => placeOf(REGION),
      (p) => p?.mode === "sweep",
    );
    expect(place.reason).toContain("No CloudTrail trail records Cognito's management events in us-east-1");
    expect((await stack.call("GET", "/api/fleet/freshness")).json.ttlReplaced).toBe(false);
    const plan = await stack.call("GET", `/api/fleet/freshness/plan?accountId=${account}&region=${REGION}`);
    expect(plan.status).toBe(200);
    expect(plan.json.prerequisites[0].ok).toBe(false);
    expect(plan.json.steps.map((s: { state: string }) => s.state)).toEqual(["todo", "todo", "todo", "todo"]);
    expect(plan.json.steps[0].permissions).toEqual(["sqs:CreateQueue", "sqs:TagQueue"]);
  });

  it("never adopts a queue of its name that it did not create: the plan is blocked and the setup refused", async () => {
    const sqs = new SQSClient(clientConfig(stack.sandbox.endpoint, OTHER));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "clc-cognito-changes" }));
    const plan = await stack.call("GET", `/api/fleet/freshness/plan?accountId=${account}&region=${OTHER}`);
    expect(plan.json.canRun).toBe(false);
    expect(plan.json.steps[0]).toMatchObject({ state: "blocked" });
    const setup = await stack.call("POST", "/api/fleet/freshness/setup", {
      body: { accountId: account, region: OTHER },
    });
    expect(setup.status).toBe(409);
    expect(setup.json.detail).toContain("never adopts");
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
  });

  it("sets up the queue and rule in each region once a trail records management events; events then replace the TTL re-read", async () => {
    const aws = sdkClients(stack.sandbox.endpoint, REGION);
    await aws.s3.send(new CreateBucketCommand({ Bucket: "org-trail" }));
    const trails = new CloudTrailClient(clientConfig(stack.sandbox.endpoint, REGION));
    await trails.send(
      new CreateTrailCommand({ Name: "org", S3BucketName: "org-trail", IsMultiRegionTrail: true }),
    );
    await trails.send(new StartLoggingCommand({ Name: "org" }));
    // A trail made outside the console shows in the place's reason as soon as its plan is opened,
    // not at the next periodic check (an hour here).
    expect((await placeOf(REGION)).reason).toContain("No CloudTrail trail");
    await stack.call("GET", `/api/fleet/freshness/plan?accountId=${account}&region=${REGION}`);
    expect((await placeOf(REGION)).reason).toContain("queue clc-cognito-changes does not exist");
    for (const region of [REGION, OTHER]) {
      const setup = await stack.call("POST", "/api/fleet/freshness/setup", {
        body: { accountId: account, region },
      });
      expect(setup.status, JSON.stringify(setup.json)).toBe(200);
      expect(setup.json.place).toMatchObject({ mode: "events", reason: null });
      expect(setup.json.plan.steps.map((s: { state: string }) => s.state)).toEqual([
        "done",
        "done",
        "done",
        "done",
      ]);
    }
    expect((await stack.call("GET", "/api/fleet/freshness")).json.ttlReplaced).toBe(true);
    // The rows were read before the places went on events: a change made before then reached no
    // queue, so the expired cache reads each pool once more (no listing), and then no more.
    stack.sandbox.resetCalls();
    const reads = () => stack.sandbox.calls().byOperation;
    await until(
      () => stack.call("GET", "/api/pools"),
      (r) => r.json.fleet.refreshing === 0 && (reads()["cognito-idp:GetLogDeliveryConfiguration"] ?? 0) >= 3,
    );
    await stack.call("GET", "/api/pools");
    expect(reads()).toMatchObject({
      "cognito-idp:DescribeUserPool": 3,
      "cognito-idp:GetLogDeliveryConfiguration": 3,
    });
    expect(reads()["cognito-idp:ListUserPools"]).toBeUndefined();
  });

  it("shows a change made by another client, re-reading only the pool the event names", async () => {
    stack.sandbox.resetCalls();
    const other = sdkClients(stack.sandbox.endpoint, REGION).cognito;
    await other.send(new UpdateUserPoolCommand({ UserPoolId: poolIds[1], UserPoolTier: "PLUS" }));
    const list = await until(
      () => stack.call("GET", "/api/pools?limit=50"),
      (r) =>
        (r.json.items as Array<{ id: string; tier: string }>).some(
          (p) => p.id === poolIds[1] && p.tier === "PLUS",
        ),
    );
    expect(list.json.items).toHaveLength(3);
    const calls = stack.sandbox.calls().byOperation;
    expect(calls["cognito-idp:DescribeUserPool"]).toBe(1);
    expect(calls["cognito-idp:GetLogDeliveryConfiguration"]).toBe(1);
    // No fleet re-read despite CACHE_TTL_SECONDS=0: events replace it.
    expect(calls["cognito-idp:ListUserPools"]).toBeUndefined();
    await until(
      () => placeOf(REGION),
      (p) => p.eventsHandled >= 1,
    );
  });

  it("drops malformed messages (counted, deleted) without reading Cognito", async () => {
    const sqs = new SQSClient(clientConfig(stack.sandbox.endpoint, REGION));
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: "clc-cognito-changes" }));
    stack.sandbox.resetCalls();
    const before = (await placeOf(REGION)).malformed;
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "not json" }));
    await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: JSON.stringify({ source: "aws.s3", "detail-type": "Object Created", detail: {} }),
      }),
    );
    await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: JSON.stringify({
          source: "aws.cognito-idp",
          "detail-type": "AWS API Call via CloudTrail",
          account,
          region: REGION,
          detail: {
            eventSource: "cognito-idp.amazonaws.com",
            eventName: "UpdateUserPool",
            requestParameters: { userPoolId: "../../etc" },
          },
        }),
      }),
    );
    await until(
      () => placeOf(REGION),
      (p) => p.malformed === before + 3,
    );
    const left = await until(
      () => sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["All"] })),
      (a) =>
        a.Attributes?.ApproximateNumberOfMessages === "0" &&
        a.Attributes?.ApproximateNumberOfMessagesNotVisible === "0",
    );
    expect(left.Attributes?.ApproximateNumberOfMessages).toBe("0");
    expect(stack.sandbox.calls().byOperation["cognito-idp:DescribeUserPool"]).toBeUndefined();
  });

  it("removes a pool deleted elsewhere from the list", async () => {
    const other = sdkClients(stack.sandbox.endpoint, REGION).cognito;
    await other.send(new DeleteUserPoolCommand({ UserPoolId: poolIds[2] }));
    const list = await until(
      () => stack.call("GET", "/api/pools?limit=50"),
      (r) => !(r.json.items as Array<{ id: string }>).some((p) => p.id === poolIds[2]),
    );
    expect((list.json.items as Array<{ id: string }>).map((p) => p.id).sort()).toEqual(
      [poolIds[0], poolIds[1]].sort(),
    );
  });
});
