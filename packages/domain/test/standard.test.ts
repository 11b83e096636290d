import { describe, expect, it } from "vitest";
import {
  type Exemption,
  ExemptionInputSchema,
  evaluatePool,
  globMatches,
  logGroupTemplateProblem,
  renderLogGroupTemplate,
  type Standard,
  type StandardPool,
  type StandardRule,
  StandardSchema,
  standardConfiguration,
} from "../src/index.ts";

const ACCOUNT = "111122223333";
const LG = (region: string, name: string, account = ACCOUNT) =>
  `arn:aws:logs:${region}:${account}:log-group:${name}`;

function pool(overrides: Partial<StandardPool> = {}): StandardPool {
  return {
    id: "us-east-1_Abc123",
    name: "shop-prod",
    region: "us-east-1",
    accountId: ACCOUNT,
    arn: `arn:aws:cognito-idp:us-east-1:${ACCOUNT}:userpool/us-east-1_Abc123`,
    ouPath: "Workloads/Prod",
    tier: "PLUS",
    threatProtection: "AUDIT",
    tags: { team: "shop" },
    configuration: { userNotification: null, userAuthEvents: null },
    ...overrides,
  };
}

const anyScope = { accounts: [], ous: [], regions: [], tiers: [], namePattern: "", tags: [] };

function rule(overrides: Partial<StandardRule> = {}): StandardRule {
  return {
    name: "all pools",
    scope: anyScope,
    sources: {
      userNotification: {
        type: "existing",
        destinations: [{ region: "us-east-1", arn: LG("us-east-1", "central") }],
      },
      userAuthEvents: null,
    },
    ...overrides,
  };
}

const standard = (...rules: StandardRule[]): Standard => ({ rules });
const NOW = Date.parse("2026-11-30T12:00:00Z");

function exemption(overrides: Partial<Exemption> = {}): Exemption {
  return {
    id: "ex-1",
    target: { type: "pool", poolId: "us-east-1_Abc123" },
    reason: "migrating",
    expiresAt: null,
    revision: 1,
    createdAt: "2026-11-01T00:00:00Z",
    createdBy: "alice",
    updatedAt: "2026-11-01T00:00:00Z",
    updatedBy: "alice",
    ...overrides,
  };
}

describe("globMatches", () => {
  it("matches * and ? over the whole name, other characters literally", () => {
    expect(globMatches("shop-*", "shop-prod")).toBe(true);
    expect(globMatches("shop-*", "myshop-prod")).toBe(false);
    expect(globMatches("p?d", "pod")).toBe(true);
    expect(globMatches("a.b", "axb")).toBe(false);
    expect(globMatches("Shop*", "shop")).toBe(false);
  });
});

describe("log group name templates", () => {
  it("accepts AWS-valid templates naming the pool and renders them per pool", () => {
    expect(logGroupTemplateProblem("/aws/vendedlogs/cognito/{poolName}/notifications")).toBeNull();
    expect(
      renderLogGroupTemplate(
        "/aws/vendedlogs/cognito/{poolName}/{eventSource}",
        pool({ name: "My pool@x" }),
        "userNotification",
      ),
    ).toBe("/aws/vendedlogs/cognito/My-pool-x/userNotification");
  });

  it("refuses what AWS would refuse, in the user's terms", () => {
    expect(logGroupTemplateProblem("/logs/shared")).toMatch(/\{poolName\} or \{poolId\}/);
    expect(logGroupTemplateProblem("/logs/{pool}")).toMatch(/Unknown placeholder \{pool\}/);
    expect(logGroupTemplateProblem("/logs/{poolId}#x")).toMatch(/#/);
    expect(logGroupTemplateProblem("/logs/{poolId} x")).toMatch(/remove spaces/);
    expect(logGroupTemplateProblem(`/${"a".repeat(400)}/{poolName}`)).toMatch(/at most 512/);
  });
});

describe("StandardSchema", () => {
  it("refuses an ARN of another region, a kind the source cannot take, and a rule governing nothing", () => {
    const result = StandardSchema.safeParse({
      rules: [
        rule({
          sources: {
            userNotification: {
              type: "existing",
              destinations: [{ region: "eu-west-1", arn: LG("us-east-1", "x") }],
            },
            userAuthEvents: null,
          },
        }),
        rule({
          name: "second",
          sources: {
            userNotification: {
              type: "existing",
              destinations: [{ region: "us-east-1", arn: "arn:aws:s3:::my-bucket" }],
            },
            userAuthEvents: null,
          },
        }),
        rule({ name: "third", sources: { userNotification: null, userAuthEvents: null } }),
        rule({
          name: "third",
          sources: {
            userNotification: { type: "create", kind: "logGroup", nameTemplate: "/x/{nope}" },
            userAuthEvents: null,
          },
        }),
      ],
    });
    expect(result.success).toBe(false);
    const issues = result.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^rules\.0\.sources\.userNotification\.destinations\.0\.arn: .*us-east-1.*eu-west-1/,
        ),
        expect.stringMatching(/^rules\.1\.sources\.userNotification\.destinations\.0\.arn: .*log group/),
        expect.stringMatching(/^rules\.2\.sources: /),
        expect.stringMatching(/^rules\.3\.sources\.userNotification\.nameTemplate: Unknown placeholder/),
        expect.stringMatching(/^rules\.3\.name: Another rule/),
      ]),
    );
  });

  it("refuses an exemption without a reason or with a malformed expiry", () => {
    const result = ExemptionInputSchema.safeParse({
      target: { type: "pattern", pattern: "" },
      reason: "",
      expiresAt: "tomorrow",
    });
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(
      expect.arrayContaining(["target.pattern", "reason", "expiresAt"]),
    );
  });
});

describe("evaluatePool", () => {
  it("is not-governed when no rule covers the pool, unknown before it is read", () => {
    expect(evaluatePool(standard(), [], pool(), NOW).state).toBe("not-governed");
    const prodOnly = rule({ scope: { ...anyScope, namePattern: "*-staging" } });
    expect(evaluatePool(standard(prodOnly), [], pool(), NOW).state).toBe("not-governed");
    expect(evaluatePool(standard(rule()), [], pool({ configuration: null, tier: null }), NOW).state).toBe(
      "unknown",
    );
  });

  it("is drift with the per-source diff, and compliant once the pool matches", () => {
    const result = evaluatePool(standard(rule()), [], pool(), NOW);
    expect(result.state).toBe("drift");
    expect(result.sources).toEqual([
      expect.objectContaining({
        eventSource: "userNotification",
        rule: "all pools",
        change: "added",
        current: null,
        desired: { kind: "logGroup", arn: LG("us-east-1", "central") },
      }),
    ]);
    const matching = pool({
      configuration: {
        userNotification: { kind: "logGroup", arn: LG("us-east-1", "central") },
        userAuthEvents: null,
      },
    });
    expect(evaluatePool(standard(rule()), [], matching, NOW).state).toBe("compliant");
  });

  it("selects by account, OU (and below), region, tier, name and tag; the first covering rule per source wins", () => {
    const scoped = (scope: Partial<StandardRule["scope"]>) =>
      standard(rule({ scope: { ...anyScope, ...scope } }));
    const covered = (s: Standard, p = pool()) => evaluatePool(s, [], p, NOW).state !== "not-governed";
    expect(covered(scoped({ accounts: [ACCOUNT] }))).toBe(true);
    expect(covered(scoped({ accounts: ["999999999999"] }))).toBe(false);
    expect(covered(scoped({ ous: ["Workloads"] }))).toBe(true);
    expect(covered(scoped({ ous: ["Work"] }))).toBe(false);
    expect(covered(scoped({ regions: ["eu-west-1"] }))).toBe(false);
    expect(covered(scoped({ tiers: ["ESSENTIALS"] }))).toBe(false);
    expect(covered(scoped({ tags: [{ key: "team" }] }))).toBe(true);
    expect(covered(scoped({ tags: [{ key: "team", value: "billing" }] }))).toBe(false);
    expect(covered(scoped({ tags: [{ key: "team" }] }), pool({ tags: null }))).toBe(false);

    const first = rule({ name: "first", scope: { ...anyScope, namePattern: "shop-*" } });
    const second = rule({
      name: "second",
      sources: {
        userNotification: {
          type: "existing",
          destinations: [{ region: "us-east-1", arn: LG("us-east-1", "other") }],
        },
        userAuthEvents: null,
      },
    });
    expect(evaluatePool(standard(first, second), [], pool(), NOW).sources[0]?.rule).toBe("first");
  });

  it("cannot comply: user activity on a pool without Plus, threat protection off, no destination in the region", () => {
    const activity = rule({
      sources: {
        userNotification: null,
        userAuthEvents: {
          type: "existing",
          destinations: [{ region: "us-east-1", arn: LG("us-east-1", "activity") }],
        },
      },
    });
    const essentials = evaluatePool(
      standard(activity),
      [],
      pool({ tier: "ESSENTIALS", threatProtection: "OFF" }),
      NOW,
    );
    expect(essentials.state).toBe("cannot-comply");
    expect(essentials.sources[0]?.reasons.map((r) => r.id)).toEqual(["tier"]);
    const off = evaluatePool(standard(activity), [], pool({ threatProtection: "OFF" }), NOW);
    expect(off.sources[0]?.reasons.map((r) => r.id)).toEqual(["threat-protection-off"]);
    const elsewhere = evaluatePool(
      standard(rule()),
      [],
      pool({ region: "eu-west-1", id: "eu-west-1_X1" }),
      NOW,
    );
    expect(elsewhere.state).toBe("cannot-comply");
    expect(elsewhere.sources[0]?.reasons.map((r) => r.id)).toEqual(["no-destination-in-region"]);
  });

  it("cannot comply when the preflight blocks the destination (KMS-encrypted log group)", () => {
    const arn = LG("us-east-1", "central");
    const result = evaluatePool(standard(rule()), [], pool(), NOW, {
      knowledge: () => ({
        kind: "logGroup",
        arn,
        name: "central",
        region: "us-east-1",
        accountId: ACCOUNT,
        kmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1`,
        retentionInDays: null,
        logGroupClass: null,
        deliveryPolicy: "present",
        createdAt: null,
      }),
    });
    expect(result.state).toBe("cannot-comply");
    expect(result.sources[0]?.reasons[0]?.id).toBe("destination-unusable");
  });

  it("a template creates one log group per pool; its absence is no reason not to comply", () => {
    const perPool = rule({
      sources: {
        userNotification: {
          type: "create",
          kind: "logGroup",
          nameTemplate: "/aws/vendedlogs/cognito/{poolName}/notifications",
        },
        userAuthEvents: null,
      },
    });
    const result = evaluatePool(standard(perPool), [], pool(), NOW, {
      knowledge: (d) => ({ kind: d.kind, arn: d.arn, notFound: true }),
    });
    expect(result.state).toBe("drift");
    expect(result.sources[0]).toMatchObject({
      create: true,
      desired: { kind: "logGroup", arn: LG("us-east-1", "/aws/vendedlogs/cognito/shop-prod/notifications") },
    });
  });

  it("is exempt while an exemption applies (by id or pattern), not after it expires", () => {
    const until = "2026-12-01T00:00:00Z";
    const byId = evaluatePool(standard(rule()), [exemption({ expiresAt: until })], pool(), NOW);
    expect(byId).toMatchObject({
      state: "exempt",
      exemption: { id: "ex-1", reason: "migrating", expiresAt: until },
    });
    const byPattern = exemption({ id: "ex-2", target: { type: "pattern", pattern: "shop-*" } });
    expect(evaluatePool(standard(rule()), [byPattern], pool(), NOW).state).toBe("exempt");
    const expired = exemption({ expiresAt: "2026-11-30T11:59:59Z" });
    expect(evaluatePool(standard(rule()), [expired], pool(), NOW).state).toBe("drift");
  });
});

describe("standardConfiguration", () => {
  it("sets the governed sources and keeps the others as AWS holds them", () => {
    const activity = {
      kind: "firehose" as const,
      arn: `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/s`,
    };
    const current = pool({ configuration: { userNotification: null, userAuthEvents: activity } });
    expect(standardConfiguration(standard(rule()), current)).toEqual({
      userNotification: { kind: "logGroup", arn: LG("us-east-1", "central") },
      userAuthEvents: activity,
    });
    expect(standardConfiguration(standard(), current)).toEqual(current.configuration);
    expect(standardConfiguration(standard(rule()), pool({ configuration: null }))).toBeNull();
  });
});
