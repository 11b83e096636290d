/**
 * Keeping creation runs: the run record, its snapshot for the API, writing it to the store and
 * reading it back (a run cut off by a restart is marked failed), the claim that lets one replica at
 * a time work on a run, forgetting old finished runs, and recording a run's outcome on the audit trail.
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
 * The runs this process knows (memory, backed by `deps.runStore` when there is one), the runs it
 * works on now, and the store operations on them.
 */
export function createRunKeeper(
  deps: Pick<CreationServiceDeps, "log" | "runStore" | "owner" | "claimMs" | "maxRuns">,
) {
  const maxRuns = deps.maxRuns ?? 200;
  const runs = new Map<string, RunRecord>();
  /** Runs this process is running or cleaning up now, holding their claim in the store. */
  const working = new Set<string>();
  const owner = deps.owner ?? `replica_${randomUUID()}`;
  const claimMs = deps.claimMs ?? 60_000;

  /**
   * Writes the run to the store; a failing store is logged, never fatal to the run in flight. A run
   * stored for the first time is stored claimed by this process (see CreationRunStore.save).
   */
  async function persist(run: RunRecord): Promise<void> {
    if (!deps.runStore) return;
    const { execution: _execution, ...kept } = run;
    try {
      await deps.runStore.save(
        {
          id: run.id,
          poolId: run.input.poolId,
          status: run.status,
          createdAt: run.createdAt,
          updatedAt: run.updatedAt,
          data: JSON.stringify({ format: 1, ...kept, input: storableInput(run.input) }),
        },
        { owner, until: Date.now() + claimMs },
      );
    } catch (error) {
      deps.log.error({ err: error, runId: run.id }, "could not keep a destination run in the store");
    }
  }

  /** Takes the run's claim in the store (always true without a store: one process, one memory). */
  async function claim(id: string): Promise<boolean> {
    if (!deps.runStore) return true;
    const at = Date.now();
    return deps.runStore.claim(id, { owner, now: at, until: at + claimMs });
  }

  async function release(id: string): Promise<void> {
    working.delete(id);
    try {
      await deps.runStore?.release(id, owner);
    } catch (error) {
      // The claim then lapses at its end: the run is only unavailable to other replicas until then.
      deps.log.error({ err: error, runId: id }, "could not release a destination run's claim");
    }
  }

  /** Renews the claim while the run works (until the returned function is called). */
  function keepClaimed(id: string): () => void {
    const timer = setInterval(
      () => {
        claim(id)
          .then((held) => {
            if (!held)
              deps.log.error({ runId: id }, "another replica took a destination run this one works on");
          })
          .catch((error: unknown) => {
            deps.log.error({ err: error, runId: id }, "could not renew a destination run's claim");
          });
      },
      Math.max(1, Math.floor(claimMs / 3)),
    );
    timer.unref();
    return () => clearInterval(timer);
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
    const stored = await deps.runStore?.get(id);
    if (!stored) return live;
    let run: RunRecord;
    try {
      const data = JSON.parse(stored.data) as Omit<RunRecord, "execution"> & { format?: number };
      const { format: _format, ...rest } = data;
      run = { ...rest, execution: null };
      // The snapshot must still be a valid run; a record that is not is treated as unknown.
      CreationRunSchema.parse(snapshot(run));
    } catch (error) {
      deps.log.error({ err: error, runId: id }, "a stored destination run could not be read");
      return undefined;
    }
    if ((run.status === "running" || run.status === "cleaning") && (await claim(id))) {
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
      // A claim this process took only to look is given back; one it works under is kept.
      if (!working.has(id)) await release(id);
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

  return { runs, working, persist, claim, release, keepClaimed, loadRun, forgetOldRuns, recordOutcome };
}
