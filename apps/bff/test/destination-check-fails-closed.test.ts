/**
 * A change is judged on its destination's facts (policies, tags, keys). When AWS cannot be asked
 * for them (a timeout, a 5xx, access denied), the change is not judged from its ARN alone and sent:
 * the preview and the write answer the lookup's failure, and nothing is sent to Cognito. Before, a
 * failed lookup counted as "nothing known", so a change with a blocking finding (an untagged
 * Firehose stream, a log group without the delivery policy) went through under a slow AWS.
 * Collaborators are stubbed: this is the service's decision, not an AWS call.
 */
import type { LogDeliveryModel, PoolFacts } from "@clc/domain";
import { describe, expect, it, vi } from "vitest";
import { startDeadline } from "../src/aws/deadline.ts";
import { AwsCallError } from "../src/aws/errors.ts";
import type { WriteTrail } from "../src/features/audit/trail.ts";
import type { PoolRead } from "../src/features/fleet/service.ts";
import { createLogDeliveryService, type LogDeliveryDeps } from "../src/features/pools/service.ts";
import { versionOf } from "../src/features/pools/version.ts";

const POOL_ID = "us-east-1_checkfail";
const STREAM = "arn:aws:firehose:us-east-1:123456789012:deliverystream/untagged-stream";
const facts: PoolFacts = {
  id: POOL_ID,
  name: "check-fails",
  region: "us-east-1",
  accountId: "123456789012",
  arn: `arn:aws:cognito-idp:us-east-1:123456789012:userpool/${POOL_ID}`,
  tier: "PLUS",
  threatProtection: "AUDIT",
};
const stored: LogDeliveryModel = { userNotification: null, userAuthEvents: null };

function service() {
  const read: PoolRead = { facts, configuration: stored, configurationProblems: [], startedAt: 0, readAt: 0 };
  const set = vi.fn(async () => ({ logConfigurations: [], requestId: "r" }));
  const timeout = new AwsCallError(
    "RequestDeadlineExceeded",
    "AWS did not answer firehose.DescribeDeliveryStream within the 2000 ms allowed for AWS calls.",
    0,
    null,
    "timeout",
    "firehose.DescribeDeliveryStream",
  );
  const deps: LogDeliveryDeps = {
    regions: ["us-east-1"],
    cognito: { setLogDeliveryConfiguration: set },
    fleet: {
      readPool: async () => read,
      readConfiguration: async () => read,
      store: () => undefined,
      invalidate: () => undefined,
      reassessDestinations: () => undefined,
    } as unknown as LogDeliveryDeps["fleet"],
    destinations: {
      knowledge: async () => {
        throw timeout;
      },
      resourcePolicies: async () => [],
    },
    confirmBudgetMs: 1000,
  };
  return { logDelivery: createLogDeliveryService(deps), set };
}

describe("a change whose destination cannot be checked", () => {
  it("is not previewed as appliable: the preview answers the lookup's failure", async () => {
    const { logDelivery } = service();
    await expect(
      logDelivery.preview(POOL_ID, "userAuthEvents", { kind: "firehose", arn: STREAM }, startDeadline(5000)),
    ).rejects.toMatchObject({
      code: "RequestDeadlineExceeded",
      operation: "firehose.DescribeDeliveryStream",
    });
  });

  it("is not sent to Cognito", async () => {
    const { logDelivery, set } = service();
    const trail = {
      attempt: vi.fn(async () => 1),
      outcome: vi.fn(async () => undefined),
    } as unknown as WriteTrail;
    await expect(
      logDelivery.write(
        {
          poolId: POOL_ID,
          eventSource: "userAuthEvents",
          destination: { kind: "firehose", arn: STREAM },
          ifMatch: versionOf(stored),
        },
        trail,
        startDeadline(5000),
      ),
    ).rejects.toMatchObject({ code: "RequestDeadlineExceeded" });
    expect(set).not.toHaveBeenCalled();
  });
});
