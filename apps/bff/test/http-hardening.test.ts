/**
 * Issue 20, the HTTP surface: slow clients, security headers on every answer, CSV cells that no
 * spreadsheet runs, trusted proxies, the Host allowlist, source maps, /readyz and scrypt parameters.
 * Over HTTP (and raw sockets) against the running app.
 */
import { writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { connect, type Socket } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_SCRYPT_PARAMS, hashPassword } from "../src/features/operators/password.ts";
import { SECURITY_HEADERS } from "../src/plugins/security-headers.ts";
import { ADMIN, addOperator, startTestApp, type TestApp, TestBrowser } from "./auth-support.ts";
import { fakeWebDist } from "./helpers.ts";

// Each test starts an app (and some hash with production scrypt): budget for a busy 2-core machine.
vi.setConfig({ testTimeout: 30_000 });
let t: TestApp | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await t?.close();
  t = undefined;
});

function portOf(app: TestApp): number {
  return Number(new URL(app.baseUrl).port);
}

/** A raw connection; resolves `closed` when the server closes it, with whatever it sent first. */
function rawConnection(port: number): { socket: Socket; connected: Promise<void>; closed: Promise<string> } {
  const socket = connect(port, "127.0.0.1");
  sockets.push(socket);
  let received = "";
  socket.on("data", (chunk: Buffer) => {
    received += chunk.toString("latin1");
  });
  socket.on("error", () => {});
  return {
    socket,
    connected: new Promise((resolve) => socket.once("connect", () => resolve())),
    closed: new Promise((resolve) => socket.once("close", () => resolve(received))),
  };
}

/** GET with a Host header of our choice (fetch does not let a caller set it). */
function getWithHost(
  port: number,
  url: string,
  host: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path: url, headers: { host } }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const SLOW_CLIENT_LIMITS = {
  HTTP_HEADERS_TIMEOUT_MS: "200",
  HTTP_REQUEST_TIMEOUT_MS: "400",
  HTTP_KEEP_ALIVE_TIMEOUT_MS: "200",
  AWS_REQUEST_DEADLINE_MS: "100",
  HTTP_IDLE_TIMEOUT_MS: "500",
};

describe("slow and idle clients", () => {
  it("closes a connection that never sends a request", async () => {
    t = await startTestApp({ env: SLOW_CLIENT_LIMITS });
    const silent = rawConnection(portOf(t));
    await silent.connected;
    await silent.closed;
  });

  it("closes a connection whose headers never end, answering 408", async () => {
    t = await startTestApp({ env: SLOW_CLIENT_LIMITS });
    const trickle = rawConnection(portOf(t));
    await trickle.connected;
    trickle.socket.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    expect(await trickle.closed).toMatch(/^HTTP\/1\.1 408/);
  });

  it("closes an idle keep-alive connection after its answer", async () => {
    t = await startTestApp({ env: SLOW_CLIENT_LIMITS });
    const kept = rawConnection(portOf(t));
    await kept.connected;
    kept.socket.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n");
    expect(await kept.closed).toMatch(/^HTTP\/1\.1 200/);
  });

  it("refuses connections beyond the cap at once", async () => {
    t = await startTestApp({ env: { HTTP_MAX_CONNECTIONS: "2" } });
    const app = t.app;
    const held = [rawConnection(portOf(t)), rawConnection(portOf(t))];
    await Promise.all(held.map((c) => c.connected));
    // Wait until the server has accepted both (it runs in this process).
    for (;;) {
      const open = await new Promise<number>((resolve) => app.server.getConnections((_e, n) => resolve(n)));
      if (open >= 2) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const third = rawConnection(portOf(t));
    third.socket.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    expect(await third.closed).toBe("");
  });
});

describe("security headers", () => {
  function expectSecurityHeaders(headers: Headers | Record<string, unknown>, what: string): void {
    const get = (name: string) =>
      headers instanceof Headers ? headers.get(name) : (headers as Record<string, unknown>)[name];
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      expect(get(name), `${name} on ${what}`).toBe(value);
  }

  it("are exactly helmet's on an ordinary answer (the fallback copy cannot drift)", async () => {
    t = await startTestApp();
    const answer = await fetch(`${t.baseUrl}/api/session`);
    expectSecurityHeaders(answer.headers, "/api/session");
  });

  it("are on every answer, whatever produced it and however its path is spelled; API answers are no-store", async () => {
    t = await startTestApp({ env: { WEB_DIST: fakeWebDist() } });
    for (const url of [
      "/api/%zz",
      "/api/pools/%E0%A4%A",
      "/api/no-such-route",
      "//api/session",
      "/api//session",
      "/API/session",
      "/%61pi/session",
      "/healthz",
      "/readyz",
      "/api/session",
      "/api/openapi.json",
    ]) {
      const answer = await fetch(`${t.baseUrl}${url}`);
      expectSecurityHeaders(answer.headers, url);
      if (!answer.headers.get("content-type")?.startsWith("text/html"))
        expect(answer.headers.get("cache-control"), `cache-control on ${url}`).toBe("no-store");
    }
    const asset = await fetch(`${t.baseUrl}/app.js`);
    expect(asset.status).toBe(200);
    expectSecurityHeaders(asset.headers, "/app.js");
    // A dozen requests: more than the default budget on a busy machine.
  }, 30_000);

  it("are on the 431 that Node's parser answers to oversized headers", async () => {
    t = await startTestApp();
    const big = rawConnection(portOf(t));
    await big.connected;
    big.socket.write(`GET /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`);
    const raw = await big.closed;
    expect(raw).toMatch(/^HTTP\/1\.1 431/);
    const head = raw.slice(0, raw.indexOf("\r\n\r\n")).toLowerCase();
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      expect(head).toContain(`${name}: ${value.toLowerCase()}`);
    expect(head).toContain("cache-control: no-store");
  });
});

describe("security headers on the answers Node writes itself", () => {
  /** Every answer head in what a raw connection received, lower-cased. */
  function heads(raw: string): string[] {
    return raw
      .split(/(?=HTTP\/1\.1 \d{3} )/)
      .filter((part) => part.startsWith("HTTP/1.1 "))
      .map((part) => part.slice(0, part.indexOf("\r\n\r\n")).toLowerCase());
  }
  function expectHeaders(head: string): void {
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      expect(head, head.split("\r\n")[0]).toContain(`${name}: ${value.toLowerCase()}`);
    expect(head, head.split("\r\n")[0]).toContain("cache-control: no-store");
  }

  // Found by attack: Node answered 417 (an Expect it does not know) and 503 (past
  // HTTP_MAX_REQUESTS_PER_SOCKET) on its own, with none of the headers.
  it("are on the 417 answered to an Expect header the server does not know", async () => {
    t = await startTestApp();
    const connection = rawConnection(portOf(t));
    await connection.connected;
    connection.socket.write(
      "GET /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: something-else\r\nConnection: close\r\n\r\n",
    );
    const [head = ""] = heads(await connection.closed);
    expect(head).toMatch(/^http\/1\.1 417/);
    expectHeaders(head);
  });

  it("are on every answer of a connection that goes past the requests allowed per connection", async () => {
    t = await startTestApp({ env: { HTTP_MAX_REQUESTS_PER_SOCKET: "2" } });
    const connection = rawConnection(portOf(t));
    await connection.connected;
    connection.socket.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".repeat(4));
    const answers = heads(await connection.closed);
    expect(answers.length).toBeGreaterThanOrEqual(2);
    expect(answers.filter((head) => head.startsWith("http/1.1 200"))).toHaveLength(2);
    for (const head of answers) expectHeaders(head);
  });
});

/** Splits one CSV line as a spreadsheet assuming `separator` would, honouring quotes. */
function spreadsheetCells(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === separator) {
      cells.push(cell);
      cell = "";
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

describe("the audit CSV export", () => {
  it("holds no cell a spreadsheet could run as a formula, whichever separator it assumes", async () => {
    t = await startTestApp();
    await addOperator(t.stores, ADMIN);
    const hostile = [
      '=HYPERLINK("http://x")',
      "a;=cmd|' /C calc'!A0",
      "b\t+SUM(1,2)",
      "c|@SUM(A1)",
      "\uFF1D1+1",
      "\uFF0BSUM(A1)",
      "\uFF20SUM(A1)",
      "\uFF0D2+3",
      // The small forms, which NFKC folds to = + - @ as it folds the full-width ones.
      "\uFE661+1",
      "x;\uFE62SUM(A1)",
      "\uFE632+3",
      "\uFE6BSUM(A1)",
      "-2+3",
      "\r=1+1",
      'd;"=1+1"',
      "e, -1+2",
      '{"note":"x","cmd":"=1+1"}',
    ];
    for (const resource of hostile)
      await t.stores.audit.append({
        at: 1,
        operator: null,
        role: null,
        action: "session.sign-in",
        outcome: "failure",
        resource,
      });
    const browser = new TestBrowser(t.baseUrl);
    await browser.signIn(ADMIN.username, ADMIN.password);
    const csv = await browser.request("GET", "/api/audit/export?format=csv");
    expect(csv.status).toBe(200);
    const lines = csv.text.split("\r\n").filter((line) => line !== "");
    for (const separator of [",", ";", "\t", "|"]) {
      for (const line of lines) {
        for (const cell of spreadsheetCells(line, separator))
          expect(cell, `a cell split on ${JSON.stringify(separator)}`).not.toMatch(
            /^(?:[\t\r]|[\s"]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE62\uFE63\uFE66\uFE6B])/,
          );
      }
    }
  });
});

describe("behind a proxy", () => {
  it("ignores X-Forwarded-For from a client that is not a configured proxy", async () => {
    t = await startTestApp({ env: { TRUST_PROXY: "10.9.9.9" } });
    await addOperator(t.stores, ADMIN);
    await new TestBrowser(t.baseUrl).request("POST", "/api/session", {
      body: { username: ADMIN.username, password: "a wrong password" },
      headers: { "x-forwarded-for": "198.51.100.1" },
    });
    const { items } = await t.stores.audit.list({ action: "session.sign-in" }, { limit: 10 });
    expect(items.map((r) => r.resource)).toEqual(["address:127.0.0.1"]);
  });
});

describe("the Host allowlist (DNS rebinding)", () => {
  it("sandbox mode answers loopback names only", async () => {
    t = await startTestApp();
    const port = portOf(t);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`])
      expect((await getWithHost(port, "/api/session", host)).status, host).toBe(401);
    const rebound = await getWithHost(port, "/api/session", `attacker.example:${port}`);
    expect(rebound.status).toBe(421);
    expect(rebound.headers["content-security-policy"]).toBe(SECURITY_HEADERS["content-security-policy"]);
    expect((await getWithHost(port, "/", "attacker.example")).status).toBe(421);
    // Orchestrators' probes address the process by IP; they hold no data.
    expect((await getWithHost(port, "/healthz", "10.1.2.3:3000")).status).toBe(200);
  });

  it("aws mode answers the configured names", async () => {
    t = await startTestApp({
      env: { CLC_MODE: "aws", AWS_REGION: "us-east-1", CLC_ALLOWED_HOSTS: "console.example.com" },
    });
    const port = portOf(t);
    expect((await getWithHost(port, "/api/session", "console.example.com")).status).toBe(401);
    expect((await getWithHost(port, "/api/session", "attacker.example")).status).toBe(421);
  });
});

describe("production answers", () => {
  it("serves no source maps in aws mode (404, not the page), and does in sandbox mode", async () => {
    const dist = fakeWebDist();
    writeFileSync(path.join(dist, "app.js.map"), '{"version":3,"sources":["secret.ts"]}');
    t = await startTestApp({
      env: { CLC_MODE: "aws", AWS_REGION: "us-east-1", WEB_DIST: dist },
    });
    const map = await fetch(`${t.baseUrl}/app.js.map`);
    expect(map.status).toBe(404);
    expect(await map.text()).not.toContain("secret.ts");
    expect((await fetch(`${t.baseUrl}/app.js`)).status).toBe(200);
    await t.close();
    t = await startTestApp({ env: { WEB_DIST: dist } });
    expect((await fetch(`${t.baseUrl}/app.js.map`)).status).toBe(200);
  });

  it("/readyz says not ready without AWS's error detail", async () => {
    // The test app's AWS is an address where nothing listens.
    t = await startTestApp({ env: { CLC_MODE: "aws", AWS_REGION: "us-east-1" } });
    const answer = await fetch(`${t.baseUrl}/readyz`);
    expect(answer.status).toBe(503);
    const text = await answer.text();
    expect(JSON.parse(text).type).toBe("urn:clc:problem:not-ready");
    expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|GetCallerIdentity|sts/i);
  });
});

describe("password hashes", () => {
  it("use OWASP's scrypt parameters, and an older hash is upgraded at the next sign-in", async () => {
    // OWASP: N=2^17,r=8,p=1, or as strong with less memory: N=2^16/p=2, 2^15/p=3, 2^14/p=5, 2^13/p=10.
    const owasp = [
      [2 ** 17, 1],
      [2 ** 16, 2],
      [2 ** 15, 3],
      [2 ** 14, 5],
      [2 ** 13, 10],
    ];
    const { N, r, p } = DEFAULT_SCRYPT_PARAMS;
    expect(r).toBeGreaterThanOrEqual(8);
    expect(owasp.some(([minN, minP]) => N >= (minN ?? 0) && p >= (minP ?? 0))).toBe(true);

    t = await startTestApp({ access: { passwordParams: DEFAULT_SCRYPT_PARAMS } });
    const old = await hashPassword(ADMIN.password, { N: 2 ** 15, r: 8, p: 1 });
    await t.stores.operators.add({ username: ADMIN.username, role: "admin", passwordHash: old }, 1);
    expect((await new TestBrowser(t.baseUrl).signIn(ADMIN.username, ADMIN.password)).status).toBe(200);
    const stored = await t.stores.operators.get(ADMIN.username);
    expect(stored?.passwordHash).toMatch(new RegExp(`^scrypt\\$N=${N},r=${r},p=${p}\\$`));
    // Production scrypt parameters: slow on a busy machine.
  }, 60_000);
});
