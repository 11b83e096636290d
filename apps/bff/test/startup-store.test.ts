/**
 * Start-up on a PostgreSQL store (DATABASE_URL): the messages name the database the console uses, not
 * a SQLite file it never opened, and never its password; two sandbox-mode replicas starting at once
 * on one database both start (the demo operators race).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DemoOperatorsInAwsModeError, NoAdminError } from "../src/features/operators/startup.ts";
import { describeStore } from "../src/store/index.ts";
import { openConsoleAccess } from "../src/wiring.ts";
import { BACKENDS } from "./store-support.ts";

const postgres = BACKENDS.find((backend) => backend.name === "postgres");
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "clc-startup-store-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("describeStore", () => {
  it("names the PostgreSQL database, host, port and user, never the password or the query", () => {
    const text = describeStore({
      dataDir: "/data",
      databaseUrl: "postgres://console:s3cret-pw@db.internal:6432/clc?sslmode=require&password=also-secret",
    });
    expect(text).toBe('PostgreSQL database "clc" on db.internal:6432 as console');
    expect(describeStore({ dataDir: "/data" })).toBe("/data/console.sqlite");
  });
});

// Each case hashes demo passwords with the production scrypt parameters, on a shared machine.
describe.skipIf(!postgres || postgres.skip)("starting on PostgreSQL", { timeout: 60_000 }, () => {
  const PASSWORDS = {
    CLC_DEMO_ADMIN_PASSWORD: "startup store admin password",
    CLC_DEMO_VIEWER_PASSWORD: "startup store viewer password",
  };

  it("without an admin, says so about the database in DATABASE_URL, not a SQLite file", async () => {
    const database = await postgres?.fresh();
    const dataDir = tempDir();
    const refused = openConsoleAccess({ mode: "aws", dataDir, databaseUrl: database?.url ?? "" });
    await expect(refused).rejects.toBeInstanceOf(NoAdminError);
    const message = ((await refused.catch((error: unknown) => error)) as Error).message;
    expect(message).toContain("PostgreSQL database");
    expect(message).toContain("DATABASE_URL");
    expect(message).not.toContain("console.sqlite");
    expect(message).not.toContain("--data-dir");
  });

  it("with demo operators in aws mode, names the database in DATABASE_URL, not a SQLite file", async () => {
    const database = await postgres?.fresh();
    const url = database?.url ?? "";
    const sandbox = await openConsoleAccess({
      mode: "sandbox",
      dataDir: tempDir(),
      databaseUrl: url,
      env: PASSWORDS,
    });
    await sandbox.close();
    const refused = openConsoleAccess({ mode: "aws", dataDir: tempDir(), databaseUrl: url });
    await expect(refused).rejects.toBeInstanceOf(DemoOperatorsInAwsModeError);
    const message = ((await refused.catch((error: unknown) => error)) as Error).message;
    expect(message).toMatch(
      /^Refusing to start in aws mode: the PostgreSQL database ".*" on 127\.0\.0\.1:\d+ as clc holds/,
    );
    expect(message).not.toContain("console.sqlite");
    expect(message).toContain("pnpm operators -- remove admin");
  });

  it("two sandbox-mode replicas starting at once on one database both start, with one pair of demo operators", async () => {
    const database = await postgres?.fresh();
    const url = database?.url ?? "";
    // The schema exists, as when the replicas' migrations are done: the race is the operators'.
    await (await database?.open())?.close();
    const started = await Promise.allSettled(
      [tempDir(), tempDir()].map((dataDir) =>
        openConsoleAccess({ mode: "sandbox", dataDir, databaseUrl: url, env: PASSWORDS }),
      ),
    );
    for (const result of started) {
      expect(result.status === "rejected" ? String(result.reason) : "started").toBe("started");
      if (result.status === "fulfilled") {
        expect(result.value.demoCredentials.map((c) => c.username)).toEqual(["admin", "viewer"]);
      }
    }
    const [first] = started;
    if (first?.status === "fulfilled") {
      const operators = await first.value.stores.operators.list();
      expect(operators.map((o) => [o.username, o.role, o.origin])).toEqual([
        ["admin", "admin", "demo"],
        ["viewer", "viewer", "demo"],
      ]);
    }
    for (const result of started) if (result.status === "fulfilled") await result.value.close();
  }, 60_000);
});
