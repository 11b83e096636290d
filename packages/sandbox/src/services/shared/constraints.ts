/**
 * Small helpers the logs, firehose and s3 modules share. Model constraints themselves are declared
 * with the core's shapes (`core/shapes.ts`); these cover what a shape cannot say.
 */
import { AwsError } from "../../core/types.ts";

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One constraint violation in AWS's wording, for checks a shape cannot express (integer enums). */
export function constraintError(code: string, value: unknown, path: string, constraint: string): AwsError {
  const shown = value === undefined || value === null ? "Value null" : `Value '${String(value)}'`;
  return new AwsError(
    code,
    `1 validation error detected: ${shown} at '${path}' failed to satisfy constraint: ${constraint}`,
  );
}

/** The partition of a region, for ARNs. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** An opaque paging token that round-trips a position. */
export function encodeToken(position: unknown): string {
  return Buffer.from(JSON.stringify(position), "utf8").toString("base64url");
}

/** The position inside a token, or undefined when the token was not made by `encodeToken`. */
export function decodeToken(token: string): unknown {
  try {
    return JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

/** Per account+region state is kept under this key. */
export function scopeKey(accountId: string, region: string): string {
  return `${accountId}/${region}`;
}

/** Case-sensitive match of a value against a pattern where `*` matches any run of characters (IAM style; `?` one character). */
export function wildcardMatch(pattern: string, value: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${regex}$`, "s").test(value);
}
