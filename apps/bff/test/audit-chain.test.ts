/**
 * The audit trail's hash chain and its retention, on both stores (SQLite and a real PostgreSQL):
 * a clean trail verifies; an edited, deleted or reordered record is found, live (edited with SQL once
 * the test dropped the database's guard) and in an exported file; retention exports, verifies and
 * prunes old records, recorded in the chain, one replica at a time (its lease renewed while a slow
 * export runs), and prunes nothing when the export cannot be written or the lease is lost. The
 * `audit` commands of the operators CLI run as real processes.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AuditRecord } from "@clc/domain";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { contentHash, GENESIS_HASH, verifyChain } from "../src/features/audit/chain.ts";
import { AuditUsageError, readExports, runAuditCommand } from "../src/features/audit/cli.ts";
import { exportLines } from "../src/features/audit/export.ts";
import {
  describeRetention,
  RETENTION_LEASE,
  RetentionExportError,
  runAuditRetention,
} from "../src/features/audit/retention.ts";
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from "../src/store/migrations/index.ts";
import { migratePostgres } from "../src/store/postgres/migrate.ts";
import { migrate } from "../src/store/sqlite/migrate.ts";
import type { AuditStore, LeaseStore, NewAuditRecord, Stores } from "../src/store/types.ts";
import { runOperatorsCli } from "./cli-support.ts";
import { until } from "./poll.ts";
import { BACKENDS, type FreshDatabase } from "./store-support.ts";

const DAY = 86_400_000;
const NOW = Date.parse("2026-06-01T00:00:00Z");

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "clc-audit-chain-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function entry(i: number, fields: Partial<NewAuditRecord> = {}): NewAuditRecord {
  return {
    at: NOW - 60 * DAY + i * 1000,
    operator: `op-${i}`,
    role: "admin",
    action: "fix.apply",
    poolId: "eu-west-1_X",
    outcome: "attempt",
    before: { n: i, nested: { b: 1, a: [1, null] } },
    after: null,
    ...fields,
  };
}

async function all(stores: Stores): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  for await (const record of stores.audit.iterateChain()) records.push(record);
  return records;
}

/**
 * The trail's store, its export (iterateChain) held before the first record until `go()`: an export
 * that takes long. `started` resolves when the export has begun.
 */
function heldExport(stores: Stores): { store: AuditStore; started: Promise<void>; go(): void } {
  let go = () => {};
  const gate = new Promise<void>((resolve) => {
    go = resolve;
  });
  let begin = () => {};
  const started = new Promise<void>((resolve) => {
    begin = resolve;
  });
  return {
    store: {
      ...stores.audit,
      async *iterateChain(range) {
        begin();
        await gate;
        yield* stores.audit.iterateChain(range);
      },
    },
    started,
    go: () => go(),
  };
}

/** The test's clock: NOW, moving on with real time (leases lapse as they would). */
function movingClock(): () => number {
  const start = Date.now();
  return () => NOW + (Date.now() - start);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function jsonExport(stores: Stores): Promise<string> {
  let text = "";
  for await (const line of exportLines(stores.audit, {}, "json", () => new Map())) text += line;
  return text;
}

/** The test's own way past the database's guard, as an attacker with SQL access would go. */
const DROP_GUARDS = {
  sqlite: ["DROP TRIGGER audit_records_no_update", "DROP TRIGGER audit_records_no_delete"],
  postgres: ["DROP TRIGGER audit_records_no_change ON audit_records"],
};

/** `pnpm operators -- <args>`, with retention unset unless `env` sets it. */
function cli(args: string[], env: Record<string, string>) {
  return runOperatorsCli(args, { CLC_AUDIT_RETENTION_DAYS: "", ...env });
}

describe.each(BACKENDS)("the audit chain on the $name store", (backend) => {
  let database: FreshDatabase | undefined;
  const opened: Stores[] = [];
  async function open(): Promise<Stores> {
    database ??= await backend.fresh();
    const stores = await database.open();
    opened.push(stores);
    return stores;
  }
  async function withRecords(count: number): Promise<Stores> {
    const stores = await open();
    for (let i = 1; i <= count; i++) await stores.audit.append(entry(i));
    return stores;
  }
  async function sql(...statements: string[]) {
    for (const statement of statements) await database?.sql(statement);
  }
  afterEach(async () => {
    for (const stores of opened.splice(0)) await stores.close();
    await database?.dispose();
    database = undefined;
  });
  if (backend.skip) {
    it.skip(`skipped: ${backend.skip}`, () => {});
    return;
  }

  it("links each record to the one before from genesis, and a clean trail verifies", async () => {
    const stores = await withRecords(3);
    // An outcome inherits its attempt's before: the hash covers what is stored.
    await stores.audit.append(
      entry(4, { outcome: "success", attemptId: "3", before: null, after: { ok: 1 } }),
    );
    const records = await all(stores);
    expect(records.map((r) => r.id)).toEqual(["1", "2", "3", "4"]);
    expect(records[0]?.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < records.length; i++) expect(records[i]?.prevHash).toBe(records[i - 1]?.hash);
    for (const record of records) expect(record.hash).toBe(contentHash(record));
    expect(records[3]?.before).toEqual(records[2]?.before);
    const report = await verifyChain(stores.audit.iterateChain());
    expect(report).toMatchObject({ ok: true, checked: 4, unhashed: 0, firstId: "1", lastId: "4" });
    expect(report.headHash).toBe(records[3]?.hash);
  });

  it("finds an edited record, a deleted one, a deleted first one, and two swapped", async () => {
    const stores = await withRecords(6);
    const records1Hash = (await all(stores))[0]?.hash;
    await sql(...DROP_GUARDS[backend.name]);

    await sql("UPDATE audit_records SET operator = 'mallory' WHERE id = 2");
    let report = await verifyChain(stores.audit.iterateChain());
    expect(report.broken).toMatchObject({
      id: "2",
      problem: expect.stringMatching(/content does not match/),
    });
    await sql("UPDATE audit_records SET operator = 'op-2' WHERE id = 2");
    expect((await verifyChain(stores.audit.iterateChain())).ok).toBe(true);

    // Swapped: each record keeps its content under the other's number.
    await sql(
      "UPDATE audit_records SET id = 100 WHERE id = 3",
      "UPDATE audit_records SET id = 3 WHERE id = 4",
      "UPDATE audit_records SET id = 4 WHERE id = 100",
    );
    report = await verifyChain(stores.audit.iterateChain());
    expect(report.broken?.id).toBe("3");
    expect(report.ok).toBe(false);
    await sql(
      "UPDATE audit_records SET id = 100 WHERE id = 3",
      "UPDATE audit_records SET id = 3 WHERE id = 4",
      "UPDATE audit_records SET id = 4 WHERE id = 100",
    );
    expect((await verifyChain(stores.audit.iterateChain())).ok).toBe(true);

    await sql("DELETE FROM audit_records WHERE id = 1");
    report = await verifyChain(stores.audit.iterateChain());
    expect(report.broken).toMatchObject({ id: "2", expected: GENESIS_HASH, found: records1Hash });
    expect(report.broken?.problem).toMatch(/no audit\.prune record accounts for them/);

    await sql("DELETE FROM audit_records WHERE id = 4");
    report = await verifyChain(stores.audit.iterateChain());
    expect(report.broken).toMatchObject({ id: "5", expected: "4", found: "5" });
    expect(report.broken?.problem).toMatch(/record\(s\) 4\.\.4 are missing/);
  });

  it("starts after records from before the chain, anchored on the last one's content", async () => {
    database = await backend.fresh();
    // The schema as version 7 left it, with two records written then.
    const insert =
      "INSERT INTO audit_records (id, at, operator, role, action, outcome) VALUES (1, 1000, 'old', 'admin', 'fix.apply', 'attempt')";
    const insert2 = insert.replace("(1, 1000", "(2, 2000");
    if (backend.name === "sqlite") {
      const db = new Database(database.url);
      migrate(db, SQLITE_MIGRATIONS.slice(0, 7));
      db.exec(`${insert}; ${insert2}`);
      db.close();
    } else {
      const pool = new pg.Pool({ connectionString: database.url, max: 1 });
      await migratePostgres(pool, POSTGRES_MIGRATIONS.slice(0, 7));
      await pool.query("UPDATE audit_sequence SET last_id = 1");
      await pool.query("UPDATE audit_sequence SET last_id = 2");
      await pool.query(insert);
      await pool.query(insert2);
      await pool.end();
    }
    const stores = await open();
    await stores.audit.append(entry(3));
    const records = await all(stores);
    expect(records.map((r) => [r.id, r.hash === null])).toEqual([
      ["1", true],
      ["2", true],
      ["3", false],
    ]);
    expect(records[2]?.prevHash).toBe(contentHash(records[1] ?? {}));
    expect(await verifyChain(stores.audit.iterateChain())).toMatchObject({
      ok: true,
      checked: 3,
      unhashed: 2,
    });
    // The last old record is covered through the anchor.
    await sql(backend.name === "sqlite" ? (DROP_GUARDS.sqlite[0] ?? "") : (DROP_GUARDS.postgres[0] ?? ""));
    await sql("UPDATE audit_records SET operator = 'mallory' WHERE id = 2");
    expect((await verifyChain(stores.audit.iterateChain())).broken?.id).toBe("3");
  });

  it("finds a record whose hash was removed: it cannot pass for one from before the chain", async () => {
    const records = await all(await withRecords(4));
    // Strip the hashes of 1 and 2 but keep 2's prevHash (so 3 still links to it), then rewrite 1:
    // counted as "from before the chain", 1 would be unverifiable and the head hash unchanged.
    const forged = records.map((r) => ({ ...r }));
    Object.assign(forged[0] ?? {}, { hash: null, prevHash: null, operator: "mallory" });
    Object.assign(forged[1] ?? {}, { hash: null });
    const report = await verifyChain(forged);
    expect(report.ok).toBe(false);
    expect(report.broken).toMatchObject({ id: "2", problem: expect.stringMatching(/prevHash but no hash/) });
  });

  it("puts hash and prevHash in the exports; a JSON export verifies, and edits to it are found", async () => {
    const stores = await withRecords(5);
    let csv = "";
    for await (const line of exportLines(stores.audit, {}, "csv", () => new Map())) csv += line;
    const [header, newest] = csv.split("\r\n");
    expect(header?.split(",").slice(-3)).toEqual(["hash", "prevHash", "undoes"]);
    const records = await all(stores);
    expect(newest?.endsWith(`,${records[4]?.hash},${records[3]?.hash},`)).toBe(true);

    const dir = tempDir();
    const file = path.join(dir, "export.json");
    const text = await jsonExport(stores);
    writeFileSync(file, text);
    expect(await verifyChain(readExports([file]))).toMatchObject({ ok: true, checked: 5 });

    const exported = JSON.parse(text) as AuditRecord[]; // newest first
    const edit = (change: (records: AuditRecord[]) => void) => {
      const copy = JSON.parse(text) as AuditRecord[];
      change(copy);
      writeFileSync(file, JSON.stringify(copy));
      return verifyChain(readExports([file]));
    };
    expect(exported).toHaveLength(5);
    expect((await edit((r) => Object.assign(r[1] ?? {}, { after: { forged: true } }))).broken?.id).toBe("4");
    expect((await edit((r) => r.splice(2, 1))).broken).toMatchObject({ id: "4", expected: "3", found: "4" });
    const swapped = await edit((r) => {
      const [a, b] = [r[1], r[2]];
      if (a && b) [a.id, b.id] = [b.id, a.id];
    });
    expect(swapped.ok).toBe(false);
    expect(swapped.broken?.id).toBe("3");
  });

  it("retention exports old records, verifies the file, prunes them in the chain, and keeps attempts with kept outcomes", async () => {
    const stores = await open();
    for (let i = 1; i <= 5; i++) await stores.audit.append(entry(i));
    // An old attempt whose outcome is recent: the prune stops before the attempt.
    await stores.audit.append(entry(6));
    await stores.audit.append(entry(7, { at: NOW - DAY, outcome: "success", attemptId: "6", before: null }));
    const dir = tempDir();
    const result = await runAuditRetention({
      store: stores.audit,
      leases: stores.leases,
      maxAgeDays: 30,
      exportDir: path.join(dir, "exports"),
      owner: "replica-a",
      actor: "system:retention",
      now: () => NOW,
    });
    expect(result).toMatchObject({ kind: "pruned", count: 5, fromId: "1", throughId: "5", recordId: "8" });
    if (result.kind !== "pruned") return;

    // The file holds exactly the pruned records, its SHA-256 is the one recorded, and it verifies
    // from genesis on its own.
    const exported = readExports([result.exportFile]);
    expect(exported.map((r) => r.id)).toEqual(["1", "2", "3", "4", "5"]);
    expect(createHash("sha256").update(readFileSync(result.exportFile)).digest("hex")).toBe(
      result.exportSha256,
    );
    expect(await verifyChain(exported)).toMatchObject({ ok: true, checked: 5 });

    // The live trail: 6, 7 and the prune record, which names what went and anchors what stayed.
    const live = await all(stores);
    expect(live.map((r) => r.id)).toEqual(["6", "7", "8"]);
    expect(live[2]).toMatchObject({
      action: "audit.prune",
      outcome: "success",
      operator: "system:retention",
      after: {
        count: 5,
        fromId: "1",
        throughId: "5",
        anchorHash: exported[4]?.hash,
        exportFile: result.exportFile,
        exportSha256: result.exportSha256,
      },
    });
    expect(live[0]?.prevHash).toBe(exported[4]?.hash);
    expect(await verifyChain(stores.audit.iterateChain())).toMatchObject({ ok: true, checked: 3 });
    // The export and the live trail together are the whole chain from genesis.
    expect(await verifyChain([...exported, ...live])).toMatchObject({ ok: true, checked: 8 });

    // Deleting outside a prune is still refused.
    await expect(database?.sql("DELETE FROM audit_records WHERE id = 8")).rejects.toThrow(/append-only/);
  });

  it("retention prunes nothing when the export cannot be written, and says why", async () => {
    const stores = await withRecords(3);
    const dir = tempDir();
    const notADirectory = path.join(dir, "a-file");
    writeFileSync(notADirectory, "");
    const run = runAuditRetention({
      store: stores.audit,
      leases: stores.leases,
      maxAgeDays: 30,
      exportDir: path.join(notADirectory, "exports"),
      owner: "replica-a",
      actor: "system:retention",
      now: () => NOW,
    });
    await expect(run).rejects.toBeInstanceOf(RetentionExportError);
    await expect(run).rejects.toThrow(/records 1\.\.3 .* failed .*Nothing was pruned/s);
    expect((await all(stores)).map((r) => r.id)).toEqual(["1", "2", "3"]);
    expect((await verifyChain(stores.audit.iterateChain())).ok).toBe(true);
    // The lease was given back: the next run is not kept out.
    expect(await stores.leases.holder("audit-retention", NOW)).toBeNull();
  });

  it("retention renews its lease while a slow export runs: another replica is kept out until it is done", async () => {
    const stores = await withRecords(3);
    const slow = heldExport(stores);
    const clock = movingClock();
    const exportDir = path.join(tempDir(), "exports");
    const options = { maxAgeDays: 30, exportDir, actor: "system:retention", now: clock, leaseMs: 600 };
    const run = runAuditRetention({
      ...options,
      store: slow.store,
      leases: stores.leases,
      owner: "replica-a",
    });
    await slow.started;
    // Three leases long: a lease taken once and never renewed would have lapsed twice over.
    await sleep(1_800);
    const holder = await stores.leases.holder(RETENTION_LEASE, clock());
    // Held under a name of this run's own: a late renewal or release cannot touch a later run's.
    expect(holder?.owner).toMatch(/^replica-a:[0-9a-f-]{36}$/);
    const second = await runAuditRetention({
      ...options,
      store: stores.audit,
      leases: stores.leases,
      owner: "replica-b",
    });
    expect(second).toEqual({ kind: "busy", holder: "replica-a" });
    expect(describeRetention(second, 30)).toContain("another replica (replica-a) is pruning now");

    slow.go();
    expect(await run).toMatchObject({ kind: "pruned", count: 3, fromId: "1", throughId: "3" });
    expect(await stores.leases.holder(RETENTION_LEASE, clock())).toBeNull();
  });

  it("retention prunes nothing when its lease is lost during the export, removes the export, and says so", async () => {
    const stores = await withRecords(3);
    const slow = heldExport(stores);
    const clock = movingClock();
    let renewalsFail = false;
    const leases: LeaseStore = {
      ...stores.leases,
      async acquire(name, lease) {
        // The database stops answering replica-a (a network partition), not replica-b.
        if (renewalsFail && lease.owner.startsWith("replica-a")) throw new Error("connection terminated");
        return stores.leases.acquire(name, lease);
      },
    };
    const exportDir = path.join(tempDir(), "exports");
    const run = runAuditRetention({
      store: slow.store,
      leases,
      maxAgeDays: 30,
      exportDir,
      owner: "replica-a",
      actor: "system:retention",
      now: clock,
      leaseMs: 600,
    });
    await slow.started;
    renewalsFail = true;
    // Once the lease has lapsed, another replica takes it (and would export and prune the same records).
    await until(
      () =>
        stores.leases.acquire(RETENTION_LEASE, { owner: "replica-b", now: clock(), until: clock() + 60_000 }),
      (taken) => taken,
    );
    slow.go();
    const result = await run;
    expect(result).toMatchObject({ kind: "lost", count: 3, fromId: "1", throughId: "3" });
    expect(describeRetention(result, 30)).toMatch(
      /lease was lost .*connection terminated.*Nothing was pruned.*export .*removed/s,
    );
    expect((await all(stores)).map((r) => r.id)).toEqual(["1", "2", "3"]);
    expect((await verifyChain(stores.audit.iterateChain())).ok).toBe(true);
    expect(readdirSync(exportDir)).toEqual([]);
    // The other replica's lease stands: the lost holding's release leaves it alone.
    expect((await stores.leases.holder(RETENTION_LEASE, clock()))?.owner).toBe("replica-b");
  });

  it("two replicas appending at once, then pruning at once: one prune, and the chain verifies", async () => {
    const a = await open();
    const b = await open();
    // Thirty old records, then ten recent ones, each batch written through both at once.
    const batch = (from: number, count: number, age: number) =>
      Promise.all(
        Array.from({ length: count }, (_, i) =>
          (i % 2 ? a : b).audit.append(entry(from + i, { at: NOW - age * DAY + i })),
        ),
      );
    await batch(0, 30, 60);
    await batch(30, 10, 1);
    expect(await verifyChain(a.audit.iterateChain())).toMatchObject({ ok: true, checked: 40 });
    const exportDir = path.join(tempDir(), "exports");
    const results = await Promise.all(
      [a, b].map((stores, i) =>
        runAuditRetention({
          store: stores.audit,
          leases: stores.leases,
          maxAgeDays: 30,
          exportDir,
          owner: `replica-${i}`,
          actor: "system:retention",
          now: () => NOW,
        }),
      ),
    );
    expect(results.filter((r) => r.kind === "pruned")).toHaveLength(1);
    expect(readdirSync(exportDir)).toHaveLength(1);
    const live = await all(b);
    expect(live.filter((r) => r.action === "audit.prune")).toHaveLength(1);
    expect(live).toHaveLength(11);
    expect((await verifyChain(b.audit.iterateChain())).ok).toBe(true);

    // A second prune later: its export continues the first one's chain, and both files with the
    // live trail verify from genesis.
    await a.audit.append(entry(99, { at: NOW }));
    const second = await runAuditRetention({
      store: a.audit,
      leases: a.leases,
      maxAgeDays: 1,
      exportDir,
      owner: "replica-a",
      actor: "system:retention",
      now: () => NOW + 2 * DAY,
    });
    expect(second.kind).toBe("pruned");
    const files = readdirSync(exportDir).map((file) => path.join(exportDir, file));
    expect(files).toHaveLength(2);
    const everything = [...readExports(files), ...(await all(a))];
    expect((await verifyChain(everything)).broken).toBeNull();
    expect(await verifyChain(everything)).toMatchObject({ ok: true, checked: everything.length });
    expect((await verifyChain(a.audit.iterateChain())).ok).toBe(true);
  });

  it("`audit verify` checks the live store and exported files, printing the first broken link", async () => {
    const stores = await withRecords(4);
    const env: Record<string, string> =
      backend.name === "postgres"
        ? { DATABASE_URL: database?.url ?? "" }
        : { CLC_DATA_DIR: path.dirname(database?.url ?? "") };
    const clean = await cli(["audit", "verify"], env);
    expect(clean.stderr).toBe("");
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/chain of 4 record\(s\), ids 1\.\.4, is intact/);

    const file = path.join(tempDir(), "export.json");
    writeFileSync(file, await jsonExport(stores));
    const fromFile = await cli(["audit", "verify", "--file", file], {});
    expect(fromFile.code).toBe(0);

    await sql(...DROP_GUARDS[backend.name]);
    await sql("UPDATE audit_records SET error = 'covered up' WHERE id = 3");
    const broken = await cli(["audit", "verify"], env);
    expect(broken.code).toBe(1);
    const records = await all(stores);
    expect(broken.stderr).toContain("BROKEN at record 3");
    expect(broken.stderr).toContain(`expected: ${contentHash(records[2] ?? {})}`);
    expect(broken.stderr).toContain(`found:    ${records[2]?.hash}`);

    const usage = await cli(["audit", "verify", "--anchor", "nope"], env);
    expect(usage.code).toBe(2);
  }, 60_000);

  it("`audit prune` runs retention on demand and refuses an unwritable export directory", async () => {
    await withRecords(3);
    const env: Record<string, string> =
      backend.name === "postgres"
        ? { DATABASE_URL: database?.url ?? "" }
        : { CLC_DATA_DIR: path.dirname(database?.url ?? "") };
    const dir = tempDir();
    writeFileSync(path.join(dir, "a-file"), "");
    const refused = await cli(
      ["audit", "prune", "--older-than-days", "1", "--export-dir", path.join(dir, "a-file", "x")],
      env,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Nothing was pruned/);

    const done = await cli(["audit", "prune", "--export-dir", path.join(dir, "exports")], {
      ...env,
      CLC_AUDIT_RETENTION_DAYS: "1",
    });
    expect(done.stderr).toBe("");
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/exported 3 record\(s\), ids 1\.\.3, .* verified\), then pruned them/);
    const [archive] = readdirSync(path.join(dir, "exports"));
    const verified = await cli(["audit", "verify", "--file", path.join(dir, "exports", archive ?? "")], {});
    expect(verified.code).toBe(0);
    expect((await cli(["audit", "verify"], env)).code).toBe(0);
  }, 60_000);
});

describe("`audit prune` arguments", () => {
  it("refuses an age past CLC_AUDIT_RETENTION_DAYS' bound as a usage error, before opening a store", async () => {
    const where = { dataDir: tempDir(), databaseUrl: undefined, typedIn: process.cwd(), actor: "cli" };
    for (const days of ["99999999999", "36501"]) {
      const viaFlag = runAuditCommand(["prune", "--older-than-days", days], () => {}, where, {});
      await expect(viaFlag).rejects.toBeInstanceOf(AuditUsageError);
      await expect(viaFlag).rejects.toThrow(/whole number of days from 1 to 36500/);
      const viaEnv = runAuditCommand(["prune"], () => {}, where, { CLC_AUDIT_RETENTION_DAYS: days });
      await expect(viaEnv).rejects.toBeInstanceOf(AuditUsageError);
    }
    expect(readdirSync(where.dataDir)).toEqual([]);
  });

  it("says how a file can be verified when it starts mid-trail or is given twice", async () => {
    const where = { dataDir: tempDir(), databaseUrl: undefined, typedIn: process.cwd(), actor: "cli" };
    const records: AuditRecord[] = [];
    let prevHash = GENESIS_HASH;
    for (let i = 1; i <= 3; i++) {
      const record: AuditRecord = {
        ...{ id: String(i), at: new Date(NOW + i).toISOString(), operator: "op", role: "admin" },
        ...{ action: "fix.apply", region: null, poolId: null, resource: null, before: null, after: null },
        ...{ outcome: "success", attemptId: null, error: null, requestId: null, awsRequestId: null },
        prevHash,
        hash: null,
      };
      record.hash = contentHash(record);
      prevHash = record.hash;
      records.push(record);
    }
    const broken = path.join(where.dataDir, "broken.json");
    writeFileSync(broken, JSON.stringify([{ ...records[0], action: undefined }]));
    await expect(runAuditCommand(["verify", "--file", broken], () => {}, where, {})).rejects.toThrow(
      /broken\.json is not a JSON audit export: record 1, field "action": This field is required;.*[^.]\.$/,
    );
    const later = path.join(where.dataDir, "later.json");
    writeFileSync(later, JSON.stringify(records.slice(1)));
    const alone = runAuditCommand(["verify", "--file", later], () => {}, where, {});
    await expect(alone).rejects.toThrow(/records that are gone.*--anchor with the firstPrevHash/s);
    const twice = runAuditCommand(["verify", "--file", later, "--file", later], () => {}, where, {});
    await expect(twice).rejects.toThrow(/record 2 appears twice/);
    const anchored = runAuditCommand(
      ["verify", "--file", later, "--anchor", records[0]?.hash ?? ""],
      () => {},
      where,
      {},
    );
    await expect(anchored).resolves.toBeUndefined();
  });
});
