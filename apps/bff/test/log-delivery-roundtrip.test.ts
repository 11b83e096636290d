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
import { createLogDeliveryService, holdsAlready } from "../src/features/pools/service.ts";
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

/** The log-delivery service over a pool that holds `entries`, its Sets and audit attempts counted. */
function serviceOver(entries: unknown[]) {
  const { model, problems } = fromAwsLogConfigurations(entries);
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
      // What AWS holds after the Set: the model as sent (the stub's AWS corrects the level).
      async readConfiguration() {
        return { ...read, configurationProblems: [] };
      },
      store() {},
      invalidate() {},
      reassessDestinations() {},
    } as unknown as AccountFleet,
    // Nothing known of the destinations: the answer's findings are judged from their ARNs.
    destinations: {
      async knowledge() {
        return null;
      },
      async resourcePolicies() {
        return [];
      },
      cachedKnowledge: () => null,
      cachedResourcePolicies: () => null,
    } as unknown as DestinationService,
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
  return { model, read, service, trail, sets, attempts };
}

describe("a write on a configuration the console cannot send back whole", () => {
  it("is refused before anything is sent or recorded, naming the entry", async () => {
    const { model, service, trail, sets, attempts } = serviceOver(held);
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

describe("a write of what AWS already holds", () => {
  const logGroup = "arn:aws:logs:us-east-1:123456789012:log-group:/a";
  const entry = (LogLevel: string) => ({
    EventSource: "userNotification",
    LogLevel,
    CloudWatchLogsConfiguration: { LogGroupArn: logGroup },
  });

  it("sends no Set when AWS holds it exactly, and one when AWS holds a wrong log level", async () => {
    // The version hides the level (the model has one level per source): a wrong one is corrected by
    // the Set, so "the same version" alone must not skip it.
    for (const [level, written] of [
      ["ERROR", false],
      ["INFO", true],
    ] as const) {
      const { model, read, service, trail, sets, attempts } = serviceOver([entry(level)]);
      const desired = { ...model, userAuthEvents: null };
      expect(holdsAlready(read, desired)).toBe(!written);
      const answer = await withDeadline(5000, (deadline) =>
        // Disabling user activity, which is off already: the desired configuration is the model.
        service.write(
          { poolId: POOL, eventSource: "userAuthEvents", destination: null, ifMatch: versionOf(model) },
          trail,
          deadline,
        ),
      );
      expect(answer.written).toBe(written);
      expect(sets).toHaveLength(written ? 1 : 0);
      expect(attempts).toHaveLength(written ? 1 : 0);
    }
  });
});
