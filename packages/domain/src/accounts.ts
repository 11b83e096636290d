/**
 * The organization's accounts (issue 14): a pool's identity is (account, region, pool id), and each
 * account the console reads shows as one row of its own, failing or not. Shared by the BFF (answers,
 * cache keys) and the web app (URLs, the Accounts page).
 */
import { z } from "zod";
import { EventSourceSchema } from "./model.ts";

/** An AWS account id: twelve digits (AWS Organizations' `Account.Id` pattern `^\d{12}$`). */
export const AccountIdSchema = z.string().regex(/^\d{12}$/, "Expected a 12-digit AWS account id");

/** Cognito's pattern for a user pool id (also in api.ts; repeated here so this module stands alone). */
const PoolIdSchema = z
  .string()
  .min(1)
  .max(55)
  .regex(/^[\w-]+_[0-9a-zA-Z]+$/, "Expected a user pool id such as us-east-1_AbCdEf123");

/** Where a pool is: every key, cache, URL, audit record and export names all three. */
export interface PoolRef {
  accountId: string;
  region: string;
  poolId: string;
}

/** The one string key of a pool across the organization (`111122223333/us-east-1_AbC`). */
export function poolKey(ref: Pick<PoolRef, "accountId" | "poolId">): string {
  return `${ref.accountId}/${ref.poolId}`;
}

/** The console's path of a pool's page (the web route and the API follow the same shape). */
export function poolPath(ref: Pick<PoolRef, "accountId" | "poolId">): string {
  return `/accounts/${encodeURIComponent(ref.accountId)}/pools/${encodeURIComponent(ref.poolId)}`;
}

export const AccountParamsSchema = z.object({ accountId: AccountIdSchema });
export const AccountPoolParamsSchema = z.object({ accountId: AccountIdSchema, poolId: PoolIdSchema });
export const AccountPoolEventSourceParamsSchema = AccountPoolParamsSchema.extend({
  eventSource: EventSourceSchema,
});

/** How the console found its accounts (CLC_ORGANIZATION_ROLE_NAME, CLC_ACCOUNT_ROLES, or neither). */
export const AccountSourceSchema = z.enum(["organization", "list", "own"]);
export type AccountSource = z.infer<typeof AccountSourceSchema>;

/** What went wrong with an account, in the user's terms: AWS's code, what it said, what to do. */
export const AccountErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  whatToDo: z.string(),
});
export type AccountError = z.infer<typeof AccountErrorSchema>;

/**
 * The commercial AWS Regions every account has enabled and cannot disable: Regions launched before
 * 20 March 2019 are "enabled by default" and "cannot be enabled or disabled"; every later one is
 * opt-in (AWS Account Management Reference, "Enable or disable AWS Regions in your account";
 * ListRegions answers them ENABLED_BY_DEFAULT), so this list is closed. The sandbox's Account API
 * answers from it; the BFF lists pools in these regions without waiting for ListRegions.
 */
export const DEFAULT_REGIONS = [
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ca-central-1",
  "eu-central-1",
  "eu-north-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
] as const;

/**
 * A configured region in one account: `not-enabled` is an opt-in region the account has not enabled
 * (skipped, not an error); `pending` until the account's regions are known.
 */
export const AccountRegionSchema = z.object({
  region: z.string(),
  status: z.enum(["ok", "not-enabled", "error", "pending"]),
  message: z.string().optional(),
});
export type AccountRegion = z.infer<typeof AccountRegionSchema>;

export const AccountSummarySchema = z.object({
  /** "" only for the console's own account when STS could not say which it is. */
  accountId: z.string(),
  /** Organizations' account name; the id again when no name is known (a role ARN list). */
  name: z.string(),
  /** OU names from the root down (`Workloads/Prod`); "" at the root; null without Organizations. */
  ouPath: z.string().nullable(),
  /** The role the console assumes in it; null for the console's own credentials. */
  roleArn: z.string().nullable(),
  /** Whether the console reads it with its own credentials (the management / own account). */
  own: z.boolean(),
  status: z.enum(["ok", "error", "pending"]),
  error: AccountErrorSchema.optional(),
  regions: z.array(AccountRegionSchema),
});
export type AccountSummary = z.infer<typeof AccountSummarySchema>;

export const AccountsResponseSchema = z.object({
  source: AccountSourceSchema,
  /** Discovery itself failed (Organizations refused): the accounts below are what is still known. */
  error: AccountErrorSchema.optional(),
  /** The accounts were listed but the OU tree could not be read: each shows the OU path last known. */
  ouPathsError: AccountErrorSchema.optional(),
  accounts: z.array(AccountSummarySchema),
});
export type AccountsResponse = z.infer<typeof AccountsResponseSchema>;

/**
 * A RoleSessionName AWS accepts (`[\w+=,.@-]{2,64}`, STS AssumeRole) that names who caused the
 * session, for CloudTrail: other characters become `-`, the name is cut to 64.
 */
export function roleSessionName(operator: string | null): string {
  if (operator === null) return "clc-fleet";
  const cleaned = `clc-${operator}`.replace(/[^\w+=,.@-]/g, "-").slice(0, 64);
  return cleaned.length >= 2 ? cleaned : "clc-operator";
}
