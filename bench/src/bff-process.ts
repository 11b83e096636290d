/** Starts the BFF in a child process (bff-child.ts) and talks to it like the browser does. */
import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BFF_ENV, BFF_NODE_FLAGS } from "../../apps/bff/src/node-flags.ts";
import { BENCH_ADMIN } from "./bench-admin.ts";
import { benchBffBundle } from "./bff-bundle.ts";

export { BENCH_ADMIN };

const BENCH_DIR = fileURLToPath(new URL("../", import.meta.url));

export interface BffMemory {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  gcRan: boolean;
}

export interface BffProcess {
  baseUrl: string;
  pid: number;
  /** Session cookie + CSRF token, as the SPA holds them after sign-in. */
  client: BffClient;
  /** performance.now() when the process was spawned, and how long until it listened (ms). */
  spawnedAt: number;
  readyMs: number;
  memory(options?: { gc?: boolean }): Promise<BffMemory>;
  stop(): Promise<void>;
}

export interface StartBffOptions {
  sandboxEndpoint: string;
  /** Extra environment (COGNITO_READ_RPS, WEB_DIST, …); the BFF's own variable names. */
  env?: Record<string, string>;
  /**
   * The data directory (its store keeps the fleet's state): given, it is kept when the BFF stops, so
   * another BFF can start on it (the restart scenario); otherwise a temporary one, removed at stop.
   */
  dataDir?: string;
  /** Node flags of the BFF process; default BENCH_BFF_NODE_FLAGS (space-separated), else BFF_NODE_FLAGS, the product's. */
  nodeFlags?: readonly string[];
}

/**
 * The SDK's notice that its releases from January 2027 need Node 22 (this machine runs 20): printed
 * once per thread of each process the bench starts, it buried the bench's own lines. The product
 * keeps it (an operator on Node 20 should see it); scripts/test.sh turns it off the same way.
 */
export const QUIET_SDK_ENV = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" } as const;

export async function startBff(options: StartBffOptions): Promise<BffProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "clc-bench-"));
  const spawnedAt = performance.now();
  const child: ChildProcess = fork(await benchBffBundle(), [], {
    cwd: BENCH_DIR,
    // BENCH_BFF_CPU_PROF=<dir>: the BFF child writes a V8 CPU profile there when it exits.
    execArgv: [
      "--expose-gc",
      ...(options.nodeFlags ??
        process.env.BENCH_BFF_NODE_FLAGS?.split(" ").filter(Boolean) ??
        BFF_NODE_FLAGS),
      ...(process.env.BENCH_BFF_CPU_PROF
        ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_BFF_CPU_PROF}`]
        : []),
    ],
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      // The product's process environment (MALLOC_ARENA_MAX), as the container starts it.
      ...BFF_ENV,
      ...QUIET_SDK_ENV,
      CLC_MODE: "sandbox",
      SANDBOX_ENDPOINT: options.sandboxEndpoint,
      CLC_DATA_DIR: dataDir,
      LOG_LEVEL: "silent",
      WEB_DIST: "/nonexistent-web-dist-for-bench",
      ...options.env,
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`the bench BFF exited with code ${code} before it was ready`));
    child.once("exit", onExit);
    child.on("message", function onMessage(message: unknown) {
      const m = message as { type?: string; port?: number };
      if (m.type === "ready" && typeof m.port === "number") {
        child.off("exit", onExit);
        child.off("message", onMessage);
        resolve(m.port);
      }
    });
  });
  const readyMs = performance.now() - spawnedAt;
  const baseUrl = `http://127.0.0.1:${port}`;
  const client = new BffClient(baseUrl);
  await client.signIn(BENCH_ADMIN.username, BENCH_ADMIN.password);
  return {
    baseUrl,
    pid: child.pid ?? -1,
    client,
    spawnedAt,
    readyMs,
    memory(memoryOptions = {}) {
      return new Promise<BffMemory>((resolve) => {
        child.on("message", function onMessage(message: unknown) {
          const m = message as { type?: string } & BffMemory;
          if (m.type === "memory") {
            child.off("message", onMessage);
            const { type: _type, ...memory } = m;
            resolve(memory);
          }
        });
        child.send({ type: "memory", gc: memoryOptions.gc === true });
      });
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        child.send({ type: "stop" });
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A minimal browser: keeps the session cookie and sends the CSRF token on writes. */
export class BffClient {
  cookie = "";
  csrfToken = "";

  constructor(readonly baseUrl: string) {}

  headers(method: string): Record<string, string> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (method !== "GET" && this.csrfToken) headers["x-csrf-token"] = this.csrfToken;
    return headers;
  }

  async request(
    method: string,
    pathAndQuery: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const headers = this.headers(method);
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${this.baseUrl}${pathAndQuery}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === "" ? null : JSON.parse(text);
    } catch {
      // not JSON: keep the text for the error message
    }
    return { status: response.status, body: parsed };
  }

  async json<T>(method: string, pathAndQuery: string, body?: unknown): Promise<T> {
    const answer = await this.request(method, pathAndQuery, body);
    if (answer.status >= 400) {
      throw new Error(
        `${method} ${pathAndQuery} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`,
      );
    }
    return answer.body as T;
  }

  async signIn(username: string, password: string): Promise<void> {
    const response = await fetch(`${this.baseUrl}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
    if (response.status === 404) return; // a BFF without operator access: nothing to sign in to
    if (response.status !== 200)
      throw new Error(`bench sign-in failed with ${response.status}: ${await response.text()}`);
    const session = (await response.json()) as { csrfToken?: unknown };
    if (typeof session.csrfToken !== "string") throw new Error("the sign-in answer carries no csrfToken");
    this.csrfToken = session.csrfToken;
    this.cookie = response.headers
      .getSetCookie()
      .map((line) => line.split(";")[0] ?? "")
      .filter((pair) => pair.includes("="))
      .join("; ");
  }
}
