import { afterEach, describe, expect, it, vi } from "vitest";
import { lookupThrough } from "../src/core/lookups.ts";
import type { SandboxServices } from "../src/core/types.ts";
import { createDelivery } from "../src/delivery/index.ts";
import { deliveryLogPolicy } from "../src/seed/context.ts";
import { createCognitoService } from "../src/services/cognito/index.ts";
import { createFirehoseService } from "../src/services/firehose/index.ts";
import { createIamService } from "../src/services/iam/index.ts";
import { createLogsService } from "../src/services/logs/index.ts";
import { createS3Service } from "../src/services/s3/index.ts";
import { createStsService } from "../src/services/sts/index.ts";
import { fakeContext } from "./services-context.ts";

function sandboxServices(): SandboxServices {
  const partial: Partial<SandboxServices> = {};
  Object.assign(partial, {
    cognito: createCognitoService(lookupThrough(() => partial)),
    logs: createLogsService(),
    firehose: createFirehoseService(),
    s3: createS3Service(),
    sts: createStsService(),
    iam: createIamService(),
  });
  return partial as SandboxServices;
}

describe("delivery called directly", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("trickles events into configured pools of the demo regions while running, and stops on close", () => {
    vi.useFakeTimers();
    const services = sandboxServices();
    const ctx = fakeContext({ now: Date.now() });
    const run = (service: "cognito" | "logs", op: string, input: Record<string, unknown>) =>
      services[service].operations[op]?.(input, ctx) as Record<string, unknown>;
    const pool = (run("cognito", "CreateUserPool", { PoolName: "trickle" }).UserPool as { Id: string }).Id;
    run("logs", "CreateLogGroup", { logGroupName: "/aws/vendedlogs/cognito/trickle" });
    const arn = `arn:aws:logs:us-east-1:${ctx.accountId}:log-group:/aws/vendedlogs/cognito/trickle`;
    run("logs", "PutResourcePolicy", {
      policyName: "delivery",
      policyDocument: deliveryLogPolicy(ctx.accountId, "us-east-1", [arn]),
    });
    run("cognito", "SetLogDeliveryConfiguration", {
      UserPoolId: pool,
      LogConfigurations: [
        {
          EventSource: "userNotification",
          LogLevel: "ERROR",
          CloudWatchLogsConfiguration: { LogGroupArn: arn },
        },
      ],
    });
    const count = () =>
      (
        (run("logs", "FilterLogEvents", { logGroupName: "/aws/vendedlogs/cognito/trickle" })
          .events as unknown[]) ?? []
      ).length;

    const delivery = createDelivery(services, { accountId: ctx.accountId, demoTrickle: true });
    expect(delivery.diagnose({ userPoolId: pool }, ctx).eventSources[0]).toMatchObject({
      delivered: true,
      reasons: [],
    });
    expect(count()).toBe(0);
    // A first round right after start (so a fresh demo is not all idle), then one every 20 s.
    vi.advanceTimersByTime(20_000);
    expect(count()).toBe(2);
    vi.advanceTimersByTime(20_000);
    expect(count()).toBe(3);
    delivery.close();
    vi.advanceTimersByTime(60_000);
    expect(count()).toBe(3);
  });
});
