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
  queryOperation,
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

describe("queryOperation (awsQuery: flat text parameters)", () => {
  const Query = struct("QueryInput", { Name: required(str({ min: 1 })), Seconds: int({ min: 3600 }) });
  const echo = queryOperation(Query, (input) => {
    expectTypeOf(input).toEqualTypeOf<{ Name: string; Seconds?: number }>();
    return { ...input };
  });

  it("reads the shape's integer members from their text, and leaves the others as sent", () => {
    expect(echo({ Name: "7", Seconds: "3600" }, {} as never)).toEqual({ Name: "7", Seconds: 3600 });
  });

  it("answers IAM's ValidationError for a constraint, SerializationException for text that is no integer", () => {
    expect(() => echo({ Name: "n", Seconds: "60" }, {} as never)).toThrow(
      expect.objectContaining({
        code: "ValidationError",
        message:
          "1 validation error detected: Value '60' at 'seconds' failed to satisfy constraint: Member must have value greater than or equal to 3600",
      }),
    );
    expect(() => echo({ Name: "n", Seconds: "soon" }, {} as never)).toThrow(
      expect.objectContaining({ code: "SerializationException" }),
    );
  });
});
