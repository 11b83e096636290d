/**
 * Destination creation runs: plan (with what already exists under the planned names), run the steps
 * in order, report each step's progress, resume after a failure, clean up what a run created. Runs
 * are kept in the store (CreationRunStore), so they survive a restart; the Firehose access key never
 * is: it lives in memory only while its run executes.
 */
import { createHash, randomUUID } from "node:crypto";
import {
  type CreationInput,
  type CreationPlan,
  type CreationRun,
  creationFingerprint,
  creationTags,
  maskUrlSecretsDeep,
  planConflicts,
  type RunSummary,
  redactCreationInput,
} from "@clc/domain";
import type { FastifyBaseLogger } from "fastify";
import type { Deadline } from "../../aws/deadline.ts";
import { AwsCallError } from "../../aws/errors.ts";
import type { DeliveryPolicyWriter } from "../../lib/delivery-policies.ts";
import { ServiceError } from "../../lib/errors.ts";
import type { CreationRunStore } from "../../store/types.ts";
import type { WriteTrail } from "../audit/trail.ts";
import { cleanUp } from "./cleanup.ts";
import { createPlanner, type Planner } from "./plan.ts";
import {
  busy,
  createRunKeeper,
  errorText,
  forgetAccessKey,
  freshSteps,
  madeBy,
  now,
  type RunHolding,
  type RunRecord,
  snapshot,
  summary,
  trailOf,
} from "./runs.ts";
import { type CreationAws, runStep, type StepContext, StepFailure, type UndoRecord } from "./steps.ts";

/**
 * The audit trail of the request that starts or cleans up a run, for one action on one resource
 * (the route binds it to who asked: features/audit/trail.ts `trailFor`). A run's outcome is recorded on it
 * when the run ends, after the request has been answered.
 */
export type CreationTrail = (
  action: "destination.create" | "destination.cleanup",
  resource: string,
  /** The account acted in and the role assumed there (null: the console's own credentials). */
  account?: { accountId: string; roleArn: string | null },
) => WriteTrail;

export interface CreationTiming {
  streamPollMs: number;
  streamActiveTimeoutMs: number;
  roleRetryDelaysMs: readonly number[];
}

export interface CreationServiceDeps {
  aws: CreationAws;
  /** The console's regions (CLC_REGIONS): a pool in another region is refused before any AWS call. */
  regions: readonly string[];
  /** The app's one writer of shared policy documents (serialized with the fixes' writes). */
  policies: DeliveryPolicyWriter;
  accountId(deadline?: Deadline): Promise<string>;
  /**
   * The gateways of another account the console reads (its assumed role: features/accounts
   * AccountScope) and that role's ARN; a not-found problem for an account the console does not read.
   * Absent: only the console's own account can be chosen.
   */
  accountScope?: (
    accountId: string,
    deadline?: Deadline,
  ) => Promise<{ aws: CreationAws; roleArn: string | null }>;
  log: FastifyBaseLogger;
  timing?: Partial<CreationTiming>;
  sleep?: (ms: number) => Promise<void>;
  /** Finished runs kept in memory; the oldest finished ones are forgotten beyond this (the store keeps them). */
  maxRuns?: number;
  /** Where runs are kept across restarts; without one they live in memory only (tests of the core). */
  runStore?: CreationRunStore;
  /**
   * Who this process is when it claims a run in the store (default: a random id per process), so
   * that of several replicas on one database only one works on a run at a time. Each claim is held
   * as `<owner>:<random>`, a name of its own (runs.ts RunHolding).
   */
  owner?: string;
  /**
   * How long a claim lasts (ms, default 60 000); the worker renews it every sixth of that, one
   * renewal at a time, and stops at the run's next step when it may be lost (lib/lease-keeper.ts).
   * A run whose worker died is taken over once its claim lapses.
   */
  claimMs?: number;
}

/**
 * Each method that answers a request takes that request's deadline for its AWS calls; a run's steps
 * execute after the answer, under the background budget (steps.ts `StepContext.deadline`). A pool in
 * a region the console does not show is refused (404 region-not-configured) before any AWS call.
 */
export interface CreationService {
  /** The plan, with what exists under the planned names (read-only AWS calls) and its token. */
  plan(input: CreationInput, runId: string | undefined, deadline: Deadline): Promise<CreationPlan>;
  /**
   * Starts a run, or resumes one (by id, or by the same input); answers at once with the run.
   * Refuses (409, nothing sent to AWS) when the plan has a conflict, when it changes resources the
   * run did not create and `planToken` is not the token of that plan, or when `planToken` is given
   * and the plan has changed since.
   */
  start(
    input: CreationInput,
    runId: string | undefined,
    trail: CreationTrail,
    deadline: Deadline,
    planToken?: string,
  ): Promise<CreationRun>;
  get(id: string): Promise<CreationRun | null>;
  /** Past runs, newest first. */
  list(limit: number): Promise<RunSummary[]>;
  cleanup(id: string, trail: CreationTrail, deadline: Deadline): Promise<CreationRun>;
  /** `accountId`: the pool's account (default: the console's own). */
  bucketAvailability: Planner["bucketAvailability"];
  /** Resolves when the run's current execution has finished (tests, shutdown). */
  settled(id?: string): Promise<void>;
}

/** What a request to start or resume a run gives (the fingerprint: `hashedFingerprint(input)`). */
interface StartRequest {
  input: CreationInput;
  fingerprint: string;
  requestTrail: CreationTrail;
  deadline: Deadline;
  confirmedToken: string | undefined;
}

const DEFAULT_TIMING: CreationTiming = {
  streamPollMs: 2_000,
  streamActiveTimeoutMs: 5 * 60_000,
  roleRetryDelaysMs: [2_000, 4_000, 8_000, 16_000],
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createCreationService(deps: CreationServiceDeps): CreationService {
  const timing: CreationTiming = { ...DEFAULT_TIMING, ...deps.timing };
  const sleep = deps.sleep ?? defaultSleep;
  const keeper = createRunKeeper(deps);
  const { runs, working, persist, claim, hold, release, loadRun, forgetOldRuns, recordOutcome } = keeper;
  const planner = createPlanner(deps);
  const { placeOf, inspectedPlan } = planner;
  /** Starts under way, by input: a double submit joins the first instead of racing it. */
  const starting = new Map<string, Promise<CreationRun>>();
  /** Inputs are compared by a hash of their canonical form, which never holds the URL in clear. */
  const hashedFingerprint = (input: CreationInput) =>
    createHash("sha256").update(creationFingerprint(input)).digest("base64url");

  /** Runs the steps under `lost`, the run's claim (runs.ts RunHolding.lost). */
  async function execute(
    run: RunRecord,
    trail: WriteTrail,
    attemptId: string,
    lost: AbortSignal,
  ): Promise<void> {
    const ledger: UndoRecord[] = run.ledger.map((e) => e.record);
    // The run's account's gateways: a member account's destination is created with its role.
    const { aws } = await planner.scopeOf(run.place.accountId);
    const ctx: StepContext = {
      region: run.place.region,
      partition: run.place.partition,
      accountId: run.place.accountId,
      input: run.input,
      tags: creationTags(run.input),
      ledger,
      aws,
      // Background work: no request waits on the steps (see StepContext.deadline).
      deadline: undefined,
      policies: deps.policies,
      streamPollMs: timing.streamPollMs,
      streamActiveTimeoutMs: timing.streamActiveTimeoutMs,
      roleRetryDelaysMs: timing.roleRetryDelaysMs,
      sleep,
      takeAccessKey: () => forgetAccessKey(run),
    };
    try {
      await executeSteps(run, trail, attemptId, ctx, lost);
    } finally {
      // The key is needed only to create the stream: whatever the outcome, it leaves memory now.
      forgetAccessKey(run);
      await persist(run);
    }
  }

  async function executeSteps(
    run: RunRecord,
    trail: WriteTrail,
    attemptId: string,
    ctx: StepContext,
    lost: AbortSignal,
  ): Promise<void> {
    const ledger = ctx.ledger;
    for (const step of run.steps) {
      // Another replica may have taken the run over (it marks the step under way here failed, and
      // may resume it): no further step is started here. The step under way when the claim was lost
      // has finished, so what it created is in the ledger.
      if (lost.aborted) return stopUnclaimed(run, step, trail, attemptId);
      step.status = "running";
      step.startedAt = now();
      run.updatedAt = step.startedAt;
      await persist(run);
      const known = ledger.length;
      try {
        const outcome = await runStep(step.id, ctx);
        for (const record of ledger.slice(known)) run.ledger.push({ record, cleanup: "none", message: null });
        step.status = outcome.status;
        step.message = outcome.message;
      } catch (error) {
        // Whatever the step recorded before failing (e.g. a created bucket it could not tag) is still cleanup's.
        for (const record of ledger.slice(known)) run.ledger.push({ record, cleanup: "none", message: null });
        const text = errorText(error);
        if (!(error instanceof StepFailure) && !(error instanceof AwsCallError)) {
          deps.log.error(
            { err: error, runId: run.id, step: step.id },
            "destination step failed unexpectedly",
          );
        }
        step.status = "failed";
        step.error = text;
        step.message = text.message;
        step.finishedAt = now();
        run.status = "failed";
        run.updatedAt = step.finishedAt;
        await recordOutcome("destination.create", run, trail, attemptId, text);
        return;
      }
      step.finishedAt = now();
      run.updatedAt = step.finishedAt;
    }
    run.status = "succeeded";
    run.updatedAt = now();
    await recordOutcome("destination.create", run, trail, attemptId, null);
  }

  /** Ends the run failed at `step`, not started because the run's claim may be lost. */
  async function stopUnclaimed(
    run: RunRecord,
    step: RunRecord["steps"][number],
    trail: WriteTrail,
    attemptId: string,
  ): Promise<void> {
    const message =
      "Not started: this replica may have lost the run's claim (another replica took the run over, or the claim could not be renewed in time).";
    step.status = "failed";
    step.finishedAt = now();
    step.message = message;
    step.error = {
      code: "ClaimLost",
      message,
      hint: "Look at the run again: once no replica is running it, run again; what was created is reused.",
      requestId: null,
    };
    run.status = "failed";
    run.updatedAt = step.finishedAt;
    await recordOutcome("destination.create", run, trail, attemptId, step.error);
  }

  async function startRun(
    input: CreationInput,
    runId: string | undefined,
    requestTrail: CreationTrail,
    deadline: Deadline,
    confirmedToken: string | undefined,
  ): Promise<CreationRun> {
    let run: RunRecord | undefined;
    const fingerprint = hashedFingerprint(input);
    const request: StartRequest = { input, fingerprint, requestTrail, deadline, confirmedToken };
    if (runId !== undefined) {
      run = await loadRun(runId);
      if (!run) {
        throw new ServiceError("not-found", "run-not-found", "Not found", {
          detail: `There is no run ${runId}.`,
          hint: "Start a new run with the same input: what exists and matches the plan is reused.",
        });
      }
      if (run.input.kind !== input.kind || run.input.poolId !== input.poolId) {
        throw new ServiceError("conflict", "run-input-mismatch", "This run creates something else", {
          detail: `Run ${runId} creates a ${run.plan.kind} for ${run.input.poolId}.`,
          hint: "Resume it with the same kind of destination and pool, or start a new run.",
        });
      }
    } else {
      run = [...runs.values()].find(
        (r) => r.fingerprint === fingerprint && r.status !== "cleaned" && r.status !== "cleanup-failed",
      );
    }
    if (run && (run.status === "running" || run.status === "cleaning")) {
      // Working here: a second submit answers the run; elsewhere (another replica): busy.
      if (working.has(run.id)) return snapshot(run);
      throw busy(run.id, run.status);
    }
    if (run) {
      // This process's own last attempt of the run ends first (its last save, then its claim given
      // back): until then that attempt's claim holds the run, and a claim now would be refused.
      await run.execution;
      // One replica at a time: whoever claims the run resumes it; the claim is kept until the run
      // ends (execute) or released below when it does not start.
      const holding = await claim(run.id);
      if (!holding) throw busy(run.id, "running");
      working.set(run.id, holding);
      try {
        // Read again now that it is claimed: another replica may have moved it on meanwhile.
        const fresh = (await loadRun(run.id, { fresh: true })) ?? run;
        if (fresh.status === "running" || fresh.status === "cleaning") throw busy(fresh.id, fresh.status);
        const resumed = await launch({ run: fresh, holding }, request);
        // Not running: nothing was started (e.g. it had succeeded meanwhile), so the claim goes back.
        if (resumed.status !== "running") await release(holding);
        return resumed;
      } catch (error) {
        await release(holding);
        throw error;
      }
    }
    return launch(undefined, request);
  }

  /**
   * Checks the plan, then starts the run `claimed` by this process under its holding, or a new run
   * when undefined.
   */
  async function launch(
    claimed: { run: RunRecord; holding: RunHolding } | undefined,
    { input, fingerprint, requestTrail, deadline, confirmedToken }: StartRequest,
  ): Promise<CreationRun> {
    const run = claimed?.run;
    if (run && run.status === "succeeded") {
      if (run.fingerprint === fingerprint) return snapshot(run);
      throw new ServiceError("conflict", "run-succeeded", "This run has already succeeded", {
        detail: `Run ${run.id} created ${run.plan.destination.name}; it is not run again with other input.`,
        hint: "Start a new run (without runId) to create something else.",
      });
    }
    if (run && (run.status === "cleaned" || run.status === "cleanup-failed")) {
      throw new ServiceError("conflict", "run-cleaned", "This run was cleaned up", {
        detail: `Run ${run.id} has been cleaned up; it cannot be resumed.`,
        hint: "Start a new run instead.",
      });
    }

    const place = await placeOf(input.poolId, deadline, input.accountId);
    // What exists is checked before anything runs: a conflict, or a confirmed plan that no longer
    // holds, stops here with nothing sent to AWS but reads.
    const plan = await inspectedPlan(input, place, madeBy(run), deadline);
    const conflicts = planConflicts(plan);
    if (conflicts.length > 0) {
      throw new ServiceError("conflict", "plan-conflict", "Something else already has a planned name", {
        detail: conflicts
          .map((c) => `${c.message} ${c.differences.join(" ")}`.trim())
          .join(" ")
          .slice(0, 2000),
        hint: "Review the plan (it lists what differs), choose other names, then run again. Nothing was created or changed.",
      });
    }
    if (confirmedToken !== undefined && confirmedToken !== plan.token) {
      throw new ServiceError("conflict", "plan-changed", "The plan has changed since it was shown", {
        detail: "What exists in AWS, or the input, is not what the confirmed plan showed.",
        hint: "Review the new plan and confirm it again. Nothing was created or changed.",
      });
    }
    if (plan.changesToExisting.length > 0 && confirmedToken !== plan.token) {
      throw new ServiceError(
        "conflict",
        "plan-confirmation-required",
        "The plan changes resources the run does not create",
        {
          detail: plan.changesToExisting.join(" "),
          hint: "Review the plan and confirm it (send its token as planToken). Nothing was created or changed.",
        },
      );
    }
    const stamp = now();
    const keyGiven =
      input.kind === "firehose" && input.target.type === "http" && (input.target.accessKey ?? "") !== "";
    const newRun = (): { run: RunRecord; holding: RunHolding } => {
      const made: RunRecord = {
        id: `run_${randomUUID().replaceAll("-", "")}`,
        fingerprint,
        accessKeySet: keyGiven,
        input,
        plan,
        place,
        steps: freshSteps(plan),
        ledger: [],
        status: "running",
        attempts: 0,
        createdAt: stamp,
        updatedAt: stamp,
        execution: null,
      };
      // Claimed by its first save (persist), under this holding.
      const holding = hold(made.id);
      runs.set(made.id, made);
      working.set(made.id, holding);
      forgetOldRuns();
      return { run: made, holding };
    };
    const { run: current, holding } = claimed ?? newRun();
    current.fingerprint = fingerprint;
    // Once an earlier attempt created the stream, its key is the one set; otherwise this input's.
    if (!current.ledger.some((e) => e.record.type === "stream")) current.accessKeySet = keyGiven;
    current.input = input;
    current.plan = plan;
    current.place = place;
    current.steps = freshSteps(plan);
    current.status = "running";
    current.attempts += 1;
    current.updatedAt = stamp;

    // The audit names the account and the role the run acts through.
    const { roleArn } = await planner.scopeOf(place.accountId, deadline);
    const trail = trailOf(requestTrail, "destination.create", plan.destination.arn, {
      accountId: place.accountId,
      roleArn,
    });
    let attemptId: string;
    try {
      attemptId = await trail.attempt({
        region: place.region,
        poolId: input.poolId,
        before: null,
        after: {
          runId: current.id,
          attempt: current.attempts,
          input: redactCreationInput(input),
          reuses: plan.existing
            .filter((c) => c.state === "reuse")
            .map((c) => ({ type: c.type, name: c.name })),
          changesToExisting: plan.changesToExisting,
        },
      });
    } catch (error) {
      current.status = "failed";
      forgetAccessKey(current);
      await persist(current);
      await release(holding);
      throw error;
    }
    await persist(current);
    current.execution = execute(current, trail, attemptId, holding.lost)
      .catch(async (error: unknown) => {
        deps.log.error({ err: error, runId: current.id }, "destination run stopped unexpectedly");
        current.status = "failed";
        forgetAccessKey(current);
        await persist(current);
      })
      // After the run's last save: the claim is given back once the renewal under way has answered.
      .finally(() => release(holding));
    return snapshot(current);
  }

  return {
    async plan(input, runId, deadline) {
      const run = runId === undefined ? undefined : await loadRun(runId);
      const place = await placeOf(input.poolId, deadline, input.accountId);
      return maskUrlSecretsDeep(await inspectedPlan(input, place, madeBy(run), deadline));
    },

    start(input, runId, trail, deadline, confirmedToken) {
      const key = `${runId ?? ""}|${hashedFingerprint(input)}|${confirmedToken ?? ""}`;
      const pending = starting.get(key);
      if (pending) return pending;
      const started = startRun(input, runId, trail, deadline, confirmedToken).finally(() =>
        starting.delete(key),
      );
      starting.set(key, started);
      return started;
    },

    async get(id) {
      const run = await loadRun(id);
      return run ? snapshot(run) : null;
    },

    async list(limit) {
      if (!deps.runStore) {
        return [...runs.values()]
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
          .slice(0, limit)
          .map(summary);
      }
      const stored = await deps.runStore.list(limit);
      const found = await Promise.all(stored.map((row) => loadRun(row.id)));
      return found.filter((r): r is RunRecord => r !== undefined).map(summary);
    },

    async cleanup(id, requestTrail, deadline) {
      const found = await loadRun(id);
      if (!found) {
        throw new ServiceError("not-found", "run-not-found", "Not found", {
          detail: `There is no run ${id}.`,
          hint: "Find the resources by their tags (managed-by=cognito-log-console) and delete them in the AWS console.",
        });
      }
      if (found.status === "running" || found.status === "cleaning") throw busy(id, found.status);
      // This process's own last attempt of the run ends first, as for a resume (startRun).
      await found.execution;
      // One replica at a time, as a resume: the claim is held, and renewed, while the cleanup works.
      const holding = await claim(id);
      if (!holding) throw busy(id, "running");
      working.set(id, holding);
      try {
        const run = (await loadRun(id, { fresh: true })) ?? found;
        if (run.status === "running" || run.status === "cleaning") throw busy(id, run.status);
        const scope = await planner.scopeOf(run.place.accountId, deadline);
        return await cleanUp(
          { ...deps, aws: scope.aws },
          keeper,
          run,
          requestTrail,
          deadline,
          scope,
          holding.lost,
        );
      } finally {
        await release(holding);
      }
    },

    bucketAvailability: planner.bucketAvailability,

    async settled(id) {
      const targets = id === undefined ? [...runs.values()] : [runs.get(id)].filter((r) => r !== undefined);
      await Promise.all(targets.map((r) => r.execution));
    },
  };
}
