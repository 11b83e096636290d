/**
 * What the user asks the console to create, validated by the same zod schemas in the browser (field
 * errors as they type) and in the BFF (nothing reaches AWS unless it passes). Limits come from the
 * services' API models and naming rules; each says where it comes from.
 */
import { z } from "zod";
import { AccountIdSchema } from "../accounts.ts";
import { UserPoolIdSchema } from "../api.ts";
import { EventSourceSchema, eventSourceMeant, eventSourceMessage, type FieldError } from "../model.ts";

/** The only retention values CloudWatch Logs accepts (PutRetentionPolicy). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
export type LogRetentionDays = (typeof LOG_RETENTION_DAYS)[number];

/** The tags every created resource carries, so they can be found again after the BFF forgets a run. */
export const MANAGED_BY_TAG = { key: "managed-by", value: "cognito-log-console" } as const;
export const POOL_TAG_KEY = "cognito-user-pool";
/** The log-delivery service-linked role may only write to streams carrying this tag (rules doc §3). */
export const LOG_DELIVERY_ENABLED_TAG = { key: "LogDeliveryEnabled", value: "true" } as const;
const RESERVED_TAG_KEYS: readonly string[] = [MANAGED_BY_TAG.key, POOL_TAG_KEY, LOG_DELIVERY_ENABLED_TAG.key];

/**
 * Log group names: 1–512 of `[.\-_/#A-Za-z0-9]`, but without `#`, which Cognito's ARN pattern cannot
 * carry (rules doc §2), so a log group with `#` could never be chosen as a destination.
 */
export const LogGroupNameSchema = z
  .string()
  .min(1, "Enter a log group name.")
  .max(512, "A log group name has at most 512 characters.")
  .refine((name) => !name.includes("#"), {
    error: "Remove the #: Cognito cannot name a log group containing # in its ARN.",
  })
  // `#` is allowed here so that only the sharper message above is shown for it.
  .regex(/^[.\-_/#A-Za-z0-9]+$/, "Use only letters, digits and . - _ / in a log group name.");

export const RetentionDaysSchema = z
  .number()
  .int()
  .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
    error: `CloudWatch Logs accepts only these retention periods (days): ${LOG_RETENTION_DAYS.join(", ")}.`,
  });

const IPV4_LIKE = /^\d{1,3}(\.\d{1,3}){3}$/;
const FORBIDDEN_BUCKET_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const FORBIDDEN_BUCKET_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

/** S3 general-purpose bucket naming rules (S3 User Guide, "Bucket naming rules"); null when valid. */
export function bucketNameProblem(name: string): string | null {
  if (name.length < 3 || name.length > 63) return "A bucket name has 3 to 63 characters.";
  if (!/^[a-z0-9.-]+$/.test(name))
    return "Use only lowercase letters, digits, dots and hyphens in a bucket name.";
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) {
    return "A bucket name starts and ends with a lowercase letter or digit.";
  }
  if (name.includes("..")) return "A bucket name cannot contain two dots in a row.";
  if (IPV4_LIKE.test(name)) return "A bucket name cannot look like an IP address.";
  const prefix = FORBIDDEN_BUCKET_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `A bucket name cannot start with "${prefix}" (reserved by S3).`;
  const suffix = FORBIDDEN_BUCKET_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `A bucket name cannot end with "${suffix}" (reserved by S3).`;
  return null;
}

export const BucketNameSchema = z.string().superRefine((name, ctx) => {
  const problem = bucketNameProblem(name);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** Firehose DeliveryStreamName: 1–64 of `[a-zA-Z0-9_.-]`. */
export const StreamNameSchema = z
  .string()
  .min(1, "Enter a stream name.")
  .max(64, "A Firehose stream name has at most 64 characters.")
  .regex(/^[a-zA-Z0-9_.-]+$/, "Use only letters, digits and . _ - in a stream name.");

/** IAM RoleName: 1–64 of `[\w+=,.@-]`. */
export const RoleNameSchema = z
  .string()
  .min(1)
  .max(64, "An IAM role name has at most 64 characters.")
  .regex(/^[\w+=,.@-]+$/, "Use only letters, digits and + = , . @ _ - in a role name.");

/** Tags the user adds; ours are added on top and may not be overridden. Limits fit every service used (S3: 50). */
export const UserTagsSchema = z
  .record(
    z
      .string()
      .min(1, "A tag key cannot be empty.")
      .max(128, "A tag key has at most 128 characters.")
      .regex(
        /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u,
        "A tag key may use letters, digits, spaces and _ . : / = + - @.",
      )
      .refine((key) => !key.toLowerCase().startsWith("aws:"), {
        error: "Tag keys starting with aws: are reserved by AWS.",
      })
      .refine((key) => !RESERVED_TAG_KEYS.includes(key), {
        error: "The console sets this tag itself; choose another key.",
      }),
    z
      .string()
      .max(256, "A tag value has at most 256 characters.")
      .regex(
        /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
        "A tag value may use letters, digits, spaces and _ . : / = + - @.",
      ),
  )
  .refine((tags) => Object.keys(tags).length <= 40, { error: "Add at most 40 tags." })
  .default({});

/** An object lifecycle expiry, in days; absent or null → objects are kept. */
const ExpirationDaysSchema = z
  .number()
  .int("Enter whole days.")
  .min(1, "Objects must be kept at least 1 day.")
  .max(36_500, "Enter at most 36500 days (100 years).")
  .nullable()
  .default(null);

export const NewBucketSchema = z.object({
  name: BucketNameSchema,
  expirationDays: ExpirationDaysSchema,
});
export type NewBucket = z.infer<typeof NewBucketSchema>;

/** A bucket for Firehose to write to: one that exists (same account and region), or one created in the same run. */
export const BucketChoiceSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("existing"), name: BucketNameSchema }),
  NewBucketSchema.extend({ mode: z.literal("create") }),
]);
export type BucketChoice = z.infer<typeof BucketChoiceSchema>;

export const COMPRESSION_FORMATS = ["UNCOMPRESSED", "GZIP", "ZIP", "Snappy", "HADOOP_SNAPPY"] as const;

export const FirehoseS3TargetSchema = z.object({
  type: z.literal("s3"),
  bucket: BucketChoiceSchema,
  /** Firehose `Prefix`, 0–1024 characters. */
  prefix: z.string().max(1024, "A prefix has at most 1024 characters.").default("cognito/"),
  /** Firehose S3 BufferingHints: 1–128 MiB, 0–900 s. */
  bufferingSizeMiB: z
    .number()
    .int()
    .min(1, "Buffer at least 1 MiB.")
    .max(128, "Buffer at most 128 MiB.")
    .default(5),
  bufferingIntervalSeconds: z
    .number()
    .int()
    .min(0, "Use 0 to 900 seconds.")
    .max(900, "Use 0 to 900 seconds.")
    .default(300),
  compression: z.enum(COMPRESSION_FORMATS).default("GZIP"),
});

export const HTTP_ENDPOINT_PRESETS = ["openobserve", "sumologic", "generic"] as const;
export type HttpEndpointPreset = (typeof HTTP_ENDPOINT_PRESETS)[number];

/** Firehose HttpEndpointConfiguration.Url: `https://…`, 1–1000 characters. */
export const HttpsUrlSchema = z
  .string()
  .min(1, "Enter the endpoint URL.")
  .max(1000, "Firehose accepts URLs of at most 1000 characters.")
  .refine((value) => URL.canParse(value), {
    error: "Enter a full URL such as https://logs.example.com/ingest.",
  })
  .refine((value) => value.startsWith("https://"), {
    error: "Firehose delivers only over HTTPS: the URL must start with https://.",
  });

export const FirehoseHttpTargetSchema = z.object({
  type: z.literal("http"),
  preset: z.enum(HTTP_ENDPOINT_PRESETS),
  url: HttpsUrlSchema,
  /** A display name Firehose keeps for the endpoint (1–256). */
  endpointName: z.string().min(1).max(256).optional(),
  /**
   * Firehose `AccessKey` (0–4096): sent once to AWS, never stored beyond the run's memory, never
   * returned to the browser, never logged.
   */
  accessKey: z
    .string()
    .max(4096, "An access key has at most 4096 characters.")
    // Sent as an HTTP header value, which cannot hold line breaks: a key pasted from `base64` (which
    // wraps at 76 columns and ends with a newline) loses them, and the surrounding spaces, here.
    .transform((value) => value.replace(/\s*[\r\n]+\s*/g, "").trim())
    .optional(),
  contentEncoding: z.enum(["NONE", "GZIP"]).default("GZIP"),
  /** Firehose HTTP BufferingHints: 1–64 MiB, 0–900 s. */
  bufferingSizeMiB: z
    .number()
    .int()
    .min(1, "Buffer at least 1 MiB.")
    .max(64, "Buffer at most 64 MiB.")
    .default(1),
  bufferingIntervalSeconds: z
    .number()
    .int()
    .min(0, "Use 0 to 900 seconds.")
    .max(900, "Use 0 to 900 seconds.")
    .default(60),
  retrySeconds: z.number().int().min(0).max(7200, "Retry for at most 7200 seconds.").default(300),
  /** Where Firehose puts the records the endpoint refused. */
  backupBucket: BucketChoiceSchema,
});

export const FirehoseTargetSchema = z.discriminatedUnion("type", [
  FirehoseS3TargetSchema,
  FirehoseHttpTargetSchema,
]);
export type FirehoseTarget = z.infer<typeof FirehoseTargetSchema>;

const userActivityOnly = z.literal("userAuthEvents", {
  // AWS's own spellings of user activity (`USER_ACTIVITY`, `UserActivity`) get "did you mean".
  error: (issue) =>
    eventSourceMeant(issue.input) === "userAuthEvents"
      ? eventSourceMessage(issue.input)
      : "Only user activity can go to an S3 bucket or a Firehose stream; message-delivery errors need a log group.",
});

const common = {
  poolId: UserPoolIdSchema,
  /**
   * The account the pool is in (issue 14): the destination is created there, through that account's
   * role. Absent: the console's own account.
   */
  accountId: AccountIdSchema.optional(),
  tags: UserTagsSchema,
};

export const LogGroupCreationSchema = z.object({
  kind: z.literal("logGroup"),
  ...common,
  eventSource: EventSourceSchema,
  logGroupName: LogGroupNameSchema,
  /** Null → never expire. */
  retentionInDays: RetentionDaysSchema.nullable().default(30),
  /**
   * Where the log-delivery grant goes: the policy attached to the log group (default, as AWS does for
   * new deliveries), or an account-level policy, which spends one of the 10 slots of the region.
   */
  resourcePolicyScope: z.enum(["log-group", "account"]).default("log-group"),
});

export const BucketCreationSchema = z.object({
  kind: z.literal("s3"),
  ...common,
  eventSource: userActivityOnly,
  bucket: NewBucketSchema,
});

export const FirehoseCreationSchema = z.object({
  kind: z.literal("firehose"),
  ...common,
  eventSource: userActivityOnly,
  streamName: StreamNameSchema,
  /** The role Firehose assumes; proposed from the stream name when absent. */
  roleName: RoleNameSchema.optional(),
  target: FirehoseTargetSchema,
  /** Also route Cognito's API activity (EventBridge rule → this stream), issue 15. */
  apiActivity: z.boolean().optional(),
});

/**
 * Cognito's API activity (EventBridge rule → Firehose) routed to a stream that exists already and
 * that the console did not create (issue 15): only the route's role, policy, rule and target are
 * made; the stream is read (it must exist and be ACTIVE) and never changed, tagged or cleaned up.
 * The region is the pool's; the rule matches every Cognito API call of that region.
 */
export const ApiActivityCreationSchema = z.object({
  kind: z.literal("apiActivity"),
  ...common,
  streamName: StreamNameSchema,
});

export const CreationInputSchema = z
  .discriminatedUnion("kind", [
    LogGroupCreationSchema,
    BucketCreationSchema,
    FirehoseCreationSchema,
    ApiActivityCreationSchema,
  ])
  .superRefine((input, ctx) => {
    if (input.kind !== "firehose" || input.target.type !== "http") return;
    for (const error of httpPresetErrors(input.target)) {
      ctx.addIssue({ code: "custom", path: ["target", ...error.path.split(".")], message: error.message });
    }
  });
export type CreationInput = z.infer<typeof CreationInputSchema>;
/** What a client sends (defaults not applied yet). */
export type CreationInputDraft = z.input<typeof CreationInputSchema>;
export type LogGroupCreation = z.infer<typeof LogGroupCreationSchema>;
export type BucketCreation = z.infer<typeof BucketCreationSchema>;
export type FirehoseCreation = z.infer<typeof FirehoseCreationSchema>;
export type ApiActivityCreation = z.infer<typeof ApiActivityCreationSchema>;
export type FirehoseHttpTarget = z.infer<typeof FirehoseHttpTargetSchema>;
export type FirehoseS3Target = z.infer<typeof FirehoseS3TargetSchema>;

const OPENOBSERVE_PATH = /^\/aws\/[^/]+\/[^/]+\/_kinesis_firehose$/;

/**
 * What each preset's access key is, for the form's hint. OpenObserve authenticates Firehose with
 * HTTP Basic: the key is the base64 of `<user email>:<passcode>` (OpenObserve → Ingestion → Custom
 * → Logs → Kinesis Firehose shows it ready-made; the passcode is on the user's profile, not the
 * login password). Sumo Logic's source URL carries its own token, so it needs none.
 */
export const HTTP_PRESET_ACCESS_KEY_HINTS: Readonly<Record<HttpEndpointPreset, string>> = {
  openobserve:
    "The base64 of <user email>:<passcode>, e.g. printf '%s' 'you@example.com:PASSCODE' | base64 (OpenObserve shows it ready-made under Ingestion → Kinesis Firehose).",
  sumologic: "Not needed: the Sumo Logic source URL carries its token.",
  generic: "Whatever the endpoint expects in Firehose's X-Amz-Firehose-Access-Key header.",
};

const OPENOBSERVE_KEY_HOWTO =
  "OpenObserve's access key is the base64 of <user email>:<passcode>: run printf '%s' 'you@example.com:PASSCODE' | base64, or copy it from OpenObserve → Ingestion → Kinesis Firehose.";

/** Whether `key` is standard base64 of `user:passcode` with both parts present (OpenObserve's Basic token). */
export function isBasicAuthToken(key: string): boolean {
  const trimmed = key.trim();
  if (trimmed.length === 0 || trimmed.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed))
    return false;
  let decoded: string;
  try {
    decoded = atob(trimmed);
  } catch {
    return false;
  }
  const colon = decoded.indexOf(":");
  // A user and passcode are printable text; binary that happens to hold a colon is not one.
  const printable = [...decoded].every((c) => c >= " " && c !== "\u007f");
  return colon > 0 && colon < decoded.length - 1 && printable;
}

/**
 * Checks an HTTP endpoint against its preset's URL form, so a URL copied from the wrong screen is
 * caught here rather than as failed deliveries hours later. Paths are relative to the target.
 */
export function httpPresetErrors(target: {
  preset: HttpEndpointPreset;
  url: string;
  accessKey?: string | undefined;
}): FieldError[] {
  if (!URL.canParse(target.url)) return [];
  const url = new URL(target.url);
  const errors: FieldError[] = [];
  if (target.preset === "openobserve") {
    if (!OPENOBSERVE_PATH.test(url.pathname)) {
      errors.push({
        path: "url",
        message:
          "An OpenObserve Firehose URL looks like https://<host>/aws/<organization>/<stream>/_kinesis_firehose.",
      });
    }
    if (!target.accessKey) {
      errors.push({
        path: "accessKey",
        message: `OpenObserve needs an access key. ${OPENOBSERVE_KEY_HOWTO}`,
      });
    } else if (!isBasicAuthToken(target.accessKey)) {
      const plain = target.accessKey.includes(":") && !target.accessKey.includes(" ");
      errors.push({
        path: "accessKey",
        message: plain
          ? `This looks like <user>:<passcode> itself; encode it first. ${OPENOBSERVE_KEY_HOWTO}`
          : `This is not the base64 of <user>:<passcode>. ${OPENOBSERVE_KEY_HOWTO}`,
      });
    }
  } else if (target.preset === "sumologic") {
    if (!url.pathname.startsWith("/receiver/v1/")) {
      errors.push({
        path: "url",
        message:
          "A Sumo Logic source URL looks like https://endpoint1.collection.<deployment>.sumologic.com/receiver/v1/kinesis/log/<token>; copy it from the HTTP source.",
      });
    }
  }
  return errors;
}

/** Builds the OpenObserve Firehose URL from its three parts. */
export function openObserveUrl(host: string, organization: string, stream: string): string {
  const cleanHost = host.replace(/^https?:\/\//, "").replace(/\/+$/, "");
  return `https://${cleanHost}/aws/${encodeURIComponent(organization)}/${encodeURIComponent(stream)}/_kinesis_firehose`;
}

/** zod issues → field errors whose paths name the form's fields (`target.backupBucket.name`). */
export function creationFieldErrors(value: unknown): FieldError[] {
  const result = CreationInputSchema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(input)",
    message: issue.message,
  }));
}

/** Parses a creation request: the input with defaults applied, or the field errors. */
export function parseCreationInput(
  value: unknown,
): { ok: true; input: CreationInput } | { ok: false; errors: FieldError[] } {
  const result = CreationInputSchema.safeParse(value);
  if (result.success) return { ok: true, input: result.data };
  return { ok: false, errors: creationFieldErrors(value) };
}
