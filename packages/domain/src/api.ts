/**
 * One schema per API payload. The BFF validates requests and documents responses with these (OpenAPI);
 * the web app derives its types from them. Change a payload here and both sides follow.
 */
import { z } from "zod";
import { AccountErrorSchema, AccountIdSchema, AccountSummarySchema } from "./accounts.ts";
import { DeliveryStateSchema } from "./delivery/state.ts";
import { fleetAgeShape, poolAgeShape } from "./fleet-age.ts";
import {
  type DestinationKind,
  DestinationKindSchema,
  DestinationSchema,
  EventSourceSchema,
  FieldErrorSchema,
  FindingSchema,
  FixActionSchema,
  LogDeliveryModelSchema,
  PoolFactsSchema,
  PoolTierSchema,
  SeveritySchema,
  ThreatProtectionSchema,
} from "./model.ts";
import { queryInteger } from "./query-params.ts";
import { COMPLIANCE_STATES, POOL_SORT_KEYS } from "./vocabulary.ts";

// ---------- shared fragments ----------

/** AWS region names as AWS spells them (`us-east-1`, `ap-southeast-2`, `us-gov-west-1`). */
export const RegionSchema = z
  .string()
  .regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, "Expected an AWS region such as us-east-1");

/** Cognito's own pattern for a user pool id, plus its length limit (1–55). */
export const UserPoolIdSchema = z
  .string()
  .min(1)
  .max(55)
  .regex(/^[\w-]+_[0-9a-zA-Z]+$/, "Expected a user pool id such as us-east-1_AbCdEf123");

export const PoolParamsSchema = z.object({ poolId: UserPoolIdSchema });
export const PoolEventSourceParamsSchema = z.object({
  poolId: UserPoolIdSchema,
  eventSource: EventSourceSchema,
});

/** A strong ETag, as sent in `If-Match`: a quoted digest. */
export const VersionHeaderSchema = z
  .string()
  .regex(/^"[A-Za-z0-9_-]{8,128}"$/, 'Expected an ETag such as "3f2a…"');
export const IfMatchHeadersSchema = z.object({ "if-match": VersionHeaderSchema });

// ---------- problem details (RFC 9457) ----------

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  /** Field errors in the user's terms. */
  errors: z.array(FieldErrorSchema).optional(),
  /** What to do next. */
  hint: z.string().optional(),
  /** The request id, to find the matching log line and audit record. */
  requestId: z.string().optional(),
  /** On 412: what is stored now, so the client can show the change and re-apply on top. */
  current: z
    .object({
      configuration: LogDeliveryModelSchema,
      version: z.string(),
      /**
       * Who made what is stored now, from the audit trail: the console's last change to the pool when
       * it left exactly this configuration; null when it did not (the change came from outside the
       * console); absent when the console keeps no trail (no sign-in).
       */
      changedBy: z
        .object({ operator: z.string().nullable(), at: z.string(), recordId: z.string() })
        .nullable()
        .optional(),
    })
    .optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

// ---------- context ----------

export const ConsoleModeSchema = z.enum(["sandbox", "aws"]);
export type ConsoleMode = z.infer<typeof ConsoleModeSchema>;

export const RegionsResponseSchema = z.object({
  mode: ConsoleModeSchema,
  accountId: z.string().nullable(),
  regions: z.array(RegionSchema),
});
export type RegionsResponse = z.infer<typeof RegionsResponseSchema>;

// ---------- fleet (pool list) ----------

export const DestinationLabelSchema = DestinationSchema.extend({
  /** Short human name: log group name, stream name or bucket name. */
  name: z.string(),
});
export type DestinationLabel = z.infer<typeof DestinationLabelSchema>;

export const PoolSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  /** The account the pool lives in: with region and id, the pool's identity (accounts.ts PoolRef). */
  accountId: z.string(),
  /** The account's name (Organizations), or its id when no name is known. */
  accountName: z.string(),
  /** The account's OU path from the root (`Workloads/Prod`); null without Organizations. */
  ouPath: z.string().nullable(),
  /** Null until the pool's details have been read. */
  tier: PoolTierSchema.nullable(),
  threatProtection: ThreatProtectionSchema.nullable(),
  logging: z.object({
    userNotification: DestinationLabelSchema.nullable(),
    userAuthEvents: DestinationLabelSchema.nullable(),
  }),
  findings: z.object({
    count: z.number().int().nonnegative(),
    worst: SeveritySchema.nullable(),
  }),
  /** `ok`: read fully; `pending`: not read yet in this fleet read; `unknown`: the read failed and is retried. */
  readState: z.enum(["ok", "pending", "unknown"]),
  ...poolAgeShape,
  readError: z.string().optional(),
});
export type PoolSummary = z.infer<typeof PoolSummarySchema>;

// The tuple itself is in vocabulary.ts (no zod), for the web's first screen.
export { POOL_SORT_KEYS };
export const PoolSortSchema = z.enum([...POOL_SORT_KEYS, ...POOL_SORT_KEYS.map((k) => `-${k}` as const)]);

const booleanQuery = z.enum(["true", "false"]).transform((v) => v === "true");

export const PoolListQuerySchema = z.object({
  region: z.union([RegionSchema, z.array(RegionSchema).max(40)]).optional(),
  /** Account ids (one or several). */
  account: z.union([AccountIdSchema, z.array(AccountIdSchema).max(200)]).optional(),
  /**
   * An OU path, matching it and the OUs under it (`Workloads` matches `Workloads/Prod`); `/`: the
   * accounts directly under the organization's root (ROOT_OU_FILTER).
   */
  ou: z.string().max(500).optional(),
  /** Free text over name and id. */
  q: z.string().max(200).optional(),
  tier: PoolTierSchema.optional(),
  /** `none`: exports nothing; `any`: exports at least one source. */
  exporting: z.enum(["none", "any"]).optional(),
  hasWarnings: booleanQuery.optional(),
  destinationKind: DestinationKindSchema.optional(),
  /** Pools with an event source (`deliverySource`, else either) in this delivery state (delivery/fleet.ts). */
  delivery: DeliveryStateSchema.optional(),
  deliverySource: EventSourceSchema.optional(),
  /** The pool's state against the logging standard (standard/evaluate.ts). */
  compliance: z.enum(COMPLIANCE_STATES).optional(),
  sort: PoolSortSchema.default("name"),
  offset: queryInteger({ min: 0, max: 1_000_000, fallback: 0 }),
  limit: queryInteger({ min: 1, max: 500, fallback: 100 }),
});
export type PoolListQuery = z.input<typeof PoolListQuerySchema>;

export const FleetStatusSchema = z.object({
  /** `loading` while a fleet read is under way; rows already read are served meanwhile. */
  state: z.enum(["idle", "loading", "ready"]),
  loaded: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
  failed: z.number().int().nonnegative(),
  /**
   * Regions whose ListUserPools failed in the last fleet read, with why in the user's terms: their
   * pools are missing from the list, which must not read as "no user pools".
   */
  regionErrors: z.array(z.object({ region: z.string(), message: z.string() })).optional(),
  /**
   * Every account of the last fleet read, each its own row: an account that failed (role missing,
   * access denied) says why here, and the other accounts' pools load regardless.
   */
  accounts: z.array(AccountSummarySchema).optional(),
  /** Discovering the accounts failed (AWS Organizations refused): the accounts still known were read. */
  accountsError: AccountErrorSchema.optional(),
  /**
   * The accounts were listed but their OU tree could not be read (e.g. organizations:ListParents
   * refused): each account and pool shows its OU path last known, which may be out of date.
   */
  ouPathsError: AccountErrorSchema.optional(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  ...fleetAgeShape,
});
export type FleetStatus = z.infer<typeof FleetStatusSchema>;

export const PoolListResponseSchema = z.object({
  items: z.array(PoolSummarySchema),
  /** Rows matching the filters (before paging). */
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
  fleet: FleetStatusSchema,
});
export type PoolListResponse = z.infer<typeof PoolListResponseSchema>;

// ---------- one pool ----------

export const PoolDetailSchema = z.object({
  pool: PoolFactsSchema,
  configuration: LogDeliveryModelSchema,
  /** Same value as the ETag header: send it back in If-Match to change this configuration. */
  version: z.string(),
  /** What is known of each configured destination (null where nothing is configured). */
  destinations: z.object({
    userNotification: z.lazy(() => DestinationInfoSchema).nullable(),
    userAuthEvents: z.lazy(() => DestinationInfoSchema).nullable(),
  }),
  findings: z.array(FindingSchema),
  readAt: z.string(),
  /** The account the pool lives in, as the console reaches it (the role it assumes there, if any). */
  account: z
    .object({ name: z.string(), ouPath: z.string().nullable(), roleArn: z.string().nullable() })
    .optional(),
});
export type PoolDetail = z.infer<typeof PoolDetailSchema>;

// ---------- destinations ----------

export const DeliveryPolicyStatusSchema = z.enum(["present", "missing", "unknown"]);

/** When the console last read this destination's facts from AWS (ISO 8601); absent if never said. */
const CheckedAtSchema = z.string().optional();

export const LogGroupInfoSchema = z.object({
  kind: z.literal("logGroup"),
  arn: z.string(),
  name: z.string(),
  region: z.string(),
  accountId: z.string(),
  kmsKeyId: z.string().nullable(),
  retentionInDays: z.number().int().nullable(),
  logGroupClass: z.string().nullable(),
  /** Whether a resource policy of either scope lets log delivery write (rules doc §3). */
  deliveryPolicy: DeliveryPolicyStatusSchema,
  /**
   * Which scope grants it when `deliveryPolicy` is `present`: the policy attached to the log group
   * (AWS's default for new deliveries) or an account-level one; null otherwise.
   */
  deliveryPolicyScope: z.enum(["log-group", "account"]).nullable().optional(),
  /**
   * The log group's own resource policy document (`policyScope: RESOURCE`): null when it has none,
   * absent when it was not read. Kept because it is judged together with the account's policies (a
   * Deny in it cancels an account-level grant).
   */
  logGroupPolicyDocument: z.string().nullable().optional(),
  createdAt: z.string().nullable(),
  /** DescribeLogGroups `dataProtectionStatus` (ACTIVATED, DELETED, ARCHIVED, DISABLED), when AWS gave it. */
  dataProtectionStatus: z.string().nullable().optional(),
  checkedAt: CheckedAtSchema,
});

/** Firehose server-side encryption (DescribeDeliveryStream `DeliveryStreamEncryptionConfiguration`). */
export const FirehoseEncryptionSchema = z.object({
  /** ENABLED, ENABLING, DISABLED, DISABLING, ENABLING_FAILED, DISABLING_FAILED. */
  status: z.string(),
  /** AWS_OWNED_CMK or CUSTOMER_MANAGED_CMK; null when encryption is off. */
  keyType: z.string().nullable(),
  keyArn: z.string().nullable(),
});
export const FirehoseInfoSchema = z.object({
  kind: z.literal("firehose"),
  arn: z.string(),
  name: z.string(),
  region: z.string(),
  accountId: z.string(),
  deliveryStreamType: z.string(),
  status: z.string(),
  /** The tag exactly as the log delivery role compares it: `LogDeliveryEnabled` = `true` (case-sensitive). */
  logDeliveryEnabledTag: z.boolean(),
  /** Every tag of the stream, as ListTagsForDeliveryStream returned it (values as written). */
  tags: z.record(z.string(), z.string()).optional(),
  /** `s3`, `http` or `other`, with a one-line summary such as the bucket or endpoint host. */
  destinationType: z.enum(["s3", "http", "other"]),
  destinationSummary: z.string(),
  /** The S3 bucket that receives the records (extended S3) or the failed records (HTTP endpoint backup). */
  bucketArn: z.string().nullable().optional(),
  encryption: FirehoseEncryptionSchema.nullable().optional(),
  createdAt: z.string().nullable().optional(),
  checkedAt: CheckedAtSchema,
});
export const BucketInfoSchema = z.object({
  kind: z.literal("s3"),
  arn: z.string(),
  name: z.string(),
  region: z.string().nullable(),
  deliveryPolicy: DeliveryPolicyStatusSchema,
  /** Default encryption algorithm: `AES256`, `aws:kms`, `aws:kms:dsse`; null when none is set. */
  encryption: z.string().nullable(),
  /**
   * The default SSE-KMS key as GetBucketEncryption returned it (`KMSMasterKeyID`: key id, key ARN,
   * alias or alias ARN); null under SSE-KMS means S3's AWS-managed key `aws/s3`.
   */
  kmsKeyId: z.string().nullable().optional(),
  /**
   * Who manages that key, as far as the console can tell: `AWS` (no key id, or an `alias/aws/…`
   * alias, which KMS reserves for AWS-managed keys), `CUSTOMER` (an alias of the account's own), or
   * `unknown` (a key id or key ARN: only kms:DescribeKey's KeyManager could tell, and it is not read).
   */
  kmsKeyManager: z.enum(["AWS", "CUSTOMER", "unknown"]).nullable().optional(),
  bucketKeyEnabled: z.boolean().nullable().optional(),
  checkedAt: CheckedAtSchema,
});
export const DestinationInfoSchema = z.discriminatedUnion("kind", [
  LogGroupInfoSchema,
  FirehoseInfoSchema,
  BucketInfoSchema,
]);
export type LogGroupInfo = z.infer<typeof LogGroupInfoSchema>;
export type FirehoseInfo = z.infer<typeof FirehoseInfoSchema>;
export type BucketInfo = z.infer<typeof BucketInfoSchema>;
export type DestinationInfo = z.infer<typeof DestinationInfoSchema>;

/**
 * What a destination search may contain, per kind: the characters AWS allows in the names searched,
 * so text that can never match (and that AWS would reject, e.g. `:*` in a `logGroupNamePrefix`)
 * is the user's field error, not AWS's. Sources: CloudWatch Logs `LogGroupName` (1–512,
 * `[\.\-_/#A-Za-z0-9]+`), Firehose `DeliveryStreamName` (1–64, `[a-zA-Z0-9_.-]+`; the search is
 * a case-insensitive substring), S3 bucket naming rules (3–63, lowercase letters, digits, `.`, `-`;
 * the search is a prefix).
 */
export const DESTINATION_SEARCH_RULES: Readonly<
  Record<DestinationKind, { max: number; allowed: RegExp; what: string; allowedText: string }>
> = {
  logGroup: {
    max: 512,
    allowed: /^[.\-_/#A-Za-z0-9]+$/,
    what: "A log group name prefix",
    allowedText: "letters, digits and . - _ / #",
  },
  firehose: {
    max: 64,
    allowed: /^[a-zA-Z0-9_.-]+$/,
    what: "A Firehose stream name search",
    allowedText: "letters, digits and . - _",
  },
  s3: {
    max: 63,
    allowed: /^[a-z0-9.-]+$/,
    what: "A bucket name prefix",
    allowedText: "lowercase letters, digits and . -",
  },
};

/** The field error for a search text, or null when AWS could accept it. The text is trimmed first, as the search does. */
export function destinationSearchProblem(kind: DestinationKind, q: string): string | null {
  const text = q.trim();
  if (text === "") return null;
  const rule = DESTINATION_SEARCH_RULES[kind];
  if (text.length > rule.max) return `${rule.what} has at most ${rule.max} characters.`;
  if (rule.allowed.test(text)) return null;
  const bad = [...new Set([...text].filter((c) => !rule.allowed.test(c)))]
    .map((c) => (c === " " ? "spaces" : `'${c}'`))
    .join(", ");
  return `${rule.what} may contain only ${rule.allowedText} (no wildcards): remove ${bad}.`;
}

export const DestinationListQuerySchema = z
  .object({
    region: RegionSchema,
    /** The account whose destinations to list (a pool's, for its editor); the console's own when absent. */
    account: AccountIdSchema.optional(),
    kind: DestinationKindSchema,
    // The per-kind limits (at most 512 characters) are checked below, with a message per kind.
    q: z.string().max(1024).optional(),
    cursor: z.string().max(2048).optional(),
    limit: queryInteger({ min: 1, max: 100, fallback: 50 }),
  })
  .superRefine((query, ctx) => {
    if (query.q === undefined) return;
    const problem = destinationSearchProblem(query.kind, query.q);
    if (problem) ctx.addIssue({ code: "custom", path: ["q"], message: problem, input: query.q });
  });
export type DestinationListQuery = z.input<typeof DestinationListQuerySchema>;

export const DestinationListResponseSchema = z.object({
  items: z.array(DestinationInfoSchema),
  nextCursor: z.string().nullable(),
});
export type DestinationListResponse = z.infer<typeof DestinationListResponseSchema>;

// ---------- preview, apply, disable ----------

/** The edit of one event source: where it should go now. */
export const LogDeliveryEditSchema = z.object({ destination: DestinationSchema });
export type LogDeliveryEdit = z.infer<typeof LogDeliveryEditSchema>;

export const ChangeKindSchema = z.enum(["added", "changed", "removed", "unchanged"]);
export const SourceDiffSchema = z.object({
  eventSource: EventSourceSchema,
  change: ChangeKindSchema,
  before: DestinationSchema.nullable(),
  after: DestinationSchema.nullable(),
});
export type SourceDiff = z.infer<typeof SourceDiffSchema>;

export const PreviewResponseSchema = z.object({
  desired: LogDeliveryModelSchema,
  diff: z.array(SourceDiffSchema),
  errors: z.array(FieldErrorSchema),
  findings: z.array(FindingSchema),
  /** Whether the apply would be allowed (no errors, no blocking findings). */
  canApply: z.boolean(),
  /**
   * AWS already holds `desired` exactly: applying it sends no SetLogDeliveryConfiguration and
   * records nothing (a pool whose entry has a wrong log level is not so: the Set corrects it).
   */
  sendsNothing: z.boolean(),
  version: z.string(),
});
export type PreviewResponse = z.infer<typeof PreviewResponseSchema>;

/**
 * Apply, disable and roll back answer with the pool as AWS holds it after the write. `written`:
 * whether a Set was sent; false when AWS already held the configuration (nothing was recorded).
 */
export const ApplyResponseSchema = PoolDetailSchema.extend({ written: z.boolean() });
export type ApplyResponse = z.infer<typeof ApplyResponseSchema>;

// ---------- fixes ----------

/** Carry out a finding's fix: `target` is the finding's `fix.target` (an ARN). */
export const FixRequestSchema = z.object({
  action: FixActionSchema,
  target: z.string().min(1).max(2048),
  /**
   * add-log-group-policy only: `log-group` (default, what AWS does for new deliveries) attaches the
   * grant to the log group's own policy; `account` spends one of the 10 account-level slots.
   */
  policyScope: z.enum(["log-group", "account"]).optional(),
});
export type FixRequest = z.infer<typeof FixRequestSchema>;

export const FixResponseSchema = z.object({
  action: FixActionSchema,
  target: z.string(),
  /** False when nothing needed doing (e.g. the policy already covered the log group). */
  changed: z.boolean(),
  /** What was done, in the user's terms. */
  message: z.string(),
  /** The pool as it is now, with its findings judged again. */
  pool: PoolDetailSchema,
});
export type FixResponse = z.infer<typeof FixResponseSchema>;
export * from "./notifications.ts";
