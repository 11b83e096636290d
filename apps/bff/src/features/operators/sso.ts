/**
 * Single sign-on through an OpenID Connect provider: the authorization code flow with PKCE, a state
 * and a nonce, by `openid-client` (which checks the state, the issuer, the audience, the expiry, the
 * nonce and, with `enableNonRepudiationChecks`, the ID token's signature against the provider's JWKS).
 *
 * The session is the console's own (sessions.ts): once the provider has vouched for the user, the
 * user's groups pick a role, the user becomes (or stays) an operator row named `sso:<name>`, and a
 * session starts as for a password sign-in. `sso:` cannot begin a local operator's name (a colon is
 * not allowed in one, UsernameSchema), so the two never collide, and the password route never finds
 * an SSO operator. An SSO operator has no password: its hash column holds `sso-subject:<digest of
 * issuer and sub>`, which no password verifies against, and which binds the name to one account of
 * the provider (another account whose name cleans up to the same one is refused, never merged).
 *
 * The PKCE verifier, the state and the nonce live between the two legs in a cookie, sealed with
 * AES-256-GCM (encrypted and authenticated) under a key derived from the client secret: every replica
 * behind a load balancer has the same secret, so whichever replica the provider sends the browser
 * back to can open it, and nothing is stored.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import type { Operator, OperatorRole } from "@clc/domain";
import * as oidc from "openid-client";
import { OIDC_CALLBACK_PATH, type OidcConfig } from "../../config.ts";
import { OperatorExistsError, type OperatorStore } from "../../store/types.ts";
import type { Clock } from "./sessions.ts";

/** How long a sign-in at the provider may take, from the button to the callback. */
export const SSO_FLOW_TTL_MS = 10 * 60_000;
/** Names of SSO operators start with this; local names cannot contain a colon. */
export const SSO_OPERATOR_PREFIX = "sso:";
const SUBJECT_MARKER_PREFIX = "sso-subject:";

/** Why a sign-in through the provider was refused; `code` is the web page's key (SsoErrorCode). */
export class SsoRefusal extends Error {
  constructor(
    readonly code: "sso-no-group" | "sso-failed" | "sso-flow-missing" | "sso-unavailable" | "sso-name-taken",
    message: string,
    /** The operator name, when the provider vouched for the user (safe to record). */
    readonly operatorName: string | null = null,
  ) {
    super(message);
    this.name = "SsoRefusal";
  }
}

export interface SsoSignIn {
  /** Shown on the sign-in page: "Sign in with <providerName>". */
  readonly providerName: string;
  /**
   * Starts a sign-in: the provider's authorization URL to send the browser to, and the sealed flow to
   * keep in a cookie until the callback. `origin` is the console's (scheme://host[:port]); `returnTo`
   * a same-origin path. Throws SsoRefusal "sso-unavailable" when the provider cannot be discovered.
   */
  begin(input: {
    origin: string;
    returnTo: string;
  }): Promise<{ authorizationUrl: string; sealedFlow: string }>;
  /**
   * Finishes a sign-in from the callback's query string and the flow cookie: exchanges the code,
   * checks the ID token, maps the groups to a role and makes sure the operator row exists with it.
   * Throws SsoRefusal (never a session for a refused user).
   */
  finish(input: {
    query: string;
    sealedFlow: string | undefined;
  }): Promise<{ operator: Operator; returnTo: string }>;
  /** The provider's end-session URL for this console (null when it has none or is unreachable). */
  endSessionUrl(origin: string): Promise<string | null>;
}

interface Flow {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly redirectUri: string;
  readonly returnTo: string;
  /** ms since the epoch. */
  readonly expiresAt: number;
}

/** A 256-bit key for sealing flows, the same on every replica that shares the client secret. */
export function flowKey(clientSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", clientSecret, "clc-console", "oidc sign-in flow cookie v1", 32));
}

/** base64url(iv ‖ tag ‖ ciphertext) of the flow's JSON. */
export function sealFlow(flow: Flow, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(flow), "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

/** The flow, or null when the cookie was not sealed by this console, was changed, or is malformed. */
export function openFlow(sealed: string, key: Buffer): Flow | null {
  try {
    const raw = Buffer.from(sealed, "base64url");
    if (raw.length < 29) return null;
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    const flow = JSON.parse(text) as Partial<Flow>;
    const strings = [flow.state, flow.nonce, flow.verifier, flow.redirectUri, flow.returnTo];
    if (strings.some((s) => typeof s !== "string") || typeof flow.expiresAt !== "number") return null;
    return flow as Flow;
  } catch {
    return null;
  }
}

/** The groups in a claim: a list of strings, or one string; a dotted name reaches into objects (realm_access.roles). */
export function groupsOf(claims: Readonly<Record<string, unknown>>, claim: string): string[] {
  let value: unknown = claims[claim];
  if (value === undefined && claim.includes(".")) {
    value = claim
      .split(".")
      .reduce<unknown>(
        (at, key) => (at && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined),
        claims,
      );
  }
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === "string") : [];
}

/** Admin when any group is an admin group (admin wins), viewer when any is a viewer group, else null. */
export function roleForGroups(
  groups: readonly string[],
  mapping: Pick<OidcConfig, "adminGroups" | "viewerGroups">,
): OperatorRole | null {
  if (groups.some((g) => mapping.adminGroups.includes(g))) return "admin";
  if (groups.some((g) => mapping.viewerGroups.includes(g))) return "viewer";
  return null;
}

/**
 * `sso:` + preferred_username, else email, else sub; lower-cased, anything but letters, digits and
 * `. _ @ + -` replaced by `_`, at most 64 characters after the prefix (it is shown and recorded).
 */
export function ssoOperatorName(claims: Readonly<Record<string, unknown>>): string {
  const pick = [claims.preferred_username, claims.email, claims.sub].find(
    (v): v is string => typeof v === "string" && v.trim() !== "",
  );
  const cleaned = (pick ?? "unknown")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}._@+-]/gu, "_")
    .slice(0, 64);
  return `${SSO_OPERATOR_PREFIX}${cleaned}`;
}

/** What the password column of an SSO operator holds: no password verifies against it. */
export function subjectMarker(issuer: string, subject: string): string {
  return `${SUBJECT_MARKER_PREFIX}${createHash("sha256").update(`${issuer}\n${subject}`).digest("hex")}`;
}

export function isSsoOperator(username: string): boolean {
  return username.startsWith(SSO_OPERATOR_PREFIX);
}

/**
 * The operator row of a provider's account, created at its first sign-in, its role set from its groups
 * at every sign-in (so a group change at the provider applies at the next sign-in). Throws SsoRefusal
 * "sso-name-taken" when the name belongs to another account of the provider.
 */
export async function ensureSsoOperator(
  operators: OperatorStore,
  operator: { username: string; role: OperatorRole; marker: string },
  now: number,
): Promise<void> {
  let existing = await operators.get(operator.username);
  if (!existing) {
    try {
      await operators.add(
        { username: operator.username, role: operator.role, passwordHash: operator.marker },
        now,
      );
      return;
    } catch (error) {
      // The same user's first sign-in through another replica at the same moment.
      if (!(error instanceof OperatorExistsError)) throw error;
      existing = await operators.get(operator.username);
    }
  }
  if (!existing || existing.passwordHash !== operator.marker) {
    throw new SsoRefusal(
      "sso-name-taken",
      `The name ${operator.username} already belongs to another account of the provider.`,
      operator.username,
    );
  }
  if (existing.role !== operator.role) await operators.setRole(operator.username, operator.role, now);
}

export interface SsoOptions {
  readonly config: OidcConfig;
  readonly operators: OperatorStore;
  readonly clock: Clock;
}

export function createSsoSignIn(options: SsoOptions): SsoSignIn {
  const { config, operators, clock } = options;
  const key = flowKey(config.clientSecret);
  const issuerUrl = new URL(config.issuer);
  let discovered: Promise<oidc.Configuration> | null = null;

  /** Discovered once, at first use (the console starts while the provider is down); a failure is retried. */
  function provider(): Promise<oidc.Configuration> {
    discovered ??= (async () => {
      const found = await oidc.discovery(issuerUrl, config.clientId, config.clientSecret, undefined, {
        timeout: 10,
        // config.ts allows http only for a provider on loopback (tests, a provider on this machine).
        ...(issuerUrl.protocol === "http:" ? { execute: [oidc.allowInsecureRequests] } : {}),
      });
      // The ID token's signature is checked against the provider's keys, not only trusted for coming
      // over TLS from the token endpoint (openid-client's default): a token a man in the middle or a
      // misbehaving proxy changed is refused.
      oidc.enableNonRepudiationChecks(found);
      return found;
    })();
    discovered.catch(() => {
      discovered = null;
    });
    return discovered;
  }

  async function reachableProvider(): Promise<oidc.Configuration> {
    try {
      return await provider();
    } catch (error) {
      throw new SsoRefusal(
        "sso-unavailable",
        `Could not reach the sign-in provider at ${config.issuer}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  return {
    providerName: config.providerName,

    async begin({ origin, returnTo }) {
      const found = await reachableProvider();
      const redirectUri = config.redirectUrl ?? `${origin}${OIDC_CALLBACK_PATH}`;
      const flow: Flow = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: oidc.randomPKCECodeVerifier(),
        redirectUri,
        returnTo,
        expiresAt: clock() + SSO_FLOW_TTL_MS,
      };
      const authorizationUrl = oidc.buildAuthorizationUrl(found, {
        redirect_uri: redirectUri,
        scope: config.scopes,
        response_type: "code",
        code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: "S256",
        state: flow.state,
        nonce: flow.nonce,
      });
      return { authorizationUrl: authorizationUrl.href, sealedFlow: sealFlow(flow, key) };
    },

    async finish({ query, sealedFlow }) {
      const flow = sealedFlow === undefined ? null : openFlow(sealedFlow, key);
      if (!flow || flow.expiresAt <= clock()) {
        throw new SsoRefusal(
          "sso-flow-missing",
          "This sign-in was not started in this browser, took longer than 10 minutes, or was already used.",
        );
      }
      const found = await reachableProvider();
      const currentUrl = new URL(flow.redirectUri);
      currentUrl.search = query;
      let claims: Record<string, unknown>;
      try {
        const tokens = await oidc.authorizationCodeGrant(found, currentUrl, {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        const idClaims = tokens.claims();
        if (!idClaims) throw new Error("the provider answered no ID token");
        claims = idClaims as Record<string, unknown>;
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw new SsoRefusal("sso-failed", `The provider's answer did not pass the checks: ${why}`);
      }
      const username = ssoOperatorName(claims);
      const role = roleForGroups(groupsOf(claims, config.groupsClaim), config);
      if (role === null) {
        throw new SsoRefusal(
          "sso-no-group",
          `${username} is in no group mapped to the console (claim "${config.groupsClaim}").`,
          username,
        );
      }
      await ensureSsoOperator(
        operators,
        { username, role, marker: subjectMarker(config.issuer, String(claims.sub)) },
        clock(),
      );
      return { operator: { username, role }, returnTo: flow.returnTo };
    },

    async endSessionUrl(origin) {
      let found: oidc.Configuration;
      try {
        found = await provider();
      } catch {
        return null;
      }
      if (!found.serverMetadata().end_session_endpoint) return null;
      const back = new URL("/sign-in", config.redirectUrl ?? origin);
      return oidc.buildEndSessionUrl(found, {
        client_id: config.clientId,
        post_logout_redirect_uri: back.href,
      }).href;
    },
  };
}
