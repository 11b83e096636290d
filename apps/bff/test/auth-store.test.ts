import { statSync } from "node:fs";
import path from "node:path";
import { tempDirs } from "@clc/sandbox/test-support";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, verifyPassword } from "../src/auth/password.ts";
import { migrate, SQLITE_MIGRATIONS } from "../src/store/migrations.ts";
import { createSqliteStores, databasePath } from "../src/store/sqlite.ts";
import { OperatorExistsError } from "../src/store/types.ts";
import { TEST_PASSWORD_PARAMS } from "./auth-support.ts";

const tempDir = tempDirs("clc-store-");

describe("migrations", () => {
  it("run once at start-up, are recorded, and a second start applies nothing", async () => {
    const file = databasePath(path.join(tempDir(), "nested", "data"));
    const stores = createSqliteStores(file);
    await stores.operators.add({ username: "alice", role: "admin", passwordHash: "h" }, 1);
    await stores.close();
    // The file holds password hashes: only its owner may read it.
    expect(statSync(file).mode & 0o077).toBe(0);

    const db = new Database(file);
    expect(migrate(db)).toEqual([]);
    const versions = db.prepare("SELECT version FROM schema_migrations ORDER BY version").all();
    expect(versions).toEqual(SQLITE_MIGRATIONS.map((m) => ({ version: m.version })));
    db.close();

    const reopened = createSqliteStores(file);
    expect((await reopened.operators.get("alice"))?.role).toBe("admin");
    await reopened.close();
  });

  it("refuse a database newer than the code", () => {
    const db = new Database(":memory:");
    migrate(db);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')").run();
    expect(() => migrate(db)).toThrow(/schema version 999, newer than this BFF knows/);
    db.close();
  });
});

describe("operators", () => {
  it("add, list, change role and password, remove", async () => {
    const stores = createSqliteStores(":memory:");
    const ops = stores.operators;
    await ops.add({ username: "bob", role: "viewer", passwordHash: "h1" }, 10);
    await ops.add({ username: "alice", role: "admin", passwordHash: "h2" }, 11);
    await expect(ops.add({ username: "bob", role: "admin", passwordHash: "h3" }, 12)).rejects.toBeInstanceOf(
      OperatorExistsError,
    );
    expect((await ops.list()).map((o) => o.username)).toEqual(["alice", "bob"]);
    expect(await ops.countByRole("admin")).toBe(1);
    expect(await ops.setRole("bob", "admin", 20)).toBe(true);
    expect(await ops.setRole("nobody", "admin", 20)).toBe(false);
    expect(await ops.countByRole("admin")).toBe(2);
    expect(await ops.setPasswordHash("bob", "h4", 21)).toBe(true);
    expect(await ops.get("bob")).toMatchObject({
      role: "admin",
      passwordHash: "h4",
      createdAt: 10,
      updatedAt: 21,
    });

    await stores.sessions.create({ idHash: "s1", username: "bob", now: 30 });
    expect(await stores.sessions.get("s1")).toMatchObject({ username: "bob", role: "admin" });
    expect(await ops.remove("bob")).toBe(true);
    expect(await stores.sessions.get("s1")).toBeNull();
    expect(await ops.remove("bob")).toBe(false);
    await stores.close();
  });
});

describe("audit records", () => {
  it("cannot be changed or deleted, even with SQL", async () => {
    const file = databasePath(tempDir());
    const stores = createSqliteStores(file);
    await stores.audit.append({
      at: 1,
      operator: "alice",
      role: "admin",
      action: "log-delivery.apply",
      outcome: "attempt",
    });
    await stores.close();
    const db = new Database(file);
    expect(() => db.prepare("UPDATE audit_records SET operator = 'mallory'").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM audit_records").run()).toThrow(/append-only/);
    db.close();
  });

  it("page newest first and filter by pool, operator, action and time", async () => {
    const stores = createSqliteStores(":memory:");
    const base = Date.parse("2025-01-01T00:00:00Z");
    for (let i = 0; i < 7; i++) {
      await stores.audit.append({
        at: base + i * 60_000,
        operator: i % 2 ? "alice" : "bob",
        role: "admin",
        action: i % 3 ? "log-delivery.apply" : "log-delivery.disable",
        poolId: i < 4 ? "us-east-1_A" : "us-east-1_B",
        outcome: "attempt",
        before: { userNotification: null },
      });
    }
    const first = await stores.audit.list({}, { limit: 3 });
    expect(first.items.map((r) => r.id)).toEqual(["7", "6", "5"]);
    expect(first.items[0]?.before).toEqual({ userNotification: null });
    const second = await stores.audit.list({}, { cursor: first.nextCursor ?? "", limit: 3 });
    expect(second.items.map((r) => r.id)).toEqual(["4", "3", "2"]);
    const last = await stores.audit.list({}, { cursor: second.nextCursor ?? "", limit: 3 });
    expect(last).toEqual({ items: [expect.objectContaining({ id: "1" })], nextCursor: null });

    const filtered = await stores.audit.list(
      {
        pool: "us-east-1_A",
        operator: "alice",
        action: "log-delivery.apply",
        from: new Date(base).toISOString(),
        to: new Date(base + 3 * 60_000).toISOString(),
      },
      { limit: 10 },
    );
    expect(filtered.items.map((r) => r.id)).toEqual(["2"]);

    const all: string[] = [];
    for await (const record of stores.audit.iterate({ pool: "us-east-1_B" })) all.push(record.id);
    expect(all).toEqual(["7", "6", "5"]);
    await stores.close();
  });
});

describe("sign-in throttle", () => {
  it("counts attempts before they are checked, locks when they run out, and locks longer each time", async () => {
    const stores = createSqliteStores(":memory:");
    const policy = { windowMs: 1000, maxFailures: 3, lockMs: 5000, maxLockMs: 12_000 };
    const t = stores.throttle;
    const k = [{ key: "k", policy }];
    for (const now of [0, 10, 20]) expect(await t.reserve(k, now)).toEqual({ allowed: true });
    // The fourth attempt finds none left: refused, and the key locks.
    expect(await t.reserve(k, 30)).toEqual({ allowed: false, retryAfterMs: 5000 });
    expect(await t.reserve(k, 4000)).toEqual({ allowed: false, retryAfterMs: 1030 });
    // After the lock, one more attempt; the next lock is twice as long, then capped.
    expect(await t.reserve(k, 5030)).toEqual({ allowed: true });
    expect(await t.reserve(k, 5031)).toEqual({ allowed: false, retryAfterMs: 10_000 });
    expect(await t.reserve(k, 15_031)).toEqual({ allowed: true });
    expect(await t.reserve(k, 15_032)).toEqual({ allowed: false, retryAfterMs: 12_000 });

    // Attempts spread wider than the window never lock.
    const spread = [{ key: "spread", policy }];
    for (let i = 0; i < 10; i++) expect(await t.reserve(spread, i * 1000)).toEqual({ allowed: true });
    // A forgiven attempt gives its place back; a cleared key starts again.
    const f = [{ key: "f", policy }];
    for (const now of [0, 1, 2]) await t.reserve(f, now);
    await t.forgive("f");
    expect(await t.reserve(f, 3)).toEqual({ allowed: true });
    await t.clear("k");
    expect(await t.reserve(k, 15_033)).toEqual({ allowed: true });
    // Two keys at once: when one is locked nothing is counted on the other.
    const both = [
      { key: "k", policy },
      { key: "other", policy: { ...policy, maxFailures: 1 } },
    ];
    expect(await t.reserve(both, 15_034)).toEqual({ allowed: true });
    expect((await t.reserve(both, 15_035)).allowed).toBe(false);
    await stores.close();
  });
});

describe("password hashes", () => {
  it("verify the right password only, carry their parameters, and differ for the same password", async () => {
    const a = await hashPassword("a long enough password", TEST_PASSWORD_PARAMS);
    const b = await hashPassword("a long enough password", TEST_PASSWORD_PARAMS);
    expect(a).toMatch(/^scrypt\$N=1024,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("a long enough password", a)).toBe(true);
    expect(await verifyPassword("a long enough passwore", a)).toBe(false);
    expect(await verifyPassword("a long enough password", "garbage")).toBe(false);
    expect(needsRehash(a, TEST_PASSWORD_PARAMS)).toBe(false);
    expect(needsRehash(a, { N: 2 ** 15, r: 8, p: 1 })).toBe(true);
  });
});
