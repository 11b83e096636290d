/** A shape is the one declaration of an operation's input: its checks at run time, its type at compile time. */
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  bool,
  doc,
  int,
  list,
  map,
  operation,
  parseInput,
  required,
  type ShapeType,
  str,
  struct,
} from "../src/core/shapes.ts";

const Entry = struct("Entry", {
  Level: required(str({ enum: ["ERROR", "INFO"] })),
  Arn: str({ min: 3 }),
});
const Input = struct("Input", {
  Name: required(str({ min: 1 })),
  Limit: int({ min: 1, max: 5 }),
  Force: bool,
  Entries: list(Entry, { max: 2 }),
  Tags: map(str(), str()),
  Extra: doc,
});

describe("ShapeType", () => {
  it("derives required and optional members, enums, lists, maps and documents", () => {
    expectTypeOf<ShapeType<typeof Input>>().toEqualTypeOf<{
      Name: string;
      Limit?: number;
      Force?: boolean;
      Entries?: { Level: "ERROR" | "INFO"; Arn?: string }[];
      Tags?: Record<string, string>;
      Extra?: unknown;
    }>();
  });

  it("is what parseInput returns and what an operation's handler receives", () => {
    const parsed = parseInput(Input, { Name: "n", Entries: [{ Level: "INFO" }, null] });
    expectTypeOf(parsed).toEqualTypeOf<ShapeType<typeof Input>>();
    expect(parsed).toEqual({ Name: "n", Entries: [{ Level: "INFO" }] });
    const echo = operation(Input, (input) => input.Entries?.map((e) => e.Level));
    expect(echo({ Name: "n", Entries: [{ Level: "ERROR" }] }, {} as never)).toEqual(["ERROR"]);
    expect(() => echo({ Entries: [{ Level: "TRACE" }] }, {} as never)).toThrow(
      "2 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null; Value 'TRACE' at 'entries.1.member.level' failed to satisfy constraint: Member must satisfy enum value set: [ERROR, INFO]",
    );
  });
});
