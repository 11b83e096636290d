import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hashPassword, needsRehash, verifyPassword } from "../src/features/operators/password.ts";
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from "../src/store/migrations/index.ts";
import { createSqliteStores, databasePath } from "../src/store/sqlite/index.ts";
import { OperatorExistsError, type Stores } from "../src/store/types.ts";
import { TEST_PASSWORD_PARAMS } from "./auth-support.ts";
import { BACKENDS, type FreshDatabase } from "./store-support.ts";

// The same contract, run against SQLite and a real PostgreSQL server (see store-support.ts).
describe.each(BACKENDS)("the $name store", (backend) => {
  const opened: Stores[] = [];
  const databases: FreshDatabase[] = [];
  async function fresh(): Promise<FreshDatabase> {
    const database = await backend.fresh();
    databases.push(database);
    return database;
  }
  async function open(database?: FreshDatabase): Promise<Stores> {
    const stores = await (database ?? (await fresh())).open();
    opened.push(stores);
    return stores;
  }
  afterEach(async () => {
    for (const stores of opened.splice(0)) await stores.close();
    for (const database of databases.splice(0)) await database.dispose();
  });
  if (backend.skip) {
    it.skip(`skipped: ${backend.skip}`, () => {});
    return;
  }

  describe("migrations", () => {
    it("run once at start-up, are recorded, and a second start applies nothing", async () => {
      const database = await fresh();
      const stores = await database.open();
      await stores.operators.add({ username: "alice", role: "admin", passwordHash: "h" }, 1);
      await stores.close();

      expect(await database.migrate()).toEqual([]);
      const versions = await database.sql("SELECT version FROM schema_migrations ORDER BY version");
      expect(versions).toEqual(SQLITE_MIGRATIONS.map((m) => ({ version: m.version })));

      const reopened = await open(database);
      expect((await reopened.operators.get("alice"))?.role).toBe("admin");
    });

    it("refuse a database newer than the code", async () => {
      const database = await fresh();
      await (await database.open()).close();
      await database.sql(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')",
      );
      await expect(database.open()).rejects.toThrow(/schema version 999, newer than this BFF knows/);
    });
  });

  describe("operators", () => {
    it("add, list, change role and password, remove", async () => {
      const stores = await open();
      const ops = stores.operators;
      await ops.add({ username: "bob", role: "viewer", passwordHash: "h1" }, 10);
      await ops.add({ username: "alice", role: "admin", passwordHash: "h2" }, 11);
      // Byte order, as SQLite sorts, whatever PostgreSQL's locale would say.
      await ops.add({ username: "Zed", role: "viewer", passwordHash: "h5" }, 11);
      await expect(
        ops.add({ username: "bob", role: "admin", passwordHash: "h3" }, 12),
      ).rejects.toBeInstanceOf(OperatorExistsError);
      expect((await ops.list()).map((o) => o.username)).toEqual(["Zed", "alice", "bob"]);
      expect(await ops.countByRole("admin")).toBe(1);
      expect(await ops.setRole("bob", "admin", 20)).toBe(true);
      expect(await ops.setRole("nobody", "admin", 20)).toBe(false);
      expect(await ops.countByRole("admin")).toBe(2);
      expect(await ops.setPasswordHash("bob", "h4", 21)).toBe(true);
      expect(await ops.get("bob")).toEqual({
        username: "bob",
        role: "admin",
        origin: "operator",
        passwordHash: "h4",
        createdAt: 10,
        updatedAt: 21,
      });
      await ops.add({ username: "demo", role: "admin", passwordHash: "d", origin: "demo" }, 22);
      expect(await ops.setPasswordHash("demo", "d2", 23, { origin: "operator" })).toBe(true);
      expect((await ops.get("demo"))?.origin).toBe("operator");

      await stores.sessions.create({ idHash: "s1", username: "bob", now: 30 });
      expect(await stores.sessions.get("s1")).toMatchObject({ username: "bob", role: "admin" });
      expect(await ops.remove("bob")).toBe(true);
      expect(await stores.sessions.get("s1")).toBeNull();
      expect(await ops.remove("bob")).toBe(false);
    });
  });

  describe("sessions", () => {
    it("read the operator's role now, move forward only when touched, and expire by idleness or age", async () => {
      const stores = await open();
      const sessions = stores.sessions;
      await stores.operators.add({ username: "carol", role: "viewer", passwordHash: "h" }, 1);
      await expect(sessions.create({ idHash: "x", username: "nobody", now: 1 })).rejects.toThrow(
        /no operator named "nobody"/,
      );
      await sessions.create({ idHash: "a", username: "carol", now: 1_000 });
      await sessions.create({ idHash: "b", username: "carol", now: 2_000 });
      await stores.operators.setRole("carol", "admin", 2_500);
      expect(await sessions.get("a")).toEqual({
        idHash: "a",
        username: "carol",
        role: "admin",
        origin: "operator",
        createdAt: 1_000,
        lastSeenAt: 1_000,
      });
      await sessions.touch("a", 5_000);
      await sessions.touch("a", 4_000);
      expect((await sessions.get("a"))?.lastSeenAt).toBe(5_000);
      // b is idle since 2000; a was created at 1000 but seen at 5000.
      expect(await sessions.deleteExpired({ idleBefore: 3_000, createdBefore: 0 })).toBe(1);
      expect(await sessions.get("b")).toBeNull();
      expect(await sessions.deleteExpired({ idleBefore: 0, createdBefore: 1_001 })).toBe(1);
      expect(await sessions.get("a")).toBeNull();
      await sessions.create({ idHash: "c", username: "carol", now: 6_000 });
      await sessions.create({ idHash: "d", username: "carol", now: 6_000 });
      await sessions.delete("c");
      expect(await sessions.get("c")).toBeNull();
      expect(await sessions.deleteForOperator("carol")).toBe(1);
    });
  });

  describe("audit records", () => {
    it("cannot be changed or deleted, even with SQL", async () => {
      const database = await fresh();
      const stores = await open(database);
      await stores.audit.append({
        at: 1,
        operator: "alice",
        role: "admin",
        action: "log-delivery.apply",
        outcome: "attempt",
      });
      await expect(database.sql("UPDATE audit_records SET operator = 'mallory'")).rejects.toThrow(
        /append-only/,
      );
      await expect(database.sql("DELETE FROM audit_records")).rejects.toThrow(/append-only/);
      if (backend.name === "postgres") {
        await expect(database.sql("TRUNCATE audit_records")).rejects.toThrow(/append-only/);
        // Nor can the counter that numbers them be moved back to re-use a number.
        await expect(database.sql("UPDATE audit_sequence SET last_id = 0")).rejects.toThrow(
          /only moves forward/,
        );
      }
      expect((await stores.audit.list({}, { limit: 10 })).items).toHaveLength(1);
    });

    it("page newest first and filter by pool, operator, action and time", async () => {
      const stores = await open();
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
    });

    it("filter by the AWS account acted in, paging and iterating, and never match a record without one", async () => {
      const stores = await open();
      const payments = "111111111111";
      const identity = "222222222222";
      // An organization's trail: changes in two accounts (through their roles, or the console's own
      // credentials) between records that name no account (a sign-in).
      const accounts = [payments, identity, null, payments, identity, payments];
      for (const [i, accountId] of accounts.entries()) {
        await stores.audit.append({
          at: i + 1,
          operator: "alice",
          role: "admin",
          action: accountId === null ? "session.sign-in" : "log-delivery.apply",
          poolId: accountId === null ? null : "us-east-1_A",
          accountId,
          roleArn: accountId === payments ? `arn:aws:iam::${payments}:role/CognitoLogConsoleRole` : null,
          outcome: "success",
        });
      }
      const first = await stores.audit.list({ account: payments }, { limit: 2 });
      expect(first.items.map((r) => [r.id, r.accountId])).toEqual([
        ["6", payments],
        ["4", payments],
      ]);
      const rest = await stores.audit.list(
        { account: payments },
        { cursor: first.nextCursor ?? "", limit: 2 },
      );
      expect(rest).toEqual({
        items: [expect.objectContaining({ id: "1", accountId: payments })],
        nextCursor: null,
      });

      const both = await stores.audit.list({ account: identity, pool: "us-east-1_A" }, { limit: 10 });
      expect(both.items.map((r) => r.id)).toEqual(["5", "2"]);
      expect((await stores.audit.list({ account: "333333333333" }, { limit: 10 })).items).toEqual([]);

      const all: string[] = [];
      for await (const record of stores.audit.iterate({ account: identity })) all.push(record.id);
      expect(all).toEqual(["5", "2"]);
    });

    it("give an outcome without a before its attempt's, keep its own, and refuse an unknown attempt", async () => {
      const audit = (await open()).audit;
      const base = { at: 1, operator: "alice", role: "admin" as const, action: "fix.apply" as const };
      const attempt = await audit.append({ ...base, outcome: "attempt", before: { b: 1 }, after: { a: 2 } });
      const inherited = await audit.append({
        ...base,
        outcome: "success",
        attemptId: attempt,
        after: { a: 2 },
      });
      const own = await audit.append({
        ...base,
        outcome: "failure",
        attemptId: attempt,
        before: { reread: 1 },
      });
      await expect(audit.append({ ...base, outcome: "success", attemptId: "999" })).rejects.toThrow();
      const records = (await audit.list({}, { limit: 10 })).items;
      // The refused record took no number: the trail has no gap.
      expect(records.map((r) => [r.id, r.before])).toEqual([
        [own, { reread: 1 }],
        [inherited, { b: 1 }],
        [attempt, { b: 1 }],
      ]);
      expect([attempt, inherited, own]).toEqual(["1", "2", "3"]);
      expect(await audit.append({ ...base, outcome: "attempt" })).toBe("4");
    });
  });

  describe("sign-in throttle", () => {
    it("counts attempts before they are checked, locks when they run out, and locks longer each time", async () => {
      const stores = await open();
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
    });
  });

  describe("creation runs", () => {
    const run = (id: string, createdAt: string, status = "running") => ({
      id,
      poolId: "us-east-1_Runs",
      status,
      createdAt,
      updatedAt: createdAt,
      data: JSON.stringify({ format: 1, id }),
    });

    it("are kept, replaced by id and listed newest first", async () => {
      const runs = (await open()).creationRuns;
      await runs.save(run("r1", "2025-01-01T00:00:00.000Z"));
      await runs.save(run("r2", "2025-01-02T00:00:00.000Z"));
      await runs.save({
        ...run("r1", "2025-01-01T00:00:00.000Z", "succeeded"),
        updatedAt: "2025-01-03T00:00:00.000Z",
      });
      expect(await runs.get("r1")).toEqual({
        ...run("r1", "2025-01-01T00:00:00.000Z", "succeeded"),
        updatedAt: "2025-01-03T00:00:00.000Z",
      });
      expect(await runs.get("nope")).toBeNull();
      expect((await runs.list(10)).map((r) => r.id)).toEqual(["r2", "r1"]);
      expect((await runs.list(1)).map((r) => r.id)).toEqual(["r2"]);
    });

    it("are driven by one claimant at a time until its claim runs out or it lets go", async () => {
      const runs = (await open()).creationRuns;
      await runs.save(run("r1", "2025-01-01T00:00:00.000Z"));
      expect(await runs.claim("missing", { owner: "a", now: 0, until: 100 })).toBe(false);
      expect(await runs.claim("r1", { owner: "a", now: 0, until: 100 })).toBe(true);
      expect(await runs.claim("r1", { owner: "b", now: 50, until: 150 })).toBe(false);
      // The holder extends its own claim; saving the run leaves the claim alone.
      expect(await runs.claim("r1", { owner: "a", now: 60, until: 200 })).toBe(true);
      await runs.save(run("r1", "2025-01-01T00:00:00.000Z", "failed"));
      expect(await runs.claim("r1", { owner: "b", now: 150, until: 250 })).toBe(false);
      // A claimant that died: its claim lapses at its end.
      expect(await runs.claim("r1", { owner: "b", now: 200, until: 300 })).toBe(true);
      await runs.release("r1", "a");
      expect(await runs.claim("r1", { owner: "c", now: 210, until: 300 })).toBe(false);
      await runs.release("r1", "b");
      expect(await runs.claim("r1", { owner: "c", now: 210, until: 300 })).toBe(true);
    });
  });

  describe("leases", () => {
    it("are held by one owner at a time, renewed by it, and lapse or are given back", async () => {
      const leases = (await open()).leases;
      expect(await leases.holder("fleet-reader", 0)).toBeNull();
      expect(await leases.acquire("fleet-reader", { owner: "a", now: 0, until: 100 })).toBe(true);
      expect(await leases.acquire("fleet-reader", { owner: "b", now: 50, until: 150 })).toBe(false);
      expect(await leases.acquire("other-work", { owner: "b", now: 50, until: 150 })).toBe(true);
      expect(await leases.acquire("fleet-reader", { owner: "a", now: 90, until: 190 })).toBe(true);
      expect(await leases.holder("fleet-reader", 100)).toEqual({ owner: "a", until: 190 });
      expect(await leases.acquire("fleet-reader", { owner: "b", now: 189, until: 300 })).toBe(false);
      // The holder stopped renewing: its lease lapses at its end and another takes it.
      expect(await leases.holder("fleet-reader", 190)).toBeNull();
      expect(await leases.acquire("fleet-reader", { owner: "b", now: 190, until: 300 })).toBe(true);
      await leases.release("fleet-reader", "a");
      expect(await leases.holder("fleet-reader", 200)).toEqual({ owner: "b", until: 300 });
      await leases.release("fleet-reader", "b");
      expect(await leases.acquire("fleet-reader", { owner: "c", now: 200, until: 300 })).toBe(true);
    });
  });
});

describe("the SQLite file", () => {
  it("is private to its owner: it holds password hashes", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "clc-store-"));
    try {
      const file = databasePath(path.join(dir, "nested", "data"));
      await createSqliteStores(file).close();
      expect(statSync(file).mode & 0o077).toBe(0);
      expect(statSync(path.dirname(file)).mode & 0o077).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the migrations", () => {
  it("have the same versions and names in both dialects", () => {
    expect(POSTGRES_MIGRATIONS.map((m) => [m.version, m.name])).toEqual(
      SQLITE_MIGRATIONS.map((m) => [m.version, m.name]),
    );
  });

  it("are numbered 1, 2, 3… without a gap, in order", () => {
    // The runner applies only versions above the database's highest: a gap filled later (two
    // branches numbering their migrations apart) would be skipped on databases already past it.
    expect(SQLITE_MIGRATIONS.map((m) => m.version)).toEqual(SQLITE_MIGRATIONS.map((_, i) => i + 1));
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
