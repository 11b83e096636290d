import { describe, expect, it } from "vitest";
import { filtersFromSearchParams } from "../src/fleet/fleet-filters.ts";
import { isCurrentView, viewParamsFromFilters, viewSearch } from "../src/fleet/saved-views.ts";

const filters = (search: string) => filtersFromSearchParams(new URLSearchParams(search));

describe("saved views of the fleet", () => {
  it("keep the URL's short form: filters and a sort that is not the default", () => {
    expect(viewParamsFromFilters(filters("?tier=PLUS&sort=-name&q=%20"))).toEqual({
      tier: "PLUS",
      sort: "-name",
    });
    expect(viewParamsFromFilters(filters("?sort=name"))).toEqual({});
    expect(viewParamsFromFilters(filters("?exporting=none&hasWarnings=true&region=eu-west-1"))).toEqual({
      region: "eu-west-1",
      exporting: "none",
      hasWarnings: "true",
    });
  });

  it("apply as the fleet URL, dropping what the fleet no longer knows", () => {
    expect(viewSearch({ tier: "PLUS", sort: "-name" })).toBe("?tier=PLUS&sort=-name");
    expect(viewSearch({})).toBe("");
    expect(viewSearch({ tier: "GOLD", retired: "1", q: "prod" })).toBe("?q=prod");
  });

  it("know the view the fleet shows now, whatever the parameters' order", () => {
    expect(isCurrentView({ sort: "-name", tier: "PLUS" }, filters("?tier=PLUS&sort=-name"))).toBe(true);
    expect(isCurrentView({ tier: "PLUS" }, filters("?tier=PLUS&sort=-name"))).toBe(false);
    expect(isCurrentView({}, filters(""))).toBe(true);
  });
});
