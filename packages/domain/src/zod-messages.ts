/**
 * zod's default texts ("Invalid input: expected string, received undefined", "Invalid key in
 * record", "Too big: expected string to have <=512 characters") are written for developers. This
 * error map gives every issue kind zod v4 has a message in the user's terms; the field itself is
 * named by the issue's path, so a message never repeats it. Schemas that say something more
 * precise keep their own message: zod prefers a schema's `error` to the global map.
 */
import { z } from "zod";

type RawIssue = z.core.$ZodRawIssue;

function shown(value: unknown): string {
  if (typeof value === "string") return `'${value.length > 60 ? `${value.slice(0, 57)}…` : value}'`;
  if (value === null) return "null";
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  return Array.isArray(value) ? "a list" : typeof value === "object" ? "an object" : String(value);
}

/** What a value is, as the user would say it. */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return "text";
    case "number":
      return Number.isNaN(value) ? "not a number" : "a number";
    case "boolean":
      return "true/false";
    case "object":
      return "an object";
    default:
      return typeof value;
  }
}

const EXPECTED: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  bigint: "a whole number",
  array: "a list",
  object: "an object",
  record: "an object",
  map: "an object",
  tuple: "a list",
  date: "a date",
  null: "nothing (null)",
};

const FORMATS: Record<string, string> = {
  email: "an email address",
  url: "a URL",
  uuid: "a UUID",
  datetime: "a date and time such as 2026-01-31T12:00:00Z",
  date: "a date such as 2026-01-31",
  time: "a time such as 12:00:00",
  ipv4: "an IPv4 address",
  ipv6: "an IPv6 address",
  base64: "base64 text",
  base64url: "base64url text",
};

function sizeWords(origin: string, n: number | bigint): string {
  if (origin === "string") return `${n} character${n === 1 ? "" : "s"}`;
  if (origin === "array" || origin === "set") return `${n} item${n === 1 ? "" : "s"}`;
  if (origin === "file") return `${n} bytes`;
  return String(n);
}

/** The user-facing text of one zod issue; never zod's own wording. */
export function userTermsMessage(issue: RawIssue): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "This field is required.";
      // A query value coerced to a number arrives as NaN: saying "not not a number" helps nobody.
      if (typeof issue.input === "number" && Number.isNaN(issue.input))
        return `Expected ${EXPECTED[issue.expected] ?? issue.expected}; the value given is not one.`;
      return `Expected ${EXPECTED[issue.expected] ?? issue.expected}, not ${kindOf(issue.input)}.`;
    case "too_small": {
      const origin = String(issue.origin);
      if (origin === "string" && Number(issue.minimum) === 1) return "This field must not be empty.";
      if (origin === "array" && Number(issue.minimum) === 1) return "Give at least one item.";
      if (issue.exact) return `Must be exactly ${sizeWords(origin, issue.minimum)}.`;
      if (origin === "string" || origin === "array" || origin === "set" || origin === "file")
        return `Must have at least ${sizeWords(origin, issue.minimum)}.`;
      return `Must be ${issue.inclusive === false ? "more than" : "at least"} ${issue.minimum}.`;
    }
    case "too_big": {
      const origin = String(issue.origin);
      if (issue.exact) return `Must be exactly ${sizeWords(origin, issue.maximum)}.`;
      if (origin === "string" || origin === "array" || origin === "set" || origin === "file")
        return `Must have at most ${sizeWords(origin, issue.maximum)}.`;
      return `Must be ${issue.inclusive === false ? "less than" : "at most"} ${issue.maximum}.`;
    }
    case "invalid_format": {
      const i = issue as RawIssue & { prefix?: string; suffix?: string; includes?: string };
      if (issue.format === "starts_with") return `Must start with '${i.prefix}'.`;
      if (issue.format === "ends_with") return `Must end with '${i.suffix}'.`;
      if (issue.format === "includes") return `Must contain '${i.includes}'.`;
      const expected = FORMATS[issue.format];
      if (expected) return `Expected ${expected}.`;
      return `${shown(issue.input)} is not in the form this field accepts.`;
    }
    case "not_multiple_of":
      return `Must be a multiple of ${issue.divisor}.`;
    case "unrecognized_keys":
      return `Unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys.map((k) => `'${k}'`).join(", ")}: remove ${issue.keys.length === 1 ? "it" : "them"}.`;
    case "invalid_union":
      if (issue.discriminator) {
        const options = (issue as { options?: unknown[] }).options ?? [];
        return options.length > 0
          ? `'${issue.discriminator}' must be one of ${options.map(String).join(", ")}.`
          : `'${issue.discriminator}' has a value this field does not accept.`;
      }
      return "Does not match any of the forms this field accepts.";
    case "invalid_key":
      return `${shown(issue.input)} is not a name this field accepts.`;
    case "invalid_element":
      return `The entry ${shown(issue.key)} is not valid.`;
    case "invalid_value":
      // A missing discriminator (`{"destination": {}}`) arrives here with no input: not "undefined".
      if (issue.input === undefined)
        return issue.values.length === 1
          ? `This field is required: ${shown(issue.values[0])}.`
          : `This field is required; use one of ${issue.values.map((v) => String(v)).join(", ")}.`;
      if (issue.values.length === 1) return `Must be ${shown(issue.values[0])}.`;
      return `${shown(issue.input)} is not accepted here; use one of ${issue.values.map((v) => String(v)).join(", ")}.`;
    case "custom":
      return "This value is not accepted.";
    default:
      return "This value is not accepted.";
  }
}

/** Installs `userTermsMessage` as zod's global error map (idempotent; the process shares one zod). */
export function installUserTermsErrors(): void {
  z.config({ customError: (issue) => userTermsMessage(issue) });
}
