/**
 * The fleet's rows kept in the store (store/fleet-snapshot.ts), so a restart shows them at once.
 * Writes are batched off the read path: a stored read only marks its pool; a timer (or a full batch)
 * writes the marked pools' current rows in one transaction, so the fleet read never waits on the
 * database.
 */
import type { AwsEntryProblem, LogDeliveryModel, PoolFacts, Severity } from "@clc/domain";
import type { FastifyBaseLogger } from "fastify";
import type { FleetSnapshotStore, StoredPoolState } from "../../store/fleet-snapshot.ts";

/** What a stored row holds beside its times: enough to show the row before any read. */
export interface SnapshotRow {
  facts: PoolFacts;
  configuration: LogDeliveryModel;
  configurationProblems: AwsEntryProblem[];
  findings: { count: number; worst: Severity | null };
  account: { name: string; ouPath: string | null } | null;
}

/** Bumped when SnapshotRow changes shape; rows of another version are skipped (read again instead). */
const FORMAT = 1;

export function encodeRow(row: SnapshotRow): string {
  return JSON.stringify({ v: FORMAT, ...row });
}

/** The row, or null when it is of another format or not JSON (then the pool is simply read again). */
export function decodeRow(json: string): SnapshotRow | null {
  try {
    const parsed = JSON.parse(json) as Partial<SnapshotRow> & { v?: unknown };
    if (parsed.v !== FORMAT || !parsed.facts || !parsed.configuration || !parsed.findings) return null;
    return {
      facts: parsed.facts,
      configuration: parsed.configuration,
      configurationProblems: parsed.configurationProblems ?? [],
      findings: parsed.findings,
      account: parsed.account ?? null,
    };
  } catch {
    return null;
  }
}

export interface SnapshotWriter {
  /** Marks a pool changed: its current row is written with the next batch. */
  changed(key: string): void;
  /** Whether a pool's row is waiting for its batch, or being written. */
  unwritten(key: string): boolean;
  /** Pools found gone; kept if another replica stored a read started at or after `listedAt`. */
  gone(pools: ReadonlyArray<{ accountId: string; poolId: string }>, listedAt: number): void;
  /**
   * Writes what is pending now (and waits for a write under way). Rejects when it could not: the
   * rows stay pending (tried again with the next batch), and a caller that must not go on without
   * them (a change event about to be deleted) knows.
   */
  flush(): Promise<void>;
}

/**
 * `rowOf(key)` builds the row to store for a marked pool at write time (null: nothing to store,
 * e.g. the pool is gone). A failed write is logged and its pools are tried again with the next batch.
 */
export function createSnapshotWriter(options: {
  store: FleetSnapshotStore;
  rowOf: (key: string) => StoredPoolState | null;
  log: FastifyBaseLogger;
  /** How long a change may wait to be written (ms); default 1 s. */
  delayMs?: number;
  /** Pending pools that start a write at once; default 2,000. */
  batch?: number;
}): SnapshotWriter {
  const delayMs = options.delayMs ?? 1000;
  const batch = options.batch ?? 2000;
  let pending = new Set<string>();
  let removals: Array<{ pools: ReadonlyArray<{ accountId: string; poolId: string }>; listedAt: number }> = [];
  let timer: NodeJS.Timeout | null = null;
  /** The last write: whether it stored what it took. */
  let writing: Promise<boolean> = Promise.resolve(true);

  /** The keys of the write under way. */
  let writingKeys = new Set<string>();
  const write = async (): Promise<boolean> => {
    const keys = pending;
    const gone = removals;
    writingKeys = keys;
    pending = new Set();
    removals = [];
    const rows: StoredPoolState[] = [];
    for (const key of keys) {
      const row = options.rowOf(key);
      if (row) rows.push(row);
    }
    try {
      if (rows.length > 0) await options.store.put(rows);
      for (const r of gone) await options.store.remove(r.pools, r.listedAt);
      writingKeys = new Set();
      return true;
    } catch (error) {
      writingKeys = new Set();
      options.log.error({ err: error }, "keeping the fleet's state in the store failed; trying again");
      for (const key of keys) pending.add(key);
      removals.push(...gone);
      schedule();
      return false;
    }
  };
  const start = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    writing = writing.then(write);
    return writing;
  };
  const schedule = () => {
    if (timer) return;
    timer = setTimeout(() => void start(), delayMs);
    timer.unref();
  };
  return {
    changed(key) {
      pending.add(key);
      if (pending.size >= batch) void start();
      else schedule();
    },
    unwritten: (key) => pending.has(key) || writingKeys.has(key),
    gone(pools, listedAt) {
      if (pools.length === 0) return;
      removals.push({ pools, listedAt });
      schedule();
    },
    async flush() {
      const stored = pending.size > 0 || removals.length > 0 ? await start() : await writing;
      if (!stored) throw new Error("The fleet's rows could not be written to the store.");
    },
  };
}
