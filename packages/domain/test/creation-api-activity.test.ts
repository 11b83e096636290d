import { describe, expect, it } from "vitest";
import { apiActivityRuleName, buildCreationPlan, judgeApiActivity, trailCheckOf } from "../src/index.ts";

const ctx = { partition: "aws", region: "eu-west-1", accountId: "123456789012", poolId: "eu-west-1_abc" };
const PATTERN = JSON.stringify({ source: ["aws.cognito-idp"] });
const ours = { "managed-by": "cognito-log-console" };

describe("the API-activity route's plan and judgement (issue 15)", () => {
  it("adds its five steps after the stream's, only when asked", () => {
    const input = {
      kind: "firehose",
      poolId: ctx.poolId,
      eventSource: "userAuthEvents",
      tags: {},
      streamName: "s",
      target: {
        type: "s3",
        bucket: { mode: "existing", name: "b" },
        prefix: "",
        compression: "GZIP",
        bufferingSizeMiB: 5,
        bufferingIntervalSeconds: 300,
      },
    } as const;
    expect(buildCreationPlan(input, ctx).steps.map((s) => s.id)).not.toContain("create-rule");
    const plan = buildCreationPlan({ ...input, apiActivity: true }, ctx);
    expect(plan.steps.map((s) => s.id).slice(-5)).toEqual([
      "check-trail",
      "create-events-role",
      "events-role-policy",
      "create-rule",
      "put-targets",
    ]);
    expect(plan.permissions).toEqual(
      expect.arrayContaining(["events:PutRule", "events:PutTargets", "iam:PassRole"]),
    );
  });

  it("never adopts a rule the console did not make, nor one of its own with another pattern", () => {
    const untagged = judgeApiActivity("s", { role: null, rule: { eventPattern: PATTERN, tags: {} } }, {});
    expect(untagged.checks.find((c) => c.type === "rule")?.state).toBe("conflict");
    const other = judgeApiActivity(
      "s",
      { role: null, rule: { eventPattern: JSON.stringify({ source: ["aws.s3"] }), tags: ours } },
      {},
    );
    expect(other.checks.find((c) => c.type === "rule")?.state).toBe("conflict");
  });

  it("reuses the console's rule as a change to confirm, unless this run made it", () => {
    const observed = { role: { trustsEvents: true }, rule: { eventPattern: PATTERN, tags: ours } };
    const other = judgeApiActivity("s", observed, {});
    expect(other.checks.map((c) => c.state)).toEqual(["reuse", "reuse"]);
    expect(other.changesToExisting).toHaveLength(2);
    expect(other.changesToExisting[1]).toContain(apiActivityRuleName("s"));
    expect(judgeApiActivity("s", observed, { eventsRole: true, eventsRule: true }).changesToExisting).toEqual(
      [],
    );
  });

  it("says how to create a trail only when none records", () => {
    expect(trailCheckOf("eu-west-1", { ok: true, trailName: "t", problem: null }).howTo).toBeNull();
    const none = trailCheckOf("eu-west-1", { ok: false, trailName: null, problem: null });
    expect(none.state).toBe("none");
    expect(none.howTo?.consoleUrl).toBe("https://eu-west-1.console.aws.amazon.com/cloudtrailv2/home");
    expect(none.howTo?.cli[0]).toContain("--is-multi-region-trail");
    expect(trailCheckOf("cn-north-1", { ok: null, trailName: null, problem: "x" }).howTo?.consoleUrl).toBe(
      "https://console.amazonaws.cn/cloudtrailv2/home",
    );
  });
});
