import { isIP } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { RegionSchema } from "@clc/domain";
import { z } from "zod";
import type { FreshnessConfig } from "./features/freshness/service.ts";
import type { RateLimitOverrides } from "./plugins/rate-limits.ts";
import { isPostgresUrl } from "./store/postgres/index.ts";

/** The repository root (apps/bff/src → ../../..), so default paths work from any working directory. */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** The regions the sandbox's demo seed fills; the console shows these in sandbox mode by default. */
export const SANDBOX_REGIONS = ["us-east-1", "eu-west-1"] as const;

/** Any of these means the operator has set up AWS access, so the console talks to AWS by default. */
const AWS_CONFIGURATION_VARIABLES = [
  "AWS_PROFILE",
  "AWS_ACCESS_KEY_ID",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
] as const;

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);

/**
 * Where each mode keeps its state when CLC_DATA_DIR is not set. Separate per mode, so the demo
 * operators a sandbox start creates (and prints the passwords of) are never in aws mode's store.
 * Before, both shared `.data/`: `.data/console.sqlite` is that older, shared store.
 */
export function defaultDataDir(mode: "sandbox" | "aws"): string {
  return path.join(REPO_ROOT, ".data", mode === "sandbox" ? "sandbox-mode" : "aws");
}

/**
 * Which AWS accounts the console reads (issue 14). `own`: the one account of its credentials (its id
 * from GetCallerIdentity). `organization`: AWS Organizations' active accounts, each read through the
 * role `roleName` assumed in it (the console's own account with its own credentials); in sandbox mode
 * a sandbox without an organization falls back to `own` (`fallbackToOwn`). `list`: the given roles.
 */
export type AccountsConfig =
  | { kind: "own" }
  | { kind: "organization"; roleName: string; externalId: string | null; fallbackToOwn: boolean }
  | { kind: "list"; roles: AccountRole[] };

export interface AccountRole {
  roleArn: string;
  /** The account the ARN names. */
  accountId: string;
  externalId: string | null;
}

/** The role the sandbox's demo organization has in its member accounts (npm start's default). */
export const SANDBOX_ORGANIZATION_ROLE = "CognitoLogConsoleRole";

export interface Config {
  port: number;
  host: string;
  mode: "sandbox" | "aws";
  regions: string[];
  /** The accounts whose pools the console shows (CLC_ACCOUNTS and its companions). */
  accounts: AccountsConfig;
  /** A sandbox already running (sandbox mode only); null → start one in-process. */
  sandboxEndpoint: string | null;
  sandboxSeed: string;
  dataDir: string;
  /** DATABASE_URL: the PostgreSQL store (several replicas may share it); null → SQLite in dataDir. */
  databaseUrl: string | null;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /**
   * The reverse proxies whose X-Forwarded-For/-Proto/-Host are believed: addresses, CIDR ranges or
   * proxy-addr's names (loopback, linklocal, uniquelocal). False: none (the default).
   */
  trustProxy: string[] | false;
  /** Host names (no port) the BFF answers to; any other Host header gets 421 (DNS rebinding). */
  allowedHosts: string[];
  /** Slow or idle clients: the limits of the HTTP server (see README "Security"). */
  http: HttpLimits;
  cognitoReadRps: number;
  cognitoMaxConcurrency: number;
  /**
   * Worker threads that make the Cognito reads (aws/cognito-read-workers.ts); 0: on the main thread.
   * Default 0: a worker costs ~30 MB of RSS (the bench's 10,000-pool BFF went from 183 to 208 MB,
   * past issue 16's 200 MB), and one account at 15 reads/s per region needs 2–5 % of a core for
   * the SDK. An organization's read of many accounts at once is CPU-bound without it (issue 14).
   */
  cognitoReadWorkers: number;
  cacheTtlSeconds: number;
  awsCallTimeoutMs: number;
  /**
   * All the AWS calls of one user request share this budget; each call of the background fleet read
   * gets it for its attempts and retries, not counting its wait for the read quota.
   */
  awsRequestDeadlineMs: number;
  /**
   * How long a replica's claim on a destination run lasts (renewed every third of it while the run
   * works): how soon another replica may take over a run whose replica died. Default 60 000.
   */
  runClaimMs?: number;
  /**
   * Freshness by events (issue 16, features/freshness): CLC_FRESHNESS (events|off),
   * CLC_SWEEP_INTERVAL_SECONDS, CLC_SWEEP_READS_PER_MINUTE, CLC_FRESHNESS_CHECK_SECONDS,
   * CLC_FRESHNESS_WAIT_SECONDS. Absent: off (configs built by hand, e.g. tests).
   */
  freshness?: FreshnessConfig;
  /**
   * CLC_BATCH_WRITE_RPS: pools a batch writes per second per account and region (default 2, at most
   * 15): SetLogDeliveryConfiguration counts against Cognito's "user pool update" quota (15/s), and each
   * pool's write also reads it three times under the read quota (rules doc §5). Fractions: tests.
   */
  batchWriteRps?: number;
  /**
   * CLC_AUDIT_RETENTION_DAYS: audit records older than this many days are exported to
   * `auditExportDir`, verified and pruned, hourly (features/audit/retention.ts). Null/absent: kept
   * forever (the default).
   */
  auditRetentionDays?: number | null;
  /** CLC_AUDIT_EXPORT_DIR: where retention writes its exports; default `<dataDir>/audit-exports`. */
  auditExportDir?: string;
  webDist: string;
  /** Per-route overrides of the per-operator rate limits (plugins/rate-limits.ts); tests make them small. */
  rateLimits?: RateLimitOverrides;
  /** How many entries each of the BFF's caches keeps at most (default 1,000); tests make it small. */
  cacheMaxEntries?: number;
  /** Single sign-on through an OpenID Connect provider; null: off (the default). */
  oidc: OidcConfig | null;
  /** CLC_LOCAL_OPERATORS: password sign-in of the console's own operators (off only with SSO on). */
  localOperators: boolean;
}

/** Where the OpenID provider sends the browser back: this path on the console's origin. */
export const OIDC_CALLBACK_PATH = "/api/session/oidc/callback";

/** Single sign-on (features/operators/sso.ts): every value from the CLC_OIDC_* variables. */
export interface OidcConfig {
  /** The provider's issuer; its discovery document is `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  readonly clientId: string;
  /** Never logged or echoed; also keys the encryption of the short-lived sign-in cookie. */
  readonly clientSecret: string;
  /** Absolute callback URL registered at the provider; null: derived from the request's origin. */
  readonly redirectUrl: string | null;
  /** Shown on the sign-in button: "Sign in with <name>". */
  readonly providerName: string;
  /** Space-separated scopes asked for; always includes `openid`. */
  readonly scopes: string;
  /** The ID token claim holding the user's groups (a list of strings, or one string). */
  readonly groupsClaim: string;
  /** Members of any of these groups are admins (admin wins over viewer). */
  readonly adminGroups: readonly string[];
  readonly viewerGroups: readonly string[];
}

export interface HttpLimits {
  /** Time to receive a request's headers (ms); Node's headersTimeout. */
  headersTimeoutMs: number;
  /** Time to receive a whole request, headers and body (ms); Node's requestTimeout. */
  requestTimeoutMs: number;
  /** A connection with no traffic either way for this long is closed (ms); Fastify's connectionTimeout. */
  idleTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long (ms). */
  keepAliveTimeoutMs: number;
  /** Open connections at most; more are refused at once (server.maxConnections). */
  maxConnections: number;
  /** Requests served on one connection before it is closed (0: no limit). */
  maxRequestsPerSocket: number;
}

/** Thrown at start-up when the environment is wrong; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly issues: ReadonlyArray<{ variable: string; message: string }>) {
    super(
      `Invalid configuration:\n${issues.map((i) => `  ${i.variable}: ${i.message}`).join("\n")}\nFix the variable(s) above and start again.`,
    );
    this.name = "ConfigError";
  }
}

/** Empty strings count as unset, as shells and .env files often leave them. */
const optionalText = z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().min(1).optional());

/** A hundred years at most: a longer "forever" is leaving retention unset (also `audit prune`'s bound). */
export const MAX_AUDIT_RETENTION_DAYS = 36_500;

const integerIn = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^\d+$/, `expected a whole number from ${min} to ${max}`)
      .transform(Number)
      .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
      .optional(),
  );

const EnvSchema = z.object({
  PORT: integerIn(0, 65535),
  HOST: optionalText,
  CLC_MODE: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(["sandbox", "aws"], { error: 'expected "sandbox" or "aws"' }).optional(),
  ),
  CLC_REGIONS: optionalText,
  AWS_REGION: optionalText,
  AWS_DEFAULT_REGION: optionalText,
  SANDBOX_ENDPOINT: optionalText.pipe(
    z
      .url({ protocol: /^https?$/, error: "expected an http(s) URL such as http://127.0.0.1:4566" })
      .optional(),
  ),
  SANDBOX_SEED: optionalText.pipe(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9:_-]{0,63}$/, 'expected a seed name such as "demo" or "none"')
      .optional(),
  ),
  CLC_DATA_DIR: optionalText,
  // Checked below, not here: a schema issue repeats the value, and this one may hold a password.
  DATABASE_URL: optionalText,
  LOG_LEVEL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
        error: "expected one of fatal, error, warn, info, debug, trace, silent",
      })
      .optional(),
  ),
  TRUST_PROXY: optionalText,
  CLC_ALLOWED_HOSTS: optionalText,
  HTTP_HEADERS_TIMEOUT_MS: integerIn(100, 120_000),
  HTTP_REQUEST_TIMEOUT_MS: integerIn(100, 600_000),
  HTTP_IDLE_TIMEOUT_MS: integerIn(100, 3_600_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: integerIn(100, 600_000),
  HTTP_MAX_CONNECTIONS: integerIn(1, 100_000),
  HTTP_MAX_REQUESTS_PER_SOCKET: integerIn(0, 1_000_000),
  // AWS allows 15 and cannot raise it; more only makes sense against the sandbox with quotas off.
  COGNITO_READ_RPS: integerIn(1, 1000),
  COGNITO_MAX_CONCURRENCY: integerIn(1, 64),
  COGNITO_READ_WORKERS: integerIn(0, 8),
  CACHE_TTL_SECONDS: integerIn(0, 86_400),
  AWS_CALL_TIMEOUT_MS: integerIn(100, 120_000),
  AWS_REQUEST_DEADLINE_MS: integerIn(100, 600_000),
  CLC_RUN_CLAIM_MS: integerIn(1_000, 3_600_000),
  CLC_FRESHNESS: z.preprocess(
    (v) => (typeof v === "string" && v !== "" ? v.trim().toLowerCase() : undefined),
    z.enum(["events", "off"], { error: 'expected "events" or "off"' }).optional(),
  ),
  CLC_SWEEP_INTERVAL_SECONDS: integerIn(60, 30 * 86_400),
  CLC_SWEEP_READS_PER_MINUTE: integerIn(1, 600),
  CLC_FRESHNESS_CHECK_SECONDS: integerIn(5, 86_400),
  CLC_FRESHNESS_WAIT_SECONDS: integerIn(1, 20),
  CLC_BATCH_WRITE_RPS: integerIn(1, 15),
  CLC_AUDIT_RETENTION_DAYS: integerIn(1, MAX_AUDIT_RETENTION_DAYS),
  CLC_AUDIT_EXPORT_DIR: optionalText,
  WEB_DIST: optionalText,
  CLC_LOCAL_OPERATORS: z.preprocess(
    (v) => (typeof v === "string" && v !== "" ? v.trim().toLowerCase() : undefined),
    z.enum(["on", "off"], { error: 'expected "on" or "off"' }).optional(),
  ),
  // Checked below (checkOidc), where each message can say what to do; the secret is never echoed.
  CLC_OIDC_ISSUER: optionalText,
  CLC_OIDC_CLIENT_ID: optionalText,
  CLC_OIDC_CLIENT_SECRET: optionalText,
  CLC_OIDC_REDIRECT_URL: optionalText,
  CLC_OIDC_PROVIDER_NAME: optionalText,
  CLC_OIDC_SCOPES: optionalText,
  CLC_OIDC_GROUPS_CLAIM: optionalText,
  CLC_OIDC_ADMIN_GROUPS: optionalText,
  CLC_OIDC_VIEWER_GROUPS: optionalText,
  CLC_ACCOUNTS: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(["own", "organization", "list"], { error: 'expected "own", "organization" or "list"' }).optional(),
  ),
  CLC_ORGANIZATION_ROLE_NAME: optionalText.pipe(
    z
      .string()
      .regex(
        /^(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/,
        "expected an IAM role name such as CognitoLogConsoleRole (optionally with its path: ops/CognitoLogConsoleRole)",
      )
      .optional(),
  ),
  // Checked below, not here: an external id is a shared secret of sorts, never repeated in a message.
  CLC_ORGANIZATION_EXTERNAL_ID: optionalText,
  CLC_ACCOUNT_ROLES: optionalText,
});

type Env = z.infer<typeof EnvSchema>;
type Issues = Array<{ variable: string; message: string }>;

/** A comma-separated list, trimmed, without empties or repeats. */
function listOf(value: string | undefined): string[] {
  return [...new Set((value ?? "").split(",").map((item) => item.trim()))].filter((item) => item !== "");
}

/**
 * https, or http on a loopback host only (a provider started by a test or on the same machine): the
 * ID token and the client secret travel over this connection.
 */
function checkHttpsUrl(variable: string, value: string, issues: Issues): URL | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    issues.push({
      variable,
      message: `expected an absolute URL such as https://login.example.com/${describeValue(value)}`,
    });
    return null;
  }
  const loopback = LOOPBACK_HOSTS.has(normaliseHostName(url.host));
  if (!(url.protocol === "https:" || (url.protocol === "http:" && loopback))) {
    issues.push({
      variable,
      message: `expected an https URL (http only on 127.0.0.1, ::1 or localhost)${describeValue(value)}`,
    });
    return null;
  }
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    issues.push({
      variable,
      message: `expected a URL without query, fragment or credentials${describeValue(value)}`,
    });
    return null;
  }
  return url;
}

/** The CLC_OIDC_* variables, all or none: a half-configured provider stops the start with what is missing. */
function checkOidc(e: Env, issues: Issues): OidcConfig | null {
  const anySet = Object.entries(e).some(
    ([name, value]) => name.startsWith("CLC_OIDC_") && value !== undefined,
  );
  if (!anySet) return null;
  const start = issues.length;
  const requireSet = (
    variable: "CLC_OIDC_ISSUER" | "CLC_OIDC_CLIENT_ID" | "CLC_OIDC_CLIENT_SECRET",
    what: string,
  ) => {
    if (e[variable] === undefined)
      issues.push({
        variable,
        message: `single sign-on needs ${what} (or unset every CLC_OIDC_* variable to turn it off)`,
      });
  };
  requireSet("CLC_OIDC_ISSUER", "the provider's issuer URL, e.g. https://login.example.com/realms/ops");
  requireSet("CLC_OIDC_CLIENT_ID", "the console's client id registered at the provider");
  requireSet(
    "CLC_OIDC_CLIENT_SECRET",
    "the client secret the provider gave the console (a confidential client)",
  );
  const issuer =
    e.CLC_OIDC_ISSUER === undefined ? null : checkHttpsUrl("CLC_OIDC_ISSUER", e.CLC_OIDC_ISSUER, issues);
  let redirectUrl: string | null = null;
  if (e.CLC_OIDC_REDIRECT_URL !== undefined) {
    const url = checkHttpsUrl("CLC_OIDC_REDIRECT_URL", e.CLC_OIDC_REDIRECT_URL, issues);
    if (url && url.pathname !== OIDC_CALLBACK_PATH) {
      issues.push({
        variable: "CLC_OIDC_REDIRECT_URL",
        message: `must be the console's origin followed by ${OIDC_CALLBACK_PATH}, e.g. https://console.example.com${OIDC_CALLBACK_PATH}${describeValue(e.CLC_OIDC_REDIRECT_URL)}`,
      });
    } else if (url) {
      redirectUrl = url.href;
    }
  }
  const scopes = listOf(e.CLC_OIDC_SCOPES?.replaceAll(" ", ","));
  if (e.CLC_OIDC_SCOPES !== undefined && !scopes.includes("openid")) {
    issues.push({
      variable: "CLC_OIDC_SCOPES",
      message: `must include openid (OpenID Connect sign-in), e.g. "openid profile email"${describeValue(e.CLC_OIDC_SCOPES)}`,
    });
  }
  const adminGroups = listOf(e.CLC_OIDC_ADMIN_GROUPS);
  const viewerGroups = listOf(e.CLC_OIDC_VIEWER_GROUPS);
  if (adminGroups.length === 0 && viewerGroups.length === 0) {
    issues.push({
      variable: "CLC_OIDC_ADMIN_GROUPS",
      message:
        "single sign-on needs the provider's groups that may use the console: set CLC_OIDC_ADMIN_GROUPS and/or CLC_OIDC_VIEWER_GROUPS (comma-separated group names)",
    });
  }
  if (
    issues.length > start ||
    !issuer ||
    e.CLC_OIDC_CLIENT_ID === undefined ||
    e.CLC_OIDC_CLIENT_SECRET === undefined
  )
    return null;
  return {
    // Kept as written: the ID token's `iss` must equal it exactly, trailing slash included.
    issuer: e.CLC_OIDC_ISSUER ?? issuer.href,
    clientId: e.CLC_OIDC_CLIENT_ID,
    clientSecret: e.CLC_OIDC_CLIENT_SECRET,
    redirectUrl,
    providerName: e.CLC_OIDC_PROVIDER_NAME ?? issuer.hostname,
    scopes: e.CLC_OIDC_SCOPES === undefined ? "openid profile email" : scopes.join(" "),
    groupsClaim: e.CLC_OIDC_GROUPS_CLAIM ?? "groups",
    adminGroups,
    viewerGroups,
  };
}

/** STS AssumeRole's ExternalId: 2–1224 characters of `[\w+=,.@:/-]`. */
const EXTERNAL_ID_RE = /^[\w+=,.@:/-]{2,1224}$/;
/** An IAM role ARN in any partition; the account is group 1. */
const ROLE_ARN_RE = /^arn:aws(?:-cn|-us-gov)?:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

/**
 * CLC_ACCOUNT_ROLES: role ARNs separated by commas, each with an optional external id after `#`
 * (`arn:aws:iam::111122223333:role/CognitoLogConsoleRole#my-external-id`); `#` appears in neither.
 */
export function parseAccountRoles(
  value: string,
  issues: Array<{ variable: string; message: string }>,
): AccountRole[] {
  const roles: AccountRole[] = [];
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  for (const [index, entry] of entries.entries()) {
    const hash = entry.indexOf("#");
    const roleArn = hash < 0 ? entry : entry.slice(0, hash);
    const externalId = hash < 0 ? null : entry.slice(hash + 1);
    const match = ROLE_ARN_RE.exec(roleArn);
    if (!match?.[1]) {
      issues.push({
        variable: "CLC_ACCOUNT_ROLES",
        message: `entry ${index + 1} is not an IAM role ARN such as arn:aws:iam::111122223333:role/CognitoLogConsoleRole (optionally followed by #external-id)${describeValue(roleArn)}`,
      });
      continue;
    }
    if (externalId !== null && !EXTERNAL_ID_RE.test(externalId)) {
      issues.push({
        variable: "CLC_ACCOUNT_ROLES",
        message: `the external id of entry ${index + 1} (${roleArn}) must be 2 to 1224 characters of letters, digits and +=,.@:/-_`,
      });
      continue;
    }
    if (roles.some((r) => r.accountId === match[1])) {
      issues.push({
        variable: "CLC_ACCOUNT_ROLES",
        message: `account ${match[1]} is listed twice; give one role per account`,
      });
      continue;
    }
    roles.push({ roleArn, accountId: match[1], externalId });
  }
  if (entries.length === 0) {
    issues.push({
      variable: "CLC_ACCOUNT_ROLES",
      message: "expected at least one role ARN such as arn:aws:iam::111122223333:role/CognitoLogConsoleRole",
    });
  }
  return roles;
}

/** Which accounts to read, from CLC_ACCOUNTS and the variables that go with each choice. */
function parseAccounts(
  e: z.output<typeof EnvSchema>,
  mode: "sandbox" | "aws",
  issues: Array<{ variable: string; message: string }>,
): AccountsConfig {
  const externalId = e.CLC_ORGANIZATION_EXTERNAL_ID ?? null;
  if (externalId !== null && !EXTERNAL_ID_RE.test(externalId)) {
    issues.push({
      variable: "CLC_ORGANIZATION_EXTERNAL_ID",
      message: "must be 2 to 1224 characters of letters, digits and +=,.@:/-_ (STS AssumeRole's ExternalId)",
    });
  }
  const kind =
    e.CLC_ACCOUNTS ??
    (e.CLC_ACCOUNT_ROLES !== undefined
      ? "list"
      : e.CLC_ORGANIZATION_ROLE_NAME !== undefined || mode === "sandbox"
        ? "organization"
        : "own");
  if (kind === "list") {
    if (e.CLC_ACCOUNT_ROLES === undefined) {
      issues.push({
        variable: "CLC_ACCOUNT_ROLES",
        message: "CLC_ACCOUNTS=list needs the role ARNs to assume, separated by commas",
      });
      return { kind: "own" };
    }
    if (e.CLC_ORGANIZATION_ROLE_NAME !== undefined) {
      issues.push({
        variable: "CLC_ORGANIZATION_ROLE_NAME",
        message: "is for discovery through AWS Organizations; with CLC_ACCOUNT_ROLES set, unset one of them",
      });
    }
    return { kind: "list", roles: parseAccountRoles(e.CLC_ACCOUNT_ROLES, issues) };
  }
  if (e.CLC_ACCOUNT_ROLES !== undefined) {
    issues.push({
      variable: "CLC_ACCOUNT_ROLES",
      message: `is only read with CLC_ACCOUNTS=list (CLC_ACCOUNTS is ${kind}); unset one of them`,
    });
  }
  if (kind === "own") return { kind };
  const roleName =
    e.CLC_ORGANIZATION_ROLE_NAME ?? (mode === "sandbox" ? SANDBOX_ORGANIZATION_ROLE : undefined);
  if (roleName === undefined) {
    issues.push({
      variable: "CLC_ORGANIZATION_ROLE_NAME",
      message:
        "CLC_ACCOUNTS=organization needs the name of the role to assume in each member account (e.g. CognitoLogConsoleRole)",
    });
    return { kind: "own" };
  }
  // Only the demo default falls back: an operator who asked for discovery is told it failed.
  const fallbackToOwn = mode === "sandbox" && e.CLC_ORGANIZATION_ROLE_NAME === undefined;
  return { kind: "organization", roleName, externalId, fallbackToOwn };
}

/** proxy-addr's named ranges, which Fastify's trustProxy accepts beside addresses and CIDRs. */
const PROXY_RANGE_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

/**
 * TRUST_PROXY lists the proxies to believe. `true` and hop counts are refused: they believe whoever
 * connects, so a client that reaches the BFF directly could pick its own address (and escape the
 * sign-in throttle) or claim https.
 */
function parseTrustProxy(
  value: string | undefined,
  issues: Array<{ variable: string; message: string }>,
): string[] | false {
  if (value === undefined || value === "false") return false;
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const bad = entries.filter((entry) => {
    if (PROXY_RANGE_NAMES.has(entry)) return false;
    const [address, bits, ...rest] = entry.split("/");
    const family = isIP(address ?? "");
    if (family === 0 || rest.length > 0) return true;
    return bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
  });
  if (value === "true" || /^\d+$/.test(value)) {
    issues.push({
      variable: "TRUST_PROXY",
      message:
        `list the addresses of the proxies in front of the console (e.g. 127.0.0.1 or 10.0.0.0/8, or "loopback"): ` +
        `"${value}" would believe X-Forwarded-For from any client that reaches the console directly`,
    });
    return false;
  }
  if (bad.length > 0 || entries.length === 0) {
    issues.push({
      variable: "TRUST_PROXY",
      message: `expected proxy addresses or CIDR ranges separated by commas (e.g. 127.0.0.1,10.0.0.0/8) or loopback, linklocal, uniquelocal; not one: ${bad.map((b) => JSON.stringify(b)).join(", ") || "(empty)"}`,
    });
    return false;
  }
  return entries;
}

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "::1"];

/** Host names as browsers send them in Host, lower-case, without port or IPv6 brackets. */
export function normaliseHostName(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith("[")) return lower.slice(1, lower.indexOf("]") > 0 ? lower.indexOf("]") : undefined);
  const colons = lower.split(":").length - 1;
  // One colon: name:port. More: a bare IPv6 address.
  return colons === 1 ? (lower.split(":")[0] ?? "") : lower;
}

/**
 * Reads and validates the configuration once, at start-up. Throws ConfigError naming each wrong
 * variable, so a typo stops the process instead of surfacing later as a confusing AWS error.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? "environment"),
        message: `${issue.message}${describeValue(env[String(issue.path[0])])}`,
      })),
    );
  }
  const e = parsed.data;
  const issues: Array<{ variable: string; message: string }> = [];

  const awsConfigured = AWS_CONFIGURATION_VARIABLES.some((name) => (env[name] ?? "") !== "");
  const mode = e.CLC_MODE ?? (awsConfigured ? "aws" : "sandbox");

  let regions: string[] = [];
  if (e.CLC_REGIONS !== undefined) {
    regions = [...new Set(e.CLC_REGIONS.split(",").map((r) => r.trim()))].filter((r) => r !== "");
    const bad = regions.filter((r) => !RegionSchema.safeParse(r).success);
    if (bad.length > 0 || regions.length === 0) {
      issues.push({
        variable: "CLC_REGIONS",
        message: `expected a comma-separated list of AWS regions such as us-east-1,eu-west-1; not a region: ${bad.map((b) => JSON.stringify(b)).join(", ") || "(empty)"}`,
      });
    }
  } else if (mode === "sandbox") {
    regions = [...SANDBOX_REGIONS];
  } else {
    const fallback = e.AWS_REGION ?? e.AWS_DEFAULT_REGION;
    const variable = e.AWS_REGION !== undefined ? "AWS_REGION" : "AWS_DEFAULT_REGION";
    if (fallback === undefined) {
      issues.push({
        variable: "CLC_REGIONS",
        message:
          "aws mode needs the regions to show: set CLC_REGIONS (e.g. us-east-1,eu-west-1) or AWS_REGION",
      });
    } else if (!RegionSchema.safeParse(fallback).success) {
      issues.push({
        variable,
        message: `expected an AWS region such as us-east-1${describeValue(fallback)}`,
      });
    } else {
      regions = [fallback];
    }
  }

  const host = e.HOST ?? "127.0.0.1";
  if (mode === "sandbox" && !LOOPBACK_HOSTS.has(host)) {
    issues.push({
      variable: "HOST",
      message: `sandbox mode listens on loopback only (127.0.0.1, ::1 or localhost)${describeValue(host)}; unset HOST or set CLC_MODE=aws`,
    });
  }
  if (mode === "aws" && e.SANDBOX_ENDPOINT !== undefined) {
    issues.push({
      variable: "SANDBOX_ENDPOINT",
      message: "is only used in sandbox mode; unset it or set CLC_MODE=sandbox",
    });
  }
  const trustProxy = parseTrustProxy(e.TRUST_PROXY, issues);

  let allowedHosts: string[] = [];
  if (e.CLC_ALLOWED_HOSTS !== undefined) {
    allowedHosts = [
      ...new Set(
        e.CLC_ALLOWED_HOSTS.split(",")
          .map((h) => normaliseHostName(h))
          .filter((h) => h !== ""),
      ),
    ];
    const bad = allowedHosts.filter((h) => !/^[a-z0-9.-]+$/.test(h) && isIP(h) === 0);
    if (bad.length > 0 || allowedHosts.length === 0) {
      issues.push({
        variable: "CLC_ALLOWED_HOSTS",
        message: `expected host names separated by commas, as browsers reach the console (e.g. console.example.com); not a host name: ${bad.map((b) => JSON.stringify(b)).join(", ") || "(empty)"}`,
      });
    }
    if (mode === "sandbox" && allowedHosts.some((h) => !LOOPBACK_NAMES.includes(h))) {
      issues.push({
        variable: "CLC_ALLOWED_HOSTS",
        message:
          "sandbox mode answers loopback names only (localhost, 127.0.0.1, ::1); unset it or set CLC_MODE=aws",
      });
    }
  } else if (mode === "sandbox" || LOOPBACK_HOSTS.has(host)) {
    allowedHosts = [...LOOPBACK_NAMES];
  } else {
    issues.push({
      variable: "CLC_ALLOWED_HOSTS",
      message: `aws mode listening on ${host} needs the host names browsers use to reach the console (e.g. console.example.com), so that a DNS-rebinding page cannot reach it`,
    });
  }

  const awsRequestDeadlineMs = e.AWS_REQUEST_DEADLINE_MS ?? 15_000;
  const requestTimeoutMs = e.HTTP_REQUEST_TIMEOUT_MS ?? 30_000;
  const headersTimeoutMs = e.HTTP_HEADERS_TIMEOUT_MS ?? Math.min(10_000, requestTimeoutMs);
  // The connection is silent while the BFF waits for AWS: idle must outlast a request's AWS deadline.
  const idleTimeoutMs = e.HTTP_IDLE_TIMEOUT_MS ?? Math.max(60_000, awsRequestDeadlineMs + 10_000);
  if (headersTimeoutMs > requestTimeoutMs) {
    issues.push({
      variable: "HTTP_HEADERS_TIMEOUT_MS",
      message: `must not exceed HTTP_REQUEST_TIMEOUT_MS (${requestTimeoutMs}): the headers are part of the request`,
    });
  }
  if (idleTimeoutMs <= awsRequestDeadlineMs) {
    issues.push({
      variable: "HTTP_IDLE_TIMEOUT_MS",
      message: `must exceed AWS_REQUEST_DEADLINE_MS (${awsRequestDeadlineMs}): a connection is silent while the console waits for AWS`,
    });
  }
  if (e.DATABASE_URL !== undefined && !isPostgresUrl(e.DATABASE_URL)) {
    issues.push({
      variable: "DATABASE_URL",
      message:
        "expected a PostgreSQL URL such as postgres://console:password@db.internal:5432/console, or unset it to keep the state in SQLite under CLC_DATA_DIR",
    });
  }
  const oidc = checkOidc(e, issues);
  const localOperators = e.CLC_LOCAL_OPERATORS !== "off";
  if (!localOperators && oidc === null && !issues.some((i) => i.variable.startsWith("CLC_OIDC_"))) {
    issues.push({
      variable: "CLC_LOCAL_OPERATORS",
      message:
        "off only with single sign-on on (CLC_OIDC_ISSUER and the other CLC_OIDC_* variables): otherwise nobody could sign in",
    });
  }
  if (e.CLC_AUDIT_EXPORT_DIR !== undefined && e.CLC_AUDIT_RETENTION_DAYS === undefined) {
    issues.push({
      variable: "CLC_AUDIT_EXPORT_DIR",
      message:
        "only retention writes there: set CLC_AUDIT_RETENTION_DAYS too (records older than that many days are exported there, then pruned), or unset it",
    });
  }
  const accounts = parseAccounts(e, mode, issues);
  if (issues.length > 0) throw new ConfigError(issues);
  const dataDir = path.resolve(e.CLC_DATA_DIR ?? defaultDataDir(mode));

  return {
    port: e.PORT ?? 3000,
    host,
    mode,
    regions,
    accounts,
    sandboxEndpoint: e.SANDBOX_ENDPOINT ?? null,
    sandboxSeed: e.SANDBOX_SEED ?? "demo",
    dataDir,
    databaseUrl: e.DATABASE_URL ?? null,
    logLevel: e.LOG_LEVEL ?? "info",
    trustProxy,
    allowedHosts,
    http: {
      headersTimeoutMs,
      requestTimeoutMs,
      idleTimeoutMs,
      // Short, as Node's default: a proxy in front should keep its own pool (see README "Security").
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS ?? 5_000,
      maxConnections: e.HTTP_MAX_CONNECTIONS ?? 512,
      maxRequestsPerSocket: e.HTTP_MAX_REQUESTS_PER_SOCKET ?? 1_000,
    },
    cognitoReadRps: e.COGNITO_READ_RPS ?? 10,
    cognitoMaxConcurrency: e.COGNITO_MAX_CONCURRENCY ?? 8,
    cognitoReadWorkers: e.COGNITO_READ_WORKERS ?? 0,
    cacheTtlSeconds: e.CACHE_TTL_SECONDS ?? 300,
    awsCallTimeoutMs: e.AWS_CALL_TIMEOUT_MS ?? 10_000,
    // Long enough for a paced pool read with a throttled retry or two; short enough that a hung AWS
    // answers the browser a 504 before its user gives up.
    awsRequestDeadlineMs,
    runClaimMs: e.CLC_RUN_CLAIM_MS ?? 60_000,
    freshness: {
      enabled: (e.CLC_FRESHNESS ?? "events") === "events",
      sweepIntervalMs: (e.CLC_SWEEP_INTERVAL_SECONDS ?? 86_400) * 1000,
      sweepReadsPerMinute: e.CLC_SWEEP_READS_PER_MINUTE ?? 30,
      checkIntervalMs: (e.CLC_FRESHNESS_CHECK_SECONDS ?? 600) * 1000,
      waitSeconds: e.CLC_FRESHNESS_WAIT_SECONDS ?? 20,
      visibilitySeconds: 120,
    },
    batchWriteRps: e.CLC_BATCH_WRITE_RPS ?? 2,
    auditRetentionDays: e.CLC_AUDIT_RETENTION_DAYS ?? null,
    auditExportDir: e.CLC_AUDIT_EXPORT_DIR
      ? path.resolve(e.CLC_AUDIT_EXPORT_DIR)
      : path.join(dataDir, "audit-exports"),
    webDist: path.resolve(REPO_ROOT, e.WEB_DIST ?? "apps/web/dist"),
    oidc,
    localOperators,
  };
}

function describeValue(value: string | undefined): string {
  if (value === undefined) return "";
  return ` (got ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)})`;
}
