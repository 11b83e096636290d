/**
 * Operator access and the audit trail: the payloads of `/api/session` and `/api/audit`, shared by the
 * BFF (validation, OpenAPI) and the web app (types).
 */
import { z } from "zod";

// ---------- operators ----------

/** `viewer` reads everything; `admin` also applies, disables, creates destinations and manages operators. */
export const OPERATOR_ROLES = ["viewer", "admin"] as const;
export const OperatorRoleSchema = z.enum(OPERATOR_ROLES);
export type OperatorRole = z.infer<typeof OperatorRoleSchema>;

/** Usernames are compared case-insensitively; the BFF stores them lower-cased. */
export const UsernameSchema = z
  .string()
  .trim()
  .min(1, "Enter a username")
  .max(64, "A username has at most 64 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]*$/, "A username uses letters, digits and . _ @ - only")
  .transform((name) => name.toLowerCase());

export const PASSWORD_MIN_LENGTH = 12;
/** An upper bound so a huge password cannot be used to burn CPU in the hash. */
export const PASSWORD_MAX_LENGTH = 1024;

/** The rule for a NEW password (sign-in accepts any string up to the maximum, then says "wrong"). */
export const NewPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `A password has at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `A password has at most ${PASSWORD_MAX_LENGTH} characters`);

export const OperatorSchema = z.object({
  username: z.string(),
  role: OperatorRoleSchema,
});
export type Operator = z.infer<typeof OperatorSchema>;

// ---------- session ----------

/** `POST /api/session`. Any password string is accepted here: a wrong one is "wrong", never "invalid". */
export const SignInRequestSchema = z.object({
  username: z.string().max(256),
  password: z.string().max(PASSWORD_MAX_LENGTH),
});
export type SignInRequest = z.infer<typeof SignInRequestSchema>;

/** Answer of `POST /api/session` and `GET /api/session`. */
export const SessionResponseSchema = z.object({
  operator: OperatorSchema,
  /** Send it back in the `X-CSRF-Token` header on every POST/PUT/PATCH/DELETE. */
  csrfToken: z.string(),
});
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

export const CSRF_HEADER = "x-csrf-token";

/** The one message for every failed sign-in: it must not tell whether the account exists. */
export const SIGN_IN_FAILED_MESSAGE = "Wrong username or password";

// ---------- audit trail ----------

export const AUDIT_ACTIONS = [
  "log-delivery.apply",
  "log-delivery.disable",
  "destination.create",
  "destination.cleanup",
  "fix.apply",
  "operator.add",
  "operator.set-role",
  "operator.reset-password",
  "operator.remove",
  "session.sign-in",
  "session.sign-out",
] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;

/**
 * A change is recorded twice: an `attempt` before anything is sent to AWS, then its outcome
 * (`success` or `failure`) pointing back at the attempt. Sign-ins are recorded once, with their outcome.
 */
export const AUDIT_OUTCOMES = ["attempt", "success", "failure"] as const;
export const AuditOutcomeSchema = z.enum(AUDIT_OUTCOMES);
export type AuditOutcome = z.infer<typeof AuditOutcomeSchema>;

export const AuditRecordSchema = z.object({
  id: z.string(),
  /** ISO 8601 time the record was written. */
  at: z.string(),
  /** Who acted: an operator's username, `cli:<os user>` for the operators CLI, or the name tried at a failed sign-in. */
  operator: z.string().nullable(),
  role: OperatorRoleSchema.nullable(),
  action: AuditActionSchema,
  region: z.string().nullable(),
  poolId: z.string().nullable(),
  /** The AWS account acted in (a pool is account, region and id); null for the console's own records before accounts. */
  accountId: z.string().nullable().optional(),
  /** The role the console assumed in that account; null: its own credentials. */
  roleArn: z.string().nullable().optional(),
  /** The resource acted on when it is not (only) a pool: an ARN, or `operator:<name>`. */
  resource: z.string().nullable(),
  /** For configuration changes: what was stored before and what was asked for / stored after. */
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  outcome: AuditOutcomeSchema,
  /** For an outcome record: the id of its attempt record. */
  attemptId: z.string().nullable(),
  error: z.string().nullable(),
  requestId: z.string().nullable(),
  awsRequestId: z.string().nullable(),
});
export type AuditRecord = z.infer<typeof AuditRecordSchema>;

const isoDateTime = z.iso.datetime({
  offset: true,
  error: "Expected an ISO 8601 time such as 2025-01-31T12:00:00Z",
});

export const AuditFilterSchema = z.object({
  pool: z.string().max(128).optional(),
  operator: z.string().max(256).optional(),
  action: AuditActionSchema.optional(),
  /** Inclusive lower bound on `at`. */
  from: isoDateTime.optional(),
  /** Exclusive upper bound on `at`. */
  to: isoDateTime.optional(),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export const AuditListQuerySchema = AuditFilterSchema.extend({
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^[0-9]{1,18}$/, "Expected the nextCursor of a previous page")
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditListQuery = z.input<typeof AuditListQuerySchema>;

export const AuditListResponseSchema = z.object({
  /** Newest first. */
  items: z.array(AuditRecordSchema),
  nextCursor: z.string().nullable(),
});
export type AuditListResponse = z.infer<typeof AuditListResponseSchema>;

export const AuditExportQuerySchema = AuditFilterSchema.extend({
  format: z.enum(["csv", "json"]).default("json"),
});
export type AuditExportQuery = z.input<typeof AuditExportQuerySchema>;
