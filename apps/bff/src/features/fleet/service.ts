import {
  type AccountError,
  type AccountRegion,
  type AccountSummary,
  type AwsEntryProblem,
  comparePools,
  type Destination,
  type DestinationLabel,
  destinationName,
  type Finding,
  type FleetStatus,
  fromAwsLogConfigurations,
  type LogDeliveryModel,
  type PoolFacts,
  type PoolListFilter,
  type PoolListResponse,
  type PoolRef,
  type PoolSummary,
  poolKey,
  queryPools,
  type Severity,
  summarizeFindings,
} from "@clc/domain";
import type { FastifyBaseLogger } from "fastify";
import type { CognitoGateway } from "../../aws/cognito-gateway.ts";
import { type Deadline, withDeadline } from "../../aws/deadline.ts";
import { AwsCallError } from "../../aws/errors.ts";
import type { FleetSnapshotStore, StoredPoolChange, StoredPoolState } from "../../store/fleet-snapshot.ts";
import {
  FLEET_READ_COMPLETED_MARK,
  FLEET_READ_STARTED_MARK,
  type FreshnessMarkStore,
  fleetListedMark,
} from "../../store/freshness-marks.ts";
import {
  assessRead,
  type DestinationLookups,
  type FleetDestinations,
  lookUpDestinations,
  startDestinationLookups,
} from "./findings.ts";
import { createSnapshotWriter, decodeRow, encodeRow, type SnapshotWriter } from "./snapshot.ts";

/** One read of a pool: its facts and its configuration as AWS holds them. */
export interface PoolRead {
  facts: PoolFacts;
  configuration: LogDeliveryModel;
  /** Entries AWS holds that the console's model cannot (kept visible, never silently dropped). */
  configurationProblems: AwsEntryProblem[];
  /** When this read started (ms); a later-started read always wins over an earlier one. */
  startedAt: number;
  readAt: number;
}

type FindingSummary = { count: number; worst: Severity | null };

/**
 * One pool as the fleet holds it. Kept small (issue 16, "Memory"): the findings as the row shows
 * them (count and worst), not the findings themselves, and the row itself built once per change.
 */
interface PoolRecord {
  id: string;
  name: string;
  region: string;
  accountId: string;
  read: PoolRead | null;
  findings: FindingSummary;
  readState: "ok" | "pending" | "unknown";
  readError?: string;
  /** Set by a write: the next detail read goes to AWS whatever the TTL. */
  stale: boolean;
  /** Being read again now: the row shows its last known state meanwhile. */
  refreshing: boolean;
  /** The list row, built when first asked for after a change (null: build it again). */
  row: PoolSummary | null;
}

const NO_FINDINGS: FindingSummary = Object.freeze({ count: 0, worst: null }) as FindingSummary;
const NO_PROBLEMS: AwsEntryProblem[] = Object.freeze([]) as unknown as AwsEntryProblem[];
/** The list query's keys that do not filter: a query of only these is a slice of the sorted rows. */
const PAGING_KEYS = new Set(["sort", "offset", "limit"]);
/**
 * Pools read at once per (account, region) in a fleet read, given the read pacer's slots (calls
 * under way per place, COGNITO_MAX_CONCURRENCY): half of them (a pool read is two calls) and two
 * pools more, so a slot that frees finds a call already waiting for it. Not more: every pool read
 * started builds its calls' deadlines, signals and promises before it waits for a slot. At 24 pools
 * per place the org bench's 40 places built ~1,900 waiting calls the moment their listings
 * answered; the main thread then spent 0.3-0.6 s (half of it in the garbage collector) before the
 * first pool read reached the Cognito read worker (issue 14).
 */
export function poolReadsInFlight(readSlots: number): number {
  return Math.ceil(readSlots / 2) + 2;
}

/**
 * The per-pool reads of one account, as the pool page, previews, writes and fixes use them: the
 * methods the single-account fleet service had, now bound to (account) so every key names it.
 */
export interface AccountFleet {
  /**
   * One pool, from the cache when fresh enough, else from AWS (two paced reads) within the
   * caller's deadline (a user request's; none: each call gets the background budget).
   */
  readPool(
    region: string,
    poolId: string,
    options?: { fresh?: boolean; deadline?: Deadline },
  ): Promise<PoolRead>;
  /** Reads the configuration only (one call), e.g. right after a write. */
  readConfiguration(region: string, poolId: string, facts: PoolFacts, deadline?: Deadline): Promise<PoolRead>;
  /** Records a read made elsewhere (after a write); ignored if a later-started read is already stored. */
  store(read: PoolRead): void;
  /** Forgets the pool's cached read, so the next read goes to AWS. */
  invalidate(poolId: string): void;
  /** Findings of a stored read, recomputed (e.g. once destination facts are known). */
  reassess(poolId: string): void;
  /**
   * Findings of every stored pool of the account that sends logs to one of these destinations,
   * recomputed: after a destination was re-read (pool page, fix), each fleet row that uses it shows
   * what was found.
   */
  reassessDestinations(destinations: readonly Destination[]): void;
}

/** One fleet row with what it was judged on, for features that judge pools without AWS reads. */
export interface FleetPoolView {
  row: PoolSummary;
  /** The pool's last read; null until read. */
  read: PoolRead | null;
  /** The cached destination facts its account's rows are judged on; null when the account is unknown. */
  destinations: FleetDestinations | null;
}

export interface FleetService {
  status(): FleetStatus;
  /**
   * Restores the rows kept in `store` (the fleet's last known state) and keeps every later read
   * there, in batches. Call once, before serving. Answers how many rows were restored. With rows
   * restored, the accounts' rows (kept nowhere) are read again in the background: discovery, roles,
   * regions; no Cognito call.
   *
   * `followMs` (replicas sharing the store): every `followMs`, the rows the other replicas wrote
   * since the last look (store.changedSince) replace older ones here, and their tombstones remove
   * pools found gone, so that a change event one replica received shows on every replica, and a
   * row another replica read again is not read again here. Until close().
   *
   * `marks`: where each fleet read's start and end are noted (store/freshness-marks.ts). A read that
   * started and never completed (a shutdown or crash cut it short) is finished by the first list
   * after the restore: every place listed, only the pools not read within the TTL (nor kept by
   * events) read. Without it, the restored rows would pass for the whole fleet until the TTL.
   */
  restore(
    store: FleetSnapshotStore,
    options?: { followMs?: number; marks?: FreshnessMarkStore },
  ): Promise<number>;
  /**
   * These pools are out of date (an event named them, a sweep reached them): each is read again in
   * the background, at the background lane of the read quota, its row showing `refreshing`
   * meanwhile. A pool not known yet is read and added; a pool AWS no longer has is removed.
   */
  markStale(pools: readonly PoolRef[]): void;
  /**
   * markStale, resolving once those reads are done (2 Cognito reads per pool; events or the sweep
   * named them): a pool AWS no longer has leaves the list, a new one joins it, a failed read leaves
   * its row as it was and is answered in `failed` (try again later).
   */
  refreshPools(pools: readonly PoolRef[]): Promise<{ read: number; removed: number; failed: PoolRef[] }>;
  /** Starts a fleet read unless one is under way; answers the status right away. */
  refresh(): FleetStatus;
  /**
   * The rows known now (a first call or an expired cache starts a fleet read in the background);
   * `also` filters on facts kept elsewhere (the delivery state), `keep` on the row with its last read
   * (the logging standard's compliance).
   */
  list(
    filter: PoolListFilter,
    also?: (pool: PoolSummary) => boolean,
    keep?: (pool: FleetPoolView) => boolean,
  ): PoolListResponse;
  /** Every row known now, by name, with its last read (the logging standard's evaluation); no AWS call. */
  pools(): FleetPoolView[];
  /** The per-pool reads of one account (its Cognito gateway and destination facts). */
  forAccount(account: FleetAccountReads): AccountFleet;
  /** The account a pool id was last seen in (the legacy single-account URLs); null if none. */
  accountOfPool(poolId: string): string | null;
  /** A pool's last stored read and its findings as its row shows them (no AWS call); null if never read. */
  storedRead(accountId: string, poolId: string): { read: PoolRead; findings: Finding[] } | null;
  /** Resolves when the current fleet read (if any) has finished, and any read it queued; for tests. */
  settled(): Promise<void>;
  /**
   * The fleet read under way, settling (never rejecting) when it ends; null when none runs. Work in
   * the background that competes with it for the CPU waits for it (the events path's checks).
   */
  readUnderWay(): Promise<void> | null;
  /**
   * Writes the rows changed so far to the store now (restore's), and waits for it: a change event is
   * deleted from its queue only once the row it caused is kept, for a restart and the other replicas.
   * Rejects when the store did not take them (they are tried again with the next batch).
   */
  persisted(): Promise<void>;
  /**
   * For shutdown: no fleet read starts any more (an operator's Refresh queued behind the cache's
   * re-read is dropped: a full read outlasts the process's 10 s to exit), the read under way starts
   * no more pool reads nor listing pages (those in flight end), then settled().
   */
  close(): Promise<void>;
  /** Hears every judgement of a pool's findings, with the facts it used (notifications' transitions). */
  watchFindings(watcher: FindingsWatcher): void;
  /** Every pool the list knows now, with when it was last read (ms; null: never): the sweep's work list. */
  knownPools(): Array<PoolRef & { readAt: number | null }>;
  /**
   * Which places events keep fresh (the freshness service). An expired cache then re-reads only
   * what they do not cover: nothing while every place is covered; otherwise a fleet read that lists
   * every place (new and deleted pools) but reads again only the pools of places not covered, and
   * new ones. Restored rows older than the TTL are read again unless events keep them (`keeps`).
   */
  replaceTtlRefresh(coverage: EventCoverage): void;
  /** The events path has been checked (coverage answers now): a list's re-read that waited for it runs. */
  coverageAnswered(): void;
}

/**
 * Which rows change events keep fresh. `null`: not known yet (the events path is being checked after
 * a start): a re-read that depends on it waits for the answer (the next list).
 */
export interface EventCoverage {
  /** Every place is on events (its rows may still be read again: `keeps` says which). */
  all(): boolean | null;
  /**
   * Whether events keep a row of the place read at `readAt` (ms since the epoch) fresh: the place is
   * on events, its path has been intact since before `readAt`, and its queue still holds what
   * changed since.
   */
  keeps(accountId: string, region: string, readAt: number): boolean | null;
}

const NO_COVERAGE: EventCoverage = { all: () => false, keeps: () => false };

export type { PoolRef };

export type FindingsWatcher = (read: PoolRead, findings: Finding[], destinations: FleetDestinations) => void;

/** What the fleet reads one account's pools with. */
export interface FleetAccountReads {
  accountId: string;
  cognito: Pick<CognitoGateway, "listUserPools" | "describeUserPool" | "getLogDeliveryConfiguration">;
  /**
   * The destination facts the rows are judged on: looked up once the account's pools are read, so
   * the list's findings see KMS, tags and policies (findings.ts).
   */
  destinations: FleetDestinations;
}

/** One account of a fleet read, as the account directory (features/accounts) gives it. */
export interface FleetAccount extends FleetAccountReads {
  name: string;
  ouPath: string | null;
  /**
   * False when `ouPath` is null for want of knowing it (AWS Organizations' OU tree not walked yet,
   * or not readable): the last known path is kept. True when null means "no OU" (a list of roles,
   * the own account alone): an earlier path is then dropped.
   */
  ouPathKnown: boolean;
  roleArn: string | null;
  own: boolean;
  /**
   * Whether each of `regions` is enabled in the account (account:ListRegions): the first call of
   * the account, so a role that cannot be assumed fails here. Throws the account's failure.
   */
  regionStatus(regions: readonly string[], deadline: Deadline): Promise<AccountRegion[]>;
}

/** The accounts of a fleet read; `error`: discovery failed (the accounts are then the ones still known). */
export interface FleetAccounts {
  accounts: FleetAccount[];
  /** Accounts known to be unreadable before any read (e.g. an own account whose identity failed). */
  failed?: AccountSummary[];
  error?: AccountError;
  /** The accounts were listed but their OU tree could not be read: an OU path null is not known. */
  ouError?: AccountError;
}

export interface FleetDeps {
  /**
   * The accounts to read, asked at the start of each fleet read (features/accounts/service.ts).
   * `onAccount` may be given accounts before the answer, as they are discovered (OU path still
   * null): each is read at once, and the answer completes them.
   */
  accounts(onAccount?: (account: FleetAccount) => void): Promise<FleetAccounts>;
  /** How an account's failure reads in its row (features/accounts describeAccountFailure). */
  describeAccountFailure(error: unknown, account: Pick<FleetAccount, "roleArn" | "own">): AccountError;
  regions: readonly string[];
  /**
   * Whether a region's listing failed because the account has not enabled the region (AWS then
   * refuses the credentials there): shown as not enabled, not as an error.
   */
  regionNotEnabled(error: unknown): boolean;
  /**
   * Whether every account has `region` enabled (not an opt-in Region): its pools are listed without
   * waiting for the account's region listing (features/accounts enabledByDefault). Absent: none is.
   */
  enabledByDefault?(region: string): boolean;
  /** The budget of an account's first calls (assume its role, list its regions): a hung account ends then. */
  accountDeadlineMs: number;
  cacheTtlMs: number;
  /** The read pacer's slots per (account, region) (COGNITO_MAX_CONCURRENCY; default 8): see poolReadsInFlight. */
  readSlots?: number;
  log: FastifyBaseLogger;
  now?: () => number;
}

function accountOfArn(arn: string): string | null {
  const account = arn.split(":")[4];
  return account && /^\d{12}$/.test(account) ? account : null;
}

/**
 * Labels shared by every row that names the same destination: with 10,000 pools sending to a
 * handful of log groups, one label object each instead of one per row (issue 16, "Memory").
 */
const labels = new Map<string, DestinationLabel>();
function label(destination: Destination | null): DestinationLabel | null {
  if (!destination) return null;
  const key = `${destination.kind}|${destination.arn}`;
  let shared = labels.get(key);
  if (!shared) {
    if (labels.size >= 50_000) labels.clear();
    shared = { ...destination, name: destinationName(destination.arn) };
    labels.set(key, shared);
  }
  return shared;
}

/**
 * A bound on tasks under way at once; the others wait their turn in order. The queue is read by an
 * index, not shift(): with 50,000 pools waiting, shift() made the fleet read quadratic.
 */
function limiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  let waiting: Array<() => void> = [];
  let head = 0;
  const next = () => {
    if (head < waiting.length) {
      const wake = waiting[head] as () => void;
      head += 1;
      if (head === waiting.length) {
        waiting = [];
        head = 0;
      }
      wake();
    }
  };
  return async (task) => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else active += 1;
    try {
      return await task();
    } finally {
      // A waiting task takes this one's place (active stays); otherwise the place is free.
      if (head < waiting.length) next();
      else active -= 1;
    }
  };
}

/**
 * Which rows a fleet read leaves as they are: none (a Refresh, a cold read); those change events
 * keep fresh (the cache's re-read); those and the rows read within the TTL (finishing a read a
 * shutdown or crash cut short, found at restore).
 */
type Keep = "none" | "covered" | "covered-and-recent";

/** Why a pool read queued at shutdown did not start (FleetService.close). */
const SHUTTING_DOWN = new Error("The console is shutting down: the pool was not read.");

/** How long the replicas' rows may go unpulled before events keep no row here (ms). */
const FOLLOW_OUTAGE_MS = 10 * 60_000;
/** How long a pull of the other replicas' rows may take before it is abandoned (ms). */
const PULL_TIMEOUT_MS = 15_000;
/** How long a pool found gone is remembered against older reads landing late (ms). */
const GONE_KEPT_MS = 3_600_000;

function describeFailure(error: unknown): string {
  if (error instanceof AwsCallError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

export function createFleetService(deps: FleetDeps): FleetService {
  const now = deps.now ?? Date.now;
  const records = new Map<string, PoolRecord>();
  let status: FleetStatus = {
    state: "idle",
    loaded: 0,
    total: null,
    failed: 0,
    startedAt: null,
    completedAt: null,
  };
  let completedAtMs = 0;
  let current: Promise<void> = Promise.resolve();
  let coverage: EventCoverage = NO_COVERAGE;
  /** Each account's readers, by account id: its rows are judged on its own destination facts. */
  const readers = new Map<string, FleetAccountReads>();
  /**
   * Name and OU of each account of the last fleet read, for the rows. An OU path once known is never
   * replaced by null: a discovery that has not walked the OU tree yet, or failed to, leaves the last
   * one known (an earlier read's, or the store's after a restart).
   */
  const accountInfo = new Map<string, { name: string; ouPath: string | null }>();
  const learnAccount = (account: Pick<FleetAccount, "accountId" | "name" | "ouPath" | "ouPathKnown">) => {
    const ouPath = account.ouPathKnown
      ? account.ouPath
      : (account.ouPath ?? accountInfo.get(account.accountId)?.ouPath ?? null);
    accountInfo.set(account.accountId, { name: account.name, ouPath });
  };
  const watchers: FindingsWatcher[] = [];
  const assessFindings = (read: PoolRead): Finding[] => {
    const reader = readers.get(read.facts.accountId);
    const findings = reader ? assessRead(read, reader.destinations) : [];
    if (reader) for (const watch of watchers) watch(read, findings, reader.destinations);
    return findings;
  };
  const assess = (read: PoolRead): FindingSummary => {
    const findings = assessFindings(read);
    return findings.length === 0 ? NO_FINDINGS : summarizeFindings(findings);
  };
  /** The limiter of each (account, region)'s pool reads, made on first use. */
  const readLimits = new Map<string, <T>(task: () => Promise<T>) => Promise<T>>();
  const limitFor = (accountId: string, region: string) => {
    const key = `${accountId}|${region}`;
    let limit = readLimits.get(key);
    if (!limit) {
      limit = limiter(poolReadsInFlight(deps.readSlots ?? 8));
      readLimits.set(key, limit);
    }
    return limit;
  };
  /**
   * A pool read in its (account, region)'s queue. Once shutdown has begun, one still queued fails at
   * once instead of starting: a cold read of 1,000 pools outlasts the process's 10 s to exit, and
   * the rows not read keep their last state (in memory and in the store).
   */
  const queuedRead = (account: FleetAccountReads, region: string, poolId: string) =>
    limitFor(
      account.accountId,
      region,
    )(() => (closing ? Promise.reject(SHUTTING_DOWN) : readPool(account, region, poolId)));
  let snapshot: SnapshotWriter | null = null;
  /** Where fleet reads note their start and end (restore's marks), in order; null: nowhere. */
  let marks: FreshnessMarkStore | null = null;
  let marking: Promise<void> = Promise.resolve();
  const noteRead = (name: string, at: number) => {
    const store = marks;
    if (!store) return;
    marking = marking.then(() =>
      store.set(name, at).catch((error: unknown) => {
        deps.log.warn({ err: describeFailure(error) }, "noting the fleet read's progress failed");
      }),
    );
  };
  /** The last fleet read before the restore was cut short: the first list finishes it. */
  let restoredCutShort = false;
  /** When rows were restored from the store (ms), until the first full fleet read of this process. */
  let restoredAtMs: number | null = null;
  /** Rows restored older than the TTL are read again once, at the first list after the restore. */
  let restoredStaleChecked = true;
  /** A list found the events path not known yet: what it would have re-read waits for the answer. */
  let waitingForCoverage = false;
  /**
   * While every place is on events, when the rows were last checked for ones events no longer keep
   * (read before a place's path was last found intact, or longer ago than its queue keeps a change).
   */
  let keptCheckedAtMs = 0;
  /** The read under way is the cache's re-read that leaves covered rows as they are. */
  let readingKeepsCovered = false;
  /** An operator asked for a full read while such a read ran: it follows. */
  let fullReadAfter = false;
  /** Shutting down: no fleet read starts. */
  let closing = false;
  /** The accounts' rows read after a restore (checkAccounts), for settled(). */
  let accountsCheck: Promise<void> = Promise.resolve();
  /** Per-pool reads under way (markStale / refreshPools), for settled(). */
  const poolRefreshes = new Set<Promise<void>>();
  /** Following the other replicas' rows (restore's followMs): its timer and last good pull (ms). */
  let follow: { timer: NodeJS.Timeout; busy: boolean; okAtMs: number } | null = null;

  async function readPool(
    account: FleetAccountReads,
    region: string,
    poolId: string,
    deadline?: Deadline,
  ): Promise<PoolRead> {
    const startedAt = now();
    const [description, delivery] = await Promise.all([
      account.cognito.describeUserPool(region, poolId, deadline),
      account.cognito.getLogDeliveryConfiguration(region, poolId, deadline),
    ]);
    // The pool's ARN names its account; the account the call went to otherwise.
    const accountId = accountOfArn(description.arn) ?? account.accountId;
    const { model, problems } = fromAwsLogConfigurations(delivery.logConfigurations);
    return {
      facts: {
        id: description.id,
        name: description.name,
        region,
        accountId,
        arn: description.arn,
        tier: description.tier,
        threatProtection: description.threatProtection,
        ...(description.tags ? { tags: description.tags } : {}),
      },
      configuration: model,
      configurationProblems: problems.length === 0 ? NO_PROBLEMS : problems,
      startedAt,
      readAt: now(),
    };
  }

  /**
   * The list view is served from rows built and sorted once per change of the records, not per
   * request: with 10,000 pools, building every row and sorting them with the collator on each
   * GET /api/pools took ~150 ms of CPU (bench, warm scenario). Every change a row can show calls
   * rowsChanged().
   */
  let rowsVersion = 0;
  const rowsChanged = () => {
    rowsVersion += 1;
  };
  let rowCache: { version: number; rows: PoolSummary[]; bySort: Map<string, PoolSummary[]> } | null = null;
  /** A record changed: its row is built again, and the lists with it. */
  const touch = (record: PoolRecord) => {
    record.row = null;
    rowsChanged();
  };
  const rowOf = (record: PoolRecord): PoolSummary => {
    record.row ??= summary(record);
    return record.row;
  };

  function sortedRows(sort: PoolListFilter["sort"]): PoolSummary[] {
    if (rowCache?.version !== rowsVersion) {
      rowCache = { version: rowsVersion, rows: Array.from(records.values(), rowOf), bySort: new Map() };
    }
    let rows = rowCache.bySort.get(sort);
    if (!rows) {
      rows = [...rowCache.rows].sort(comparePools(sort));
      rowCache.bySort.set(sort, rows);
    }
    return rows;
  }

  function store(read: PoolRead): void {
    const key = poolKey({ accountId: read.facts.accountId, poolId: read.facts.id });
    const existing = records.get(key);
    if (existing?.read && existing.read.startedAt > read.startedAt) return;
    if ((goneSince.get(key)?.at ?? -1) > read.startedAt) return;
    rowsChanged();
    records.set(key, {
      id: read.facts.id,
      name: read.facts.name,
      region: read.facts.region,
      accountId: read.facts.accountId,
      read,
      findings: assess(read),
      readState: "ok",
      stale: false,
      refreshing: false,
      row: null,
    });
    snapshot?.changed(key);
  }

  /** The row the store keeps for a pool (snapshot.ts), from its record now; null if not read. */
  function storedRow(key: string) {
    const record = records.get(key);
    if (!record?.read) return null;
    const info = accountInfo.get(record.accountId);
    const { facts, configuration, configurationProblems, startedAt, readAt } = record.read;
    return {
      accountId: record.accountId,
      poolId: record.id,
      region: record.region,
      startedAt,
      readAt,
      json: encodeRow({
        facts,
        configuration,
        configurationProblems,
        findings: record.findings,
        account: info ? { name: info.name, ouPath: info.ouPath } : null,
      }),
    };
  }

  /** The oldest read among the rows and how many are being read again (status `asOf`, `refreshing`). */
  let age: { version: number; asOf: string | null; refreshing: number } | null = null;
  function fleetAge(): { asOf: string | null; refreshing: number } {
    if (age?.version === rowsVersion) return age;
    let oldest = Number.POSITIVE_INFINITY;
    let refreshing = 0;
    for (const record of records.values()) {
      if (record.read && record.read.readAt < oldest) oldest = record.read.readAt;
      if (record.refreshing) refreshing += 1;
    }
    age = {
      version: rowsVersion,
      asOf: Number.isFinite(oldest) ? new Date(oldest).toISOString() : null,
      refreshing,
    };
    return age;
  }

  function currentStatus(): FleetStatus {
    const { asOf, refreshing } = fleetAge();
    return {
      ...status,
      asOf,
      refreshing,
      ...(restoredAtMs !== null ? { restoredAt: new Date(restoredAtMs).toISOString() } : {}),
    };
  }

  /** Sets one account's row of the status (its place kept), as its read goes on. */
  function setAccount(row: AccountSummary): void {
    const rows = status.accounts ?? [];
    const index = rows.findIndex((r) => r.accountId === row.accountId);
    status = {
      ...status,
      accounts: index < 0 ? [...rows, row] : rows.map((r, i) => (i === index ? row : r)),
    };
  }

  function accountRow(account: FleetAccount, regions: AccountRegion[]): AccountSummary {
    // An account started before discovery ended learns its OU path later (readFleet): the latest known.
    const info = accountInfo.get(account.accountId);
    return {
      accountId: account.accountId,
      name: info?.name ?? account.name,
      ouPath: info ? info.ouPath : account.ouPath,
      roleArn: account.roleArn,
      own: account.own,
      status: "pending",
      regions,
    };
  }

  /** An account whose role or regions could not be read: its one error row, counted as failed. */
  function accountFailed(account: FleetAccount, error: unknown): void {
    deps.log.warn({ account: account.accountId, err: describeFailure(error) }, "reading an account failed");
    setAccount({
      ...accountRow(
        account,
        deps.regions.map((region) => ({ region, status: "error" as const })),
      ),
      status: "error",
      error: deps.describeAccountFailure(error, account),
    });
    status = { ...status, failed: status.failed + 1 };
  }

  /** One account's listing in a fleet read: its reads under way, and the pools whose read failed. */
  interface AccountPart {
    listed: Array<{ region: string; ok: boolean; pools: number }>;
    reads: Array<Promise<void>>;
    failedReads: Array<{ region: string; id: string }>;
    /** The destinations of the pools read so far, looked up as their reads arrive. */
    lookups: DestinationLookups;
    ok: boolean;
  }

  /**
   * One account's part of a fleet read: its regions, then its pools. A failure of the account (its
   * role cannot be assumed, access denied) ends here as its own row and touches no other account.
   * The pools of the regions every account has enabled (deps.enabledByDefault) are listed at once,
   * beside the region listing: waiting for ListRegions before the first ListUserPools cost a round
   * trip per account (issue 14's org bench). The answer of each such listing is judged once the
   * account's regions are known, so a role that cannot be assumed is the account's one error row.
   */
  async function readAccount(account: FleetAccount, seen: Set<string>, keep: Keep): Promise<AccountPart> {
    const failedReads: Array<{ region: string; id: string }> = [];
    const reads: Array<Promise<void>> = [];
    const lookups = startDestinationLookups(account.destinations);
    // An account known from the last read keeps its row until this one says otherwise.
    if (!status.accounts?.some((r) => r.accountId === account.accountId))
      setAccount(
        accountRow(
          account,
          deps.regions.map((region) => ({ region, status: "pending" as const })),
        ),
      );
    const readListed = async (region: string, id: string): Promise<void> => {
      try {
        const read = await queuedRead(account, region, id);
        store(read);
        status = { ...status, loaded: status.loaded + 1 };
        // Shutting down: no destination lookup (the rows keep their last findings).
        if (!closing) lookups.add(read);
      } catch (error) {
        const record = records.get(poolKey({ accountId: account.accountId, poolId: id }));
        if (record) {
          record.readState = "unknown";
          record.readError = describeFailure(error);
          record.refreshing = false;
          touch(record);
        }
        failedReads.push({ region, id });
        status = { ...status, loaded: status.loaded + 1, failed: status.failed + 1 };
      }
    };
    /** Lists a region's pools, each page's pools read as soon as the page arrives; never throws. */
    const list = (region: string): Promise<{ pools: number } | { error: unknown }> =>
      account.cognito
        .listUserPools(region, (page) => {
          // Shutting down: the listing's next pages are not asked for (the throw ends it).
          if (closing) throw SHUTTING_DOWN;
          // Each page's pools are read as soon as the page arrives: waiting for the whole listing
          // left the quota unused for a round trip per page (12 pages at 1,000 pools).
          for (const pool of page) {
            const key = poolKey({ accountId: account.accountId, poolId: pool.id });
            seen.add(key);
            const known = records.get(key);
            if (
              keep !== "none" &&
              known?.read &&
              known.readState === "ok" &&
              !known.stale &&
              (keptByEvents(account.accountId, region, known.read.readAt) === true ||
                (keep === "covered-and-recent" && now() - known.read.readAt < deps.cacheTtlMs))
            ) {
              // Events keep this row fresh (issue 16): an expired cache lists the place, for new and
              // deleted pools, but spends no Cognito read on what events already cover. Resuming a
              // read cut short, neither on a row read within the TTL.
              status = { ...status, loaded: status.loaded + 1 };
              continue;
            }
            if (!known) {
              rowsChanged();
              records.set(key, {
                id: pool.id,
                name: pool.name,
                region,
                accountId: account.accountId,
                read: null,
                findings: NO_FINDINGS,
                readState: "pending",
                stale: false,
                refreshing: false,
                row: null,
              });
            } else if (known.read && !known.refreshing) {
              // A row already known (e.g. restored) shows its last state until this read ends.
              known.refreshing = true;
              touch(known);
            }
            reads.push(readListed(region, pool.id));
          }
        })
        .then(
          (pools) => ({ pools: pools.length }),
          (error: unknown) => ({ error }),
        );
    const early = new Map(
      deps.regions.filter((region) => deps.enabledByDefault?.(region) ?? false).map((r) => [r, list(r)]),
    );
    let regions: AccountRegion[];
    try {
      // Under a deadline of its own: an account whose STS or Account API hangs cannot stall the fleet.
      regions = await withDeadline(
        deps.accountDeadlineMs,
        (deadline) => account.regionStatus(deps.regions, deadline),
        "background",
      );
    } catch (error) {
      accountFailed(account, error);
      // A listing started at once failed the same way (the role) or read what it found: either way
      // the account's row is its failure, and no listing answer is reported on its own.
      await Promise.all(early.values());
      return { listed: [], reads, failedReads, lookups, ok: false };
    }
    setAccount({ ...accountRow(account, regions), status: "ok" });
    const enabled = regions.filter((r) => r.status === "ok").map((r) => r.region);
    const listed = await Promise.all(
      enabled.map(async (region) => {
        const outcome = await (early.get(region) ?? list(region));
        if (!("error" in outcome)) return { region, pools: outcome.pools, ok: true };
        const error = outcome.error;
        // The console's own credentials failing is an error as before; a role's, in one region only, is not.
        if (!account.own && deps.regionNotEnabled(error)) {
          regions = regions.map((r) =>
            r.region === region ? { region, status: "not-enabled" as const } : r,
          );
          setAccount({ ...accountRow(account, regions), status: "ok" });
          return { region, pools: 0, ok: true };
        }
        deps.log.warn(
          { account: account.accountId, region, err: describeFailure(error) },
          "listing user pools failed",
        );
        const message = describeFailure(error);
        status = {
          ...status,
          failed: status.failed + 1,
          regionErrors: [...(status.regionErrors ?? []), { region, message }],
        };
        regions = regions.map((r) =>
          r.region === region ? { region, status: "error" as const, message } : r,
        );
        setAccount({ ...accountRow(account, regions), status: "ok" });
        return { region, pools: 0, ok: false };
      }),
    );
    return { listed, reads, failedReads, lookups, ok: true };
  }

  /**
   * The end of one account's part, as soon as its own reads are done (not the whole fleet's: the
   * org bench spent ~1 s after the last Cognito read looking up every account's destinations):
   * one more try for its pools that failed, once its own quota is free again (a pool then shows
   * `unknown` only after two full rounds of attempts failed), then the lookups of its destinations
   * (started as its pools were read, plus those of rows this read kept) are awaited and its rows
   * judged on them.
   */
  async function finishAccount(account: FleetAccount, part: AccountPart): Promise<void> {
    await Promise.all(part.reads);
    // Shutting down: no second try and no destination lookup (the rows keep their last findings).
    if (closing) return;
    await Promise.all(
      part.failedReads.map(async ({ region, id }) => {
        try {
          const read = await queuedRead(account, region, id);
          store(read);
          status = { ...status, failed: status.failed - 1 };
          part.lookups.add(read);
        } catch (error) {
          const record = records.get(poolKey({ accountId: account.accountId, poolId: id }));
          if (record) {
            record.readError = describeFailure(error);
            touch(record);
          }
        }
      }),
    );
    const own: Array<[string, PoolRecord]> = [];
    for (const entry of records) if (entry[1].accountId === account.accountId) own.push(entry);
    // The rows this read kept as they were (events cover them) are judged on fresh lookups too;
    // those of the pools read are under way or done.
    for (const [, record] of own) if (record.read) part.lookups.add(record.read);
    await part.lookups.done();
    let changed = false;
    for (const [key, record] of own) {
      if (!record.read || records.get(key) !== record) continue;
      const findings = assess(record.read);
      if (findings.count !== record.findings.count || findings.worst !== record.findings.worst) {
        record.findings = findings;
        record.row = null;
        snapshot?.changed(key);
        changed = true;
      }
    }
    if (changed) rowsChanged();
  }

  /** What a discovery said of the accounts, in the status: its failure, the OU tree's, the failed rows. */
  function noteDiscovery({ failed = [], error, ouError }: FleetAccounts): void {
    if (error) status = { ...status, failed: status.failed + 1, accountsError: error };
    // Only a discovery that listed the accounts says whether the OU tree can be read now; one that
    // failed keeps the warning (the rows still show the paths it is about).
    if (ouError) status = { ...status, ouPathsError: ouError };
    else if (!error && failed.length === 0) {
      const { ouPathsError: _before, ...withoutOuError } = status;
      status = withoutOuError;
    }
    for (const row of failed) setAccount(row);
  }

  /**
   * One account's row without its pools: its role assumed and its regions listed (STS, Account;
   * no Cognito call), under the account's own deadline. A failure is the account's error row, as
   * in a fleet read (readAccount).
   */
  async function checkAccount(account: FleetAccount, stillShown: () => boolean): Promise<void> {
    const pending = deps.regions.map((region) => ({ region, status: "pending" as const }));
    setAccount(accountRow(account, pending));
    try {
      const regions = await withDeadline(
        deps.accountDeadlineMs,
        (deadline) => account.regionStatus(deps.regions, deadline),
        "background",
      );
      if (stillShown()) setAccount({ ...accountRow(account, regions), status: "ok" });
    } catch (error) {
      if (stillShown()) accountFailed(account, error);
    }
  }

  /**
   * After a restore, the accounts' rows (the store keeps pools, not accounts): discovery, then each
   * account's role and regions, with no Cognito call (a restart spends none: issue 16). Without it
   * a failing account, the Account and OU filters and the Accounts page's states stayed empty
   * until the cache expired or someone pressed Refresh. A fleet read started meanwhile owns the
   * accounts' rows: this check then writes nothing more.
   */
  async function checkAccounts(): Promise<void> {
    const began = current;
    const stillShown = () => !closing && current === began && status.state !== "loading";
    const started = new Set<string>();
    const checks: Array<Promise<void>> = [];
    const check = (account: FleetAccount) => {
      readers.set(account.accountId, account);
      const before = accountInfo.get(account.accountId);
      learnAccount(account);
      const after = accountInfo.get(account.accountId);
      if (before && (before.name !== after?.name || before.ouPath !== after?.ouPath)) {
        // Renamed or moved while the console was down: the restored rows show it, in memory and
        // in the store, so that the OU filter and the rows agree.
        for (const [key, record] of records) {
          if (record.accountId !== account.accountId) continue;
          record.row = null;
          snapshot?.changed(key);
        }
        rowsChanged();
      }
      if (started.has(account.accountId) || !stillShown()) return;
      started.add(account.accountId);
      checks.push(checkAccount(account, stillShown));
    };
    const discovered = await deps.accounts(check);
    if (!stillShown()) return;
    noteDiscovery(discovered);
    if (!discovered.error && discovered.accounts.length + (discovered.failed?.length ?? 0) > 0) {
      // Accounts no longer read (the configuration changed, or one left the organization while
      // the console was down): their restored rows go, as a fleet read's would. An answer that
      // names no account at all removes nothing: the console reads its own account at least.
      const read = new Set([
        ...discovered.accounts.map((a) => a.accountId),
        ...(discovered.failed ?? []).map((row) => row.accountId),
      ]);
      const at = now();
      const removed: Array<{ accountId: string; poolId: string }> = [];
      for (const [key, record] of records) {
        if (read.has(record.accountId)) continue;
        noteGone(key, at);
        records.delete(key);
        removed.push({ accountId: record.accountId, poolId: record.id });
      }
      if (removed.length > 0) {
        snapshot?.gone(removed, at);
        rowsChanged();
        status = { ...status, loaded: records.size, total: records.size };
      }
    }
    for (const account of discovered.accounts) {
      check(account);
      const row = status.accounts?.find((r) => r.accountId === account.accountId);
      const info = accountInfo.get(account.accountId);
      // Accounts started early learn their OU paths from the answer, as in a fleet read.
      if (row && info && stillShown()) setAccount({ ...row, name: info.name, ouPath: info.ouPath });
    }
    await Promise.all(checks);
  }

  /** `keep`: which rows known already are left as they are (Keep). */
  async function readFleet(keep: Keep): Promise<void> {
    const seen = new Set<string>();
    const listedAt = now();
    const parts = new Map<
      string,
      { account: FleetAccount; listing: Promise<AccountPart>; finished: Promise<void> }
    >();
    /** Starts an account's read as soon as it is known (discovery streams the organization's accounts). */
    const start = (account: FleetAccount) => {
      readers.set(account.accountId, account);
      learnAccount(account);
      if (parts.has(account.accountId)) return;
      const listing = readAccount(account, seen, keep);
      parts.set(account.accountId, {
        account,
        listing,
        finished: listing.then((part) => finishAccount(account, part)),
      });
    };
    const discovered = await deps.accounts(start);
    const { accounts, failed = [], error } = discovered;
    noteDiscovery(discovered);
    // The answer completes the accounts started early (their OU paths): the status rows and the
    // store's rows show them.
    for (const account of accounts) {
      const early = parts.get(account.accountId);
      const before = accountInfo.get(account.accountId);
      start(account);
      const info = accountInfo.get(account.accountId) as { name: string; ouPath: string | null };
      if (!early || (before?.ouPath === info.ouPath && before?.name === info.name)) continue;
      const row = status.accounts?.find((r) => r.accountId === account.accountId);
      if (row) setAccount({ ...row, name: info.name, ouPath: info.ouPath });
      for (const [key, record] of records) if (record.accountId === account.accountId) snapshot?.changed(key);
    }
    // Accounts no longer read (left the organization, or the configuration changed) lose their
    // rows, kept until now; only a discovery that answered says which those are.
    if (!error) {
      const read = new Set([...parts.keys(), ...failed.map((row) => row.accountId)]);
      status = { ...status, accounts: (status.accounts ?? []).filter((row) => read.has(row.accountId)) };
    }
    // Names and OUs may have changed: every row is built again.
    for (const record of records.values()) record.row = null;
    rowsChanged();
    const perAccount = await Promise.all(
      [...parts.values()].map(async ({ account, listing }) => ({ account, ...(await listing) })),
    );
    // Pools deleted since the last read disappear, but only from (account, region)s listed
    // successfully; the pools of accounts no longer in the organization go when discovery worked.
    const listedPlaces = new Set(
      perAccount.flatMap(({ account, listed }) =>
        listed.filter((l) => l.ok).map((l) => `${account.accountId}|${l.region}`),
      ),
    );
    const readAccounts = new Set(parts.keys());
    const removed: Array<{ accountId: string; poolId: string }> = [];
    for (const [key, record] of records) {
      const gone = !error && failed.length === 0 && !readAccounts.has(record.accountId);
      // A pool read since the listing began (an event named it) is newer news than the listing.
      if ((record.read?.startedAt ?? -1) >= listedAt) continue;
      if (gone || (listedPlaces.has(`${record.accountId}|${record.region}`) && !seen.has(key))) {
        noteGone(key, listedAt);
        records.delete(key);
        removed.push({ accountId: record.accountId, poolId: record.id });
        rowsChanged();
      }
    }
    snapshot?.gone(removed, listedAt);
    status = {
      ...status,
      total: perAccount.reduce((sum, a) => sum + a.listed.reduce((n, l) => n + l.pools, 0), 0),
    };
    await Promise.all([...parts.values()].map((p) => p.finished));
    // Rows of accounts this read did not reach (discovery failed, a failing own identity) are
    // judged again too, on the facts cached.
    for (const [key, record] of records) {
      if (!record.read || readAccounts.has(record.accountId)) continue;
      const findings = assess(record.read);
      if (findings.count !== record.findings.count || findings.worst !== record.findings.worst) {
        record.findings = findings;
        record.row = null;
        snapshot?.changed(key);
      }
    }
    rowsChanged();
  }

  function refresh(options: { keep?: Keep } = {}): FleetStatus {
    if (closing) return currentStatus();
    const keep = options.keep ?? "none";
    const keepCovered = keep !== "none";
    if (status.state === "loading") {
      // An operator's Refresh during the cache's re-read (which leaves covered rows as they are)
      // is not lost: every pool is read once that read ends.
      if (!keepCovered && readingKeepsCovered) fullReadAfter = true;
      return currentStatus();
    }
    readingKeepsCovered = keepCovered;
    // This read covers what the restored rows' check would re-read (the same rows, by the same
    // rule), and lists every place, as finishing a read cut short would.
    restoredStaleChecked = true;
    restoredCutShort = false;
    waitingForCoverage = false;
    // The OU tree's failure stays in view until this read's discovery says whether it still fails:
    // the rows keep showing the paths it warns about meanwhile.
    const { ouPathsError } = status;
    status = {
      state: "loading",
      loaded: 0,
      total: null,
      failed: 0,
      // Each account's row shows its last state until this read reaches it (readAccount): a failing
      // account's row went for a second at every Refresh, and the page's layout jumped.
      accounts: status.accounts ?? [],
      startedAt: new Date(now()).toISOString(),
      completedAt: null,
      ...(ouPathsError ? { ouPathsError } : {}),
    };
    noteRead(FLEET_READ_STARTED_MARK, now());
    let threw = false;
    current = readFleet(keep)
      .catch((error: unknown) => {
        threw = true;
        deps.log.error({ err: describeFailure(error) }, "fleet read failed");
      })
      .finally(() => {
        completedAtMs = now();
        // Read to its end (not cut short by a shutdown): a restart need not finish it.
        if (!closing) {
          noteRead(FLEET_READ_COMPLETED_MARK, completedAtMs);
          // Only regions this read listed everywhere: one whose listing failed, or a read whose
          // discovery failed or that threw, leaves an older mark, and a restart lists it again.
          const failed = new Set((status.regionErrors ?? []).map((e) => e.region));
          if (!threw && !status.accountsError)
            for (const region of deps.regions)
              if (!failed.has(region)) noteRead(fleetListedMark(region), completedAtMs);
        }
        restoredAtMs = null;
        status = { ...status, state: "ready", completedAt: new Date(completedAtMs).toISOString() };
        if (fullReadAfter) {
          fullReadAfter = false;
          refresh();
        }
      });
    return currentStatus();
  }

  /** A stored row as a record (restore, and the rows other replicas wrote); null if unreadable. */
  function recordOfStored(stored: StoredPoolState): PoolRecord | null {
    const row = decodeRow(stored.json);
    if (!row) return null;
    if (row.account && !accountInfo.has(stored.accountId)) accountInfo.set(stored.accountId, row.account);
    return {
      id: stored.poolId,
      name: row.facts.name,
      region: stored.region,
      accountId: stored.accountId,
      read: {
        facts: row.facts,
        configuration: row.configuration,
        configurationProblems:
          row.configurationProblems.length === 0 ? NO_PROBLEMS : row.configurationProblems,
        startedAt: stored.startedAt,
        readAt: stored.readAt,
      },
      findings: row.findings.count === 0 ? NO_FINDINGS : row.findings,
      readState: "ok",
      stale: false,
      refreshing: false,
      row: null,
    };
  }

  async function restore(
    store: FleetSnapshotStore,
    options: { followMs?: number; marks?: FreshnessMarkStore } = {},
  ): Promise<number> {
    if (options.marks) {
      marks = options.marks;
      try {
        const noted = await marks.all();
        const started = noted.get(FLEET_READ_STARTED_MARK);
        const completed = noted.get(FLEET_READ_COMPLETED_MARK);
        restoredCutShort = started !== undefined && (completed === undefined || started > completed);
        if (completed !== undefined) {
          const listedAt = deps.regions.map((region) => noted.get(fleetListedMark(region)));
          if (![...noted.keys()].some((name) => name.startsWith(fleetListedMark("")))) {
            // A store from before these marks: the last completed read listed the regions of then,
            // taken as today's (else the first restart after an upgrade re-listed the whole fleet).
            for (const region of deps.regions) noteRead(fleetListedMark(region), completed);
          } else if (listedAt.some((at) => at === undefined || at < completed)) {
            // A region added since the last read (or whose listing failed in it): its places are
            // listed as a read cut short's are, or its pools stayed hidden until the TTL.
            restoredCutShort = true;
          }
        }
      } catch (error) {
        deps.log.warn({ err: describeFailure(error) }, "reading whether the last fleet read finished failed");
      }
    }
    // The clock before the rows: what another replica writes meanwhile is pulled by the first look.
    const since = options.followMs ? await store.watermark() : 0;
    const rows = await store.all();
    snapshot = createSnapshotWriter({ store, rowOf: storedRow, log: deps.log });
    let newest = 0;
    let restored = 0;
    const regions = new Set(deps.regions);
    for (const stored of rows) {
      const key = poolKey(stored);
      // A region taken out of CLC_REGIONS is listed no more: its rows would stay for good.
      if (records.has(key) || !regions.has(stored.region)) continue;
      const record = recordOfStored(stored);
      if (!record) continue;
      records.set(key, record);
      newest = Math.max(newest, stored.readAt);
      restored += 1;
    }
    if (options.followMs) startFollowing(store, since, options.followMs);
    if (restored > 0 && status.state === "idle") {
      rowsChanged();
      restoredAtMs = now();
      // The fleet read that wrote the newest row counts as the last one: the TTL runs from it.
      completedAtMs = newest;
      restoredStaleChecked = false;
      status = {
        ...status,
        state: "ready",
        loaded: restored,
        total: restored,
        completedAt: new Date(newest).toISOString(),
      };
      accountsCheck = checkAccounts().catch((error: unknown) => {
        deps.log.warn({ err: describeFailure(error) }, "reading the accounts after a restore failed");
      });
    }
    return restored;
  }

  /**
   * A row another replica wrote (or a tombstone of a pool it found gone), applied by the store's own
   * rule: only if newer than the read here. Not written back, and no findings watcher is told: the
   * replica that read the pool did both.
   */
  function applyStored(
    stored: StoredPoolChange,
    accounts: Map<string, { name: string; ouPath: string | null }>,
  ): void {
    const key = poolKey(stored);
    const existing = records.get(key);
    const sameRead = existing?.read?.startedAt === stored.startedAt && existing.read.readAt === stored.readAt;
    const newer =
      !existing?.read ||
      existing.read.startedAt < stored.startedAt ||
      (existing.read.startedAt === stored.startedAt && existing.read.readAt < stored.readAt);
    if (stored.gone) {
      if (!newer) return;
      noteGone(key, stored.startedAt);
      if (existing) {
        records.delete(key);
        rowsChanged();
      }
      return;
    }
    if (!newer && !sameRead) return;
    // A pool this replica found gone since that read started (its tombstone may not be written yet).
    if ((goneSince.get(key)?.at ?? -1) > stored.startedAt) return;
    const row = decodeRow(stored.json);
    if (!row) return;
    // The account's name and OU path as the replica that wrote the row knew them (learnt once per
    // pull and account: learning rebuilds the account's rows).
    if (row.account) accounts.set(stored.accountId, row.account);
    // This replica judged the same read again and has not written it yet: its judgement is the
    // newer one (the other replica's copy may even be this one's own older write, pulled again).
    if (sameRead && snapshot?.unwritten(key)) return;
    if (sameRead && existing) {
      // The same read written again: its findings judged again (after the destinations were looked
      // up, or a destination changed).
      const findings = row.findings.count === 0 ? NO_FINDINGS : row.findings;
      if (findings.count !== existing.findings.count || findings.worst !== existing.findings.worst) {
        existing.findings = findings;
        touch(existing);
      }
      return;
    }
    const record = recordOfStored(stored);
    if (!record) return;
    // A read of it under way here ends as store() decides: replacing this row only if newer.
    records.set(key, record);
    rowsChanged();
  }

  /**
   * An account's name and OU path from the rows of a pull: its rows are built again when they
   * changed. A known OU path is never replaced by null (as learnAccount: not known there).
   */
  function learnStoredAccount(accountId: string, pulled: { name: string; ouPath: string | null }): void {
    const known = accountInfo.get(accountId);
    const account = { name: pulled.name, ouPath: pulled.ouPath ?? known?.ouPath ?? null };
    if (known && known.name === account.name && known.ouPath === account.ouPath) return;
    accountInfo.set(accountId, account);
    for (const record of records.values()) if (record.accountId === accountId) record.row = null;
    rowsChanged();
  }

  /**
   * Pools found gone (here, or by another replica) and since when: a read of one that started
   * before is older news, and does not bring it back (it may land later: reads wait in their
   * queue). Kept an hour, longer than a read waits.
   */
  const goneSince = new Map<string, { at: number; notedAt: number }>();
  function noteGone(key: string, at: number): void {
    const known = goneSince.get(key);
    // Deleted and set again: the map stays in the order noted, so the oldest are first.
    goneSince.delete(key);
    goneSince.set(key, { at: Math.max(at, known?.at ?? 0), notedAt: now() });
    // From the front, only what has expired: each entry is dropped once (not the whole map per note).
    for (const [k, noted] of goneSince) {
      if (now() - noted.notedAt <= GONE_KEPT_MS) break;
      goneSince.delete(k);
    }
  }

  function startFollowing(store: FleetSnapshotStore, since: number, intervalMs: number): void {
    let watermark = since;
    let failing = false;
    let outage = false;
    /** Counts the pulls: one that outlived PULL_TIMEOUT_MS is abandoned, its answer dropped. */
    let pulls = 0;
    const pull = async () => {
      const mine = ++pulls;
      let timer: NodeJS.Timeout | undefined;
      try {
        const answer = await Promise.race([
          store.changedSince(watermark),
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`the store did not answer within ${PULL_TIMEOUT_MS / 1000} s`)),
              PULL_TIMEOUT_MS,
            );
          }),
        ]);
        if (mine !== pulls || closing) return;
        const accounts = new Map<string, { name: string; ouPath: string | null }>();
        for (const row of answer.rows) {
          // This replica's own writes: its memory holds them already, or something newer (a judgement
          // made since, still waiting for its batch, which an echo would undo).
          if (row.writtenBy === store.writer) continue;
          applyStored(row, accounts);
        }
        for (const [accountId, account] of accounts) learnStoredAccount(accountId, account);
        watermark = answer.next;
        if (follow) follow.okAtMs = now();
        if (failing) deps.log.info("following the other replicas' fleet rows again");
        failing = false;
        outage = false;
      } catch (error) {
        // The watermark stays: the next pull that works brings everything written meanwhile.
        if (!failing)
          deps.log.warn(
            { err: describeFailure(error) },
            "pulling the other replicas' fleet rows failed; trying again",
          );
        failing = true;
        if (follow && !outage && now() - follow.okAtMs > FOLLOW_OUTAGE_MS) {
          outage = true;
          deps.log.error(
            { err: describeFailure(error) },
            "the other replicas' fleet rows could not be pulled for 10 minutes: change events keep no row here until they can",
          );
        }
      } finally {
        clearTimeout(timer);
      }
    };
    const timer = setInterval(() => {
      if (!follow || closing || follow.busy) return;
      const following = follow;
      following.busy = true;
      void pull().finally(() => {
        following.busy = false;
      });
    }, intervalMs);
    timer.unref();
    follow = { timer, busy: false, okAtMs: now() };
  }

  async function refreshPools(
    pools: readonly PoolRef[],
  ): Promise<{ read: number; removed: number; failed: PoolRef[] }> {
    const outcome = { read: 0, removed: 0, failed: [] as PoolRef[] };
    if (pools.length === 0) return outcome;
    const reads: PoolRead[] = [];
    for (const ref of pools) {
      const record = records.get(poolKey(ref));
      if (record?.read && !record.refreshing) {
        record.refreshing = true;
        touch(record);
      }
    }
    // The readers of an account are known once the accounts are (discovery makes no Cognito call).
    if (pools.some((ref) => !readers.has(ref.accountId))) {
      try {
        const { accounts } = await deps.accounts();
        for (const account of accounts) {
          readers.set(account.accountId, account);
          if (!accountInfo.has(account.accountId)) learnAccount(account);
        }
      } catch (error) {
        deps.log.warn({ err: describeFailure(error) }, "discovering the accounts to re-read pools failed");
      }
    }
    await Promise.all(
      pools.map(async (ref) => {
        const key = poolKey(ref);
        const reader = readers.get(ref.accountId);
        try {
          if (!reader) throw new Error(`account ${ref.accountId} is not one the console reads`);
          const read = await queuedRead(reader, ref.region, ref.poolId);
          store(read);
          reads.push(read);
          outcome.read += 1;
        } catch (error) {
          const record = records.get(key);
          if (error instanceof AwsCallError && error.code === "ResourceNotFoundException") {
            // The pool was deleted: its row goes, here and in the store.
            noteGone(key, now());
            if (record) {
              records.delete(key);
              rowsChanged();
            }
            snapshot?.gone([{ accountId: ref.accountId, poolId: ref.poolId }], now());
            outcome.removed += 1;
            return;
          }
          deps.log.warn({ pool: key, err: describeFailure(error) }, "reading a pool again failed");
          outcome.failed.push(ref);
          if (record) {
            record.refreshing = false;
            if (!record.read) {
              record.readState = "unknown";
              record.readError = describeFailure(error);
            }
            touch(record);
          }
        }
      }),
    );
    // A destination the fleet had not seen yet is looked up, so the new rows' findings see it.
    for (const accountId of new Set(reads.map((r) => r.facts.accountId))) {
      const reader = readers.get(accountId);
      const own = reads.filter((r) => r.facts.accountId === accountId);
      if (reader) await lookUpDestinations(own, reader.destinations).catch(() => undefined);
      for (const r of own) store({ ...r });
    }
    return outcome;
  }

  /**
   * What a list re-reads of an expired cache: the fleet past its TTL (all of it, or only what events
   * do not keep; while they cover every place, no listing at all), and the rows older than the TTL
   * that events do not keep fresh (outside covered places, read before the place's path was last
   * found intact, or before what its queue still holds: EventCoverage.keeps). While the events path
   * is not known yet (a start), nothing: coverageAnswered() does it then.
   */
  function rereadExpired(): void {
    waitingForCoverage = false;
    if (restoredCutShort && status.state === "ready") {
      // What events keep is known first (a restart must not re-read what the queue kept fresh).
      if (coverage.all() === null) {
        waitingForCoverage = true;
        return;
      }
      restoredCutShort = false;
      refresh({ keep: "covered-and-recent" });
      return;
    }
    if (status.state === "ready" && now() - completedAtMs >= deps.cacheTtlMs) {
      const all = coverage.all();
      if (all === null) {
        waitingForCoverage = true;
        return;
      }
      if (!all) {
        refresh({ keep: "covered" });
        return;
      }
      // Every place on events: only the rows events do not keep are read again (below), checked
      // at most once per TTL (a place that came back on events, a row older than its queue keeps).
      if (now() - keptCheckedAtMs >= deps.cacheTtlMs) restoredStaleChecked = false;
    }
    if (restoredStaleChecked) return;
    const stale: PoolRef[] = [];
    for (const record of records.values()) {
      if (!record.read || record.refreshing || now() - record.read.readAt < deps.cacheTtlMs) continue;
      const covered = keptByEvents(record.accountId, record.region, record.read.readAt);
      if (covered === null) {
        waitingForCoverage = true;
        return;
      }
      if (!covered) stale.push({ accountId: record.accountId, region: record.region, poolId: record.id });
    }
    restoredStaleChecked = true;
    keptCheckedAtMs = now();
    markStale(stale);
  }

  /**
   * Whether change events keep a row read at `readAt` (epoch ms) fresh (EventCoverage.keeps). With
   * replicas, an event may reach another replica: its row comes here by following the store, and
   * a pull that failed is made good by the next one that works (from the same watermark), so a
   * short outage of the store costs no re-read; after FOLLOW_OUTAGE_MS without a pull, events keep
   * nothing here (the rows are re-read as the cache expires).
   */
  function keptByEvents(accountId: string, region: string, readAt: number): boolean | null {
    if (follow && now() - follow.okAtMs > FOLLOW_OUTAGE_MS) return false;
    return coverage.keeps(accountId, region, readAt);
  }

  async function settled(): Promise<void> {
    // A read may start another as it ends (an operator's Refresh queued behind the cache's
    // re-read), and pool re-reads may begin meanwhile: wait until no new read began.
    await accountsCheck;
    for (;;) {
      const read = current;
      await read;
      await Promise.all([...poolRefreshes]);
      if (current === read && poolRefreshes.size === 0) break;
    }
    // A failed write was logged by the writer; shutdown goes on (the rows were read, not lost in AWS).
    await snapshot?.flush().catch(() => undefined);
  }

  function markStale(pools: readonly PoolRef[]): void {
    if (pools.length === 0 || closing) return;
    const reading: Promise<void> = refreshPools(pools).then(
      () => undefined,
      (error: unknown) => {
        deps.log.error({ err: describeFailure(error) }, "reading pools again failed");
      },
    );
    poolRefreshes.add(reading);
    void reading.finally(() => poolRefreshes.delete(reading));
  }

  function summary(record: PoolRecord): PoolSummary {
    const read = record.read;
    const info = accountInfo.get(record.accountId);
    const row: PoolSummary = {
      id: record.id,
      name: record.name,
      region: record.region,
      accountId: record.accountId,
      accountName: info?.name ?? record.accountId,
      ouPath: info?.ouPath ?? null,
      tier: read?.facts.tier ?? null,
      threatProtection: read?.facts.threatProtection ?? null,
      logging: {
        userNotification: label(read?.configuration.userNotification ?? null),
        userAuthEvents: label(read?.configuration.userAuthEvents ?? null),
      },
      findings: record.findings,
      readState: record.readState,
    };
    if (read) row.readAt = new Date(read.readAt).toISOString();
    if (record.refreshing) row.refreshing = true;
    if (record.readError !== undefined && record.readState === "unknown") row.readError = record.readError;
    return row;
  }

  const view = (row: PoolSummary): FleetPoolView => ({
    row,
    read: records.get(poolKey({ accountId: row.accountId, poolId: row.id }))?.read ?? null,
    destinations: readers.get(row.accountId)?.destinations ?? null,
  });

  return {
    status: currentStatus,
    // An operator's Refresh reads every pool again, covered or not.
    refresh: () => refresh(),
    restore,
    markStale,
    refreshPools,
    list(filter, also, keep) {
      if (status.state === "idle") refresh();
      else rereadExpired();
      // The rows come in the requested order already; the domain's filter and (now linear) sort
      // keep the list semantics in one place. Without a filter the page is a slice: sorting 100,000
      // sorted rows again with the collator took ~100 ms per GET (issue 16, "Memory": warm p95).
      const sorted = sortedRows(filter.sort);
      const rows = keep ? sorted.filter((row) => keep(view(row))) : sorted;
      if (
        also === undefined &&
        keep === undefined &&
        Object.entries(filter).every(([key, value]) => value === undefined || PAGING_KEYS.has(key))
      ) {
        const offset = Math.max(0, Math.floor(filter.offset ?? 0));
        const limit = Math.max(1, Math.floor(filter.limit ?? 100));
        return {
          items: rows.slice(offset, offset + limit),
          total: rows.length,
          offset,
          limit,
          fleet: currentStatus(),
        };
      }
      return { ...queryPools(rows, filter, also), fleet: currentStatus() };
    },
    pools: () => sortedRows("name").map(view),
    forAccount(account) {
      readers.set(account.accountId, account);
      const recordOf = (poolId: string) => records.get(poolKey({ accountId: account.accountId, poolId }));
      return {
        async readPool(region, poolId, options = {}) {
          const record = recordOf(poolId);
          if (
            !options.fresh &&
            record?.read &&
            !record.stale &&
            now() - record.read.readAt < deps.cacheTtlMs
          ) {
            return record.read;
          }
          const read = await readPool(account, region, poolId, options.deadline);
          store(read);
          return read;
        },
        async readConfiguration(region, poolId, facts, deadline) {
          const startedAt = now();
          const delivery = await account.cognito.getLogDeliveryConfiguration(region, poolId, deadline);
          const { model, problems } = fromAwsLogConfigurations(delivery.logConfigurations);
          return { facts, configuration: model, configurationProblems: problems, startedAt, readAt: now() };
        },
        store,
        invalidate(poolId) {
          const record = recordOf(poolId);
          if (record) record.stale = true;
        },
        reassess(poolId) {
          const record = recordOf(poolId);
          if (record?.read) {
            record.findings = assess(record.read);
            touch(record);
            snapshot?.changed(poolKey({ accountId: account.accountId, poolId }));
          }
        },
        reassessDestinations(destinations) {
          if (destinations.length === 0) return;
          const wanted = new Set(destinations.map((d) => `${d.kind}|${d.arn}`));
          let changed = false;
          for (const record of records.values()) {
            const configuration = record.read?.configuration;
            if (!record.read || !configuration || record.accountId !== account.accountId) continue;
            const uses = [configuration.userNotification, configuration.userAuthEvents].some(
              (d) => d !== null && wanted.has(`${d.kind}|${d.arn}`),
            );
            if (!uses) continue;
            record.findings = assess(record.read);
            record.row = null;
            snapshot?.changed(poolKey({ accountId: record.accountId, poolId: record.id }));
            changed = true;
          }
          if (changed) rowsChanged();
        },
      };
    },
    accountOfPool(poolId) {
      for (const record of records.values()) if (record.id === poolId) return record.accountId;
      return null;
    },
    storedRead(accountId, poolId) {
      const record = records.get(poolKey({ accountId, poolId }));
      if (!record?.read) return null;
      // Rows keep a summary only (memory, issue 16): the full findings are judged again here, on the
      // same cached destination facts, without telling the findings watchers (nothing was read).
      const reader = readers.get(accountId);
      return { read: record.read, findings: reader ? assessRead(record.read, reader.destinations) : [] };
    },
    watchFindings: (watcher) => void watchers.push(watcher),
    settled,
    readUnderWay: () => (status.state === "loading" ? current : null),
    persisted: async () => snapshot?.flush(),
    async close() {
      closing = true;
      fullReadAfter = false;
      // A pull under way is not waited for (a database that hangs must not hold the exit); what
      // it brings after this changes only this process's memory.
      if (follow) clearInterval(follow.timer);
      await settled();
      await marking;
    },
    knownPools: () =>
      [...records.values()].map((r) => ({
        accountId: r.accountId,
        region: r.region,
        poolId: r.id,
        readAt: r.read?.readAt ?? null,
      })),
    replaceTtlRefresh(next) {
      coverage = next;
    },
    coverageAnswered() {
      if (waitingForCoverage) rereadExpired();
    },
  };
}
