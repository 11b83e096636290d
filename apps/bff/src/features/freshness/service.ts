/**
 * Freshness by events (issue 16), per account and region: while the console's rule and queue are in
 * place and a trail records Cognito's management events, a long-poll reader takes the change events
 * from the queue, re-reads only the pools they name (fleet.refreshPools), and deletes what it handled
 * (and malformed messages, counted) once the rows they caused are in the store; a message whose pool
 * could not be read stays, and comes back after its visibility timeout. A place without the path
 * falls back to the slow sweep and says why. The fleet's TTL re-read skips the pools of places on
 * events (fleet replaceTtlRefresh: nothing at all while every place is on events), and so does the
 * re-read of rows restored after a restart; the sweep (default daily, at a low rate) re-lists each
 * place and re-reads its pools one by one, catching what events missed (events are best effort in
 * AWS). With replicas, each reads every queue and gets some of the messages; the others see the rows
 * by following the store (fleet.restore's followMs), and one at a time sweeps (a lease).
 *
 * Cost in Cognito reads: 2 per pool an event names, plus the sweep's (1 per 60 pools listed + 2 per
 * pool, at `readsPerMinute`). The checks and the queue calls are not Cognito reads.
 */
import { randomUUID } from "node:crypto";
import {
  FRESHNESS_NAME,
  FRESHNESS_TAG,
  type FreshnessPlace,
  type FreshnessPlan,
  type FreshnessStatus,
  freshnessEventPattern,
  freshnessQueuePolicy,
  poolOfEvent,
  WATCHED_COGNITO_CALLS,
} from "@clc/domain";
import type { FastifyBaseLogger } from "fastify";
import type { CognitoGateway } from "../../aws/cognito-gateway.ts";
import { type Deadline, type OwnedDeadline, startDeadline, withDeadline } from "../../aws/deadline.ts";
import { AwsCallError } from "../../aws/errors.ts";
import { keepLease } from "../../lib/lease-keeper.ts";
import { settlesWithin } from "../../lib/settles-within.ts";
import {
  eventsSinceMark,
  FIRST_START_MARK,
  type FreshnessMarkStore,
  SWEEP_COMPLETED_MARK,
  SWEEP_STARTED_MARK,
} from "../../store/freshness-marks.ts";
import type { LeaseStore } from "../../store/types.ts";
import type { FleetService, PoolRef } from "../fleet/service.ts";
import { checkPlace, type FreshnessGateways, type PlaceCheck } from "./checks.ts";

export interface FreshnessConfig {
  enabled: boolean;
  sweepIntervalMs: number;
  /** Cognito reads per minute the sweep may spend (2 per pool, 1 per listed page). */
  sweepReadsPerMinute: number;
  /** How often each place's path is checked again (a trail stopped, a rule deleted…). */
  checkIntervalMs: number;
  /** ReceiveMessage WaitTimeSeconds (1..20). */
  waitSeconds: number;
  /** How long a received message stays invisible before it comes back unless deleted. */
  visibilitySeconds: number;
}

export const DEFAULT_FRESHNESS: FreshnessConfig = {
  enabled: true,
  sweepIntervalMs: 24 * 3600_000,
  // 30 reads a minute is 0.5/s: 3 % of Cognito's 15/s "user pool read" quota (rules doc §5).
  sweepReadsPerMinute: 30,
  checkIntervalMs: 10 * 60_000,
  waitSeconds: 20,
  visibilitySeconds: 120,
};

/** One account the freshness service reads, as the account directory gives it. */
export interface FreshnessAccount {
  accountId: string;
  /** The console's own account (its own credentials): a failing call there is never "not enabled". */
  own?: boolean;
  /**
   * The account's role could not be assumed at its last read (STS refused it, not a throttle or a
   * timeout): its places are left out (not watched, not checked, not swept), and since they are not
   * on events, the cache's re-read keeps listing every place, which is what finds it readable again.
   */
  unreadable?: boolean;
  regions: readonly string[];
  gateways: FreshnessGateways & { cognito: Pick<CognitoGateway, "listUserPools"> };
}

export interface FreshnessDeps {
  config: FreshnessConfig;
  fleet: Pick<
    FleetService,
    "refreshPools" | "knownPools" | "replaceTtlRefresh" | "coverageAnswered" | "persisted" | "readUnderWay"
  >;
  /** The accounts to watch, each with its enabled regions (asked at start and at each check). */
  accounts(): Promise<FreshnessAccount[]>;
  /** One account by id (plans and setup); throws the directory's 404 problem for others. */
  account(accountId: string, deadline?: Deadline): Promise<FreshnessAccount>;
  /** Since when each place's path has been intact, and the sweep's progress, across restarts. */
  marks: FreshnessMarkStore;
  /**
   * Whether a check's failure means the place is none to watch: "unreachable" when the account's
   * role cannot be assumed (refused, not throttled), "not-enabled" when the region is not enabled
   * in a member account (accounts/service.ts); null otherwise (the place shows the failure).
   */
  leftOut?: (error: unknown, account: FreshnessAccount) => "unreachable" | "not-enabled" | null;
  /**
   * Replicas sharing the store: a sweep runs under the lease `freshness-sweep`, held as `owner`, so
   * that they do not each sweep every pool (they share the schedule's marks, so all would be due
   * at once). Without it (one process), no lease.
   */
  leases?: {
    store: LeaseStore;
    owner: string;
    /** How long one take of the lease holds it (ms); default 5 min, renewed every sixth of it. */
    leaseMs?: number;
  };
  /** The budget of each background call (a long poll gets its wait on top). */
  callBudgetMs: number;
  log: FastifyBaseLogger;
  now?: () => number;
}

export interface FreshnessService {
  start(): void;
  stop(): Promise<void>;
  status(): FreshnessStatus;
  /** Checks every place now (tests, after a setup) and starts readers where the path is ready. */
  checkNow(): Promise<void>;
  /** Runs one sweep now (tests, bench); resolves when it has finished, at once if one is under way. */
  sweepNow(): Promise<void>;
  /** Resolves once the sweep's schedule has been read from the store after a start (tests). */
  scheduled(): Promise<void>;
  plan(accountId: string, region: string, deadline?: Deadline): Promise<FreshnessPlan>;
  /**
   * Creates what the plan marks todo (queue with tag, its policy, rule with tag, target), then checks
   * again. Refuses (SetupBlocked) when a step is blocked: a queue or rule of that name the console
   * did not create is never adopted.
   */
  setup(
    accountId: string,
    region: string,
    deadline?: Deadline,
  ): Promise<{ plan: FreshnessPlan; place: FreshnessPlace }>;
}

/** A setup the plan does not allow (something of the console's name that it did not create). */
export class SetupBlocked extends Error {}

/** How long stop() waits for the readers and the sweep under way at most (ms). */
const STOP_WAIT_MS = 5_000;
/**
 * How long a scheduled check waits for the fleet read under way (ms). Both want the CPU at a start:
 * the org bench's 42 places cost ~150 ms of the main thread in clients, DescribeTrails, GetQueueUrl
 * and DescribeRule, in the half second in which the fleet's first pool reads waited for it (issue 14).
 * The fleet's rows are what users look at first; a change made meanwhile waits in its queue. Bounded,
 * so a long read (100,000 pools) does not leave the events path unchecked for its whole length.
 */
const FLEET_READ_WAIT_MS = 30_000;

/** The replicas' lease on the sweep (FreshnessDeps.leases), and how long one take holds it (ms). */
const SWEEP_LEASE = "freshness-sweep";
const SWEEP_LEASE_MS = 5 * 60_000;

const PERMISSIONS = {
  "create-queue": ["sqs:CreateQueue", "sqs:TagQueue"],
  "set-queue-policy": ["sqs:SetQueueAttributes"],
  "put-rule": ["events:PutRule", "events:TagResource"],
  "put-target": ["events:PutTargets"],
} as const;

function describe(error: unknown): string {
  if (error instanceof AwsCallError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

export function createFreshnessService(deps: FreshnessDeps): FreshnessService {
  const now = deps.now ?? Date.now;
  const iso = (ms: number) => new Date(ms).toISOString();
  /** A place as the service keeps it: `since` and `retentionMs` answer EventCoverage.keeps. */
  type Place = FreshnessPlace & {
    account: FreshnessAccount;
    reading: boolean;
    since: number | null;
    retentionMs: number;
    /**
     * Checks and queue failures are numbered as they begin (`beginCheck`); the answer of one begun
     * before the last one applied is older news and changes nothing (a check and a setup at once).
     */
    lastSeq: number;
    appliedSeq: number;
    /** The store kept a mark this process could not remove: the next intact check sets it afresh. */
    tainted: boolean;
  };
  const places = new Map<string, Place>();
  let running = false;
  let checkTimer: NodeJS.Timeout | null = null;
  let sweepTimer: NodeJS.Timeout | null = null;
  let sweepScheduled: Promise<void> = Promise.resolve();
  const loops = new Set<Promise<void>>();
  /** The long polls under way, ended by a stop. */
  const polls = new Set<OwnedDeadline>();
  const sweep = {
    running: false,
    lastStartedAt: null as string | null,
    lastCompletedAt: null as string | null,
    nextAt: null as string | null,
    poolsRead: 0,
  };
  let sweepAbort = new AbortController();
  const keyOf = (accountId: string, region: string) => `${accountId}|${region}`;
  /** A place as the API shows it. */
  const shown = ({
    account: _a,
    reading: _r,
    since: _s,
    retentionMs: _m,
    lastSeq: _l,
    appliedSeq: _p,
    tainted: _t,
    ...place
  }: Place): FreshnessPlace => place;

  /** Whether every place has been checked once since start: until then, coverage is not known. */
  let firstCheckDone = false;
  /** Counts the starts: a check answers for the start it was begun under only. */
  let generation = 0;
  /** Started at least once (and enabled): before, nothing is on events. */
  let started = false;
  // After a start, nothing is known until each place's path has been checked once (a restart must
  // not re-read what the queue keeps fresh). After a stop (a shutdown), the reads still under way
  // go by the places as last checked: a stop is no news about AWS.
  const known = () => (running ? firstCheckDone : true);
  /**
   * Places left out (FreshnessDeps.leftOut, FreshnessAccount.unreadable): not shown, and not on
   * events either, so the cache's re-read still lists every place (and so notices the account again).
   */
  const leftOutPlaces = new Set<string>();
  const allOnEvents = () =>
    places.size > 0 && leftOutPlaces.size === 0 && [...places.values()].every((p) => p.mode === "events");
  deps.fleet.replaceTtlRefresh({
    all() {
      if (!started) return false;
      return known() ? allOnEvents() : null;
    },
    keeps(accountId, region, readAt) {
      if (!started) return false;
      const place = places.get(keyOf(accountId, region));
      if (place?.mode === "events")
        return place.since !== null && readAt >= place.since && now() - readAt < place.retentionMs;
      if (place?.mode === "sweep") return false;
      return known() ? false : null;
    },
  });

  function setPlace(account: FreshnessAccount, region: string, patch: Partial<Place>): Place {
    const key = keyOf(account.accountId, region);
    const existing: Place = places.get(key) ?? {
      accountId: account.accountId,
      region,
      mode: "checking" as const,
      reason: null,
      checkedAt: null,
      eventsSince: null,
      retentionSeconds: null,
      lastEventAt: null,
      eventsHandled: 0,
      malformed: 0,
      account,
      reading: false,
      since: null,
      retentionMs: 0,
      lastSeq: 0,
      appliedSeq: 0,
      tainted: false,
    };
    const next = { ...existing, ...patch, account };
    places.set(key, next);
    return next;
  }

  /** Numbers a check (or a queue failure) of the place as it begins: see Place.lastSeq. */
  function beginCheck(account: FreshnessAccount, region: string): number {
    const place = places.get(keyOf(account.accountId, region)) ?? setPlace(account, region, {});
    place.lastSeq += 1;
    return place.lastSeq;
  }

  /** Claims the place for the answer of check `seq`; false when a later one was applied already. */
  function claim(account: FreshnessAccount, region: string, seq: number): boolean {
    const place = places.get(keyOf(account.accountId, region));
    if (!place || seq < place.appliedSeq) return false;
    place.appliedSeq = seq;
    return true;
  }

  /**
   * The place is off events (check `seq` found the path broken, or its queue could not be read): the
   * store forgets since when it was intact, so rows read before it is found intact again are not
   * trusted to events (a change made meanwhile reached no queue).
   */
  async function offEvents(
    account: FreshnessAccount,
    region: string,
    seq: number,
    reason: string,
  ): Promise<void> {
    if (!claim(account, region, seq)) return;
    setPlace(account, region, {
      mode: "sweep",
      reason,
      checkedAt: iso(now()),
      since: null,
      eventsSince: null,
    });
    await deps.marks.remove(eventsSinceMark(account.accountId, region)).catch((error: unknown) => {
      // The old mark stays in the store: the next intact check must not take its time back.
      setPlace(account, region, { tainted: true });
      deps.log.warn({ err: describe(error) }, "freshness: forgetting a place's events mark failed");
    });
  }

  /**
   * Puts the answer of check `seq` on the place. Ready: on events since the latest of the first check
   * that found the path intact (kept in the store across restarts), the queue's creation and the
   * trail's StartLoggingTime (a queue made again or a trail stopped and started while the console
   * was down).
   */
  async function applyCheck(
    account: FreshnessAccount,
    region: string,
    check: PlaceCheck,
    seq: number,
  ): Promise<Place> {
    const key = keyOf(account.accountId, region);
    leftOutPlaces.delete(key);
    if (!check.ready || !check.queue) {
      await offEvents(account, region, seq, check.reason ?? "The events path is not complete.");
      return places.get(key) as Place;
    }
    if (!claim(account, region, seq)) return places.get(key) as Place;
    const checkedAt = now();
    const name = eventsSinceMark(account.accountId, region);
    const tainted = places.get(key)?.tainted ?? false;
    const mark = await (tainted
      ? deps.marks.set(name, checkedAt).then(() => checkedAt)
      : deps.marks.setIfAbsent(name, checkedAt)
    ).catch((error: unknown) => {
      deps.log.warn({ err: describe(error) }, "freshness: reading a place's events mark failed");
      // Without the store, what this process knows still holds; else from now on.
      return places.get(key)?.since ?? checkedAt;
    });
    const current = places.get(key) as Place;
    if (current.appliedSeq !== seq) {
      // A later check or a queue failure was applied while the mark was written: this write may
      // have put back a mark that one removed, so the next intact check sets the mark afresh.
      current.tainted = true;
      return current;
    }
    const since = Math.max(mark, check.queue.createdAt ?? 0, check.trailStartedAt ?? 0);
    return setPlace(account, region, {
      mode: "events",
      reason: null,
      checkedAt: iso(checkedAt),
      since,
      eventsSince: iso(since),
      retentionMs: check.queue.retentionSeconds * 1000,
      retentionSeconds: check.queue.retentionSeconds,
      ...(tainted ? { tainted: false } : {}),
    });
  }

  /** One long-poll round: receive, re-read the pools named, delete what was handled. */
  async function pollOnce(account: FreshnessAccount, region: string, url: string): Promise<void> {
    const { sqs } = account.gateways;
    const { waitSeconds, visibilitySeconds } = deps.config;
    // A stop ends the long poll at once (its deadline), rather than waiting up to 20 s for it.
    const deadline = startDeadline(waitSeconds * 1000 + deps.callBudgetMs, "background");
    polls.add(deadline);
    let messages: Awaited<ReturnType<typeof sqs.receive>>;
    try {
      messages = await sqs.receive(region, url, { max: 10, waitSeconds, visibilitySeconds }, deadline);
    } finally {
      polls.delete(deadline);
      deadline.end();
    }
    if (messages.length === 0) return;
    const handled: string[] = [];
    const refs = new Map<string, { ref: PoolRef; handles: string[] }>();
    let malformed = 0;
    for (const message of messages) {
      const pool = poolOfEvent(message.body);
      if ("malformed" in pool) {
        malformed += 1;
        deps.log.warn(
          { account: account.accountId, region, why: pool.malformed },
          "ignored a malformed change event",
        );
        handled.push(message.receiptHandle);
        continue;
      }
      // An event of another account or region (a shared queue, a forged message) names nothing here.
      if (pool.accountId !== account.accountId || pool.region !== region) {
        malformed += 1;
        handled.push(message.receiptHandle);
        continue;
      }
      const key = `${pool.accountId}|${pool.region}|${pool.poolId}`;
      const entry = refs.get(key) ?? {
        ref: { accountId: pool.accountId, region: pool.region, poolId: pool.poolId },
        handles: [],
      };
      entry.handles.push(message.receiptHandle);
      refs.set(key, entry);
    }
    const { failed } = await deps.fleet.refreshPools([...refs.values()].map((e) => e.ref));
    // Kept before deleted: a restart, or another replica (which gets the row by following the
    // store, fleet.restore), must not lose a change whose event is gone. Rows the store did not
    // take keep their events in the queue: they come back after the visibility timeout.
    const kept = await deps.fleet.persisted().then(
      () => true,
      (error: unknown) => {
        deps.log.warn(
          { account: account.accountId, region, err: describe(error) },
          "the re-read pools could not be stored; their change events stay in the queue",
        );
        return false;
      },
    );
    const failedKeys = new Set(failed.map((f) => `${f.accountId}|${f.region}|${f.poolId}`));
    if (kept) for (const [key, entry] of refs) if (!failedKeys.has(key)) handled.push(...entry.handles);
    const place = places.get(keyOf(account.accountId, region));
    if (place) {
      setPlace(account, region, {
        lastEventAt: iso(now()),
        eventsHandled: place.eventsHandled + (refs.size - failedKeys.size),
        malformed: place.malformed + malformed,
      });
    }
    const notDeleted = await sqs.deleteBatch(region, url, handled);
    if (notDeleted.length > 0)
      deps.log.warn(
        { account: account.accountId, region, count: notDeleted.length },
        "could not delete handled change events",
      );
  }

  function startReader(account: FreshnessAccount, region: string, url: string): void {
    const place = places.get(keyOf(account.accountId, region));
    if (!place || place.reading) return;
    setPlace(account, region, { reading: true });
    const loop = (async () => {
      while (running && places.get(keyOf(account.accountId, region))?.mode === "events") {
        try {
          await pollOnce(account, region, url);
        } catch (error) {
          // A stop ended the poll: that is no news about the queue (the mark stays for the next start).
          if (!running) break;
          // The queue went away or access was taken: the sweep covers the place until the next check.
          await offEvents(
            account,
            region,
            beginCheck(account, region),
            `Reading the queue failed: ${describe(error)}`,
          );
          deps.log.warn(
            { account: account.accountId, region, err: describe(error) },
            "reading the change queue failed",
          );
        }
      }
      // Unless the place was left out meanwhile (its account no longer read).
      if (places.has(keyOf(account.accountId, region))) setPlace(account, region, { reading: false });
    })();
    loops.add(loop);
    void loop.finally(() => loops.delete(loop));
  }

  async function checkOne(account: FreshnessAccount, region: string): Promise<PlaceCheck | null> {
    const started = generation;
    // A check that ends after a stop (its clients closing) says nothing about AWS: it changes nothing.
    const current = () => running && started === generation;
    const seq = beginCheck(account, region);
    try {
      const check = await withDeadline(
        deps.callBudgetMs,
        (deadline) => checkPlace(account.gateways, region, deadline),
        "background",
      );
      if (!current()) return null;
      const place = await applyCheck(account, region, check, seq);
      if (check.ready && check.queue && running && !place.reading)
        startReader(account, region, check.queue.url);
      return check;
    } catch (error) {
      if (!current()) return null;
      await offEvents(
        account,
        region,
        seq,
        `The console could not check the events path: ${describe(error)}`,
      );
      // An account whose role cannot be assumed, or a region a member account has not enabled, is
      // no place to watch: the fleet reads none of its pools and shows the failure once (as the
      // Accounts page does). Listed here, it was offered a set-up that cannot succeed.
      const key = keyOf(account.accountId, region);
      const leftOut = deps.leftOut?.(error, account) ?? null;
      if (leftOut && places.get(key)?.appliedSeq === seq) {
        places.delete(key);
        // A region the account has not enabled has no pools to keep fresh; an account that cannot
        // be read has, and is not on events.
        if (leftOut === "unreachable") leftOutPlaces.add(key);
      }
      return null;
    }
  }

  /**
   * Checks every place. `scheduled` (at a start and every checkIntervalMs, not an operator's "check
   * now"): waits first for the fleet read under way, at most FLEET_READ_WAIT_MS.
   */
  async function checkAll(options: { scheduled?: boolean } = {}): Promise<void> {
    const started = generation;
    try {
      let accounts: FreshnessAccount[];
      try {
        accounts = await deps.accounts();
        // Asked after the accounts too: a fleet read begun meanwhile (the first list, a Refresh)
        // discovers the same accounts, and is under way once they are known.
        const reading = options.scheduled ? deps.fleet.readUnderWay() : null;
        if (reading) {
          const stop = sweepAbort.signal;
          const waited = new AbortController();
          await Promise.race([reading, sleep(FLEET_READ_WAIT_MS, AbortSignal.any([stop, waited.signal]))]);
          waited.abort();
          if (started !== generation) return;
          // What the read learnt (regions not enabled, accounts gone) counts: the accounts again.
          accounts = await deps.accounts();
        }
      } catch (error) {
        deps.log.warn({ err: describe(error) }, "freshness: listing the accounts failed");
        return;
      }
      // A place of an account no longer read (it left the organization, the region was disabled)
      // is no longer watched; one of an account whose last read failed is left out.
      const listed = new Set(accounts.flatMap((a) => a.regions.map((r) => keyOf(a.accountId, r))));
      for (const key of [...places.keys()]) if (!listed.has(key)) places.delete(key);
      for (const key of [...leftOutPlaces]) if (!listed.has(key)) leftOutPlaces.delete(key);
      for (const account of accounts.filter((a) => a.unreadable))
        for (const region of account.regions) {
          places.delete(keyOf(account.accountId, region));
          leftOutPlaces.add(keyOf(account.accountId, region));
        }
      await Promise.all(
        accounts
          .filter((account) => !account.unreadable)
          .flatMap((account) => account.regions.map((region) => checkOne(account, region))),
      );
    } finally {
      // Answered, whatever the answer: a place not found on events is on the sweep and the TTL.
      // (A check begun before a stop and start says nothing of the new start's places.)
      if (started === generation) {
        firstCheckDone = true;
        deps.fleet.coverageAnswered();
      }
    }
  }

  /** The scheduled check under way: a tick while it still waits for a fleet read starts none. */
  let scheduled: Promise<void> | null = null;
  function scheduledCheck(): void {
    if (scheduled) return;
    const check = checkAll({ scheduled: true }).finally(() => {
      if (scheduled === check) scheduled = null;
    });
    scheduled = check;
  }

  const sleep = (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(resolve, ms);
      signal.addEventListener(
        "abort",
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });

  /**
   * One sweep: every place listed, every pool read once, at `sweepReadsPerMinute`. A sweep cut short
   * (a stop) resumes at the next start from the same `sweep-started` mark: pools read since then (by
   * it, by events, by a Refresh) are not read again.
   */
  /** The sweep under way, which a stop waits for (its current pool read goes on until it ends). */
  let sweepRun: Promise<unknown> = Promise.resolve();

  /** `lost`: aborts when the replicas' lease on the sweep was lost (leasedSweep). */
  function runSweep(lost?: AbortSignal): Promise<"completed" | "failed" | "busy" | "stopped"> {
    if (sweep.running) return Promise.resolve("busy");
    return sweepOnce(lost ? AbortSignal.any([sweepAbort.signal, lost]) : sweepAbort.signal);
  }

  async function sweepOnce(signal: AbortSignal): Promise<"completed" | "failed" | "stopped"> {
    sweep.running = true;
    let failed = false;
    // Spend at most readsPerMinute: each pool is 2 reads, each listing page 1.
    const msPerRead = 60_000 / deps.config.sweepReadsPerMinute;
    try {
      // A sweep begun more than an interval ago starts over: what it read is as old as a sweep's.
      let startedAt = await deps.marks.setIfAbsent(SWEEP_STARTED_MARK, now());
      if (now() - startedAt >= deps.config.sweepIntervalMs) {
        startedAt = now();
        await deps.marks.set(SWEEP_STARTED_MARK, startedAt);
      }
      sweep.lastStartedAt = iso(startedAt);
      const readSince = new Map<string, number | null>();
      for (const known of deps.fleet.knownPools())
        readSince.set(`${known.accountId}|${known.region}|${known.poolId}`, known.readAt);
      const accounts = await deps.accounts();
      // An account whose last read failed as a whole is the fleet's to try again, not the sweep's.
      for (const account of accounts.filter((a) => !a.unreadable)) {
        for (const region of account.regions) {
          if (signal.aborted) return "stopped";
          let listed: string[] = [];
          try {
            listed = (await account.gateways.cognito.listUserPools(region)).map((p) => p.id);
          } catch (error) {
            // Not a completed sweep (new pools of the place are unseen); its known pools are read.
            failed = true;
            deps.log.warn(
              { account: account.accountId, region, err: describe(error) },
              "sweep: listing pools failed",
            );
          }
          await sleep(Math.ceil(listed.length / 60) * msPerRead, signal);
          const ids = new Set(listed);
          for (const known of deps.fleet.knownPools())
            if (known.accountId === account.accountId && known.region === region) ids.add(known.poolId);
          for (const poolId of ids) {
            if (signal.aborted) return "stopped";
            const readAt = readSince.get(`${account.accountId}|${region}|${poolId}`);
            if (readAt != null && readAt >= startedAt) continue;
            await deps.fleet.refreshPools([{ accountId: account.accountId, region, poolId }]);
            sweep.poolsRead += 1;
            await sleep(2 * msPerRead, signal);
          }
        }
      }
      if (failed) return "failed";
      const completedAt = now();
      await deps.marks.set(SWEEP_COMPLETED_MARK, completedAt);
      await deps.marks.remove(SWEEP_STARTED_MARK);
      sweep.lastCompletedAt = iso(completedAt);
      return "completed";
    } catch (error) {
      deps.log.warn({ err: describe(error) }, "sweep failed");
      return "failed";
    } finally {
      sweep.running = false;
    }
  }

  /**
   * The scheduled sweep, under the replicas' lease (FreshnessDeps.leases): "busy" while another
   * replica holds it; "not-due" when, by the time this one got it, another had completed a sweep.
   * The lease is renewed while the sweep runs and given back after.
   */
  function leasedSweep(): Promise<"completed" | "failed" | "busy" | "stopped" | "not-due"> {
    const leases = deps.leases;
    // The sweep under way stays the one a stop waits for.
    if (sweep.running) return Promise.resolve("busy");
    // A stop waits for all of it, the lease's release included (before the store closes).
    const run = leases ? sweepUnderLease(leases) : runSweep();
    sweepRun = run;
    return run;
  }

  async function sweepUnderLease(leases: {
    store: LeaseStore;
    owner: string;
    leaseMs?: number;
  }): Promise<"completed" | "failed" | "busy" | "stopped" | "not-due"> {
    const begun = generation;
    const leaseMs = leases.leaseMs ?? SWEEP_LEASE_MS;
    const stopped = () => !running || begun !== generation;
    // This sweep's own name on the lease: a late renewal or release of this holding cannot touch the
    // next one (lib/lease-keeper.ts).
    const holding = `${leases.owner}:${randomUUID()}`;
    const takenAt = now();
    const taken = await leases.store
      .acquire(SWEEP_LEASE, { owner: holding, now: takenAt, until: takenAt + leaseMs })
      .catch(() => false);
    if (!taken) return "busy";
    // Renewed while the sweep runs; a renewal refused, or none that worked for two thirds of the
    // lease, stops the sweep.
    const lease = keepLease({
      store: leases.store,
      name: SWEEP_LEASE,
      owner: holding,
      leaseMs,
      takenAt,
      now,
      onRenewError: (error) => deps.log.warn({ err: describe(error) }, "could not renew the sweep's lease"),
    });
    try {
      if (stopped()) return "stopped";
      if ((await dueFromMarks()) > now()) return "not-due";
      if (stopped()) return "stopped";
      const outcome = await runSweep(lease.lost);
      if (outcome === "stopped" && lease.lost.aborted && !stopped()) {
        deps.log.warn(
          "the sweep's lease may be lost (another replica took it, or it could not be renewed): stopped",
        );
        return "busy";
      }
      return outcome;
    } finally {
      await lease.release();
    }
  }

  /** After a failed sweep, the wait before the next try: 1 min, doubling, at most the interval. */
  let sweepRetryMs = 0;

  /** When the next sweep is due by the store's marks (see scheduleSweep). */
  async function dueFromMarks(): Promise<number> {
    try {
      const marks = await deps.marks.all();
      const completed = marks.get(SWEEP_COMPLETED_MARK) ?? null;
      const begun = marks.get(SWEEP_STARTED_MARK) ?? null;
      const first = completed ?? (await deps.marks.setIfAbsent(FIRST_START_MARK, now()));
      if (completed !== null) sweep.lastCompletedAt = iso(completed);
      const cutShort = begun !== null && (completed === null || begun > completed);
      return cutShort ? now() : first + deps.config.sweepIntervalMs;
    } catch (error) {
      deps.log.warn(
        { err: describe(error) },
        "freshness: reading the sweep's schedule failed; it is due an interval from now",
      );
      return now() + deps.config.sweepIntervalMs;
    }
  }

  /**
   * Schedules the next sweep from the store's marks, so that restarts do not put it off: due an
   * interval after the last completed sweep (or the first start, whose fleet read read every pool);
   * at once when a sweep was cut short by a stop. `retryInMs`: after a failed (or busy) sweep, then
   * instead: its sweep-started mark stays, and read as "cut short" it would run again at once,
   * without end. Runs it when due, then schedules the next.
   */
  async function scheduleSweep(started: number, retryInMs?: number): Promise<void> {
    const dueAt = retryInMs !== undefined ? now() + retryInMs : await dueFromMarks();
    if (!running || started !== generation) return;
    sweep.nextAt = iso(dueAt);
    const arm = () => {
      // setTimeout holds at most 2^31-1 ms (24.8 days): a later sweep is armed again when that fires.
      sweepTimer = setTimeout(
        () => {
          if (!running || started !== generation) return;
          if (now() < dueAt) return arm();
          sweep.nextAt = null;
          void leasedSweep().then((outcome) => {
            if (!running || started !== generation) return;
            // Another replica swept meanwhile: the next is due an interval after its sweep.
            if (outcome === "not-due") {
              sweepScheduled = scheduleSweep(started);
              return;
            }
            if (outcome === "completed") sweepRetryMs = 0;
            else if (outcome === "failed")
              sweepRetryMs = Math.min(deps.config.sweepIntervalMs, Math.max(60_000, sweepRetryMs * 2));
            sweepScheduled = scheduleSweep(
              started,
              outcome === "completed" ? undefined : outcome === "busy" ? 60_000 : sweepRetryMs,
            );
          });
        },
        Math.min(Math.max(0, dueAt - now()), 2 ** 31 - 1),
      );
      sweepTimer.unref();
    };
    arm();
  }

  async function planFrom(accountId: string, region: string, check: PlaceCheck): Promise<FreshnessPlan> {
    const queueBlocked = check.queue !== null && !check.queue.ours;
    const ruleBlocked = check.rule !== null && !check.rule.ours;
    const step = (
      id: keyof typeof PERMISSIONS,
      title: string,
      done: boolean,
      blocked: string | null,
    ): FreshnessPlan["steps"][number] => ({
      id,
      title,
      state: blocked ? "blocked" : done ? "done" : "todo",
      why: blocked,
      permissions: [...PERMISSIONS[id]],
    });
    const notOurs = (what: string) =>
      `A ${what} named ${FRESHNESS_NAME} exists without the console's ${FRESHNESS_TAG.key} tag: the console never adopts what it did not create.`;
    const policyOk =
      check.reason === null ||
      (check.queue !== null && check.rule !== null && !check.reason.includes("policy"));
    const steps = [
      step(
        "create-queue",
        `Create the SQS queue ${FRESHNESS_NAME}, tagged ${FRESHNESS_TAG.key}=${FRESHNESS_TAG.value}`,
        check.queue !== null,
        queueBlocked ? notOurs("queue") : null,
      ),
      step(
        "set-queue-policy",
        "Let the console's rule (only) send to the queue: a queue policy for events.amazonaws.com with aws:SourceArn",
        check.queue !== null && check.rule !== null && policyOk,
        queueBlocked ? notOurs("queue") : null,
      ),
      step(
        "put-rule",
        `Create the EventBridge rule ${FRESHNESS_NAME} on the default bus for Cognito's ${WATCHED_COGNITO_CALLS.join(", ")} calls`,
        (check.rule?.patternOk ?? false) && (check.rule?.enabled ?? false),
        ruleBlocked ? notOurs("rule") : null,
      ),
      step(
        "put-target",
        "Send the rule's events to the queue",
        check.rule?.targetsQueue ?? false,
        ruleBlocked ? notOurs("rule") : null,
      ),
    ];
    return {
      accountId,
      region,
      queueName: FRESHNESS_NAME,
      ruleName: FRESHNESS_NAME,
      eventPattern: freshnessEventPattern(),
      steps,
      prerequisites: [
        {
          ok: check.trail === true,
          title: `A CloudTrail trail records Cognito's write management events in ${region}`,
          hint:
            check.trail === true
              ? null
              : "EventBridge receives Cognito's API calls only from a trail with logging on. Create a multi-region trail with management events (CloudTrail console, or `aws cloudtrail create-trail --is-multi-region-trail` then `start-logging`); the console does not create trails.",
        },
      ],
      canRun: !steps.some((s) => s.state === "blocked"),
    };
  }

  const service: FreshnessService = {
    start() {
      if (!deps.config.enabled || running) return;
      running = true;
      started = true;
      sweepRetryMs = 0;
      firstCheckDone = false;
      generation += 1;
      // What an earlier start found says nothing of now: every place is checked again.
      for (const place of places.values()) place.mode = "checking";
      sweepAbort = new AbortController();
      // A check of the last start may still be ending: it answers for nothing of this one.
      scheduled = null;
      scheduledCheck();
      checkTimer = setInterval(scheduledCheck, deps.config.checkIntervalMs);
      checkTimer.unref();
      sweepScheduled = scheduleSweep(generation);
    },
    async stop() {
      running = false;
      // A check begun before the stop answers for nothing after it (not even coverageAnswered()).
      generation += 1;
      sweepAbort.abort();
      if (checkTimer) clearInterval(checkTimer);
      if (sweepTimer) clearTimeout(sweepTimer);
      for (const poll of polls) poll.end();
      // Bounded: a sweep's lease take that hangs (a database that does not answer) must not hold up
      // the shutdown, whose 10 s also cover the fleet's and the store's last writes.
      await settlesWithin(Promise.allSettled([...loops, sweepRun]), STOP_WAIT_MS);
    },
    status() {
      return {
        enabled: deps.config.enabled,
        ttlReplaced: running && allOnEvents(),
        sweep: {
          intervalSeconds: Math.round(deps.config.sweepIntervalMs / 1000),
          readsPerMinute: deps.config.sweepReadsPerMinute,
          ...sweep,
        },
        places: [...places.values()]
          .map(shown)
          .sort((a, b) => a.accountId.localeCompare(b.accountId) || a.region.localeCompare(b.region)),
      };
    },
    checkNow: () => checkAll(),
    async sweepNow() {
      if (sweep.running) return;
      const run = runSweep();
      sweepRun = run;
      await run;
    },
    scheduled: () => sweepScheduled,
    async plan(accountId, region, deadline) {
      const account = await deps.account(accountId, deadline);
      const seq = beginCheck(account, region);
      const check = await checkPlace(account.gateways, region, deadline);
      // The fresh check is news for the place too (a trail made outside the console would otherwise
      // show only at the next periodic check, up to checkIntervalMs later).
      const place = await applyCheck(account, region, check, seq);
      if (check.ready && check.queue && running && !place.reading)
        startReader(account, region, check.queue.url);
      return planFrom(accountId, region, check);
    },
    async setup(accountId, region, deadline) {
      const account = await deps.account(accountId, deadline);
      const { sqs, events } = account.gateways;
      let check = await checkPlace(account.gateways, region, deadline);
      const plan = await planFrom(accountId, region, check);
      const blocked = plan.steps.find((s) => s.state === "blocked");
      if (blocked) throw new SetupBlocked(blocked.why ?? "A step of the plan is blocked.");
      const tags = { [FRESHNESS_TAG.key]: FRESHNESS_TAG.value };
      const url = check.queue?.url ?? (await sqs.createQueue(region, FRESHNESS_NAME, tags, deadline));
      // Read back the queue the console just made (or found, tagged as its own) before relying on it.
      const attributes = await sqs.queueAttributes(region, url, deadline);
      const created = await sqs.queueTags(region, url, deadline);
      if (attributes === null || created?.[FRESHNESS_TAG.key] !== FRESHNESS_TAG.value) {
        throw new SetupBlocked(
          `The queue ${FRESHNESS_NAME} is not the console's after creation: nothing more was done.`,
        );
      }
      const ruleArn = await events.putRule(
        region,
        {
          name: FRESHNESS_NAME,
          eventPattern: freshnessEventPattern(),
          description: "Cognito Log Console: Cognito changes for the fleet view (issue 16)",
          tags,
        },
        deadline,
      );
      await sqs.setQueuePolicy(region, url, freshnessQueuePolicy(attributes.arn, ruleArn), deadline);
      await events.putQueueTarget(
        region,
        FRESHNESS_NAME,
        { id: "console-queue", arn: attributes.arn },
        deadline,
      );
      const seq = beginCheck(account, region);
      check = await checkPlace(account.gateways, region, deadline);
      const place = await applyCheck(account, region, check, seq);
      if (check.ready && check.queue && running) startReader(account, region, check.queue.url);
      return { plan: await planFrom(accountId, region, check), place: shown(place) };
    },
  };
  return service;
}
