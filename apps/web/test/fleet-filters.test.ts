import { describe, expect, it } from "vitest";
import {
  filtersFromSearchParams,
  hasActiveFilters,
  nextSort,
  poolListQueryString,
  searchParamsFromFilters,
  sortDirection,
  toPoolListQuery,
} from "../src/fleet/fleet-filters.ts";

describe("fleet filters in the URL", () => {
  it("reads every filter from the URL and writes the same URL back", () => {
    const url =
      "region=eu-west-1&account=111122223333&ou=Workloads%2FProd&q=acme&tier=PLUS&exporting=none&hasWarnings=true&destinationKind=firehose&delivery=silent&deliverySource=userAuthEvents&compliance=drift&sort=-account";
    const filters = filtersFromSearchParams(new URLSearchParams(url));
    expect(filters).toEqual({
      region: "eu-west-1",
      account: "111122223333",
      ou: "Workloads/Prod",
      q: "acme",
      tier: "PLUS",
      notExporting: true,
      hasWarnings: true,
      destinationKind: "firehose",
      delivery: "silent",
      deliverySource: "userAuthEvents",
      compliance: "drift",
      sort: "-account",
    });
    expect(searchParamsFromFilters(filters).toString()).toBe(url);
    expect(toPoolListQuery(filters, 0, 200)).toMatchObject({
      delivery: "silent",
      deliverySource: "userAuthEvents",
      compliance: "drift",
    });
    // A state the console does not know is left out, not sent.
    expect(filtersFromSearchParams(new URLSearchParams("delivery=late")).delivery).toBeNull();
  });

  it("leaves defaults out of the URL so a plain fleet link stays plain", () => {
    const filters = filtersFromSearchParams(new URLSearchParams(""));
    expect(hasActiveFilters(filters)).toBe(false);
    expect(searchParamsFromFilters(filters).toString()).toBe("");
  });

  it("ignores values it does not know instead of sending them to the server", () => {
    const filters = filtersFromSearchParams(
      new URLSearchParams(
        "region=mars&tier=GOLD&destinationKind=kinesis&sort=-owner&exporting=some&hasWarnings=yes&compliance=nearly",
      ),
    );
    expect(filters).toMatchObject({
      region: null,
      compliance: null,
      tier: null,
      destinationKind: null,
      sort: "name",
      notExporting: false,
      hasWarnings: false,
    });
  });

  it("turns filters into the API query the BFF parses", () => {
    const filters = filtersFromSearchParams(
      new URLSearchParams("q=%20shop%20&exporting=none&hasWarnings=true"),
    );
    const query = toPoolListQuery(filters, 400, 200);
    expect(query).toEqual({
      sort: "name",
      offset: 400,
      limit: 200,
      q: "shop",
      exporting: "none",
      hasWarnings: "true",
    });
    expect(new URLSearchParams(poolListQueryString(query)).get("q")).toBe("shop");
  });

  it("sorts ascending first, then descending, and reports the direction for aria-sort", () => {
    expect(nextSort("name", "tier")).toBe("tier");
    expect(nextSort("tier", "tier")).toBe("-tier");
    expect(nextSort("-tier", "tier")).toBe("tier");
    expect(sortDirection("-tier", "tier")).toBe("descending");
    expect(sortDirection("-tier", "name")).toBe("none");
  });
});
