/**
 * Audit retention (CLC_AUDIT_RETENTION_DAYS): records older than the configured age are exported to
 * a JSON file, the file is read back and verified, and only then are they pruned, in one transaction
 * with an `audit.prune` record naming how many records, their id range, the file and its SHA-256, and
 * the hash that anchors the oldest kept record (features/audit/chain.ts). Nothing is ever pruned
 * silently, and nothing is pruned when the export cannot be written or does not verify.
 *
 * One replica at a time: the run holds the `audit-retention` lease (store LeaseStore). The BFF runs it
 * at start and then every hour when configured (`startAuditRetention`); `pnpm operators -- audit
 * prune` runs it on demand.
 */
import { createHash } from "node:crypto";
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import type { AuditRecord } from "@clc/domain";
import type { AuditStore, LeaseStore } from "../../store/types.ts";
import { linkHash, type PruneDetails, verifyChain } from "./chain.ts";
import { describeAuditError } from "./sink.ts";

export const RETENTION_LEASE = "audit-retention";
const DAY_MS = 86_400_000;
/** Longer than any export should take; a replica that dies mid-run frees the lease after it. */
const LEASE_MS = 15 * 60_000;
/** How often the BFF looks for records past the age. */
export const RETENTION_INTERVAL_MS = 60 * 60_000;

export type RetentionResult =
  | { readonly kind: "nothing"; readonly before: string }
  | { readonly kind: "busy"; readonly holder: string | null }
  | ({ readonly kind: "pruned"; readonly recordId: string } & PruneDetails);

export interface RetentionOptions {
  readonly store: AuditStore;
  readonly leases: LeaseStore;
  readonly maxAgeDays: number;
  /** Where export files go (created, private to this user, when missing). */
  readonly exportDir: string;
  /** Who holds the lease (a replica's id) and who the prune record names as acting. */
  readonly owner: string;
  readonly actor: string;
  readonly now?: () => number;
}

/** The export could not be written or did not verify: nothing was pruned. */
export class RetentionExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RetentionExportError";
  }
}

/** Writes `records` as a JSON array, oldest first; answers the SHA-256 (hex) of the bytes written. */
async function writeExport(file: string, records: AsyncIterable<AuditRecord>): Promise<string> {
  const digest = createHash("sha256");
  // "wx": never overwrite an earlier export.
  const fd = openSync(file, "wx", 0o600);
  try {
    const write = (text: string) => {
      const bytes = Buffer.from(text, "utf8");
      digest.update(bytes);
      writeSync(fd, bytes);
    };
    write("[");
    let first = true;
    for await (const record of records) {
      write(`${first ? "\n" : ",\n"}${JSON.stringify(record)}`);
      first = false;
    }
    write("\n]\n");
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return digest.digest("hex");
}

/** Reads an export back: its bytes hash to `sha256`, it holds `fromId`..`throughId`, its chain holds. */
async function verifyExport(
  file: string,
  sha256: string,
  range: { fromId: string; throughId: string; count: number },
): Promise<AuditRecord[]> {
  const bytes = readFileSync(file);
  const found = createHash("sha256").update(bytes).digest("hex");
  if (found !== sha256) throw new Error(`its SHA-256 read back is ${found}, not the ${sha256} written`);
  const records = JSON.parse(bytes.toString("utf8")) as AuditRecord[];
  if (
    records.length !== range.count ||
    records[0]?.id !== range.fromId ||
    records.at(-1)?.id !== range.throughId
  ) {
    throw new Error(`it does not hold the ${range.count} records ${range.fromId}..${range.throughId}`);
  }
  const anchor = records[0]?.prevHash ?? undefined;
  const report = await verifyChain(records, anchor ? { anchor } : {});
  if (!report.ok)
    throw new Error(`its chain is broken at record ${report.broken?.id}: ${report.broken?.problem}`);
  return records;
}

/**
 * Exports, verifies and prunes the records older than `maxAgeDays`, if this caller gets the lease.
 * Throws RetentionExportError (nothing pruned) when the export fails; other errors are the store's.
 */
export async function runAuditRetention(options: RetentionOptions): Promise<RetentionResult> {
  const now = options.now?.() ?? Date.now();
  const taken = await options.leases.acquire(RETENTION_LEASE, {
    owner: options.owner,
    now,
    until: now + LEASE_MS,
  });
  if (!taken) {
    const holder = await options.leases.holder(RETENTION_LEASE, now);
    return { kind: "busy", holder: holder?.owner ?? null };
  }
  try {
    const before = now - options.maxAgeDays * DAY_MS;
    const range = await options.store.prunable(before);
    if (!range) return { kind: "nothing", before: new Date(before).toISOString() };

    const stamp = new Date(now)
      .toISOString()
      .replaceAll(":", "")
      .replace(/\.\d+Z$/, "Z");
    const exportFile = path.resolve(
      options.exportDir,
      `audit-${range.fromId}-${range.throughId}-${stamp}.json`,
    );
    let exportSha256: string;
    let exported: AuditRecord[];
    try {
      mkdirSync(options.exportDir, { recursive: true, mode: 0o700 });
      exportSha256 = await writeExport(
        exportFile,
        options.store.iterateChain({ fromId: range.fromId, throughId: range.throughId }),
      );
      exported = await verifyExport(exportFile, exportSha256, range);
    } catch (error) {
      // A half-written or unverified file is no export; one that existed before is not ours to remove.
      if ((error as { code?: string }).code !== "EEXIST") {
        try {
          rmSync(exportFile, { force: true });
        } catch {
          // Nothing there to remove (the directory itself could not be made).
        }
      }
      throw new RetentionExportError(
        `Audit retention: the export of records ${range.fromId}..${range.throughId} to ${exportFile} failed ` +
          `(${describeAuditError(error)}). Nothing was pruned. Make the directory writable or point ` +
          "CLC_AUDIT_EXPORT_DIR at one that is, then run it again (pnpm operators -- audit prune).",
      );
    }
    const last = exported.at(-1);
    const details: PruneDetails = {
      count: range.count,
      fromId: range.fromId,
      throughId: range.throughId,
      anchorHash: last ? linkHash(last) : "",
      firstPrevHash: exported[0]?.prevHash ?? null,
      exportFile,
      exportSha256,
    };
    const recordId = await options.store.prune(range, exportSha256, {
      at: now,
      operator: options.actor,
      role: null,
      action: "audit.prune",
      resource: `file:${exportFile}`,
      before: null,
      after: details,
      outcome: "success",
    });
    return { kind: "pruned", recordId, ...details };
  } finally {
    await options.leases.release(RETENTION_LEASE, options.owner).catch(() => undefined);
  }
}

/** One line for the log or the CLI. */
export function describeRetention(result: RetentionResult, maxAgeDays: number): string {
  switch (result.kind) {
    case "nothing":
      return `Audit retention: no records older than ${maxAgeDays} day(s) (written before ${result.before}).`;
    case "busy":
      return `Audit retention: another replica (${result.holder ?? "unknown"}) is pruning now; nothing done here.`;
    case "pruned":
      return (
        `Audit retention: exported ${result.count} record(s), ids ${result.fromId}..${result.throughId}, to ` +
        `${result.exportFile} (SHA-256 ${result.exportSha256}, verified), then pruned them; recorded as audit record ${result.recordId}.`
      );
  }
}

/**
 * Runs retention now and every `intervalMs` (the BFF, when CLC_AUDIT_RETENTION_DAYS is set). Failures
 * are reported to `report` and retried at the next run; they never stop the console. Answers `stop`,
 * which waits for a run in progress.
 */
export function startAuditRetention(
  options: RetentionOptions & {
    intervalMs?: number;
    report: (outcome: { result: RetentionResult } | { error: unknown }) => void;
  },
): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    // A run still going when the next is due (a large export) is left to finish: the lease is this
    // replica's either way, so a second run here would not be kept out by it.
    if (running) return;
    running = runAuditRetention(options)
      .then(
        (result) => options.report({ result }),
        (error: unknown) => options.report({ error }),
      )
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(() => {
    if (!stopped) tick();
  }, options.intervalMs ?? RETENTION_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
