/**
 * Issue 20 for the sandbox: it answers loopback names only (DNS rebinding), its control endpoints
 * refuse cross-site requests, and its state file (which holds access keys) is private. Over HTTP.
 */
import { chmodSync, statSync } from "node:fs";
import { request as httpRequest } from "node:http";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../src/index.ts";
import { tempDirs } from "../test-support/index.ts";
import { jsonCall } from "./support/aws.ts";

const tempDir = tempDirs("sandbox-private-");
let sandbox: RunningSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

/** A request with headers fetch would not let us set (Host). */
function call(
  endpoint: string,
  method: string,
  url: string,
  headers: Record<string, string>,
  body = "",
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, method, path: url, headers }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => {
        text += chunk.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("the sandbox's HTTP surface", () => {
  it("answers loopback host names only, so a rebound DNS name cannot reach it", async () => {
    sandbox = await startSandbox();
    const { port } = new URL(sandbox.endpoint);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`])
      expect((await call(sandbox.endpoint, "GET", "/_sandbox/health", { host })).status, host).toBe(200);
    const rebound = await call(sandbox.endpoint, "GET", "/_sandbox/health", {
      host: `attacker.example:${port}`,
    });
    expect(rebound.status).toBe(421);
    expect((await call(sandbox.endpoint, "POST", "/", { host: "attacker.example" })).status).toBe(421);
  });

  it("refuses cross-site requests to its control endpoints, and changes nothing", async () => {
    sandbox = await startSandbox();
    const { host } = new URL(sandbox.endpoint);
    const patch = JSON.stringify({ faults: { errorRate: 1 } });
    const fromPage: Record<string, string>[] = [
      { origin: "https://attacker.example" },
      { origin: "null" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
    ];
    for (const headers of fromPage) {
      const answer = await call(
        sandbox.endpoint,
        "POST",
        "/_sandbox/config",
        { host, "content-type": "text/plain", ...headers },
        patch,
      );
      expect(answer.status, JSON.stringify(headers)).toBe(403);
    }
    const config = await call(sandbox.endpoint, "GET", "/_sandbox/config", { host });
    expect(JSON.parse(config.body).faults.errorRate).toBe(0);
    // Tools (no Origin) and the sandbox's own origin still can.
    const own = await call(
      sandbox.endpoint,
      "POST",
      "/_sandbox/config",
      { host, origin: sandbox.endpoint, "sec-fetch-site": "same-origin" },
      JSON.stringify({ latencyMs: 1 }),
    );
    expect(own.status).toBe(200);
  });

  it("refuses cross-site requests to its AWS endpoints too: a web page's form cannot create an IAM role", async () => {
    // Found by attack: IAM's query protocol takes a form POST (a "simple" request, no preflight), and
    // SigV4 presigned-style query parameters stand in for the Authorization header a page cannot send.
    sandbox = await startSandbox();
    const { host } = new URL(sandbox.endpoint);
    const presigned =
      "/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test%2F20240101%2Fus-east-1%2Fiam%2Faws4_request" +
      "&X-Amz-Date=20240101T000000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=0";
    const form = { host, "content-type": "application/x-www-form-urlencoded" };
    const create =
      "Action=CreateRole&Version=2010-05-08&RoleName=from-a-web-page&AssumeRolePolicyDocument=%7B%7D";
    const fromPage: Record<string, string>[] = [
      { origin: "https://attacker.example" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of fromPage) {
      const answer = await call(sandbox.endpoint, "POST", presigned, { ...form, ...headers }, create);
      expect(answer.status, JSON.stringify(headers)).toBe(403);
    }
    const read = await call(
      sandbox.endpoint,
      "POST",
      presigned,
      form,
      "Action=GetRole&Version=2010-05-08&RoleName=from-a-web-page",
    );
    expect(read.body).toContain("NoSuchEntity");
  });

  it("writes its state file for its owner only, and warns when others can read the directory", async () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const lines: string[] = [];
    sandbox = await startSandbox({ dataDir: dir, log: (line) => lines.push(line) });
    expect(lines.join("\n")).toMatch(/can be read by other users.*chmod 700/);
    await jsonCall(sandbox.endpoint, "us-east-1", "cognito-idp", "CreateUserPool", { PoolName: "private" });
    expect(statSync(path.join(dir, "sandbox-state.json")).mode & 0o777).toBe(0o600);
  });
});
