/**
 * The closed sets of names the console's data uses, as plain tuples. This file imports nothing, zod
 * least of all: the web app's first screen (the fleet's filters and sort) reads these through
 * `@clc/domain/vocabulary` without loading the schemas' runtime, which only forms need. The schemas
 * built from them (`DestinationKindSchema`, `PoolTierSchema`, `PoolSortSchema`) stay in model.ts and
 * api.ts.
 */

/** Where Cognito can send logs: a CloudWatch log group, a Firehose stream, an S3 bucket. */
export const DESTINATION_KINDS = ["logGroup", "firehose", "s3"] as const;

/** Cognito's feature plans, as its API spells them (`UserPoolTier`). */
export const POOL_TIERS = ["LITE", "ESSENTIALS", "PLUS"] as const;

/** The fleet list's sort keys; `-key` sorts the other way (`GET /api/pools?sort=-findings`). */
export const POOL_SORT_KEYS = [
  "name",
  "id",
  "region",
  "account",
  "ou",
  "tier",
  "threatProtection",
  "findings",
] as const;

/**
 * A pool against the logging standard (issue 17): `not-governed` when no rule covers it, `unknown`
 * until the pool has been read. The fleet filter `compliance=<state>` takes these.
 */
export const COMPLIANCE_STATES = [
  "compliant",
  "drift",
  "cannot-comply",
  "exempt",
  "not-governed",
  "unknown",
] as const;

/**
 * The fleet's `ou` filter value for the organization's root: the pools of the accounts directly
 * under it (OU path ""), not the whole organization, which is no `ou` at all.
 */
export const ROOT_OU_FILTER = "/";
