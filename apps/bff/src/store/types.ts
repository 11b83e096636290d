/**
 * The BFF's own state: operators, sessions, sign-in throttling counters, the audit trail, the
 * destination-creation runs and leases.
 *
 * Every method is async and every operation that must be atomic is one method, so that both stores
 * keep the same promises: SQLite (`sqlite/`, one process) and PostgreSQL (`postgres/`, several BFF
 * replicas sharing one database). `test/auth-store.test.ts` and `test/store-concurrency.test.ts` run the same tests against both.
 */
import type { AuditAction, AuditFilter, AuditOutcome, AuditRecord, OperatorRole } from "@clc/domain";
import type { FleetSnapshotStore } from "./fleet-snapshot.ts";
import type { FreshnessMarkStore } from "./freshness-marks.ts";
import type { NotificationStore } from "./notification-types.ts";
import type { SavedViewStore } from "./saved-views.ts";
import type { StandardStore } from "./standard.ts";

/**
 * Who made an operator: `demo` = a sandbox start (its password is printed or comes from the
 * environment); `operator` = `pnpm operators -- add`. Aws mode refuses to start while a `demo`
 * operator exists; a sandbox start only ever rewrites `demo` operators.
 */
export type OperatorOrigin = "operator" | "demo";

export interface StoredOperator {
  readonly username: string;
  readonly role: OperatorRole;
  readonly origin: OperatorOrigin;
  /** Self-describing hash (algorithm, parameters, salt, digest); see `auth/password.ts`. */
  readonly passwordHash: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export class OperatorExistsError extends Error {
  constructor(readonly username: string) {
    super(`An operator named "${username}" already exists`);
    this.name = "OperatorExistsError";
  }
}

export interface OperatorStore {
  get(username: string): Promise<StoredOperator | null>;
  /** Sorted by username. */
  list(): Promise<StoredOperator[]>;
  /** Throws OperatorExistsError when the name is taken. `origin` defaults to "operator". */
  add(
    operator: { username: string; role: OperatorRole; passwordHash: string; origin?: OperatorOrigin },
    now: number,
  ): Promise<void>;
  /** Each returns false when no such operator exists. */
  setRole(username: string, role: OperatorRole, now: number): Promise<boolean>;
  /**
   * `origin` given: the operator now belongs to that origin (an admin's reset-password claims a demo
   * operator); absent: the origin stays (a re-hash at sign-in).
   */
  setPasswordHash(
    username: string,
    passwordHash: string,
    now: number,
    options?: { origin?: OperatorOrigin },
  ): Promise<boolean>;
  /** Also ends the operator's sessions. */
  remove(username: string): Promise<boolean>;
  countByRole(role: OperatorRole): Promise<number>;
}

export interface StoredSession {
  /** SHA-256 of the session id: the id itself is never stored. */
  readonly idHash: string;
  readonly username: string;
  /** The operator's role NOW (joined at read time, so a role change applies at once). */
  readonly role: OperatorRole;
  /** Who made the operator, read with the role (aws mode refuses sessions of demo operators). */
  readonly origin: OperatorOrigin;
  readonly createdAt: number;
  readonly lastSeenAt: number;
}

export interface SessionStore {
  create(session: { idHash: string; username: string; now: number }): Promise<void>;
  /** Null when unknown or when its operator was removed. */
  get(idHash: string): Promise<StoredSession | null>;
  touch(idHash: string, now: number): Promise<void>;
  delete(idHash: string): Promise<void>;
  deleteForOperator(username: string): Promise<number>;
  /** Housekeeping: drop sessions idle since before `idleBefore` or created before `createdBefore`. */
  deleteExpired(bounds: { idleBefore: number; createdBefore: number }): Promise<number>;
}

export interface ThrottlePolicy {
  /** A key's count is forgotten after this long without an attempt (ms)... */
  readonly windowMs: number;
  /** ...it allows this many attempts (failed or still being checked); the next one locks the key... */
  readonly maxFailures: number;
  /** ...for this long (ms). After a lock one more attempt is allowed; if it is refused too, the... */
  readonly lockMs: number;
  /** ...next lock is twice as long, up to this (ms). Absent: every lock lasts `lockMs`. */
  readonly maxLockMs?: number;
}

export type ThrottleDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterMs: number };

/**
 * Counters of sign-in attempts, per key (`account:<name>@<address>`, `address:<ip>`). An attempt is
 * counted BEFORE its password is checked, in one atomic step with the decision, so a burst of
 * concurrent attempts cannot all pass the check before any of them is counted.
 */
export interface ThrottleStore {
  /**
   * Atomically, for all keys at once: when any key is locked or has no attempt left, nothing is counted
   * and the answer is a refusal (locking the key that ran out); otherwise one attempt is counted on
   * every key.
   */
  reserve(
    keys: ReadonlyArray<{ key: string; policy: ThrottlePolicy }>,
    now: number,
  ): Promise<ThrottleDecision>;
  /** Takes back one counted attempt (it succeeded, and the key should not remember it). */
  forgive(key: string): Promise<void>;
  /** Forgets the key: its attempts and locks. */
  clear(key: string): Promise<void>;
}

export interface NewAuditRecord {
  readonly at: number;
  readonly operator: string | null;
  readonly role: OperatorRole | null;
  readonly action: AuditAction;
  readonly region?: string | null;
  readonly poolId?: string | null;
  /** The AWS account acted in, and the role assumed there (null: the console's own credentials). */
  readonly accountId?: string | null;
  readonly roleArn?: string | null;
  /** For a rollback: the id of the record whose change it undoes. */
  readonly undoes?: string | null;
  readonly resource?: string | null;
  /**
   * The state before the change. An outcome (`success`/`failure` with `attemptId`) given no before
   * (null or absent) is stored with its attempt's: every outcome row then reads before → after on its
   * own, in the page and in the exports, whichever feature wrote it.
   */
  readonly before?: unknown;
  readonly after?: unknown;
  readonly outcome: AuditOutcome;
  readonly attemptId?: string | null;
  readonly error?: string | null;
  readonly requestId?: string | null;
  readonly awsRequestId?: string | null;
}

/** Append-only: there is deliberately no update or delete. */
export interface AuditStore {
  /**
   * Returns the new record's id. Throws when the record could not be written. An outcome without a
   * before inherits its attempt's (see `NewAuditRecord.before`), atomically with the insert.
   */
  append(record: NewAuditRecord): Promise<string>;
  /** Newest first; `cursor` is the `nextCursor` of the previous page. */
  list(
    filter: AuditFilter,
    page: { cursor?: string; limit: number },
  ): Promise<{
    items: AuditRecord[];
    nextCursor: string | null;
  }>;
  /** Every matching record, newest first, without loading them all at once. */
  iterate(filter: AuditFilter): AsyncIterable<AuditRecord>;
  /**
   * Records oldest first (by id), from `fromId` through `throughId` (both optional, inclusive), as
   * the hash chain runs (features/audit/chain.ts verifyChain).
   */
  iterateChain(range?: { fromId?: string; throughId?: string }): AsyncIterable<AuditRecord>;
  /**
   * What a prune of the records written before `before` (ms since the epoch) would remove: the
   * oldest records, up to the last one before the first record written at or after `before`, never
   * separating an attempt from a kept outcome. Null when there is nothing to prune.
   */
  prunable(before: number): Promise<{ fromId: string; throughId: string; count: number } | null>;
  /**
   * In one transaction: deletes records `fromId`..`throughId` (which must still be the oldest and
   * number `count`), permitted by the sha256 of their verified export, and appends `record` (the
   * audit.prune record). Answers its id; throws, deleting nothing, when the range changed.
   * Only features/audit/retention.ts calls it.
   */
  prune(
    range: { fromId: string; throughId: string; count: number },
    exportSha256: string,
    record: NewAuditRecord,
  ): Promise<string>;
}

/**
 * A destination-creation run as the creation service keeps it, so runs survive a restart. `data` is
 * the service's own JSON (versioned by the service); it never holds a Firehose access key.
 */
export interface StoredCreationRun {
  readonly id: string;
  readonly poolId: string;
  readonly status: string;
  /** ISO 8601. */
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly data: string;
}

export interface CreationRunStore {
  /**
   * Inserts or replaces the run with this id. `claim` applies to an insert only: a new run is stored
   * already claimed by its maker, so no replica ever sees it running and unclaimed (taken for a run
   * whose worker died). A replace leaves claims as they are, and is fenced by `claim.owner`: it
   * changes nothing unless that owner holds the run now (another replica took it after this one's
   * claim lapsed, and may have finished and given it back), so a holder that paused past its claim
   * cannot write its older state over the newer one. Every holder saves before it gives the run
   * back. Answers whether the run was written (always true without `claim`).
   */
  save(run: StoredCreationRun, claim?: { owner: string; until: number }): Promise<boolean>;
  get(id: string): Promise<StoredCreationRun | null>;
  /** Newest first (by creation). */
  list(limit: number): Promise<StoredCreationRun[]>;
  /**
   * Atomically takes the run for `owner` (e.g. a replica's id) until `until` (ms since the epoch):
   * true when the run exists and nobody else holds a claim that lasts past `now`. Of replicas asked
   * to resume or clean up the same run at once, exactly one gets true; a claim held by a replica that
   * died lapses at its `until`. `save` leaves claims as they are.
   */
  claim(id: string, claim: { owner: string; now: number; until: number }): Promise<boolean>;
  /** Gives the run back, if `owner` holds it. */
  release(id: string, owner: string): Promise<void>;
}

/**
 * Named leases, for work one replica at a time should do (e.g. reading the fleet from AWS, within
 * the account's Cognito read quota): the holder renews its lease before it runs out; when the holder
 * dies, its lease lapses and another replica takes it.
 */
export interface LeaseStore {
  /**
   * Atomically takes or renews the lease `name` for `owner` until `until` (ms since the epoch): true
   * when it was free, lapsed by `now`, or already `owner`'s. Of replicas asking at once, one gets true.
   */
  acquire(name: string, lease: { owner: string; now: number; until: number }): Promise<boolean>;
  /** Gives the lease back, if `owner` holds it. */
  release(name: string, owner: string): Promise<void>;
  /** Who holds the lease at `now` and until when; null when nobody does. */
  holder(name: string, now: number): Promise<{ owner: string; until: number } | null>;
}

/**
 * Token buckets kept in the database, so that several replicas together keep one request rate (the
 * account's Cognito read quota per region: see lib/read-pacer.ts). Time is the database's clock, so
 * the replicas' clocks need not agree.
 */
export interface ReadBudgetStore {
  /**
   * Atomically takes one token of the bucket `name` (refilled at `ratePerSecond`, holding at most
   * `burst`; a new bucket starts full). Returns 0 when taken; otherwise the milliseconds until a
   * token should be there (nothing taken: ask again then).
   */
  take(name: string, bucket: { ratePerSecond: number; burst: number }): Promise<number>;
  /** Puts one token back (a request AWS refused did not use the quota), up to `burst`. */
  giveBack(name: string, burst: number): Promise<void>;
}

/** A batch as the batch service keeps it (features/batches); times in ms since the epoch. */
export interface StoredBatch {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly createdBy: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly warningsAcknowledged: boolean;
}

/** One pool of a batch: its plan (the service's JSON) and where its run is. */
export interface StoredBatchItem {
  readonly batchId: string;
  readonly seq: number;
  readonly state: string;
  readonly message: string | null;
  readonly auditId: string | null;
  readonly finishedAt: number | null;
  readonly plan: string;
}

/**
 * Batches and their pools, so a batch survives a restart and any replica can show, pause, cancel or
 * resume it. Who runs it is a lease (`LeaseStore`, `batch:<id>`); every change of state here is one
 * conditional statement, so two replicas never both move a batch or a pool.
 */
export interface BatchStore {
  /** Inserts the batch and all its pools in one transaction. */
  create(batch: StoredBatch, items: readonly StoredBatchItem[]): Promise<void>;
  get(id: string): Promise<StoredBatch | null>;
  /** Newest first. */
  list(limit: number): Promise<StoredBatch[]>;
  /** In `seq` order. */
  items(id: string): Promise<StoredBatchItem[]>;
  /**
   * Moves the batch to `to.status` (and sets the other fields given) only if its status is one of
   * `from`: true when it moved.
   */
  transition(
    id: string,
    from: readonly string[],
    to: {
      status: string;
      updatedAt: number;
      startedAt?: number;
      finishedAt?: number | null;
      warningsAcknowledged?: boolean;
    },
  ): Promise<boolean>;
  /** Marks a `pending` pool `running` (its write is about to be sent): true when it was pending. */
  startItem(batchId: string, seq: number): Promise<boolean>;
  /** Gives a pool its end state, only while it is still `pending` or `running`: true when it was. */
  finishItem(
    batchId: string,
    seq: number,
    end: { state: string; message: string | null; auditId: string | null; finishedAt: number },
  ): Promise<boolean>;
  /** Every `pending` pool of the batch becomes `state` (cancel); answers how many. */
  endPending(batchId: string, end: { state: string; message: string; finishedAt: number }): Promise<number>;
}

export interface Stores {
  readonly operators: OperatorStore;
  readonly sessions: SessionStore;
  readonly throttle: ThrottleStore;
  readonly audit: AuditStore;
  readonly creationRuns: CreationRunStore;
  readonly leases: LeaseStore;
  /** The fleet's last known state, per pool (store/fleet-snapshot.ts). */
  readonly fleetSnapshot: FleetSnapshotStore;
  /** What freshness by events remembers across restarts (store/freshness-marks.ts). */
  readonly freshnessMarks: FreshnessMarkStore;
  /** Webhooks, their attempts and the last notified state per pool (features/notifications). */
  readonly notifications: NotificationStore;
  /** The fleet's saved views (features/views). */
  readonly savedViews: SavedViewStore;
  readonly batches: BatchStore;
  /** The logging standard and its exemptions (features/standard). */
  readonly standard: StandardStore;
  /**
   * PostgreSQL only (DATABASE_URL): replicas share it. SQLite serves one process, whose in-memory
   * bucket is the whole budget.
   */
  readonly readBudget?: ReadBudgetStore;
  close(): Promise<void>;
}
