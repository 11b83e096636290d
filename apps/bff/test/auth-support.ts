/**
 * Test support for the access-control tests: the real app (buildApp) with the auth plugin over an
 * in-memory store, a controllable clock, listening on a free loopback port; and a tiny "browser"
 * that keeps the session cookie and CSRF token like the web app does.
 */
import type { OperatorRole } from "@clc/domain";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { buildApp } from "../src/app.ts";
import type { AwsTarget } from "../src/aws/clients.ts";
import { loadConfig } from "../src/config.ts";
import { createAuditSink } from "../src/features/audit/sink.ts";
import type { AuditSink } from "../src/features/audit/trail.ts";
import { hashPassword, type ScryptParams } from "../src/features/operators/password.ts";
import { type AccessControlOptions, createAccessControl } from "../src/plugins/access.ts";
import { createSqliteStores } from "../src/store/sqlite/index.ts";
import type { Stores } from "../src/store/types.ts";

/** Cheap scrypt parameters: the tests exercise the logic, not the cost. */
export const TEST_PASSWORD_PARAMS: ScryptParams = { N: 1024, r: 8, p: 1 };
export const ADMIN = { username: "alice", password: "correct horse battery staple", role: "admin" } as const;
export const VIEWER = { username: "victor", password: "viewer password 1234", role: "viewer" } as const;

export interface TestClock {
  (): number;
  advance(ms: number): void;
}

export function testClock(start = Date.parse("2025-03-01T09:00:00Z")): TestClock {
  let now = start;
  const clock = (() => now) as TestClock;
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

export async function addOperator(
  stores: Stores,
  operator: { username: string; password: string; role: OperatorRole },
): Promise<void> {
  const passwordHash = await hashPassword(operator.password, TEST_PASSWORD_PARAMS);
  await stores.operators.add({ username: operator.username, role: operator.role, passwordHash }, Date.now());
}

export interface TestApp {
  app: FastifyInstance;
  baseUrl: string;
  stores: Stores;
  clock: TestClock;
  close(): Promise<void>;
}

export interface TestAppOptions {
  clock?: TestClock;
  stores?: Stores;
  env?: Record<string, string>;
  target?: AwsTarget;
  logger?: FastifyServerOptions["logger"];
  /** Capture the production logger's output (its redaction included) instead of silencing it. */
  logStream?: { write(line: string): void };
  audit?: AuditSink;
  access?: Partial<AccessControlOptions>;
  /** Extra routes, added before the app is ready (e.g. an admin-only route to test CSRF on). */
  extraRoutes?: (app: FastifyInstance) => void;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const clock = options.clock ?? testClock();
  const stores = options.stores ?? createSqliteStores(":memory:");
  const config = loadConfig({
    CLC_MODE: "sandbox",
    LOG_LEVEL: "silent",
    WEB_DIST: "/nonexistent-web-dist-for-tests",
    // Change events poll AWS in the background (features/freshness): tests that count calls turn it
    // on themselves (freshness.test.ts), as helpers.ts startStack does.
    CLC_FRESHNESS: "off",
    ...options.env,
  });
  const audit = options.audit ?? createAuditSink({ store: stores.audit, clock });
  const app = await buildApp({
    config,
    target: options.target ?? { mode: "sandbox", endpoint: "http://127.0.0.1:9" },
    auth: createAccessControl({
      stores,
      clock,
      passwordParams: TEST_PASSWORD_PARAMS,
      audit,
      oidc: config.oidc,
      localOperators: config.localOperators,
      ...options.access,
    }),
    audit,
    creationRuns: stores.creationRuns,
    batchStores: stores,
    standardStore: stores.standard,
    ...(options.logStream ? { logStream: options.logStream } : { logger: options.logger ?? false }),
  });
  options.extraRoutes?.(app);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (address === null || typeof address === "string")
    throw new Error("the app did not listen on a TCP port");
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    stores,
    clock,
    async close() {
      await app.close();
      await stores.close();
    },
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** Keeps the cookies a server sets and the CSRF token from the session answer, like the SPA. */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(readonly baseUrl: string) {}

  async request(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; csrf?: boolean } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    }
    if (options.csrf !== false && this.csrfToken !== undefined && method !== "GET") {
      headers["x-csrf-token"] ??= this.csrfToken;
    }
    let body: string | undefined;
    if (options.body !== undefined) {
      headers["content-type"] ??= "application/json";
      body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line);
      if (value === "" || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === "" ? null : JSON.parse(text);
    } catch {
      // Not JSON (CSV export, HTML): keep the text.
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  }

  async signIn(username: string, password: string): Promise<Answer> {
    const answer = await this.request("POST", "/api/session", { body: { username, password } });
    if (answer.status === 200) this.csrfToken = (answer.body as { csrfToken: string }).csrfToken;
    return answer;
  }
}

export function problemType(answer: Answer): string | undefined {
  return (answer.body as { type?: string } | null)?.type;
}
