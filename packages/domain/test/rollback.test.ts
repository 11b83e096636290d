import { describe, expect, it } from "vitest";
import { type AuditRecord, planRollback, recordedChangeOf } from "../src/index.ts";

const lg = (name: string) => ({
  kind: "logGroup" as const,
  arn: `arn:aws:logs:us-east-1:123456789012:log-group:${name}`,
});
const fh = (name: string) => ({
  kind: "firehose" as const,
  arn: `arn:aws:firehose:us-east-1:123456789012:deliverystream/${name}`,
});

describe("planRollback", () => {
  it("restores only the sources the change made, carrying the other as AWS holds it now", () => {
    const plan = planRollback(
      {
        before: { userNotification: lg("a"), userAuthEvents: null },
        after: { userNotification: lg("b"), userAuthEvents: null },
      },
      { userNotification: lg("b"), userAuthEvents: fh("later") },
    );
    expect(plan).toEqual({
      sources: ["userNotification"],
      desired: { userNotification: lg("a"), userAuthEvents: fh("later") },
      movedOn: [],
    });
  });

  it("names each restored source that changed again since, with what the change left and what is there now", () => {
    const plan = planRollback(
      {
        before: { userNotification: null, userAuthEvents: null },
        after: { userNotification: lg("b"), userAuthEvents: null },
      },
      { userNotification: lg("c"), userAuthEvents: null },
    );
    expect(plan.movedOn).toEqual([{ eventSource: "userNotification", recorded: lg("b"), now: lg("c") }]);
  });

  it("has nothing to restore for a change that changed nothing", () => {
    const same = { userNotification: lg("a"), userAuthEvents: null };
    expect(planRollback({ before: same, after: same }, same)).toEqual({
      sources: [],
      desired: same,
      movedOn: [],
    });
  });
});

describe("recordedChangeOf", () => {
  const base: AuditRecord = {
    id: "7",
    at: "2026-01-01T00:00:00.000Z",
    operator: "alice",
    role: "admin",
    action: "log-delivery.apply",
    region: "us-east-1",
    poolId: "us-east-1_abc",
    resource: null,
    before: { userNotification: null, userAuthEvents: null },
    after: { userNotification: lg("a"), userAuthEvents: null },
    outcome: "success",
    attemptId: "6",
    error: null,
    requestId: null,
    awsRequestId: null,
  };

  it("reads a landed log delivery change", () => {
    expect(recordedChangeOf(base)).toMatchObject({ recordId: "7", poolId: "us-east-1_abc", accountId: null });
  });

  it("says why other records cannot be undone", () => {
    expect(recordedChangeOf({ ...base, outcome: "attempt" })).toMatch(/attempt of a change/);
    expect(recordedChangeOf({ ...base, action: "fix.apply" })).toMatch(
      /only changes to a pool's log delivery/,
    );
    expect(recordedChangeOf({ ...base, before: { something: "else" } })).toMatch(/nothing to restore/);
  });
});
