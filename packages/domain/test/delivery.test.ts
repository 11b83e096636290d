import { describe, expect, it } from "vitest";
import {
  type DeliveryEvidence,
  destinationConsoleUrl,
  judgeDelivery,
  metricPeriodFor,
  PoolDeliveryQuerySchema,
  plusPlanHelp,
  readDeliveredEvent,
  windowSeconds,
} from "../src/index.ts";

const none = { signIns: 0, signUps: 0, tokenRefreshes: 0, federations: 0 };
const base: DeliveryEvidence = {
  eventSource: "userAuthEvents",
  tier: "PLUS",
  threatProtection: "AUDIT",
  configured: true,
  eventsInWindow: 0,
  traffic: none,
};
const stateOf = (patch: Partial<DeliveryEvidence>) => judgeDelivery({ ...base, ...patch });

describe("judgeDelivery", () => {
  it("says delivering when events arrived in the window", () => {
    expect(stateOf({ eventsInWindow: 3 }).state).toBe("delivering");
  });

  it("tells silent (traffic, no logs) from idle (no traffic)", () => {
    expect(stateOf({ traffic: { ...none, signIns: 4 } })).toMatchObject({
      state: "silent",
      reason: { id: "traffic-without-logs", message: expect.stringContaining("4 sign-ins") },
    });
    expect(stateOf({ traffic: { ...none, tokenRefreshes: 1 } }).state).toBe("silent");
    expect(stateOf({}).reason.id).toBe("no-traffic");
    expect(stateOf({}).state).toBe("idle");
  });

  it("does not call a pool silent when its traffic could not be read", () => {
    expect(stateOf({ traffic: null })).toMatchObject({ state: "idle", reason: { id: "traffic-unknown" } });
  });

  it("says failing when the Firehose stream failed deliveries, even with records arriving", () => {
    const verdict = stateOf({
      eventsInWindow: 5,
      stream: { incomingRecords: 5, attempts: 2, failedAttempts: 1 },
    });
    expect(verdict.state).toBe("failing");
    expect(verdict.reason.message).toContain("1 of 2");
  });

  it("says which reason makes user activity not applicable: the plan first, then threat protection", () => {
    expect(stateOf({ tier: "ESSENTIALS", configured: false })).toMatchObject({
      state: "not-applicable",
      reason: { id: "tier-not-plus", message: expect.stringContaining("Essentials") },
    });
    expect(stateOf({ tier: "LITE", threatProtection: "AUDIT" }).reason.id).toBe("tier-not-plus");
    expect(stateOf({ threatProtection: "OFF" })).toMatchObject({
      state: "not-applicable",
      reason: { id: "threat-protection-off", message: expect.stringContaining("is configured") },
    });
  });

  it("never makes message-delivery errors not applicable or silent", () => {
    const notification = { eventSource: "userNotification" as const, tier: "LITE" as const };
    expect(stateOf({ ...notification, configured: false }).state).toBe("not-configured");
    expect(
      stateOf({ ...notification, threatProtection: "OFF", traffic: { ...none, signIns: 9 } }),
    ).toMatchObject({
      state: "idle",
      reason: { id: "no-message-errors" },
    });
  });

  it("says unknown, not silent, when the destination could not be read", () => {
    expect(
      stateOf({ eventsInWindow: null, readError: "Access denied", traffic: { ...none, signIns: 1 } }),
    ).toMatchObject({ state: "unknown", reason: { message: expect.stringContaining("Access denied") } });
  });

  it("says not configured for a Plus pool with threat protection on and no destination", () => {
    expect(stateOf({ configured: false }).state).toBe("not-configured");
  });
});

describe("the delivery window", () => {
  it("reads 5m to 14d and refuses the rest in the user's terms", () => {
    expect(windowSeconds("24h")).toBe(86_400);
    expect(windowSeconds("5m")).toBe(300);
    expect(windowSeconds("14d")).toBe(14 * 86_400);
    expect(windowSeconds("4m")).toBeNull();
    expect(windowSeconds("15d")).toBeNull();
    expect(windowSeconds("1w")).toBeNull();
    const bad = PoolDeliveryQuerySchema.safeParse({ window: "1 day" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain("30m, 24h or 7d");
    expect(PoolDeliveryQuerySchema.parse({})).toEqual({ window: "24h", objectEvents: false });
  });

  it("picks a period that keeps a window to a few thousand points at most", () => {
    for (const w of ["5m", "3h", "24h", "2d", "14d"]) {
      const seconds = windowSeconds(w) ?? 0;
      expect(seconds / metricPeriodFor(seconds)).toBeLessThanOrEqual(1440);
    }
  });
});

describe("readDeliveredEvent", () => {
  it("reads a user activity record in the documented shape (rules doc §6)", () => {
    const raw = JSON.stringify({
      eventTimestamp: "1687297330677",
      eventSource: "USER_ACTIVITY",
      logLevel: "INFO",
      message: {
        eventType: "SignIn",
        userName: "alice",
        ipAddress: "192.0.2.1",
        city: "Seattle",
        country: "United States",
        riskDecision: "PASS",
        riskLevel: "",
        eventResponse: "Pass",
      },
      logSourceId: { userPoolId: "us-east-1_abc" },
    });
    expect(readDeliveredEvent(raw)).toEqual({
      kind: "userActivity",
      at: "2023-06-20T21:42:10.677Z",
      eventType: "SignIn",
      user: "alice",
      ipAddress: "192.0.2.1",
      place: "Seattle, United States",
      riskDecision: "PASS",
      riskLevel: null,
      outcome: "Pass",
      userPoolId: "us-east-1_abc",
    });
  });

  it("reads a message delivery error, and keeps what it cannot read as raw text", () => {
    const raw = `{"eventTimestamp":"1687297330677","eventSource":"USER_NOTIFICATION","logLevel":"ERROR","message":{"details":"Quota exceeded"},"logSourceId":{"userPoolId":"p_1"}}`;
    expect(readDeliveredEvent(raw)).toMatchObject({
      kind: "notification",
      details: "Quota exceeded",
      userPoolId: "p_1",
    });
    expect(readDeliveredEvent("not json", 0)).toMatchObject({ kind: "unread", raw: "not json" });
    expect(readDeliveredEvent('{"eventSource":"NEW"}', 1000)).toMatchObject({
      kind: "unread",
      at: "1970-01-01T00:00:01.000Z",
    });
  });
});

describe("destinationConsoleUrl", () => {
  it("escapes a log group name the way the console's routing reads it", () => {
    expect(destinationConsoleUrl("logGroup", "/aws/vendedlogs/x", "eu-west-1", "1")).toBe(
      "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Fvendedlogs$252Fx",
    );
    expect(destinationConsoleUrl("s3", "b", "us-east-1", "123456789012")).toContain(
      "prefix=AWSLogs%2F123456789012%2F",
    );
  });
});

describe("plusPlanHelp", () => {
  it("gives the console link, the CLI with the plan flag, the reset warning and the cost", () => {
    const help = plusPlanHelp({ id: "eu-west-1_X", region: "eu-west-1", tier: "ESSENTIALS" });
    expect(help?.cli).toEqual([
      "aws cognito-idp describe-user-pool --region eu-west-1 --user-pool-id eu-west-1_X > eu-west-1_X-before.json",
      "aws cognito-idp update-user-pool --region eu-west-1 --user-pool-id eu-west-1_X --user-pool-tier PLUS --user-pool-add-ons AdvancedSecurityMode=AUDIT",
    ]);
    // UpdateUserPool replaces the whole configuration (rules doc §1): the advice says so before the command.
    expect(help?.cliWarning).toContain("replaces the whole pool configuration");
    expect(help?.consoleUrl).toContain("eu-west-1.console.aws.amazon.com/cognito");
    expect(help?.cost).toContain("monthly active user");
    expect(plusPlanHelp({ id: "x_Y", region: "us-east-1", tier: "PLUS" })).toBeNull();
  });
});
