import type { PoolListResponse } from "@clc/domain";
import { describe, expect, it } from "vitest";
import { fleetAsShown, fleetCsv, fleetExportName, fleetJson } from "../src/fleet/fleet-export.ts";
import { CLEARED_FILTERS, type FleetFilters } from "../src/fleet/fleet-filters.ts";
import { poolSummary as pool } from "./helpers.tsx";

describe("the fleet's CSV", () => {
  it("has a header and one CRLF row per pool, in the order given, with the table's labels", () => {
    const csv = fleetCsv([
      pool(),
      pool({
        id: "eu-west-1_Z",
        name: "b",
        region: "eu-west-1",
        tier: null,
        threatProtection: null,
        readState: "pending",
        findings: { count: 0, worst: null },
      }),
    ]);
    expect(csv.split("\r\n")).toEqual([
      "name,id,region,accountId,accountName,ouPath,tier,threatProtection,userNotificationKind,userNotificationArn,userAuthEventsKind,userAuthEventsArn,findings,worstFinding,readState",
      "acme-prod,us-east-1_Abc123def,us-east-1,123456789012,acme-management,,Plus,Enforced,CloudWatch log group,arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/acme,,,2,block,ok",
      "b,eu-west-1_Z,eu-west-1,123456789012,acme-management,,,,CloudWatch log group,arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/acme,,,,,pending",
      "",
    ]);
  });

  it("cannot smuggle a formula or break a row through a pool's name", () => {
    const csv = fleetCsv([
      pool({ name: '=HYPERLINK("http://x","y")' }),
      pool({ name: "-2+3" }),
      pool({ name: "@a" }),
      pool({ name: "+1" }),
      pool({ name: "a,\nb" }),
    ]);
    const names = csv
      .split("\r\n")
      .slice(1, -1)
      .map((line) => line.slice(0, line.indexOf(",us-east-1_")));
    expect(names).toEqual(['"\'=HYPERLINK(""http://x"",""y"")"', "'-2+3", "'@a", "'+1", '"a,\nb"']);
  });
});

describe("the fleet's JSON", () => {
  it("keeps every field exactly, names included", () => {
    const pools = [pool({ name: "=not a formula here" })];
    expect(JSON.parse(fleetJson(pools))).toEqual(pools);
  });
});

describe("the fleet as shown", () => {
  it("reads every page with the table's filters and sort, in the order the BFF sorts", async () => {
    const all = Array.from({ length: 1_203 }, (_, i) => pool({ id: `us-east-1_${i}`, name: `p${i}` }));
    const asked: Array<{ filters: FleetFilters; offset: number; limit: number }> = [];
    const filters: FleetFilters = { ...CLEARED_FILTERS, q: "p1", sort: "-findings" };
    const fetchPage = async (f: FleetFilters, offset: number, limit: number): Promise<PoolListResponse> => {
      asked.push({ filters: f, offset, limit });
      return {
        items: all.slice(offset, offset + limit),
        total: all.length,
        fleet: { state: "ready", loaded: 0, total: 0, failed: 0, startedAt: null, completedAt: null },
      } as PoolListResponse;
    };
    const shown = await fleetAsShown(filters, fetchPage);
    expect(shown.map((p) => p.id)).toEqual(all.map((p) => p.id));
    expect(asked.map((a) => a.offset)).toEqual([0, 500, 1000]);
    expect(asked.every((a) => a.filters === filters && a.limit === 500)).toBe(true);
  });

  it("names the file after the time of the export, in UTC", () => {
    expect(fleetExportName("csv", new Date("2026-01-30T12:05:01.123Z"))).toBe(
      "user-pools-20260130T120501Z.csv",
    );
  });
});
