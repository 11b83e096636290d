/**
 * Audit retention (CLC_AUDIT_RETENTION_DAYS): records older than the configured age are exported to
 * a JSON file, the file is read back and verified, and only then are they pruned, in one transaction
 * with an `audit.prune` record naming how many records, their id range, the file and its SHA-256, and
 * the hash that anchors the oldest kept record (features/audit/chain.ts). Nothing is ever pruned
 * silently, and nothing is pruned when the export cannot be written or does not verify.
 *
 * One replica at a time: the run holds the `audit-retention` lease (store LeaseStore) under a name of
 * its own, renewed while it works (lib/lease-keeper.ts); a run whose lease is lost stops, removes its
 * export and prunes nothing. The BFF runs it at start and then every hour when configured
 * (`startAuditRetention`); `pnpm operators -- audit prune` runs it on demand.
 */
import { createHash, randomUUID } from "node:crypto";
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import type { AuditRecord } from "@clc/domain";
import { keepLease } from "../../lib/lease-keeper.ts";
import type { AuditStore, LeaseStore } from "../../store/types.ts";
import { linkHash, type PruneDetails, verifyChain } from "./chain.ts";
import { describeAuditError } from "./sink.ts";

export const RETENTION_LEASE = "audit-retention";
const DAY_MS = 86_400_000;
/**
 * The lease's length (ms), renewed every sixth of it while the run works: a replica that dies mid-run
 * frees the lease at most this long after its last renewal.
 */
const LEASE_MS = 15 * 60_000;
/** How often the BFF looks for records past the age. */
export const RETENTION_INTERVAL_MS = 60 * 60_000;

export type RetentionResult =
  | { readonly kind: "nothing"; readonly before: string }
  /** `holder`: the other run's `owner` (without its holding's random suffix); null when unknown. */
  | { readonly kind: "busy"; readonly holder: string | null }
  /**
   * The lease was lost during the run (another replica took it, or it could not be renewed within
   * two thirds of it): nothing was pruned and the export was removed. `renewError`: why the last
   * renewal failed, if one did.
   */
  | {
      readonly kind: "lost";
      readonly fromId: string;
      readonly throughId: string;
      readonly count: number;
      readonly renewError: string | null;
    }
  | ({ readonly kind: "pruned"; readonly recordId: string } & PruneDetails);

export interface RetentionOptions {
  readonly store: AuditStore;
  readonly leases: LeaseStore;
  readonly maxAgeDays: number;
  /** Where export files go (created, private to this user, when missing). */
  readonly exportDir: string;
  /**
   * Who runs it (a replica's id; the lease is held as `<owner>:<random>`, a name of this run's own)
   * and who the prune record names as acting.
   */
  readonly owner: string;
  readonly actor: string;
  readonly now?: () => number;
  /** How long the lease lasts (ms, default 15 min); it is renewed every sixth of that. */
  readonly leaseMs?: number;
}

/** The export could not be written or did not verify: nothing was pruned. */
export class RetentionExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RetentionExportError";
  }
}

/**
 * Writes `records` as a JSON array, oldest first; answers the SHA-256 (hex) of the bytes written.
 * Throws `stop.reason` once `stop` has aborted (checked at each record).
 */
async function writeExport(
  file: string,
  records: AsyncIterable<AuditRecord>,
  stop: AbortSignal,
): Promise<string> {
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
      stop.throwIfAborted();
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

/** A holding's name is `<owner>:<uuid>`: the owner alone says which replica or process it is. */
const ownerOf = (holding: string) =>
  holding.replace(/:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "");

/**
 * Exports, verifies and prunes the records older than `maxAgeDays`, if this caller gets the lease
 * ("busy" otherwise), renewing it while it works; answers "lost" (nothing pruned) when the lease was
 * lost before the prune. Throws RetentionExportError (nothing pruned) when the export fails; other
 * errors are the store's.
 */
export async function runAuditRetention(options: RetentionOptions): Promise<RetentionResult> {
  const clock = options.now ?? Date.now;
  const now = clock();
  const leaseMs = options.leaseMs ?? LEASE_MS;
  // This run's own name on the lease: a late renewal or release of it cannot touch a later run's
  // holding, this replica's included (lib/lease-keeper.ts).
  const holding = `${options.owner}:${randomUUID()}`;
  const taken = await options.leases.acquire(RETENTION_LEASE, { owner: holding, now, until: now + leaseMs });
  if (!taken) {
    const holder = await options.leases.holder(RETENTION_LEASE, now);
    return { kind: "busy", holder: holder ? ownerOf(holder.owner) : null };
  }
  let renewError: string | null = null;
  // An export can outlast any fixed lease: renewed while the run works, and the run stops when the
  // lease may be lost, so that two replicas never export and prune the same records.
  const lease = keepLease({
    store: options.leases,
    name: RETENTION_LEASE,
    owner: holding,
    leaseMs,
    takenAt: now,
    now: clock,
    onRenewError: (error) => {
      renewError = describeAuditError(error);
    },
  });
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
    const removeExport = () => {
      try {
        rmSync(exportFile, { force: true });
      } catch {
        // Nothing there to remove (the directory itself could not be made).
      }
    };
    const lost = (): RetentionResult => ({
      kind: "lost",
      fromId: range.fromId,
      throughId: range.throughId,
      count: range.count,
      renewError,
    });
    let exportSha256: string;
    let exported: AuditRecord[];
    try {
      mkdirSync(options.exportDir, { recursive: true, mode: 0o700 });
      exportSha256 = await writeExport(
        exportFile,
        options.store.iterateChain({ fromId: range.fromId, throughId: range.throughId }),
        lease.lost,
      );
      exported = await verifyExport(exportFile, exportSha256, range);
    } catch (error) {
      // A half-written or unverified file is no export; one that existed before is not ours to remove.
      if ((error as { code?: string }).code !== "EEXIST") removeExport();
      if (lease.lost.aborted && error === lease.lost.reason) return lost();
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
    // The last look before the prune: a lease lost now means another replica may be exporting the
    // same records. The verified export is removed too: those records are still in the trail, and
    // an export of records never pruned would overlap the next one (the exports verify as one chain).
    if (lease.lost.aborted) {
      removeExport();
      return lost();
    }
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
    await lease.release();
  }
}

/** One line for the log or the CLI. */
export function describeRetention(result: RetentionResult, maxAgeDays: number): string {
  switch (result.kind) {
    case "nothing":
      return `Audit retention: no records older than ${maxAgeDays} day(s) (written before ${result.before}).`;
    case "busy":
      return `Audit retention: another replica (${result.holder ?? "unknown"}) is pruning now; nothing done here.`;
    case "lost":
      return (
        `Audit retention: the lease was lost while records ${result.fromId}..${result.throughId} were exported ` +
        `(another replica took it, or it could not be renewed${result.renewError ? `: ${result.renewError}` : ""}). ` +
        "Nothing was pruned and the export was removed. Run it again once the other replica is done " +
        "(pnpm operators -- audit prune), or leave it to the BFF's next hourly run."
      );
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
    // A run still going when the next is due (a large export) is left to finish: a second run here
    // would be kept out by the lease anyway (each run holds it under a name of its own), and a stop
    // waits for the one run.
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
