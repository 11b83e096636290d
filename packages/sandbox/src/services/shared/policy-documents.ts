/** Reading IAM policy documents (JSON text): their statements, and members that may be one value or a list. */
import { isObject } from "./json.ts";

/** A policy member as a list (`"s3:*"` and `["s3:*"]` alike; absent → []). */
export const asList = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The string values of a policy member. */
export const strings = (value: unknown): string[] =>
  asList(value).filter((v): v is string => typeof v === "string");

/**
 * Parsed statements by document text: every call of a role session is checked against the role's
 * policies, and parsing them again for each of an organization read's 4,000 calls was a tenth of
 * the sandbox's CPU (issue 14's org bench). A document is text, so the same text has the same
 * statements; callers only read them. Bounded: cleared when full.
 */
const parsedStatements = new Map<string, readonly Record<string, unknown>[]>();
const MAX_PARSED_DOCUMENTS = 1_000;

/** The statements of a policy document (read them, never change them); a document that does not parse has none. */
export function statementsOf(document: string): readonly Record<string, unknown>[] {
  const known = parsedStatements.get(document);
  if (known) return known;
  let statements: Record<string, unknown>[] = [];
  try {
    const parsed: unknown = JSON.parse(document);
    if (isObject(parsed)) statements = asList(parsed.Statement).filter(isObject);
  } catch {
    statements = [];
  }
  if (parsedStatements.size >= MAX_PARSED_DOCUMENTS) parsedStatements.clear();
  parsedStatements.set(document, statements);
  return statements;
}
