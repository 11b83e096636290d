import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyEdit, diffConfigurations, EVENT_SOURCES, sameConfiguration } from "../src/index.ts";
import { anyDestination, anyModel, fh, lg, s3 } from "./arbitraries.ts";

describe("diffConfigurations", () => {
  it("names each source's change", () => {
    expect(
      diffConfigurations(
        { userNotification: lg("/a"), userAuthEvents: s3("bkt") },
        { userNotification: lg("/b"), userAuthEvents: null },
      ),
    ).toEqual([
      { eventSource: "userNotification", change: "changed", before: lg("/a"), after: lg("/b") },
      { eventSource: "userAuthEvents", change: "removed", before: s3("bkt"), after: null },
    ]);
    expect(
      diffConfigurations(
        { userNotification: lg("/a"), userAuthEvents: null },
        { userNotification: lg("/a"), userAuthEvents: fh("s") },
      ),
    ).toEqual([
      { eventSource: "userNotification", change: "unchanged", before: lg("/a"), after: lg("/a") },
      { eventSource: "userAuthEvents", change: "added", before: null, after: fh("s") },
    ]);
  });

  it("sees a kind change with the same ARN text as a change", () => {
    const [row] = diffConfigurations(
      { userNotification: lg("/a"), userAuthEvents: null },
      { userNotification: { kind: "s3", arn: lg("/a").arn }, userAuthEvents: null },
    );
    expect(row?.change).toBe("changed");
  });

  it("finds no change between a configuration and itself", () => {
    fc.assert(
      fc.property(anyModel, (model) => {
        expect(
          diffConfigurations(model, structuredClone(model)).every((row) => row.change === "unchanged"),
        ).toBe(true);
      }),
    );
  });
});

describe("applyEdit", () => {
  it("never changes the other event source", () => {
    fc.assert(
      fc.property(
        anyModel,
        fc.constantFrom(...EVENT_SOURCES),
        fc.option(anyDestination, { nil: null }),
        (model, source, dest) => {
          const before = structuredClone(model);
          const next = applyEdit(model, source, dest);
          const other = source === "userNotification" ? "userAuthEvents" : "userNotification";
          expect(next[other]).toEqual(before[other]);
          expect(next[source]).toEqual(dest);
          // The input is left as it was.
          expect(model).toEqual(before);
          const changed = diffConfigurations(model, next).filter((row) => row.change !== "unchanged");
          expect(changed.every((row) => row.eventSource === source)).toBe(true);
        },
      ),
    );
  });

  it("turns a source off with null", () => {
    expect(
      applyEdit({ userNotification: lg("/a"), userAuthEvents: s3("b1x") }, "userAuthEvents", null),
    ).toEqual({
      userNotification: lg("/a"),
      userAuthEvents: null,
    });
  });
});

describe("sameConfiguration", () => {
  it("agrees with the diff", () => {
    fc.assert(
      fc.property(anyModel, anyModel, (a, b) => {
        const unchanged = diffConfigurations(a, b).every((row) => row.change === "unchanged");
        expect(sameConfiguration(a, b)).toBe(unchanged);
      }),
    );
  });
});
