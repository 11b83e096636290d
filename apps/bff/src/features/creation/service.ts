/**
 * Destination creation runs: plan (with what already exists under the planned names), run the steps
 * in order, report each step's progress, resume after a failure, clean up what a run created. Runs
 * are kept in the store (CreationRunStore), so they survive a restart; the Firehose access key never
 * is: it lives in memory only while its run executes.
 */
import { createHash, randomUUID } from "node:crypto";
import {
  type BucketAvailabilityResponse,
  bucketNameProblem,
  buildCreationPlan,
  type CreationInput,
  type CreationPlan,
  type CreationRun,
  CreationRunSchema,
  creationFingerprint,
  creationTags,
  FIREHOSE_SERVICE_PRINCIPAL,
  judgeExisting,
  type MadeByRun,
  maskUrlSecrets,
  maskUrlSecretsDeep,
  type ObservedResources,
  type PlanContext,
  planConflicts,
  plannedBucket,
  plannedRoleName,
  type RunStatus,
  type RunStep,
  type RunSummary,
  redactCreationInput,
  withoutAddition,
} from "@clc/domain";
import type { FastifyBaseLogger } from "fastify";
import type { Deadline } from "../../aws/deadline.ts";
import { AwsCallError } from "../../aws/errors.ts";
import type { DeliveryPolicyWriter } from "../../lib/delivery-policies.ts";
import { ServiceError } from "../../lib/errors.ts";
import { requireConfiguredRegion } from "../../lib/regions.ts";
import type { CreationRunStore } from "../../store/types.ts";
import type { WriteTrail } from "../audit/trail.ts";
import {
  type CreationAws,
  findLogGroup,
  findStream,
  logPolicyStore,
  runStep,
  type StepContext,
  StepFailure,
  type UndoRecord,
} from "./steps.ts";

/**
 * The audit trail of the request that starts or cleans up a run, for one action on one resource
 * (the route binds it to who asked: features/audit/trail.ts `trailFor`). A run's outcome is recorded on it
 * when the run ends, after the request has been answered.
 */
export type CreationTrail = (
  action: "destination.create" | "destination.cleanup",
  resource: string,
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
  log: FastifyBaseLogger;
  timing?: Partial<CreationTiming>;
  sleep?: (ms: number) => Promise<void>;
  /** Finished runs kept in memory; the oldest finished ones are forgotten beyond this (the store keeps them). */
  maxRuns?: number;
  /** Where runs are kept across restarts; without one they live in memory only (tests of the core). */
  runStore?: CreationRunStore;
  /**
   * Who this process is when it claims a run in the store (default: a random id per process), so
   * that of several replicas on one database only one works on a run at a time.
   */
  owner?: string;
  /**
   * How long a claim lasts (ms, default 60 000); the worker renews it every third of that. A run
   * whose worker died is taken over once its claim lapses.
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
  bucketAvailability(poolId: string, name: string, deadline: Deadline): Promise<BucketAvailabilityResponse>;
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

interface LedgerEntry {
  record: UndoRecord;
  cleanup: "none" | "done" | "failed";
  message: string | null;
}

interface RunRecord {
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

const DEFAULT_TIMING: CreationTiming = {
  streamPollMs: 2_000,
  streamActiveTimeoutMs: 5 * 60_000,
  roleRetryDelaysMs: [2_000, 4_000, 8_000, 16_000],
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function errorText(error: unknown): {
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

export function createCreationService(deps: CreationServiceDeps): CreationService {
  const timing: CreationTiming = { ...DEFAULT_TIMING, ...deps.timing };
  const sleep = deps.sleep ?? defaultSleep;
  const maxRuns = deps.maxRuns ?? 200;
  const runs = new Map<string, RunRecord>();
  /** Runs this process is running or cleaning up now, holding their claim in the store. */
  const working = new Set<string>();
  const owner = deps.owner ?? `replica_${randomUUID()}`;
  const claimMs = deps.claimMs ?? 60_000;
  /** Starts under way, by input: a double submit joins the first instead of racing it. */
  const starting = new Map<string, Promise<CreationRun>>();
  const now = () => new Date().toISOString();
  /** Inputs are compared by a hash of their canonical form, which never holds the URL in clear. */
  const hashedFingerprint = (input: CreationInput) =>
    createHash("sha256").update(creationFingerprint(input)).digest("base64url");

  async function placeOf(poolId: string, deadline: Deadline): Promise<PlanContext & { tier: string }> {
    // The configured regions only, as every other pool route: the region names the clients to use.
    const region = requireConfiguredRegion(poolId, deps.regions);
    const [pool, accountId] = await Promise.all([
      deps.aws.cognito.describeUserPool(region, poolId, deadline),
      deps.accountId(deadline),
    ]);
    const partition = /^arn:([^:]+):/.exec(pool.arn)?.[1] ?? "aws";
    return { partition, region, accountId, poolId, tier: pool.tier };
  }

  function planFor(input: CreationInput, place: PlanContext & { tier: string }): CreationPlan {
    const plan = buildCreationPlan(input, place);
    if (input.eventSource === "userAuthEvents" && place.tier !== "PLUS") {
      plan.notes.unshift(
        `This pool is on the ${place.tier} plan: user activity is exported only from Plus pools, so this destination would receive nothing until the pool moves to Plus.`,
      );
    }
    return plan;
  }

  /** A stable identifier of what the user sees in a plan (no secret: the input is hashed). */
  function planToken(input: CreationInput, plan: CreationPlan): string {
    return createHash("sha256")
      .update(
        JSON.stringify({
          input: creationFingerprint(input),
          steps: plan.steps.map((s) => s.id),
          existing: plan.existing,
          changes: plan.changesToExisting,
        }),
      )
      .digest("base64url")
      .slice(0, 32);
  }

  const trustsFirehose = (document: string) =>
    document.includes(FIREHOSE_SERVICE_PRINCIPAL) && document.includes("sts:AssumeRole");

  /**
   * The plan with what exists under each planned name, read with Describe/Head/Get calls only, and
   * judged by `judgeExisting`: exact matches are reused, anything else is a conflict.
   */
  async function inspectedPlan(
    input: CreationInput,
    place: PlanContext & { tier: string },
    madeByRun: MadeByRun,
    deadline: Deadline,
  ): Promise<CreationPlan> {
    const plan = planFor(input, place);
    const aws = deps.aws;
    const observed: ObservedResources = {};
    const reads: Promise<unknown>[] = [];
    if (input.kind === "logGroup") {
      reads.push(
        findLogGroup(aws.logs, place.region, input.logGroupName, deadline).then((found) => {
          observed.logGroup = found
            ? { kmsKeyId: found.kmsKeyId, retentionInDays: found.retentionInDays }
            : null;
        }),
      );
    }
    const bucket = plannedBucket(input);
    if (bucket) {
      reads.push(
        aws.s3.headBucket(place.region, bucket.name, deadline).then((lookup) => {
          observed.bucket = lookup;
        }),
      );
    }
    const roleName = plannedRoleName(input);
    if (roleName) {
      reads.push(
        aws.iam.getRole(roleName, deadline).then((role) => {
          observed.role = role
            ? { arn: role.arn, trustsFirehose: trustsFirehose(role.assumeRolePolicyDocument) }
            : null;
        }),
      );
    }
    if (input.kind === "firehose") {
      reads.push(
        findStream(aws.firehose, place.region, input.streamName, deadline).then(async (stream) => {
          observed.stream = stream
            ? {
                type: stream.type,
                destination: stream.destination,
                tags: await aws.firehose.listTags(place.region, input.streamName, deadline),
              }
            : null;
        }),
      );
    }
    await Promise.all(reads);
    const judgement = judgeExisting(input, place, observed, madeByRun);
    plan.existing = judgement.checks;
    plan.changesToExisting = judgement.changesToExisting;
    plan.token = planToken(input, plan);
    return plan;
  }

  /** What an earlier attempt of this run created, from its ledger. */
  function madeBy(run: RunRecord | undefined): MadeByRun {
    const types = new Set(run?.ledger.map((e) => e.record.type) ?? []);
    return {
      logGroup: types.has("logGroup"),
      bucket: types.has("bucket"),
      role: types.has("role"),
      stream: types.has("stream"),
    };
  }

  function snapshot(run: RunRecord): CreationRun {
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

  function summary(run: RunRecord): RunSummary {
    return {
      id: run.id,
      status: run.status,
      kind: run.plan.kind,
      poolId: run.input.poolId,
      eventSource: run.input.eventSource,
      region: run.place.region,
      destination: run.plan.destination,
      attempts: run.attempts,
      createdAt: run.createdAt,
      updatedAt: run.updatedAt,
    };
  }

  /** The input without its access key and with its URL masked: all that is ever written to the store. */
  function storableInput(input: CreationInput): CreationInput {
    if (input.kind !== "firehose" || input.target.type !== "http") return input;
    const { accessKey: _dropped, ...target } = input.target;
    return { ...input, target: { ...target, url: maskUrlSecrets(target.url) } };
  }

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

  /** The 409 of a run another request or replica works on now. */
  function busy(id: string, status: string): ServiceError {
    return new ServiceError("conflict", "run-busy", "The run is still working", {
      detail: `Run ${id} is ${status}, on this or another replica of the console.`,
      hint: "Follow it (GET its run) and wait until it has finished, then try again.",
    });
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

  function freshSteps(plan: CreationPlan): RunStep[] {
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

  function forgetOldRuns(): void {
    if (runs.size <= maxRuns) return;
    for (const [id, run] of runs) {
      if (runs.size <= maxRuns) return;
      if (run.status !== "running" && run.status !== "cleaning") runs.delete(id);
    }
  }

  /** The request's trail for one action on the run's destination, every URL in it masked (they may carry credentials). */
  function trailOf(
    trail: CreationTrail,
    action: "destination.create" | "destination.cleanup",
    resource: string,
  ): WriteTrail {
    const bound = trail(action, resource);
    return {
      attempt: (entry) => bound.attempt(maskUrlSecretsDeep(entry)),
      outcome: (attemptId, entry) => bound.outcome(attemptId, maskUrlSecretsDeep(entry)),
    };
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

  async function execute(run: RunRecord, trail: WriteTrail, attemptId: string): Promise<void> {
    const ledger: UndoRecord[] = run.ledger.map((e) => e.record);
    const ctx: StepContext = {
      region: run.place.region,
      partition: run.place.partition,
      accountId: run.place.accountId,
      input: run.input,
      tags: creationTags(run.input),
      ledger,
      aws: deps.aws,
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
      await executeSteps(run, trail, attemptId, ctx);
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
  ): Promise<void> {
    const ledger = ctx.ledger;
    for (const step of run.steps) {
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

  /** After the stream exists the key is never needed again: drop it from memory. */
  function forgetAccessKey(run: RunRecord): string | undefined {
    if (run.input.kind !== "firehose" || run.input.target.type !== "http") return undefined;
    const key = run.input.target.accessKey;
    run.input = { ...run.input, target: { ...run.input.target, accessKey: undefined } };
    return key;
  }

  /** Takes back one thing a run created or added, under the cleanup request's deadline. */
  async function undo(run: RunRecord, record: UndoRecord, deadline: Deadline): Promise<string> {
    const { logs, s3, iam, firehose } = deps.aws;
    switch (record.type) {
      case "stream":
        return (await firehose.deleteDeliveryStream(record.region, record.name, deadline)) === "deleted"
          ? `Deleted stream ${record.name}.`
          : `Stream ${record.name} was already gone.`;
      case "rolePolicy":
        await iam.deleteRolePolicy(record.roleName, record.policyName, deadline);
        return `Deleted inline policy ${record.policyName} of role ${record.roleName}.`;
      case "role":
        return (await iam.deleteRole(record.name, deadline)) === "deleted"
          ? `Deleted role ${record.name}.`
          : `Role ${record.name} was already gone.`;
      case "bucketPolicy":
        // Under the bucket policy's key, so a concurrent fix or run does not lose its statements.
        return deps.policies.withBucketPolicy(record.bucket, async () => {
          const current = await s3
            .getBucketPolicy(record.region, record.bucket, deadline)
            .catch((error: unknown) => {
              if (error instanceof AwsCallError && error.code === "NoSuchBucket") return null;
              throw error;
            });
          if (current === null) return "The bucket policy was already gone.";
          const result = withoutAddition(current, record.addition);
          if (result.document === null) await s3.deleteBucketPolicy(record.region, record.bucket, deadline);
          else await s3.putBucketPolicy(record.region, record.bucket, result.document, deadline);
          return "Took the console's statements back out of the bucket policy.";
        });
      case "logGroupPolicy": {
        const outcome = await deps.policies.takeBackFromLogGroupPolicy(
          {
            ...logPolicyStore({ aws: deps.aws, region: record.region, deadline }),
            deleteLogGroupPolicy: (arn, revision) =>
              logs.deleteLogGroupPolicy(record.region, arn, revision, deadline),
          },
          record.logGroupArn,
          record.addition,
        );
        if (outcome === "gone") return "The log group's resource policy was already gone.";
        if (outcome === "unchanged")
          return "The console's statement was no longer in the log group's policy.";
        return outcome === "deleted"
          ? "Deleted the log group's resource policy (only the console's statement was in it)."
          : "Took the console's statement back out of the log group's resource policy.";
      }
      case "bucket":
        try {
          return (await s3.deleteBucket(record.region, record.name, deadline)) === "deleted"
            ? `Deleted bucket ${record.name}.`
            : `Bucket ${record.name} was already gone.`;
        } catch (error) {
          if (error instanceof AwsCallError && error.code === "BucketNotEmpty") {
            throw new StepFailure(
              "BucketNotEmpty",
              `The bucket ${record.name} holds objects (perhaps delivered logs), so it was kept.`,
              "Empty the bucket if you do not need them, then clean up again.",
            );
          }
          throw error;
        }
      case "resourcePolicy":
        return deps.policies.withAccountPolicies(run.place.accountId, record.region, async () => {
          const policies = await logs.describeResourcePolicies(record.region, deadline);
          const current = policies.find((p) => p.policyName === record.policyName);
          if (!current) return `Resource policy ${record.policyName} was already gone.`;
          const result = withoutAddition(current.policyDocument, record.addition);
          if (result.document === null) {
            await logs.deleteResourcePolicy(record.region, record.policyName, deadline);
            return `Deleted resource policy ${record.policyName}.`;
          }
          if (result.document !== current.policyDocument) {
            await logs.putResourcePolicy(record.region, record.policyName, result.document, deadline);
          }
          return result.kept.length > 0
            ? `Kept the /aws/vendedlogs/* entry in ${record.policyName}: other log groups may rely on it.`
            : `Took the console's entry back out of ${record.policyName}.`;
        });
      case "logGroup":
        return (await logs.deleteLogGroup(record.region, record.name, deadline)) === "deleted"
          ? `Deleted log group ${record.name}.`
          : `Log group ${record.name} was already gone.`;
    }
    return `Nothing to undo for run ${run.id}.`;
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
      if (run.plan.kind !== input.kind || run.input.poolId !== input.poolId) {
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
      // One replica at a time: whoever claims the run resumes it; the claim is kept until the run
      // ends (execute) or released below when it does not start.
      if (!(await claim(run.id))) throw busy(run.id, "running");
      working.add(run.id);
      try {
        // Read again now that it is claimed: another replica may have moved it on meanwhile.
        const fresh = (await loadRun(run.id, { fresh: true })) ?? run;
        if (fresh.status === "running" || fresh.status === "cleaning") throw busy(fresh.id, fresh.status);
        const resumed = await launch(fresh, request);
        // Not running: nothing was started (e.g. it had succeeded meanwhile), so the claim goes back.
        if (resumed.status !== "running") await release(run.id);
        return resumed;
      } catch (error) {
        await release(run.id);
        throw error;
      }
    }
    return launch(undefined, request);
  }

  /** Checks the plan, then starts `run` (claimed by this process), or a new run when undefined. */
  async function launch(
    run: RunRecord | undefined,
    { input, fingerprint, requestTrail, deadline, confirmedToken }: StartRequest,
  ): Promise<CreationRun> {
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

    const place = await placeOf(input.poolId, deadline);
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
    if (!run) {
      run = {
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
      runs.set(run.id, run);
      working.add(run.id);
      forgetOldRuns();
    }
    run.fingerprint = fingerprint;
    // Once an earlier attempt created the stream, its key is the one set; otherwise this input's.
    if (!run.ledger.some((e) => e.record.type === "stream")) run.accessKeySet = keyGiven;
    run.input = input;
    run.plan = plan;
    run.place = place;
    run.steps = freshSteps(plan);
    run.status = "running";
    run.attempts += 1;
    run.updatedAt = stamp;

    const current = run;
    const trail = trailOf(requestTrail, "destination.create", plan.destination.arn);
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
      await release(current.id);
      throw error;
    }
    await persist(current);
    const stopRenewing = keepClaimed(current.id);
    current.execution = execute(current, trail, attemptId)
      .catch(async (error: unknown) => {
        deps.log.error({ err: error, runId: current.id }, "destination run stopped unexpectedly");
        current.status = "failed";
        forgetAccessKey(current);
        await persist(current);
      })
      .finally(async () => {
        stopRenewing();
        await release(current.id);
      });
    return snapshot(current);
  }

  /** Takes back what the run created, newest first, under the request's deadline (the run is claimed). */
  async function cleanUp(
    run: RunRecord,
    requestTrail: CreationTrail,
    deadline: Deadline,
  ): Promise<CreationRun> {
    const pending = run.ledger.filter((e) => e.cleanup !== "done");
    const trail = trailOf(requestTrail, "destination.cleanup", run.plan.destination.arn);
    const attemptId = await trail.attempt({
      region: run.place.region,
      poolId: run.input.poolId,
      before: {
        runId: run.id,
        created: pending.map((e) => ({ type: e.record.type, step: e.record.stepId })),
      },
      after: null,
    });
    run.status = "cleaning";
    await persist(run);
    let firstError: ReturnType<typeof errorText> | null = null;
    for (const entry of [...pending].reverse()) {
      try {
        entry.message = await undo(run, entry.record, deadline);
        entry.cleanup = "done";
      } catch (error) {
        const text = errorText(error);
        entry.cleanup = "failed";
        entry.message = text.hint ? `${text.message} ${text.hint}` : text.message;
        firstError ??= text;
      }
    }
    run.status = firstError ? "cleanup-failed" : "cleaned";
    run.updatedAt = now();
    await persist(run);
    await recordOutcome("destination.cleanup", run, trail, attemptId, firstError);
    return snapshot(run);
  }

  return {
    async plan(input, runId, deadline) {
      const run = runId === undefined ? undefined : await loadRun(runId);
      const place = await placeOf(input.poolId, deadline);
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
      // One replica at a time, as a resume: the claim is held while the cleanup works.
      if (!(await claim(id))) throw busy(id, "running");
      working.add(id);
      try {
        const run = (await loadRun(id, { fresh: true })) ?? found;
        if (run.status === "running" || run.status === "cleaning") throw busy(id, run.status);
        return await cleanUp(run, requestTrail, deadline);
      } finally {
        await release(id);
      }
    },

    async bucketAvailability(poolId, name, deadline) {
      const problem = bucketNameProblem(name);
      if (problem) return { name, state: "invalid", message: problem };
      const place = await placeOf(poolId, deadline);
      const lookup = await deps.aws.s3.headBucket(place.region, name, deadline);
      if (lookup.state === "missing") return { name, state: "free", message: "The name is free." };
      if (lookup.state === "taken") {
        return {
          name,
          state: "taken",
          message: "Another AWS account owns a bucket with this name; choose another.",
        };
      }
      if (lookup.region !== null && lookup.region !== place.region) {
        return {
          name,
          state: "taken",
          message: `This account's bucket ${name} is in ${lookup.region}; log delivery needs one in ${place.region}.`,
        };
      }
      return {
        name,
        state: "ours",
        message: `This account already has this bucket in ${place.region}; it will be reused.`,
      };
    },

    async settled(id) {
      const targets = id === undefined ? [...runs.values()] : [runs.get(id)].filter((r) => r !== undefined);
      await Promise.all(targets.map((r) => r.execution));
    },
  };
}
