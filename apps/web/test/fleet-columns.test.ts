import { describe, expect, it } from "vitest";
import {
  chooseColumn,
  columnVisibility,
  defaultVisibleColumns,
  FLEET_COLUMN_IDS,
  FLEET_COLUMN_WIDTHS,
  parseColumnChoice,
} from "../src/fleet/fleet-columns.ts";
import { loggingSourceText } from "../src/fleet/logging-cell.tsx";

/** The fleet table's width in a window this wide: the page's padding and the table's border off. */
const tableIn = (windowWidth: number) => windowWidth - 42;

describe("the fleet's columns by width", () => {
  it("shows an organization's OU at 1440 px, before threat protection and the pool id, and the widths fit", () => {
    const visible = defaultVisibleColumns(tableIn(1440), false, { accounts: 5, ouPaths: true });
    expect([...FLEET_COLUMN_IDS].filter((id) => !visible.has(id))).toEqual(["id", "threatProtection"]);
    const used = [...visible].reduce((sum, id) => sum + FLEET_COLUMN_WIDTHS[id], 0);
    expect(used).toBeLessThanOrEqual(tableIn(1440));
  });

  it("leaves out the Account and OU columns where every row would show the same", () => {
    // One account: its id on every row says nothing; the pool id and threat protection fit instead.
    const single = defaultVisibleColumns(tableIn(1440), false, { accounts: 1, ouPaths: true });
    expect([...FLEET_COLUMN_IDS].filter((id) => !single.has(id))).toEqual(["account", "ou"]);
    // Accounts from a list of roles: no OU paths at all.
    const listed = defaultVisibleColumns(tableIn(1440), false, { accounts: 3, ouPaths: false });
    expect(listed.has("account")).toBe(true);
    expect(listed.has("ou")).toBe(false);
    // The person can still show them.
    expect(columnVisibility(tableIn(1440), false, { ou: true }, { accounts: 1, ouPaths: false }).ou).toBe(
      true,
    );
  });

  it("gives up the least needed columns first on a narrower table, never the name", () => {
    const at1200 = defaultVisibleColumns(tableIn(1200), false);
    expect([...at1200].sort()).toEqual(["account", "findings", "logging", "name", "region", "tier"]);
    // Too narrow for the Logging column: a narrower one that fits still shows.
    expect([...defaultVisibleColumns(320, false)].sort()).toEqual(["findings", "name"]);
    expect([...defaultVisibleColumns(250, false)]).toEqual(["name"]);
  });

  it("shows every column in the card layout, where values wrap", () => {
    expect(defaultVisibleColumns(900, true).size).toBe(FLEET_COLUMN_IDS.length);
  });

  it("lets the person's choice win over the width, and never hides the name", () => {
    const visibility = columnVisibility(tableIn(1440), false, { id: true, tier: false });
    expect(visibility.id).toBe(true);
    expect(visibility.tier).toBe(false);
    expect(visibility.name).toBe(true);
    expect(visibility.logging).toBe(true);
  });

  it("forgets a choice equal to the width's default, so the column follows the width again", () => {
    const defaults = defaultVisibleColumns(tableIn(1440), false);
    const shown = chooseColumn({}, "id", true, defaults);
    expect(shown).toEqual({ id: true });
    expect(chooseColumn(shown, "id", false, defaults)).toEqual({});
    expect(chooseColumn({}, "tier", false, defaults)).toEqual({ tier: false });
  });

  it("reads a stored choice, leaving out what it does not know", () => {
    expect(parseColumnChoice('{"id":true,"ou":false}')).toEqual({ id: true, ou: false });
    // An old column, the name (never hidden), a value not a boolean, and junk.
    expect(parseColumnChoice('{"delivery":false,"name":false,"tier":"yes","region":true}')).toEqual({
      region: true,
    });
    expect(parseColumnChoice("not json")).toEqual({});
    expect(parseColumnChoice("[1,2]")).toEqual({});
    expect(parseColumnChoice(null)).toEqual({});
  });
});

describe("a source's part of the Logging cell", () => {
  const logGroup = {
    kind: "logGroup" as const,
    arn: "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vendedlogs/cognito/notifications",
    name: "/aws/vendedlogs/cognito/notifications",
  };

  it("names the source, the destination and the state with its reason, once", () => {
    const text = loggingSourceText("userNotification", logGroup, {
      state: "delivering",
      reasonId: "events-arriving",
      message: "12 events in the last 24 hours.",
    });
    expect(text.state).toBe("Delivering");
    expect(text.full).toBe(
      "Message-delivery errors: CloudWatch log group /aws/vendedlogs/cognito/notifications. Delivering: 12 events in the last 24 hours.",
    );
  });

  it("says a source without a destination is not exported, and why user activity does not apply", () => {
    expect(
      loggingSourceText("userNotification", null, {
        state: "not-configured",
        reasonId: "none",
        message: "x",
      }),
    ).toEqual({ state: "Not exported", full: "Message-delivery errors: not exported" });
    const notPlus = loggingSourceText("userAuthEvents", null, {
      state: "not-applicable",
      reasonId: "tier-not-plus",
      message: "User activity needs the Plus plan.",
    });
    expect(notPlus.state).toBe("Not applicable");
    expect(notPlus.full).toBe(
      "User activity: not exported. Not applicable (no Plus plan): User activity needs the Plus plan.",
    );
  });

  it("is checking until the delivery state arrives", () => {
    expect(loggingSourceText("userAuthEvents", logGroup, undefined).state).toBe("Checking…");
    expect(loggingSourceText("userAuthEvents", null, undefined).state).toBe("Not exported");
  });
});
