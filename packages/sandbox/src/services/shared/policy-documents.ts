/** Reading IAM policy documents (JSON text): their statements, and members that may be one value or a list. */
import { isObject } from "./json.ts";

/** A policy member as a list (`"s3:*"` and `["s3:*"]` alike; absent → []). */
export const asList = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The string values of a policy member. */
export const strings = (value: unknown): string[] =>
  asList(value).filter((v): v is string => typeof v === "string");

/** The statements of a policy document; a document that does not parse has none. */
export function statementsOf(document: string): Record<string, unknown>[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    return [];
  }
  if (!isObject(parsed)) return [];
  return asList(parsed.Statement).filter(isObject);
}
