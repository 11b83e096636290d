/**
 * The process's own shutdown order (src/main.ts), on SIGTERM: the fleet and freshness services finish
 * their last writes before the store closes. Fastify runs onClose hooks last-added first, and the
 * store closed in a hook main.ts added after buildApp's: the rows read in the last second before a
 * shutdown (written in batches, once a second) then met a closed database and were lost, and with
 * them the fleet-read marks and the sweep lease's release. The other tests close the store after
 * app.close() themselves, so only the real process shows it. The embedded sandbox, over HTTP.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { databasePath } from "../src/store/sqlite/index.ts";
import { TestBrowser } from "./auth-support.ts";
import { until } from "./poll.ts";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const PASSWORD = "shutdown test admin password";

describe("a SIGTERM right after a fleet read", { timeout: 90_000 }, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "clc-shutdown-"));
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps every row read and the read's end in the store", async () => {
    child = spawn(process.execPath, ["--import", "tsx", MAIN], {
      cwd: path.dirname(MAIN),
      env: {
        PATH: process.env.PATH ?? "",
        CLC_MODE: "sandbox",
        CLC_DATA_DIR: dataDir,
        CLC_DEMO_ADMIN_PASSWORD: PASSWORD,
        CLC_DEMO_VIEWER_PASSWORD: `${PASSWORD} viewer`,
        PORT: "0",
        LOG_LEVEL: "silent",
        CLC_FRESHNESS: "off",
        WEB_DIST: "/nonexistent-web-dist-for-tests",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const process_ = child;
    let output = "";
    const baseUrl = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /open (http:\/\/[^/\s]+)\//.exec(output);
        if (match?.[1]) resolve(match[1]);
      };
      process_.stdout?.on("data", onData);
      process_.stderr?.on("data", onData);
      process_.once("exit", (code) => reject(new Error(`exited (${code}) before listening:\n${output}`)));
    });
    const exited = new Promise<number | null>((resolve) => process_.once("exit", resolve));
    const browser = new TestBrowser(baseUrl);
    expect((await browser.signIn("admin", PASSWORD)).status).toBe(200);
    await browser.request("GET", "/api/pools");
    const fleet = await until(
      async () =>
        (await browser.request("GET", "/api/fleet/status")).body as { state: string; loaded: number },
      (status) => status.state === "ready",
      5,
    );
    // At once: the last rows read are still waiting for their batch.
    process_.kill("SIGTERM");
    expect(await exited, output).toBe(0);

    const db = new Database(databasePath(dataDir), { readonly: true });
    try {
      const rows = db.prepare("SELECT COUNT(*) FROM fleet_pool_states WHERE gone_at IS NULL").pluck().get();
      expect(rows).toBe(fleet.loaded);
      const marks = db.prepare("SELECT name FROM freshness_marks").pluck().all();
      expect(marks).toContain("fleet-read-completed");
    } finally {
      db.close();
    }
  });
});
