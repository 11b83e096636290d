/**
 * Names the console proposes. Every proposal passes its own schema, so the user can accept it as is.
 */
import type { EventSource } from "../model.ts";

/** Keeps a pool name (which may hold spaces, `+`, `=`, `,`, `@`) within `[A-Za-z0-9._-]`. */
function slug(value: string, allowed: RegExp, maxLength: number): string {
  const cleaned = value
    .split("")
    .map((c) => (allowed.test(c) ? c : "-"))
    .join("")
    .replace(/-{2,}/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "");
  return cleaned.slice(0, maxLength).replace(/[-.]+$/, "");
}

/**
 * `/aws/vendedlogs/cognito/<pool name or id>/<event source>`: the vendedlogs prefix keeps delivery
 * working when the account's resource policies are full (rules doc §3).
 */
export function proposeLogGroupName(
  pool: { id: string; name?: string | null },
  eventSource: EventSource,
): string {
  const poolPart = slug(pool.name ?? "", /[A-Za-z0-9._-]/, 200) || slug(pool.id, /[A-Za-z0-9._-]/, 200);
  return `/aws/vendedlogs/cognito/${poolPart}/${eventSource}`;
}

/**
 * Bucket names are global across all AWS accounts, so the account id goes in to make a clash with
 * someone else's bucket unlikely.
 */
export function proposeBucketName(
  pool: { id: string; name?: string | null },
  accountId: string,
  purpose = "logs",
): string {
  const poolPart =
    slug((pool.name ?? pool.id).toLowerCase(), /[a-z0-9-]/, 63) ||
    slug(pool.id.toLowerCase(), /[a-z0-9-]/, 63);
  const head = `cognito-${purpose}-${accountId}-`;
  const name = `${head}${poolPart}`.slice(0, 63).replace(/-+$/, "");
  return name.length >= 3 ? name : `${head}pool`;
}

export function proposeStreamName(pool: { id: string; name?: string | null }): string {
  const poolPart = slug(pool.name ?? pool.id, /[A-Za-z0-9_.-]/, 40) || slug(pool.id, /[A-Za-z0-9_.-]/, 40);
  return `cognito-${poolPart}-user-activity`.slice(0, 64);
}

/** The role Firehose assumes to write to its bucket. */
export function proposeFirehoseRoleName(streamName: string): string {
  return `clc-firehose-${streamName}`.slice(0, 64);
}
