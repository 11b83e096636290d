/**
 * Keeping creation runs: the run record, its snapshot for the API, writing it to the store and
 * reading it back (a run cut off by a restart is marked failed), the claim that lets one replica at
 * a time work on a run (kept with lib/lease-keeper.ts), forgetting old finished runs, and recording a
 * run's outcome on the audit trail.
 */
import { randomUUID } from "node:crypto";
import {
  type CreationInput,
  type CreationPlan,
  type CreationRun,
  CreationRunSchema,
  type MadeByRun,
  maskUrlSecrets,
  maskUrlSecretsDeep,
  type PlanContext,
  type RunStatus,
  type RunStep,
  type RunSummary,
  redactCreationInput,
} from "@clc/domain";
import { AwsCallError } from "../../aws/errors.ts";
import { ServiceError } from "../../lib/errors.ts";
import { type KeptLease, keepLease, RELEASE_WAIT_MS } from "../../lib/lease-keeper.ts";
import { settlesWithin } from "../../lib/settles-within.ts";
import type { WriteTrail } from "../audit/trail.ts";
import type { CreationServiceDeps, CreationTrail } from "./service.ts";
import { StepFailure, type UndoRecord } from "./steps.ts";

export interface LedgerEntry {
  record: UndoRecord;
  cleanup: "none" | "done" | "failed";
  message: string | null;
}

export interface RunRecord {
  id: string;
  fingerprint: string;
  /** Never holds the access key once the run's execution has ended. */
  input: CreationInput;
  /** Whether the user gave an access key for the endpoint (the key itself is dropped). */
  accessKeySet: boolean;
  plan: CreationPlan;
  place: PlanContext;
  steps: RunStep[];
  ledger: LedgerEntry[];
  status: RunStatus;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  execution: Promise<void> | null;
}

export const now = () => new Date().toISOString();

export function errorText(error: unknown): {
  code: string;
  message: string;
  hint?: string;
  requestId: string | null;
} {
  if (error instanceof StepFailure) {
    return {
      code: error.code,
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
      requestId: null,
    };
  }
  if (error instanceof AwsCallError) {
    return {
      code: error.code,
      message: `${error.operation}: ${error.message}`,
      hint: error.outcomeUnknown
        ? "AWS may have done it anyway: run again; the run checks what exists before creating anything."
        : "Fix the cause, then run again: what was created is reused.",
      requestId: error.requestId,
    };
  }
  return { code: "InternalError", message: "The step failed on the console's side.", requestId: null };
}

/** What an earlier attempt of this run created, from its ledger. */
export function madeBy(run: RunRecord | undefined): MadeByRun {
  const types = new Set(run?.ledger.map((e) => e.record.type) ?? []);
  return {
    logGroup: types.has("logGroup"),
    bucket: types.has("bucket"),
    role: types.has("role"),
    stream: types.has("stream"),
    eventsRole: types.has("eventsRole"),
    eventsRule: types.has("eventsRule"),
  };
}

export function snapshot(run: RunRecord): CreationRun {
  return maskUrlSecretsDeep({
    ...summary(run),
    steps: run.steps.map((step) => {
      const entries = run.ledger.filter((e) => e.record.stepId === step.id);
      const failed = entries.find((e) => e.cleanup === "failed");
      const done = entries.length > 0 && entries.every((e) => e.cleanup === "done");
      return {
        ...step,
        createdByRun: entries.length > 0,
        cleanup: failed ? "failed" : done ? "done" : "none",
        cleanupMessage: (failed ?? entries.find((e) => e.message))?.message ?? null,
      };
    }),
    input: redactCreationInput(run.input, run.accessKeySet),
  });
}

export function summary(run: RunRecord): RunSummary {
  return {
    id: run.id,
    status: run.status,
    kind: run.plan.kind,
    poolId: run.input.poolId,
    eventSource: run.plan.eventSource,
    region: run.place.region,
    destination: run.plan.destination,
    attempts: run.attempts,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
  };
}

/** The input without its access key and with its URL masked: all that is ever written to the store. */
export function storableInput(input: CreationInput): CreationInput {
  if (input.kind !== "firehose" || input.target.type !== "http") return input;
  const { accessKey: _dropped, ...target } = input.target;
  return { ...input, target: { ...target, url: maskUrlSecrets(target.url) } };
}

/** The 409 of a run another request or replica works on now. */
export function busy(id: string, status: string): ServiceError {
  return new ServiceError("conflict", "run-busy", "The run is still working", {
    detail: `Run ${id} is ${status}, on this or another replica of the console.`,
    hint: "Follow it (GET its run) and wait until it has finished, then try again.",
  });
}

export function freshSteps(plan: CreationPlan): RunStep[] {
  return plan.steps.map((step) => ({
    ...step,
    status: "pending",
    message: null,
    error: null,
    createdByRun: false,
    cleanup: "none",
    cleanupMessage: null,
    startedAt: null,
    finishedAt: null,
  }));
}

/** The request's trail for one action on the run's destination, every URL in it masked (they may carry credentials). */
export function trailOf(
  trail: CreationTrail,
  action: "destination.create" | "destination.cleanup",
  resource: string,
  account?: { accountId: string; roleArn: string | null },
): WriteTrail {
  const bound = trail(action, resource, account);
  return {
    attempt: (entry) => bound.attempt(maskUrlSecretsDeep(entry)),
    refused: (entry) => bound.refused(maskUrlSecretsDeep(entry)),
    outcome: (attemptId, entry) => bound.outcome(attemptId, maskUrlSecretsDeep(entry)),
  };
}

/** After the stream exists the key is never needed again: drop it from memory. */
export function forgetAccessKey(run: RunRecord): string | undefined {
  if (run.input.kind !== "firehose" || run.input.target.type !== "http") return undefined;
  const key = run.input.target.accessKey;
  run.input = { ...run.input, target: { ...run.input.target, accessKey: undefined } };
  return key;
}

export type RunKeeper = ReturnType<typeof createRunKeeper>;

/**
 * One claim of a run by this process (a resume, a cleanup, a new run, or a look at a run cut off),
 * under an owner name of its own: a renewal or release of it that answers late cannot renew or give
 * back a later claim of the same run by the same process.
 */
export interface RunHolding {
  readonly runId: string;
  /** The claim's owner in the store: `<process owner>:<random>`. */
  readonly owner: string;
  /**
   * Aborts once the claim may be lost: a renewal was refused (another replica holds the run), or
   * none that worked was sent within two thirds of the claim (lib/lease-keeper.ts KeptLease.lost).
   * The work on the run stops at its next step then. Never aborts without a store.
   */
  readonly lost: AbortSignal;
}

/**
 * The runs this process knows (memory, backed by `deps.runStore` when there is one), the runs it
 * works on now, and the store operations on them.
 */
export function createRunKeeper(
  deps: Pick<CreationServiceDeps, "log" | "runStore" | "owner" | "claimMs" | "maxRuns">,
) {
  const maxRuns = deps.maxRuns ?? 200;
  const runs = new Map<string, RunRecord>();
  /**
   * Runs this process is running or cleaning up now, each with the holding of the claim it works
   * under (the caller sets it once the claim is taken: `claim`, or `hold` for a new run).
   */
  const working = new Map<string, RunHolding>();
  const owner = deps.owner ?? `replica_${randomUUID()}`;
  const claimMs = deps.claimMs ?? 60_000;
  const runStore = deps.runStore;
  /** The store's claims as keepLease takes and gives back leases: the run's id is the lease's name. */
  const claims = runStore && {
    acquire: (id: string, claim: { owner: string; now: number; until: number }) => runStore.claim(id, claim),
    release: (id: string, holder: string) =>
      runStore.release(id, holder).catch((error: unknown) => {
        // The claim then lapses at its end: the run is only unavailable to other replicas until then.
        deps.log.error({ err: error, runId: id }, "could not release a destination run's claim");
        throw error;
      }),
  };
  /** Each holding's keeper (null until its claim is in the store) and the abort behind its `lost`. */
  const kept = new WeakMap<RunHolding, { keeper: KeptLease | null; lost: AbortController }>();

  function newHolding(id: string): RunHolding {
    const lost = new AbortController();
    const holding: RunHolding = { runId: id, owner: `${owner}:${randomUUID()}`, lost: lost.signal };
    kept.set(holding, { keeper: null, lost });
    return holding;
  }

  /**
   * Renews the holding's claim, which the store has held since `takenAt` (ms since the epoch), every
   * sixth of claimMs, one renewal at a time, until `release(holding)`. Once only per holding.
   */
  function keep(holding: RunHolding, takenAt: number): void {
    const state = kept.get(holding);
    if (!claims || !state || state.keeper) return;
    const keeper = keepLease({
      store: claims,
      name: holding.runId,
      owner: holding.owner,
      leaseMs: claimMs,
      takenAt,
      onRenewError: (error) =>
        deps.log.warn({ err: error, runId: holding.runId }, "could not renew a destination run's claim"),
    });
    keeper.lost.addEventListener(
      "abort",
      () => {
        deps.log.error(
          { runId: holding.runId },
          "a destination run's claim may be lost (another replica took the run, or the claim could not be renewed): this replica's work on it stops at its next step",
        );
        state.lost.abort();
      },
      { once: true },
    );
    state.keeper = keeper;
  }

  /**
   * Writes the run to the store; a failing store is logged, never fatal to the run in flight. A run
   * stored for the first time is stored claimed by the holding it works under (see
   * CreationRunStore.save), whose claim is renewed from then on.
   */
  async function persist(run: RunRecord): Promise<void> {
    if (!runStore) return;
    const { execution: _execution, ...stored } = run;
    const holding = working.get(run.id);
    const at = Date.now();
    try {
      const written = await runStore.save(
        {
          id: run.id,
          poolId: run.input.poolId,
          status: run.status,
          createdAt: run.createdAt,
          updatedAt: run.updatedAt,
          data: JSON.stringify({ format: 1, ...stored, input: storableInput(run.input) }),
        },
        holding ? { owner: holding.owner, until: at + claimMs } : undefined,
      );
      if (holding && !written) {
        // Fenced: another replica holds the run now (it took it after this claim lapsed). Its state
        // stands; this replica's work stops at its next step, as when a renewal is refused.
        deps.log.error(
          { runId: run.id },
          "a destination run's save was refused: another replica holds the run; this replica's work on it stops",
        );
        const state = kept.get(holding);
        state?.lost.abort();
        // No renewal either: one sent after the other replica gave the run back would take it again.
        void state?.keeper?.release();
        return;
      }
      // A new run's claim exists from its first save that worked (a no-op for a claim already kept).
      if (holding) keep(holding, at);
    } catch (error) {
      deps.log.error({ err: error, runId: run.id }, "could not keep a destination run in the store");
    }
  }

  /**
   * Takes the run's claim in the store under a holding of its own, renewed from then on until
   * `release(holding)`; null when another holding has it (one of this process's included: e.g. a
   * cleanup while a run's last attempt still gives its claim back). Without a store: always a
   * holding (one process, one memory). Rejects when the store does.
   */
  async function claim(id: string): Promise<RunHolding | null> {
    const holding = newHolding(id);
    if (!runStore) return holding;
    const at = Date.now();
    if (!(await runStore.claim(id, { owner: holding.owner, now: at, until: at + claimMs }))) return null;
    keep(holding, at);
    return holding;
  }

  /** The holding of a run new to the store: its first save stores it claimed (see persist). */
  function hold(id: string): RunHolding {
    return newHolding(id);
  }

  /**
   * Stops renewing the holding's claim and gives it back, after the renewal under way if there is
   * one (one answering later would take the run back); the run leaves `working` if it worked under
   * this holding. Holds up its caller 2 s at most and never rejects: a claim not given back lapses
   * at its end, and the run is unavailable to other replicas until then.
   */
  async function release(holding: RunHolding): Promise<void> {
    if (working.get(holding.runId) === holding) working.delete(holding.runId);
    const state = kept.get(holding);
    if (!claims || !state) return;
    if (state.keeper) return state.keeper.release();
    // Never kept: a new run whose saves all failed; one that stored the claim all the same is given back.
    await settlesWithin(claims.release(holding.runId, holding.owner), RELEASE_WAIT_MS);
  }

  /**
   * A run from memory, or from the store after a restart. A run the store has as running or
   * cleaning was cut off by the restart: it is marked failed (its current step says why), so it
   * can be resumed or cleaned up — unless its claim is held (another replica is working on it), then
   * it is shown as it is. With a store, a run this process is not working on is read from the store
   * each time: another replica may have moved it on.
   */
  async function loadRun(id: string, options: { fresh?: boolean } = {}): Promise<RunRecord | undefined> {
    const live = runs.get(id);
    if (live && !options.fresh && (working.has(id) || !deps.runStore)) return live;
    const read = async (): Promise<RunRecord | null | undefined> => {
      const stored = await deps.runStore?.get(id);
      if (!stored) return null;
      try {
        const data = JSON.parse(stored.data) as Omit<RunRecord, "execution"> & { format?: number };
        const { format: _format, ...rest } = data;
        const parsed: RunRecord = { ...rest, execution: null };
        // The snapshot must still be a valid run; a record that is not is treated as unknown.
        CreationRunSchema.parse(snapshot(parsed));
        return parsed;
      } catch (error) {
        deps.log.error({ err: error, runId: id }, "a stored destination run could not be read");
        return undefined;
      }
    };
    const first = await read();
    if (first === null) return live;
    if (first === undefined) return undefined;
    let run: RunRecord = first;
    if (run.status === "running" || run.status === "cleaning") {
      // Under this process's own claim (a resume or cleanup that has just taken it), or under one
      // taken here only to look (its worker stopped and its claim lapsed), given back after.
      const own = working.get(id);
      let look = own ? null : await claim(id);
      if (look) {
        // The replica working on it may have finished, saved and given its claim back between the
        // read above and this claim: what the store holds now decides (replicas.test.ts saw a run
        // that had succeeded overwritten as interrupted).
        const current = await read();
        if (current && current.status !== "running" && current.status !== "cleaning") {
          await release(look);
          look = null;
          run = current;
        }
      }
      if (own || look) {
        const stamp = now();
        for (const step of run.steps) {
          if (step.status !== "running") continue;
          step.status = "failed";
          step.finishedAt = stamp;
          step.message = "The console restarted while this step ran.";
          step.error = {
            code: "Interrupted",
            message: step.message,
            hint: "Run again: the run checks what exists before creating anything.",
            requestId: null,
          };
        }
        run.status = run.status === "cleaning" ? "cleanup-failed" : "failed";
        run.updatedAt = stamp;
        await persist(run);
        if (look) await release(look);
      }
    }
    if (live?.execution) run.execution = live.execution;
    runs.set(run.id, run);
    forgetOldRuns();
    return run;
  }

  function forgetOldRuns(): void {
    if (runs.size <= maxRuns) return;
    for (const [id, run] of runs) {
      if (runs.size <= maxRuns) return;
      if (run.status !== "running" && run.status !== "cleaning") runs.delete(id);
    }
  }

  async function recordOutcome(
    action: "destination.create" | "destination.cleanup",
    run: RunRecord,
    trail: WriteTrail,
    attemptId: string,
    error: { code: string; message: string; requestId: string | null } | null,
  ): Promise<void> {
    try {
      await trail.outcome(attemptId, {
        region: run.place.region,
        poolId: run.input.poolId,
        ok: error === null,
        after: {
          runId: run.id,
          steps: run.steps.map((s) => ({ id: s.id, status: s.status })),
          ...(action === "destination.create"
            ? {
                created: run.steps
                  .filter((s) => s.status === "done")
                  .map((s) => ({ step: s.id, type: s.resource.type, name: s.resource.name })),
                // Skipped steps are what existed and was used as it was.
                reused: run.steps
                  .filter((s) => s.status === "skipped")
                  .map((s) => ({ step: s.id, type: s.resource.type, name: s.resource.name })),
              }
            : {}),
        },
        error: error ? `${error.code}: ${error.message}` : null,
        awsRequestId: error?.requestId ?? null,
      });
    } catch (auditError) {
      deps.log.error({ err: auditError, runId: run.id }, "could not record the outcome of a destination run");
    }
  }

  return { runs, working, persist, claim, hold, release, loadRun, forgetOldRuns, recordOutcome };
}
