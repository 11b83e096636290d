/**
 * A real OpenID provider for the single sign-on tests: `oidc-provider` (the certified Node provider)
 * on a loopback port, with its development login and consent pages, which the tests fill in over
 * HTTP like a browser would. Nothing of the console's side is mocked.
 *
 * To test that the console refuses bad ID tokens, the provider's own token endpoint answer can be
 * rewritten on its way out (`tamperIdToken`): a man in the middle of the token endpoint, re-signing
 * with the provider's key (so only the changed claim is wrong) or with another key, or not at all.
 */
import { createSign, generateKeyPairSync, type JsonWebKey, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import Provider from "oidc-provider";
import { TestBrowser } from "./auth-support.ts";

export const CLIENT_ID = "cognito-log-console";
export const CLIENT_SECRET = "a client secret long enough for HMAC and for the flow cookie key";
export const KEY_ID = "test-signing-key";

export interface TestUser {
  readonly preferred_username?: string;
  readonly email?: string;
  readonly groups?: readonly string[];
}

export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly jwk: JsonWebKey;
}

export function newSigningKey(): SigningKey {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { privateKey, jwk: privateKey.export({ format: "jwk" }) };
}

/** An RS256 JWT over `payload`, with the header the provider uses. */
export function signJwt(payload: Record<string, unknown>, key: KeyObject, kid = KEY_ID): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const input = `${encode({ alg: "RS256", kid })}.${encode(payload)}`;
  const signature = createSign("RSA-SHA256").update(input).sign(key).toString("base64url");
  return `${input}.${signature}`;
}

export function jwtPayload(token: string): Record<string, unknown> {
  const [, payload] = token.split(".");
  return JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
}

export interface TestProvider {
  readonly issuer: string;
  readonly key: SigningKey;
  /** Accounts by login name (the `sub`); the dev login page accepts any password. */
  readonly users: Map<string, TestUser>;
  /** When set, every ID token the token endpoint answers is replaced by what this returns. */
  tamperIdToken: ((idToken: string) => string) | null;
  /**
   * Registers a console's callback and post-logout URLs (they hold its port, known once it listens)
   * for the one client; every console registered so far stays registered.
   */
  register(console: { redirectUri: string; postLogoutRedirectUri: string }): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/**
 * Listens first (the issuer URL holds the port, and the console is configured with it); the provider
 * itself is made at `register`, once the console's callback URL is known.
 */
export async function startTestProvider(): Promise<TestProvider> {
  const key = newSigningKey();
  const users = new Map<string, TestUser>();
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  let innerBase = "";
  let inner: Server | null = null;
  const redirectUris = new Set<string>();
  const postLogoutRedirectUris = new Set<string>();

  const outer = createServer((req, res) => {
    void (async () => {
      if (!handler) {
        res.writeHead(503).end("provider not registered yet");
        return;
      }
      if (state.tamperIdToken && req.method === "POST" && req.url?.startsWith("/token")) {
        // The man in the middle: pass the request to the provider, rewrite its ID token.
        const body = await readBody(req);
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers))
          if (typeof value === "string" && name !== "content-length") headers.set(name, value);
        const answer = await fetch(`${innerBase}${req.url}`, { method: "POST", headers, body });
        const json = (await answer.json()) as Record<string, unknown>;
        if (typeof json.id_token === "string") json.id_token = state.tamperIdToken(json.id_token);
        res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(json));
        return;
      }
      handler(req, res);
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => outer.listen(0, "127.0.0.1", resolve));
  const address = outer.address();
  if (address === null || typeof address === "string") throw new Error("the provider did not listen");
  const issuer = `http://127.0.0.1:${address.port}`;

  const state: TestProvider = {
    issuer,
    key,
    users,
    tamperIdToken: null,
    register(console) {
      redirectUris.add(console.redirectUri);
      postLogoutRedirectUris.add(console.postLogoutRedirectUri);
      // oidc-provider's clients are fixed at construction: a new provider (same issuer and key).
      inner?.closeAllConnections();
      inner?.close();
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: CLIENT_ID,
            client_secret: CLIENT_SECRET,
            redirect_uris: [...redirectUris],
            post_logout_redirect_uris: [...postLogoutRedirectUris],
            grant_types: ["authorization_code"],
            response_types: ["code"],
            token_endpoint_auth_method: "client_secret_post",
          },
        ],
        jwks: { keys: [{ ...key.jwk, kid: KEY_ID, alg: "RS256", use: "sig" }] },
        async findAccount(_ctx: unknown, id: string) {
          const user = users.get(id);
          if (!user) return undefined;
          return { accountId: id, claims: () => ({ sub: id, ...user }) };
        },
        // Groups ride with `openid`, as many providers put them in every ID token.
        claims: { openid: ["sub", "groups"], profile: ["preferred_username"], email: ["email"] },
        // The user's claims in the ID token itself, not only at the userinfo endpoint.
        conformIdTokenClaims: false,
        features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
        cookies: { keys: ["test provider cookie key"] },
      });
      // The dev interactions warn on the console at start; the tests need none of it.
      provider.on("server_error", () => {});
      handler = provider.callback();
      const innerHandler = handler;
      inner = createServer((req, res) => innerHandler(req, res));
      inner.listen(0, "127.0.0.1", () => {
        const innerAddress = inner?.address();
        if (innerAddress && typeof innerAddress === "object")
          innerBase = `http://127.0.0.1:${innerAddress.port}`;
      });
    },
    async close() {
      outer.closeAllConnections();
      inner?.closeAllConnections();
      await new Promise<void>((resolve) => outer.close(() => resolve()));
      if (inner) await new Promise<void>((resolve) => inner?.close(() => resolve()));
    },
  };
  return state;
}

/**
 * Plays the user at the provider: from the authorization URL the console redirected to, through the
 * provider's login page (as `login`) and consent page, to the redirect back to the console. Answers
 * that redirect URL (the console's callback with `code`, `state` and `iss`, or `error`).
 */
export async function loginAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const origin = new URL(authorizationUrl).origin;
  // A browser of its own at the provider, keeping the provider's interaction and session cookies.
  const browser = new TestBrowser(origin);
  let url = new URL(authorizationUrl);
  let form: URLSearchParams | null = null;
  for (let step = 0; step < 20; step++) {
    const answer = await browser.request(form ? "POST" : "GET", `${url.pathname}${url.search}`, {
      ...(form
        ? { body: form.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } }
        : {}),
    });
    form = null;
    const location = answer.headers.get("location");
    if (answer.status >= 300 && answer.status < 400 && location) {
      url = new URL(location, url);
      if (url.origin !== origin) return url;
      continue;
    }
    if (answer.status !== 200)
      throw new Error(`the provider answered ${answer.status}: ${answer.text.slice(0, 500)}`);
    // Both pages post back to the page's own URL.
    if (answer.text.includes('name="prompt" value="login"')) {
      form = new URLSearchParams({ prompt: "login", login, password: "any password" });
    } else if (answer.text.includes('name="prompt" value="consent"')) {
      form = new URLSearchParams({ prompt: "consent" });
    } else {
      throw new Error(`unexpected provider page: ${answer.text.slice(0, 500)}`);
    }
  }
  throw new Error("the provider never redirected back to the console");
}
