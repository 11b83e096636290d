/** The operators CLI, run as a real process with its password piped on stdin. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../src/features/operators/password.ts";
import { createSqliteStores, databasePath } from "../src/store/sqlite/index.ts";
import { runOperatorsCli } from "./cli-support.ts";
import { BACKENDS } from "./store-support.ts";

const PASSWORD = "a-cli-password-42";

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "clc-cli-"));
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

function cli(args: string[], stdin = "", extraEnv: Record<string, string> = {}) {
  return runOperatorsCli(["--data-dir", dataDir, ...args], extraEnv, stdin);
}

async function operators() {
  const stores = createSqliteStores(databasePath(dataDir));
  try {
    return await stores.operators.list();
  } finally {
    await stores.close();
  }
}

// Each case spawns the CLI several times (a tsx start-up each).
describe("pnpm operators", { timeout: 60_000 }, () => {
  it("adds an operator with the password from stdin, lists it, and records the change", async () => {
    const added = await cli(["add", "Alice", "--role", "admin"], `${PASSWORD}\n`);
    expect(added).toMatchObject({ code: 0, stdout: "Added alice (admin).\n" });
    const [alice] = await operators();
    expect(alice).toMatchObject({ username: "alice", role: "admin" });
    expect(await verifyPassword(PASSWORD, alice?.passwordHash ?? "")).toBe(true);

    const listed = await cli(["list"]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^USERNAME\s+ROLE/);
    expect(listed.stdout).toMatch(/\nalice\s+admin\s+\d{4}-/);
    expect(listed.stdout + listed.stderr).not.toContain(PASSWORD);

    const again = await cli(["add", "alice", "--role", "viewer"], `${PASSWORD}\n`);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('An operator named "alice" already exists');

    const stores = createSqliteStores(databasePath(dataDir));
    const { items } = await stores.audit.list({ action: "operator.add" }, { limit: 5 });
    await stores.close();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      resource: "operator:alice",
      after: { role: "admin" },
      outcome: "success",
    });
    expect(items[0]?.operator).toMatch(/^cli/);
  });

  it("refuses a password on the command line, without repeating it", async () => {
    for (const args of [
      ["add", "bob", "--role", "admin", "--password", "hunter2-hunter2"],
      ["add", "bob", "--role", "admin", "--password=hunter2-hunter2"],
      ["add", "bob", "hunter2-hunter2", "--role", "admin"],
    ]) {
      const answer = await cli(args, `${PASSWORD}\n`);
      expect(answer.code).toBe(2);
      expect(answer.stderr).toMatch(/taken from the command line/);
      expect(answer.stdout + answer.stderr).not.toContain("hunter2");
    }
    expect((await operators()).map((o) => o.username)).not.toContain("bob");
  });

  it("explains bad arguments and short passwords", async () => {
    const noRole = await cli(["add", "carol"], `${PASSWORD}\n`);
    expect(noRole.code).toBe(2);
    expect(noRole.stderr).toContain("Give the role: --role admin|viewer.");

    const badRole = await cli(["add", "carol", "--role", "root"], `${PASSWORD}\n`);
    expect(badRole.stderr).toContain('Unknown role "root": use admin or viewer.');

    const badName = await cli(["add", "carol smith", "--role", "viewer"], `${PASSWORD}\n`);
    expect(badName.stderr).toContain("Invalid username");

    const short = await cli(["add", "carol", "--role", "viewer"], "short\n");
    expect(short.code).toBe(1);
    expect(short.stderr).toContain("at least 12 characters");

    const empty = await cli(["add", "carol", "--role", "viewer"], "");
    expect(empty.stderr).toContain("No password on stdin");

    const unknown = await cli(["promote", "carol"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "promote"');
    expect((await operators()).map((o) => o.username)).not.toContain("carol");
  });

  it("changes roles and passwords, removes operators, and never leaves the console without an admin", async () => {
    expect((await cli(["add", "dave", "--role", "viewer"], `${PASSWORD}\n`)).code).toBe(0);

    const lastAdmin = await cli(["set-role", "alice", "viewer"]);
    expect(lastAdmin.code).toBe(1);
    expect(lastAdmin.stderr).toContain("only admin");
    expect((await cli(["remove", "alice"])).stderr).toContain("only admin");

    expect(await cli(["set-role", "dave", "admin"])).toMatchObject({
      code: 0,
      stdout: "dave is now admin.\n",
    });
    const newPassword = "another-password-77";
    expect((await cli(["reset-password", "dave"], `${newPassword}\n`)).code).toBe(0);
    const dave = (await operators()).find((o) => o.username === "dave");
    expect(await verifyPassword(newPassword, dave?.passwordHash ?? "")).toBe(true);

    expect(await cli(["remove", "alice"])).toMatchObject({ code: 0, stdout: "Removed alice.\n" });
    expect((await operators()).map((o) => [o.username, o.role])).toEqual([["dave", "admin"]]);
    expect((await cli(["remove", "alice"])).stderr).toContain("No operator named alice");
  });

  it("removes a single sign-on operator (its sessions end now; it may sign in again through the provider)", async () => {
    const stores = createSqliteStores(databasePath(dataDir));
    try {
      await stores.operators.add(
        { username: "sso:erin", role: "viewer", passwordHash: "sso-subject:x" },
        Date.now(),
      );
    } finally {
      await stores.close();
    }
    expect(await cli(["remove", "sso:Erin"])).toMatchObject({ code: 0, stdout: "Removed sso:erin.\n" });
    expect((await operators()).map((o) => o.username)).not.toContain("sso:erin");
    // Other commands still take local names only.
    expect((await cli(["reset-password", "sso:erin"], `${PASSWORD}\n`)).stderr).toContain("Invalid username");
  });
});

const postgres = BACKENDS.find((backend) => backend.name === "postgres");
describe.skipIf(!postgres || postgres.skip)("pnpm operators with DATABASE_URL", { timeout: 60_000 }, () => {
  it("manages the operators of the PostgreSQL store, not the data directory's", async () => {
    if (!postgres) throw new Error("no PostgreSQL backend");
    const database = await postgres.fresh();
    const added = await cli(["add", "pat", "--role", "admin"], `${PASSWORD}\n`, {
      DATABASE_URL: database.url,
    });
    expect(added).toMatchObject({ code: 0, stdout: "Added pat (admin).\n" });
    const stores = await database.open();
    try {
      const pat = await stores.operators.get("pat");
      expect(pat?.role).toBe("admin");
      expect(await verifyPassword(PASSWORD, pat?.passwordHash ?? "")).toBe(true);
    } finally {
      await stores.close();
    }
    expect((await operators()).map((o) => o.username)).not.toContain("pat");
  });
});
