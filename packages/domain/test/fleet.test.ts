import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  comparePools,
  POOL_SORT_KEYS,
  POOL_TIERS,
  PoolListQuerySchema,
  type PoolSummary,
  poolMatches,
  queryPools,
  summarizeFindings,
  THREAT_PROTECTION_MODES,
} from "../src/index.ts";

function pool(overrides: Partial<PoolSummary> & Pick<PoolSummary, "id" | "name">): PoolSummary {
  return {
    region: "us-east-1",
    accountId: "111111111111",
    accountName: "Management",
    ouPath: "",
    tier: "ESSENTIALS",
    threatProtection: "OFF",
    logging: { userNotification: null, userAuthEvents: null },
    findings: { count: 0, worst: null },
    readState: "ok",
    ...overrides,
  };
}

const lgLabel = {
  kind: "logGroup" as const,
  arn: "arn:aws:logs:us-east-1:123456789012:log-group:/g",
  name: "/g",
};
const s3Label = { kind: "s3" as const, arn: "arn:aws:s3:::b", name: "b" };

const pools: PoolSummary[] = [
  pool({
    id: "us-east-1_A",
    name: "Shop",
    tier: "PLUS",
    logging: { userNotification: lgLabel, userAuthEvents: s3Label },
    findings: { count: 1, worst: "warn" },
  }),
  pool({ id: "us-east-1_B", name: "admin", findings: { count: 2, worst: "block" } }),
  pool({
    id: "eu-west-1_C",
    name: "shop-eu",
    region: "eu-west-1",
    tier: "LITE",
    logging: { userNotification: lgLabel, userAuthEvents: null },
  }),
  pool({
    id: "eu-west-1_D",
    name: "pending",
    region: "eu-west-1",
    tier: null,
    threatProtection: null,
    readState: "pending",
  }),
];

const query = (q: Record<string, unknown>) => queryPools(pools, PoolListQuerySchema.parse(q));
const ids = (q: Record<string, unknown>) => query(q).items.map((p) => p.id);

describe("summarizeFindings", () => {
  it("counts findings and names the worst severity", () => {
    expect(summarizeFindings([])).toEqual({ count: 0, worst: null });
    expect(summarizeFindings([{ severity: "warn" }, { severity: "warn" }])).toEqual({
      count: 2,
      worst: "warn",
    });
    expect(summarizeFindings([{ severity: "warn" }, { severity: "block" }, { severity: "warn" }])).toEqual({
      count: 3,
      worst: "block",
    });
  });
});

describe("queryPools", () => {
  it("searches name and id, case-insensitively", () => {
    expect(ids({ q: "SHOP" })).toEqual(["us-east-1_A", "eu-west-1_C"]);
    expect(ids({ q: "_b" })).toEqual(["us-east-1_B"]);
  });

  it("filters by region(s), tier, exporting, warnings and destination kind", () => {
    expect(ids({ region: "eu-west-1" })).toEqual(["eu-west-1_D", "eu-west-1_C"]);
    expect(ids({ region: ["eu-west-1", "us-east-1"], tier: "PLUS" })).toEqual(["us-east-1_A"]);
    expect(ids({ exporting: "none" })).toEqual(["us-east-1_B", "eu-west-1_D"]);
    expect(ids({ exporting: "any" })).toEqual(["us-east-1_A", "eu-west-1_C"]);
    expect(ids({ hasWarnings: "true" })).toEqual(["us-east-1_B", "us-east-1_A"]);
    expect(ids({ hasWarnings: "false" })).toEqual(["eu-west-1_D", "eu-west-1_C"]);
    expect(ids({ destinationKind: "s3" })).toEqual(["us-east-1_A"]);
    expect(ids({ destinationKind: "logGroup" })).toEqual(["us-east-1_A", "eu-west-1_C"]);
  });

  it("sorts by each key, with - for descending and unknown values last", () => {
    expect(ids({ sort: "findings" })).toEqual(["eu-west-1_D", "eu-west-1_C", "us-east-1_A", "us-east-1_B"]);
    expect(ids({ sort: "-findings" })).toEqual(["us-east-1_B", "us-east-1_A", "eu-west-1_D", "eu-west-1_C"]);
    expect(ids({ sort: "tier" })).toEqual(["eu-west-1_C", "us-east-1_B", "us-east-1_A", "eu-west-1_D"]);
    expect(ids({ sort: "-tier" })).toEqual(["us-east-1_A", "us-east-1_B", "eu-west-1_C", "eu-west-1_D"]);
    expect(ids({ sort: "-id" })).toEqual(["us-east-1_B", "us-east-1_A", "eu-west-1_D", "eu-west-1_C"]);
  });

  it("filters by account and OU (an OU matches everything under it) and sorts by account name", () => {
    const org = [
      pool({ id: "us-east-1_M", name: "m", accountId: "111111111111", accountName: "Mgmt", ouPath: "" }),
      pool({
        id: "us-east-1_P",
        name: "p",
        accountId: "222222222222",
        accountName: "Prod",
        ouPath: "Workloads/Prod",
      }),
      pool({
        id: "us-east-1_D",
        name: "d",
        accountId: "333333333333",
        accountName: "Dev",
        ouPath: "Workloads/Dev",
      }),
      pool({
        id: "us-east-1_S",
        name: "s",
        accountId: "444444444444",
        accountName: "Sec",
        ouPath: "Security",
      }),
    ];
    const run = (raw: Record<string, unknown>) =>
      queryPools(org, PoolListQuerySchema.parse(raw)).items.map((p) => p.id);
    expect(run({ account: "222222222222" })).toEqual(["us-east-1_P"]);
    expect(run({ account: ["222222222222", "444444444444"] })).toEqual(["us-east-1_P", "us-east-1_S"]);
    expect(run({ ou: "Workloads" })).toEqual(["us-east-1_D", "us-east-1_P"]);
    expect(run({ ou: "Workloads/Prod/" })).toEqual(["us-east-1_P"]);
    expect(run({ ou: "Work" })).toEqual([]);
    // The root: the accounts directly under it only (before, there was no way to ask for them).
    expect(run({ ou: "/" })).toEqual(["us-east-1_M"]);
    expect(run({ sort: "account" })).toEqual(["us-east-1_D", "us-east-1_M", "us-east-1_P", "us-east-1_S"]);
    expect(run({ sort: "-ou" })).toEqual(["us-east-1_P", "us-east-1_D", "us-east-1_S", "us-east-1_M"]);
    expect(PoolListQuerySchema.safeParse({ account: "12" }).success).toBe(false);
  });

  it("tells apart pools of the same id in two accounts (ties break on the account)", () => {
    const twins = [
      pool({ id: "us-east-1_X", name: "x", accountId: "222222222222" }),
      pool({ id: "us-east-1_X", name: "x", accountId: "111111111111" }),
    ];
    expect(queryPools(twins, { sort: "name" }).items.map((p) => p.accountId)).toEqual([
      "111111111111",
      "222222222222",
    ]);
  });

  it("pages after filtering and reports the total before paging", () => {
    expect(query({ offset: "1", limit: "2" })).toMatchObject({ total: 4, offset: 1, limit: 2 });
    expect(ids({ offset: "1", limit: "2" })).toEqual(
      ["pending", "Shop"].map((n) => pools.find((p) => p.name === n)?.id),
    );
  });

  const summaryArb: fc.Arbitrary<PoolSummary> = fc
    .record({
      id: fc.stringMatching(/^[a-z]{2}-[a-z]+-\d_[A-Za-z0-9]{1,6}$/),
      name: fc.string({ maxLength: 8 }),
      region: fc.constantFrom("us-east-1", "eu-west-1", "ap-south-1"),
      tier: fc.option(fc.constantFrom(...POOL_TIERS), { nil: null }),
      threatProtection: fc.option(fc.constantFrom(...THREAT_PROTECTION_MODES), { nil: null }),
      notification: fc.boolean(),
      activity: fc.option(fc.constantFrom(lgLabel, s3Label), { nil: null }),
      count: fc.nat(3),
    })
    .map((r) =>
      pool({
        id: r.id,
        name: r.name,
        region: r.region,
        tier: r.tier,
        threatProtection: r.threatProtection,
        logging: { userNotification: r.notification ? lgLabel : null, userAuthEvents: r.activity },
        findings: { count: r.count, worst: r.count === 0 ? null : r.count > 1 ? "block" : "warn" },
      }),
    );
  const filterArb = fc.record(
    {
      q: fc.string({ maxLength: 2 }),
      region: fc.constantFrom("us-east-1", "eu-west-1"),
      tier: fc.constantFrom(...POOL_TIERS),
      exporting: fc.constantFrom("none", "any"),
      hasWarnings: fc.constantFrom("true", "false"),
      destinationKind: fc.constantFrom("logGroup", "firehose", "s3"),
      sort: fc.constantFrom(...POOL_SORT_KEYS, ...POOL_SORT_KEYS.map((k) => `-${k}`)),
    },
    { requiredKeys: [] },
  );

  it("returns exactly the matching pools, ordered by the sort", () => {
    fc.assert(
      fc.property(fc.array(summaryArb, { maxLength: 30 }), filterArb, (list, raw) => {
        const filter = PoolListQuerySchema.parse({ ...raw, limit: "500" });
        const result = queryPools(list, filter);
        const expected = list.filter((p) => poolMatches(p, filter));
        expect(result.total).toBe(expected.length);
        expect([...result.items].map((p) => p.id).sort()).toEqual(expected.map((p) => p.id).sort());
        const compare = comparePools(filter.sort);
        for (let i = 1; i < result.items.length; i++) {
          const [prev, next] = [result.items[i - 1], result.items[i]];
          if (prev && next) expect(compare(prev, next)).toBeLessThanOrEqual(0);
        }
      }),
    );
  });
});
