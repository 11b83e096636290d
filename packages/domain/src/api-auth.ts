/**
 * Operator access and the audit trail: the payloads of `/api/session` and `/api/audit`, shared by the
 * BFF (validation, OpenAPI) and the web app (types).
 */
import { z } from "zod";
import { AccountIdSchema } from "./accounts.ts";
import { queryInteger } from "./query-params.ts";

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

/** `GET /api/session/methods` (public): how operators may sign in to this console. */
export const SignInMethodsSchema = z.object({
  /** Username and password of the console's own operators (`POST /api/session`). */
  password: z.boolean(),
  /** Single sign-on through an OpenID Connect provider; null when not configured. */
  sso: z
    .object({
      /** The provider's name for the button: "Sign in with <name>". */
      name: z.string(),
      /** Where the browser goes to start (a top-level navigation, not a fetch); add `?returnTo=<path>`. */
      startUrl: z.string(),
    })
    .nullable(),
});
export type SignInMethods = z.infer<typeof SignInMethodsSchema>;

/** `DELETE /api/session` answers 204, or 200 with this when the provider can end its own session too. */
export const SignOutResponseSchema = z.object({
  /** The provider's end-session page (RP-initiated logout); it comes back to /sign-in. */
  endSessionUrl: z.string(),
});
export type SignOutResponse = z.infer<typeof SignOutResponseSchema>;

/**
 * Why a sign-in through the provider was refused: the BFF sends the browser to
 * `/sign-in?sso_error=<code>` (or answers a problem of this type to API clients).
 */
export const SSO_ERROR_MESSAGES = {
  "sso-no-group":
    "Your account is not in a group mapped to the console. Ask the console's administrator to add you to one of its viewer or admin groups at the sign-in provider.",
  "sso-failed":
    "The sign-in provider's answer did not pass the console's checks, so you were not signed in. Try again; if it happens again, tell the console's administrator (the time helps them find it in the log).",
  "sso-flow-missing":
    "This sign-in took too long, was started in another browser or was already used. Start again.",
  "sso-unavailable": "The console could not reach the sign-in provider. Try again in a moment.",
  "sso-name-taken":
    "Your name at the sign-in provider is already used by another of its accounts in the console. Ask the console's administrator.",
  "password-sign-in-off": "Password sign-in is turned off on this console: sign in with the provider.",
} as const;
export type SsoErrorCode = keyof typeof SSO_ERROR_MESSAGES;

/** The one message for every failed sign-in: it must not tell whether the account exists. */
export const SIGN_IN_FAILED_MESSAGE = "Wrong username or password";

// ---------- audit trail ----------

export const AUDIT_ACTIONS = [
  "log-delivery.apply",
  "log-delivery.disable",
  /** A change restoring what an earlier record held before (`undoes` names that record). */
  "log-delivery.rollback",
  "destination.create",
  "destination.cleanup",
  "fix.apply",
  "operator.add",
  "operator.set-role",
  "operator.reset-password",
  "operator.remove",
  "session.sign-in",
  "session.sign-out",
  "audit.prune",
  "webhook.add",
  "webhook.update",
  "webhook.remove",
  "webhook.test",
  "view.save",
  "view.rename",
  "view.delete",
  "freshness.setup",
  // A batch (features/batches) starting, pausing, resuming or being cancelled; its pools' writes are
  // log-delivery records, and every record of a batch carries `batch:<id>` as its request id.
  "batch.start",
  "batch.pause",
  "batch.resume",
  "batch.cancel",
  "standard.update",
  "standard.exemption.create",
  "standard.exemption.update",
  "standard.exemption.delete",
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
  /** For a rollback: the id of the record whose change it undoes (schema version 10 on). */
  undoes: z.string().nullable().optional(),
  /** For configuration changes: what was stored before and what was asked for / stored after. */
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  outcome: AuditOutcomeSchema,
  /** For an outcome record: the id of its attempt record. */
  attemptId: z.string().nullable(),
  error: z.string().nullable(),
  requestId: z.string().nullable(),
  awsRequestId: z.string().nullable(),
  /**
   * The chain (schema version 8 on): SHA-256 (hex) of this record's canonical content, which
   * includes `prevHash`, the previous record's hash. Null on records written before version 8.
   * See apps/bff/src/features/audit/chain.ts.
   */
  hash: z.string().nullable().optional(),
  prevHash: z.string().nullable().optional(),
});
export type AuditRecord = z.infer<typeof AuditRecordSchema>;

const isoDateTime = z.iso.datetime({
  offset: true,
  error: "Expected an ISO 8601 time such as 2025-01-31T12:00:00Z",
});

/** The actions of signing in and out: hidden from the trail unless asked for (`signIns=include`). */
export const SESSION_ACTIONS: readonly AuditAction[] = ["session.sign-in", "session.sign-out"];

export const AuditFilterSchema = z.object({
  /** A pool's id, the start of ids (`eu-west-1_`), or the start of pool names (case-insensitive). */
  pool: z.string().max(128).optional(),
  /**
   * The AWS account acted in (`accountId`), exactly: an organization's trail mixes every account's
   * changes. Records without an account (sign-ins, operator changes) never match one.
   */
  account: AccountIdSchema.optional(),
  operator: z.string().max(256).optional(),
  action: AuditActionSchema.optional(),
  /** Inclusive lower bound on `at`. */
  from: isoDateTime.optional(),
  /** Exclusive upper bound on `at`; after `from` when both are given. */
  to: isoDateTime.optional(),
  /** `exclude`: leave out sign-ins and sign-outs (SESSION_ACTIONS). Absent: every action. */
  signIns: z.enum(["include", "exclude"]).optional(),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export const AUDIT_RANGE_MESSAGE = "“From” must be before “Until”: swap them or clear one";

/** Whether a filter's time range can hold anything: `from` strictly before `to` when both are set. */
export function auditRangeIsValid(filter: Pick<AuditFilter, "from" | "to">): boolean {
  return (
    filter.from === undefined || filter.to === undefined || Date.parse(filter.from) < Date.parse(filter.to)
  );
}

/** The query schemas check the range once their fields are parsed: an empty window is a mistake, not "no records". */
function checkRange<T extends Pick<AuditFilter, "from" | "to">>(
  query: T,
  context: { addIssue: (issue: { code: "custom"; message: string; path: string[]; input: unknown }) => void },
): void {
  if (!auditRangeIsValid(query)) {
    context.addIssue({ code: "custom", message: AUDIT_RANGE_MESSAGE, path: ["from"], input: query.from });
  }
}

export const AuditListQuerySchema = AuditFilterSchema.extend({
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^[0-9]{1,18}$/, "Expected the nextCursor of a previous page")
    .optional(),
  limit: queryInteger({ min: 1, max: 500, fallback: 100 }),
}).superRefine(checkRange);
export type AuditListQuery = z.input<typeof AuditListQuerySchema>;

export const AuditListResponseSchema = z.object({
  /** Newest first. */
  items: z.array(AuditRecordSchema),
  nextCursor: z.string().nullable(),
});
export type AuditListResponse = z.infer<typeof AuditListResponseSchema>;

export const AuditExportQuerySchema = AuditFilterSchema.extend({
  format: z.enum(["csv", "json"]).default("json"),
}).superRefine(checkRange);
export type AuditExportQuery = z.input<typeof AuditExportQuerySchema>;

/** The answer of a verification of the audit trail's hash chain (`GET /api/audit/verify`). */
export const AuditVerifyResponseSchema = z.object({
  ok: z.boolean(),
  /** Records read, oldest first. */
  checked: z.number().int(),
  /** Of those, records written before the chain began (schema version 8), which carry no hash. */
  unhashed: z.number().int(),
  firstId: z.string().nullable(),
  lastId: z.string().nullable(),
  /** The newest record's hash: note it elsewhere to detect a rewrite of the whole chain later. */
  headHash: z.string().nullable(),
  /** The first broken link, when `ok` is false. */
  broken: z
    .object({
      id: z.string(),
      problem: z.string(),
      expected: z.string().nullable(),
      found: z.string().nullable(),
    })
    .nullable(),
});
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponseSchema>;
