/**
 * SetLogDeliveryConfiguration replaces the pool's whole list: an entry AWS holds that the console's
 * model cannot carry (an event source it does not know, one with two destinations…) would be dropped
 * by a write that sends the model back. Unit test of the service's own rule, with the fleet read
 * stubbed: the sandbox refuses to store such entries, so only a future AWS answer brings them.
 */
import { fromAwsLogConfigurations } from "@clc/domain";
import { describe, expect, it } from "vitest";
import type { CognitoGateway } from "../src/aws/cognito-gateway.ts";
import { withDeadline } from "../src/aws/deadline.ts";
import type { WriteTrail } from "../src/features/audit/trail.ts";
import type { DestinationService } from "../src/features/destinations/service.ts";
import type { AccountFleet, PoolRead } from "../src/features/fleet/service.ts";
import { createLogDeliveryService } from "../src/features/pools/service.ts";
import { versionOf } from "../src/features/pools/version.ts";

const POOL = "us-east-1_Unknown1";
const held = [
  {
    EventSource: "userNotification",
    LogLevel: "ERROR",
    CloudWatchLogsConfiguration: { LogGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:/a" },
  },
  // A source AWS might add one day: the console has no place for it in its model.
  {
    EventSource: "userMigrationEvents",
    LogLevel: "INFO",
    CloudWatchLogsConfiguration: { LogGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:/b" },
  },
];

describe("a write on a configuration the console cannot send back whole", () => {
  it("is refused before anything is sent or recorded, naming the entry", async () => {
    const { model, problems } = fromAwsLogConfigurations(held);
    const read: PoolRead = {
      facts: { id: POOL, region: "us-east-1" } as unknown as PoolRead["facts"],
      configuration: model,
      configurationProblems: problems,
      startedAt: 0,
      readAt: 0,
    };
    const sets: unknown[] = [];
    const attempts: unknown[] = [];
    const service = createLogDeliveryService({
      regions: ["us-east-1"],
      cognito: {
        async setLogDeliveryConfiguration(...args: unknown[]) {
          sets.push(args);
          return { requestId: "r" };
        },
      } as unknown as CognitoGateway,
      fleet: {
        async readPool() {
          return read;
        },
        invalidate() {},
      } as unknown as AccountFleet,
      destinations: {} as DestinationService,
      confirmBudgetMs: 1000,
    });
    const trail: WriteTrail = {
      async attempt(entry) {
        attempts.push(entry);
        return "a";
      },
      async refused() {},
      async outcome() {},
    };
    const answer = await withDeadline(5000, (deadline) =>
      service
        .write(
          { poolId: POOL, eventSource: "userNotification", destination: null, ifMatch: versionOf(model) },
          trail,
          deadline,
        )
        .catch((error: unknown) => error),
    );
    expect(answer).toMatchObject({ status: 422 });
    expect(String((answer as { options?: { detail?: string } }).options?.detail)).toContain(
      "userMigrationEvents",
    );
    expect(sets).toEqual([]);
    expect(attempts).toEqual([]);
  });
});
