/**
 * Batches (issue 17, "Bulk apply with one review"): one change of log delivery planned on many pools,
 * reviewed once, then applied pool by pool under Cognito's write quota.
 *
 * - Plan (`create`): each pool is read fresh and judged like a single-pool preview (the same
 *   validation and preflight, pools/service.ts `previewConfiguration`), on every event source the
 *   change sets; the outcome is `ready`, `warning` (applies once an admin acknowledges), `blocked`
 *   (with its reason; a destination that does not exist: "destination missing: create it first") or
 *   `nothing` (AWS already holds it). The version each pool was planned on is kept.
 * - Run (`start`/`resume`): one replica at a time holds the lease `batch:<id>` (store LeaseStore,
 *   renewed every sixth of `leaseMs`), and writes the pools in order, each after a token of the
 *   batches' write pacer (per account and region, CLC_BATCH_WRITE_RPS) through the single-pool write
 *   path on its planned version: a pool changed since is reported `changed`, never overwritten. Each
 *   pool's end is stored as it happens; before each pool the runner reads the batch's status from the
 *   store, so a pause or cancel through any replica stops it after the pool in flight.
 * - A BFF that stops leaves a running batch `running` in the store with no lease: it is shown
 *   `interrupted` and any admin may resume it. A pool whose write was in flight is checked again on
 *   resume: if AWS already holds what was planned it is `done`, else it is written on its version.
 * - Audit: each pool's write is an ordinary `log-delivery.apply`/`disable` attempt and outcome, and
 *   the batch's start, pause, resume and cancel are records of their own; every one of them carries
 *   `batch:<id>` as its request id, and each pool keeps its attempt's record id (`auditId`).
 */
import { randomUUID } from "node:crypto";
import {
  type AuditAction,
  type Batch,
  type BatchChange,
  type BatchCreate,
  type BatchItem,
  BatchItemSchema,
  type BatchOutcome,
  type BatchPoolRef,
  type BatchStatus,
  type BatchSummary,
  batchCounts,
  type CreateBatchRequestSchema,
  desiredConfiguration,
  EVENT_SOURCES,
  type Finding,
  itemRuns,
  type LogDeliveryModel,
  MAX_BATCH_POOLS,
  poolKey,
  type StartBatchRequest,
  sameConfiguration,
} from "@clc/domain";
import type { FastifyBaseLogger } from "fastify";
import type { z } from "zod";
import { type Deadline, withDeadline } from "../../aws/deadline.ts";
import { ServiceError } from "../../lib/errors.ts";
import { keepLease } from "../../lib/lease-keeper.ts";
import type { ReadPacer } from "../../lib/read-pacer.ts";
import type { BatchStore, LeaseStore, StoredBatch, StoredBatchItem } from "../../store/types.ts";
import { type AccountDirectory, type AccountScope, asOperator } from "../accounts/service.ts";
import { type AuditSink, boundTrail, type WriteTrail } from "../audit/trail.ts";
import type { FleetService } from "../fleet/service.ts";
import { rollbackLinks } from "./rollback-links.ts";
import type { StandardPlanner, StandardTarget } from "./standard-plan.ts";

export type CreateBatchInput = z.output<typeof CreateBatchRequestSchema>;

/** Who asks: the signed-in operator (null when access control is not installed: API-logic tests). */
export interface BatchActor {
  username: string | null;
  role: "viewer" | "admin" | null;
}

export interface BatchService {
  /** Plans the batch (reads every pool) and stores it `planned`. */
  create(input: CreateBatchInput, actor: BatchActor, deadline: Deadline): Promise<Batch>;
  /** Newest first. */
  list(): Promise<BatchSummary[]>;
  /** 404 `batch-not-found` for an unknown id. */
  get(id: string): Promise<Batch>;
  /**
   * Starts a planned batch, or resumes a paused or interrupted one: 409 `batch-busy` while another
   * replica runs it, 409 `batch-ended` once finished or cancelled, 422 `warnings-not-acknowledged`
   * when pools with warnings wait for an acknowledgement that was not given.
   */
  start(id: string, request: StartBatchRequest, actor: BatchActor, resume: boolean): Promise<Batch>;
  /** Stops after the pool in flight; 409 unless running. */
  pause(id: string, actor: BatchActor): Promise<Batch>;
  /** No more pools are written (the one in flight ends); the pools not reached become `cancelled`. */
  cancel(id: string, actor: BatchActor): Promise<Batch>;
  /** Stores plans made elsewhere (a rollback's, features/batches/rollback.ts) as a `planned` batch. */
  createPlanned(title: string, plans: readonly ItemPlan[], actor: BatchActor): Promise<Batch>;
  /** Stops this process's runners (their batches stay `running` in the store: interrupted). */
  close(): Promise<void>;
}

export interface BatchServiceDeps {
  store: BatchStore;
  leases: LeaseStore;
  accounts: Pick<AccountDirectory, "scope">;
  fleet: Pick<FleetService, "list">;
  audit: AuditSink;
  /** Paces the writes: one token per pool, keyed `account:region` (a ReadPacer over the write quota). */
  writePacer: Pick<ReadPacer, "takeToken">;
  /** The budget of each pool's reads and write (AWS_REQUEST_DEADLINE_MS). */
  poolDeadlineMs: number;
  /** How long a runner's lease lasts without renewal (CLC_RUN_CLAIM_MS). */
  leaseMs: number;
  log: FastifyBaseLogger;
  /** This process's name on leases; random by default. */
  owner?: string;
  now?: () => number;
  /** Plans "apply the standard" batches (`{ standard: true }`) and creates their destinations. */
  standardPlanner?: StandardPlanner;
}

/** A pool to plan: its change, and for a standard batch what the standard adds (standard-plan.ts). */
type Target = BatchPoolRef & { change: BatchChange } & Partial<Omit<StandardTarget, keyof BatchPoolRef>>;

/** The item's plan as stored (`plan_json`): the BatchItem without its run fields. */
export type ItemPlan = Omit<BatchItem, "seq" | "state" | "message" | "auditId" | "finishedAt">;

const leaseName = (id: string) => `batch:${id}`;
/** Pools planned at once: each plan is 2 Cognito reads (paced) and the destinations' lookups (cached). */
const PLAN_CONCURRENCY = 4;

function notFound(id: string): ServiceError {
  return new ServiceError("not-found", "batch-not-found", "Batch not found", {
    detail: `No batch has the id ${id}.`,
    hint: "Open the list of batches (GET /api/batches) and choose one there.",
  });
}

function busy(id: string): ServiceError {
  return new ServiceError("conflict", "batch-busy", "The batch is running", {
    detail: `Batch ${id} is being run by this or another replica of the console; it is never run twice at once.`,
    hint: "Follow its progress; pause it first if you want to stop it.",
  });
}

export function errorText(error: unknown): string {
  if (error instanceof ServiceError)
    return error.options.detail ? `${error.title}: ${error.options.detail}` : error.title;
  if (error instanceof Error && "title" in error && typeof error.title === "string") {
    const detail = (error as { options?: { detail?: string } }).options?.detail;
    return detail ? `${error.title}: ${detail}` : error.title;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The blocked reason of a plan, in the user's terms; null when it is not blocked. */
export function blockedReason(
  plan: Pick<ItemPlan, "errors" | "findings">,
  unsendable: string | null,
): string | null {
  if (unsendable) return `The pool holds entries the console cannot send back: ${unsendable}`;
  if (plan.errors.length > 0) return plan.errors.map((e) => e.message).join(" ");
  const blocking = plan.findings.filter((f) => f.severity === "block");
  const missing = blocking.find((f) => f.id === "destination-not-found");
  if (missing) return `destination missing: create it first. ${missing.message}`;
  if (blocking.length > 0) return blocking.map((f) => f.message).join(" ");
  return null;
}

/**
 * Reads one pool fresh and plans `desired(current)` on it, judged like a single-pool preview: blocked
 * with `refusal(preview)` or blockedReason's reason, `nothing` when AWS holds it already, `warning`
 * with warnings, else `ready`. Throws what reading the pool throws.
 */
export async function planFromPreview(
  deps: Pick<BatchServiceDeps, "accounts" | "poolDeadlineMs">,
  base: Omit<
    ItemPlan,
    "plannedVersion" | "before" | "desired" | "diff" | "errors" | "findings" | "outcome" | "reason"
  >,
  desired: (current: LogDeliveryModel) => LogDeliveryModel,
  refusal: (current: LogDeliveryModel) => string | null = () => null,
  /** A standard batch's review of the destinations it creates (standard-plan.ts `review`). */
  review?: (
    findings: Finding[],
    scope: AccountScope,
    deadline: Deadline,
  ) => Promise<{ findings: Finding[]; reason: string | null; creates: BatchCreate[] }>,
): Promise<ItemPlan> {
  const { standard, ...preview } = await withDeadline(
    deps.poolDeadlineMs,
    async (deadline) => {
      const scope = await deps.accounts.scope(base.accountId, deadline);
      const read = await scope.logDelivery.previewConfiguration(base.poolId, desired, deadline);
      const reviewed = review ? await review(read.findings, scope, deadline) : null;
      return { ...read, findings: reviewed?.findings ?? read.findings, standard: reviewed };
    },
    "read",
  );
  const plan: ItemPlan = {
    ...base,
    poolName: preview.pool.name,
    plannedVersion: preview.version,
    before: preview.current,
    desired: preview.desired,
    diff: preview.diff,
    errors: preview.errors,
    findings: preview.findings,
    outcome: "ready",
    reason: null,
    ...(standard ? { creates: standard.creates } : {}),
  };
  const reason = refusal(preview.current) ?? standard?.reason ?? blockedReason(plan, preview.unsendable);
  let outcome: BatchOutcome = "ready";
  if (reason) outcome = "blocked";
  else if (preview.diff.every((d) => d.change === "unchanged")) outcome = "nothing";
  else if (preview.findings.some((f) => f.severity === "warn")) outcome = "warning";
  return { ...plan, outcome, reason };
}

/** Plans each of `items`, PLAN_CONCURRENCY at a time, in their order. */
export async function planEach<T>(
  items: readonly T[],
  plan: (item: T) => Promise<ItemPlan>,
): Promise<ItemPlan[]> {
  const plans: ItemPlan[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      plans[index] = await plan(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PLAN_CONCURRENCY, items.length) }, worker));
  return plans;
}

export function createBatchService(deps: BatchServiceDeps): BatchService {
  const now = deps.now ?? Date.now;
  const owner = deps.owner ?? `batches:${randomUUID()}`;
  /** The batches this process runs, with the way to stop each one's wait for a write token. */
  const runners = new Map<string, { done: Promise<void>; stop: AbortController }>();
  let closing = false;

  async function stored(id: string): Promise<StoredBatch> {
    const batch = await deps.store.get(id);
    if (!batch) throw notFound(id);
    return batch;
  }

  function toItem(row: StoredBatchItem): BatchItem {
    const plan = JSON.parse(row.plan) as ItemPlan;
    return BatchItemSchema.parse({
      ...plan,
      seq: row.seq,
      state: row.state,
      message: row.message,
      auditId: row.auditId,
      finishedAt: row.finishedAt === null ? null : new Date(row.finishedAt).toISOString(),
    });
  }

  /** A `running` batch nobody holds the lease of was cut off by a stopped BFF: interrupted. */
  async function statusOf(batch: StoredBatch): Promise<BatchStatus> {
    if (batch.status !== "running" || runners.has(batch.id)) return batch.status as BatchStatus;
    const holder = await deps.leases.holder(leaseName(batch.id), now());
    return holder ? "running" : "interrupted";
  }

  async function summaryOf(batch: StoredBatch, items: readonly BatchItem[]): Promise<BatchSummary> {
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      id: batch.id,
      title: batch.title,
      status: await statusOf(batch),
      createdBy: batch.createdBy,
      createdAt: new Date(batch.createdAt).toISOString(),
      updatedAt: new Date(batch.updatedAt).toISOString(),
      startedAt: iso(batch.startedAt),
      finishedAt: iso(batch.finishedAt),
      warningsAcknowledged: batch.warningsAcknowledged,
      ...batchCounts(items),
      total: items.length,
      standardRevision: items[0]?.standardRevision ?? null,
    };
  }

  async function full(id: string): Promise<Batch> {
    const batch = await stored(id);
    const items = (await deps.store.items(id)).map(toItem);
    // Held elsewhere: say until when, so a batch whose process was killed is not just "running".
    const holder =
      batch.status === "running" && !runners.has(id) ? await deps.leases.holder(leaseName(id), now()) : null;
    return {
      ...(await summaryOf(batch, items)),
      items,
      ...(await rollbackLinks(deps.store, batch, items)),
      ...(holder ? { heldUntil: new Date(holder.until).toISOString() } : {}),
    };
  }

  /** A batch-level record (start, pause, resume, cancel): request id `batch:<id>`, like its pools'. */
  async function record(id: string, action: AuditAction, actor: BatchActor, after: unknown): Promise<void> {
    await deps.audit.record({
      action,
      outcome: "success",
      operator: actor.username,
      role: actor.role,
      region: null,
      poolId: null,
      resource: `batch:${id}`,
      before: null,
      after,
      attemptId: null,
      error: null,
      requestId: `batch:${id}`,
      awsRequestId: null,
    });
  }

  // ---------- planning ----------

  /** The pools the request names, each with its change, without repeats, at most MAX_BATCH_POOLS. */
  async function targetsOf(input: CreateBatchInput): Promise<Target[]> {
    let targets: Target[];
    if ("standard" in input) {
      if (!deps.standardPlanner) throw new Error("standard batches are not wired");
      targets = await deps.standardPlanner.targets(input);
    } else if ("items" in input) targets = input.items;
    else if ("pools" in input) targets = input.pools.map((p) => ({ ...p, change: input.change }));
    else {
      targets = [];
      for (let offset = 0; ; offset += 500) {
        const page = deps.fleet.list({ ...input.filter, sort: "name", offset, limit: 500 });
        for (const pool of page.items)
          targets.push({
            accountId: pool.accountId,
            region: pool.region,
            poolId: pool.id,
            change: input.change,
          });
        if (page.items.length < 500 || targets.length > MAX_BATCH_POOLS) break;
      }
      if (targets.length === 0) {
        throw new ServiceError("invalid", "batch-empty", "No pool matches the filter", {
          detail: "The fleet's filter matches no pool the console has read.",
          hint: "Widen the filter, or refresh the fleet and try again.",
        });
      }
    }
    const seen = new Set<string>();
    const unique = targets.filter((t) => {
      const key = poolKey(t);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (unique.length > MAX_BATCH_POOLS) {
      throw new ServiceError("invalid", "batch-too-large", "Too many pools for one batch", {
        detail: `The selection holds ${unique.length} pools; a batch takes at most ${MAX_BATCH_POOLS}.`,
        hint: "Narrow the filter (by account, region or OU) and make several batches.",
      });
    }
    return unique;
  }

  async function planPool(target: Target): Promise<ItemPlan> {
    const base = {
      accountId: target.accountId,
      region: target.region,
      poolId: target.poolId,
      poolName: target.poolName ?? target.poolId,
      change: target.change,
      ...(target.standardRevision === undefined
        ? {}
        : { standardRevision: target.standardRevision, creates: target.creates ?? [] }),
    };
    const blocked = (reason: string): ItemPlan => ({
      ...base,
      plannedVersion: null,
      before: null,
      desired: null,
      diff: [],
      errors: [],
      findings: [],
      outcome: "blocked",
      reason,
    });
    if (!target.poolId.startsWith(`${target.region}_`))
      return blocked(`The pool id ${target.poolId} is not a pool of ${target.region}.`);
    if (target.blocked) return blocked(target.blocked);
    try {
      return await planFromPreview(
        deps,
        base,
        (current) => desiredConfiguration(target, current, target.change),
        () => null,
        target.creates && deps.standardPlanner
          ? (findings, scope, deadline) =>
              (deps.standardPlanner as StandardPlanner).review(
                { ...target, creates: target.creates ?? [] },
                findings,
                scope,
                deadline,
              )
          : undefined,
      );
    } catch (error) {
      return blocked(`The pool could not be read: ${errorText(error)}`);
    }
  }

  const planAll = (targets: Target[]) => planEach(targets, planPool);

  // ---------- running ----------

  /** A WriteTrail of one pool of the batch, remembering the attempt's record id. */
  function poolTrail(
    id: string,
    item: BatchItem,
    actor: BatchActor,
    account: { accountId: string; roleArn: string | null },
  ) {
    const desired = item.desired as LogDeliveryModel;
    const sets = EVENT_SOURCES.flatMap((s) => (desired[s] ? [desired[s].arn] : []));
    // A rollback batch's pool is audited as the rollback of its record (features/batches/rollback.ts).
    const undoes = item.undoes ?? null;
    const action: AuditAction = undoes
      ? "log-delivery.rollback"
      : sets.length > 0
        ? "log-delivery.apply"
        : "log-delivery.disable";
    const common = {
      action,
      operator: actor.username,
      role: actor.role,
      accountId: account.accountId,
      roleArn: account.roleArn,
      resource: sets[0] ?? null,
      requestId: `batch:${id}`,
      ...(undoes ? { undoes } : {}),
    };
    const kept = { attemptId: null as string | null };
    const bound = boundTrail(deps.audit, common);
    const trail: WriteTrail = {
      async attempt(entry) {
        kept.attemptId = await bound.attempt(entry);
        return kept.attemptId;
      },
      refused: (entry) => bound.refused(entry),
      outcome: (attemptId, entry) => bound.outcome(attemptId, entry),
    };
    return { trail, kept };
  }

  /** Writes one pool on its planned version; answers its end state. */
  async function runItem(
    id: string,
    item: BatchItem,
    actor: BatchActor,
  ): Promise<{ state: "done" | "changed" | "failed"; message: string; auditId: string | null }> {
    const desired = item.desired as LogDeliveryModel;
    let auditId: string | null = null;
    try {
      await withDeadline(
        deps.poolDeadlineMs,
        async (deadline) => {
          const scope = await deps.accounts.scope(item.accountId, deadline);
          const { trail, kept } = poolTrail(id, item, actor, scope.entry);
          // A standard's per-pool destinations first: the write's checks then find them.
          if (item.creates && item.creates.length > 0 && deps.standardPlanner)
            await deps.standardPlanner.prepare(
              { ...item, creates: item.creates, batchId: id },
              scope,
              actor.username,
              deadline,
            );
          try {
            await asOperator(actor.username, () =>
              scope.logDelivery.writeConfiguration(
                { poolId: item.poolId, desired, ifMatch: item.plannedVersion as string },
                trail,
                deadline,
              ),
            );
          } finally {
            auditId = kept.attemptId;
          }
        },
        "read",
      );
      return { state: "done", message: "Applied: AWS stored the planned configuration.", auditId };
    } catch (error) {
      if (error instanceof ServiceError && error.slug === "version-mismatch") {
        const current = error.options.current;
        // A write cut off by a stop may have landed, or someone made the same change: nothing to do.
        if (current && sameConfiguration(current.configuration, desired))
          return { state: "done", message: "AWS already holds the planned configuration.", auditId };
        return {
          state: "changed",
          message: `Changed since planned: the pool is now at version ${current?.version ?? "unknown"}, not ${item.plannedVersion}. Nothing was written; plan a new batch for it.`,
          auditId,
        };
      }
      return { state: "failed", message: errorText(error), auditId };
    }
  }

  async function drive(
    id: string,
    actor: BatchActor,
    stop: AbortController,
    lease: { holding: string; takenAt: number },
  ): Promise<void> {
    // Renewed every sixth of its life while the runner works; a renewal refused (another replica
    // took it) or none that worked for two thirds of it stops the runner (lib/lease-keeper.ts).
    const kept = keepLease({
      store: deps.leases,
      name: leaseName(id),
      owner: lease.holding,
      leaseMs: deps.leaseMs,
      takenAt: lease.takenAt,
      now,
      onRenewError: (error) => deps.log.warn({ err: error, batch: id }, "could not renew a batch's lease"),
    });
    try {
      for (;;) {
        if (closing || stop.signal.aborted) return;
        if (kept.lost.aborted) return lostLease(id);
        const batch = await deps.store.get(id);
        if (batch?.status !== "running") return;
        const items = (await deps.store.items(id)).map(toItem);
        const next = items.find((i) => i.state === "pending" || i.state === "running");
        if (!next) {
          const at = now();
          await deps.store.transition(id, ["running"], { status: "finished", updatedAt: at, finishedAt: at });
          return;
        }
        if (
          !itemRuns(next, batch.warningsAcknowledged) ||
          next.desired === null ||
          next.plannedVersion === null
        ) {
          await deps.store.finishItem(id, next.seq, {
            state: "skipped",
            message: next.reason ?? "Not run: its warnings were not acknowledged.",
            auditId: null,
            finishedAt: now(),
          });
          continue;
        }
        // The write quota first, then a last look: a pause or cancel may have come meanwhile.
        await deps.writePacer.takeToken(`${next.accountId}:${next.region}`, stop.signal);
        const latest = await deps.store.get(id);
        if (latest?.status !== "running" || closing) return;
        if (kept.lost.aborted) return lostLease(id);
        if (next.state === "pending" && !(await deps.store.startItem(id, next.seq))) continue;
        const end = await runItem(id, next, actor);
        await deps.store.finishItem(id, next.seq, { ...end, finishedAt: now() });
        await deps.store.transition(id, ["running"], { status: "running", updatedAt: now() });
      }
    } catch (error) {
      // A stop while waiting for a token ends the runner quietly; anything else is logged, and the
      // batch stays `running` without a lease: shown interrupted, resumable.
      if (!stop.signal.aborted) deps.log.error({ err: error, batch: id }, "a batch's runner stopped");
    } finally {
      // Released before the runner is gone: a resume on this replica waits for it (stopping.done),
      // since its take, under a holding name of its own, is refused while this one holds the lease.
      await kept.release();
      runners.delete(id);
    }
  }

  /** The runner stops: another replica may hold the batch's lease now (it shows running there, or interrupted). */
  function lostLease(id: string): void {
    deps.log.warn(
      { batch: id },
      "a batch's lease may be lost (another replica took it, or it could not be renewed): its runner stopped; the batch can be resumed",
    );
  }

  /** Runs the batch under the lease this process took as `lease.holding` at `lease.takenAt`. */
  function launch(id: string, actor: BatchActor, lease: { holding: string; takenAt: number }): void {
    const stop = new AbortController();
    const entry = { stop, done: Promise.resolve() };
    runners.set(id, entry);
    entry.done = drive(id, actor, stop, lease);
  }

  async function createPlanned(title: string, plans: readonly ItemPlan[], actor: BatchActor) {
    const id = randomUUID();
    const at = now();
    const rows: StoredBatchItem[] = plans.map((plan, seq) => {
      const runs = plan.outcome === "ready" || plan.outcome === "warning";
      return {
        batchId: id,
        seq,
        state: runs ? "pending" : "skipped",
        message: runs ? null : (plan.reason ?? "Nothing to do: AWS already holds this."),
        auditId: null,
        finishedAt: runs ? null : at,
        plan: JSON.stringify(plan),
      };
    });
    await deps.store.create(
      {
        id,
        title,
        status: "planned",
        createdBy: actor.username,
        createdAt: at,
        updatedAt: at,
        startedAt: null,
        finishedAt: null,
        warningsAcknowledged: false,
      },
      rows,
    );
    return full(id);
  }

  return {
    async create(input, actor, _deadline) {
      const targets = await targetsOf(input);
      const plans = await planAll(targets);
      const title =
        input.title && input.title !== ""
          ? input.title
          : `${targets.length} pool${targets.length === 1 ? "" : "s"}, ${new Date(now()).toISOString().slice(0, 16).replace("T", " ")} UTC`;
      return createPlanned(title, plans, actor);
    },

    createPlanned,

    async list() {
      const batches = await deps.store.list(100);
      return Promise.all(
        batches.map(async (batch) => summaryOf(batch, (await deps.store.items(batch.id)).map(toItem))),
      );
    },

    get: full,

    async start(id, request, actor, resume) {
      // A pause lets this process's runner finish the pool in flight; a resume meanwhile (the page
      // already shows Paused and offers Resume) waits for it instead of answering "running".
      const stopping = runners.get(id);
      if (stopping && (await stored(id)).status === "paused") await stopping.done;
      const batch = await stored(id);
      if (batch.status === "finished" || batch.status === "cancelled") {
        throw new ServiceError("conflict", "batch-ended", `The batch is ${batch.status}`, {
          detail: `Batch ${id} is ${batch.status}: nothing is left to run.`,
          hint: "Make a new batch for the pools that still need the change.",
        });
      }
      if (runners.has(id)) throw busy(id);
      const items = (await deps.store.items(id)).map(toItem);
      const acknowledged = batch.warningsAcknowledged || request.acknowledgeWarnings === true;
      const waiting = items.filter((i) => i.outcome === "warning" && i.state === "pending");
      if (waiting.length > 0 && !acknowledged) {
        throw new ServiceError(
          "not-possible",
          "warnings-not-acknowledged",
          "Acknowledge the warnings first",
          {
            detail: `${waiting.length} pool${waiting.length === 1 ? " has" : "s have"} warnings (${waiting.map((i) => i.poolName).join(", ")}).`,
            hint: "Read the warnings on the review page, then start again with acknowledgeWarnings: true.",
          },
        );
      }
      const at = now();
      // This run's own name on the lease: a late renewal or release of it cannot touch a later run
      // of the batch by this process (lib/lease-keeper.ts).
      const holding = `${owner}:${randomUUID()}`;
      if (!(await deps.leases.acquire(leaseName(id), { owner: holding, now: at, until: at + deps.leaseMs })))
        throw busy(id);
      const moved = await deps.store.transition(id, ["planned", "paused", "running"], {
        status: "running",
        updatedAt: at,
        ...(batch.startedAt === null ? { startedAt: at } : {}),
        warningsAcknowledged: acknowledged,
      });
      if (!moved) {
        await deps.leases.release(leaseName(id), holding);
        throw busy(id);
      }
      await record(id, resume ? "batch.resume" : "batch.start", actor, {
        title: batch.title,
        pools: items.length,
        warningsAcknowledged: acknowledged,
      });
      launch(id, actor, { holding, takenAt: at });
      return full(id);
    },

    async pause(id, actor) {
      await stored(id);
      if (!(await deps.store.transition(id, ["running"], { status: "paused", updatedAt: now() }))) {
        throw new ServiceError("conflict", "batch-not-running", "The batch is not running", {
          detail: `Batch ${id} is not running, so there is nothing to pause.`,
          hint: "Reload the batch to see where it is.",
        });
      }
      await record(id, "batch.pause", actor, null);
      return full(id);
    },

    async cancel(id, actor) {
      await stored(id);
      const at = now();
      const moved = await deps.store.transition(id, ["planned", "running", "paused"], {
        status: "cancelled",
        updatedAt: at,
        finishedAt: at,
      });
      if (!moved) {
        throw new ServiceError("conflict", "batch-ended", "The batch has ended", {
          detail: `Batch ${id} has already finished or been cancelled.`,
          hint: "Reload the batch to see what was done.",
        });
      }
      const cancelled = await deps.store.endPending(id, {
        state: "cancelled",
        message: "Cancelled before it was written.",
        finishedAt: at,
      });
      await record(id, "batch.cancel", actor, { poolsNotWritten: cancelled });
      // A runner here stops waiting for its next write token at once.
      runners.get(id)?.stop.abort(new Error("cancelled"));
      return full(id);
    },

    async close() {
      closing = true;
      const running = [...runners.values()];
      for (const runner of running) runner.stop.abort(new Error("closing"));
      await Promise.all(running.map((r) => r.done));
    },
  };
}
