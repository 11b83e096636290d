/**
 * Destination creation runs: plan, run the steps in order, report each step's progress, resume
 * after a failure, clean up what a run created. Runs live in memory (a BFF restart forgets them;
 * every resource carries the console's tags so it can be found again).
 */
import { randomUUID } from "node:crypto";
import {
  type BucketAvailabilityResponse,
  bucketNameProblem,
  buildCreationPlan,
  type CreationInput,
  type CreationPlan,
  type CreationRun,
  creationFingerprint,
  creationTags,
  type PlanContext,
  REGION_RE,
  type RunStatus,
  type RunStep,
  redactCreationInput,
  withoutAddition,
} from "@clc/domain";
import type { FastifyBaseLogger } from "fastify";
import { AwsCallError } from "../aws/errors.ts";
import type { ProvisioningGateway } from "../aws/provisioning-gateway.ts";
import { HttpProblem } from "../http/problem.ts";
import type { AuditSink } from "../services/audit-sink.ts";
import type { DeliveryPolicyWriter } from "../services/delivery-policies.ts";
import { logPolicyStore, runStep, StepFailure, type UndoRecord } from "./steps.ts";

export interface CreationActor {
  operator: string | null;
  role: "viewer" | "admin" | null;
  requestId: string | null;
}

export interface PoolLookup {
  describeUserPool(
    region: string,
    poolId: string,
  ): Promise<{ id: string; name: string; arn: string; tier: string }>;
}

export interface CreationTiming {
  streamPollMs: number;
  streamActiveTimeoutMs: number;
  roleRetryDelaysMs: readonly number[];
}

export interface CreationServiceDeps {
  gateway: ProvisioningGateway;
  /** The app's one writer of shared policy documents (serialized with the fixes' writes). */
  policies: DeliveryPolicyWriter;
  pools: PoolLookup;
  accountId(): Promise<string>;
  audit: AuditSink;
  log: FastifyBaseLogger;
  timing?: Partial<CreationTiming>;
  sleep?: (ms: number) => Promise<void>;
  /** Finished runs kept in memory; the oldest finished ones are forgotten beyond this. */
  maxRuns?: number;
}

export interface CreationService {
  plan(input: CreationInput): Promise<CreationPlan>;
  /** Starts a run, or resumes one (by id, or by the same input); answers at once with the run. */
  start(input: CreationInput, runId: string | undefined, actor: CreationActor): Promise<CreationRun>;
  get(id: string): CreationRun | null;
  cleanup(id: string, actor: CreationActor): Promise<CreationRun>;
  bucketAvailability(poolId: string, name: string): Promise<BucketAvailabilityResponse>;
  /** Resolves when the run's current execution has finished (tests, shutdown). */
  settled(id?: string): Promise<void>;
}

interface LedgerEntry {
  record: UndoRecord;
  cleanup: "none" | "done" | "failed";
  message: string | null;
}

interface RunRecord {
  id: string;
  fingerprint: string;
  input: CreationInput;
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
  /** Starts under way, by input: a double submit joins the first instead of racing it. */
  const starting = new Map<string, Promise<CreationRun>>();
  const now = () => new Date().toISOString();

  async function placeOf(poolId: string): Promise<PlanContext & { tier: string }> {
    const region = poolId.split("_")[0] ?? "";
    if (!REGION_RE.test(region)) {
      throw new HttpProblem(400, "validation", "The request is not valid", {
        errors: [
          { path: "poolId", message: "A user pool id starts with its region, such as us-east-1_AbC123." },
        ],
      });
    }
    const [pool, accountId] = await Promise.all([
      deps.pools.describeUserPool(region, poolId),
      deps.accountId(),
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

  function snapshot(run: RunRecord): CreationRun {
    return {
      id: run.id,
      status: run.status,
      kind: run.plan.kind,
      poolId: run.input.poolId,
      eventSource: run.input.eventSource,
      region: run.place.region,
      destination: run.plan.destination,
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
      attempts: run.attempts,
      createdAt: run.createdAt,
      updatedAt: run.updatedAt,
      input: redactCreationInput(run.input),
    };
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

  async function audit(entry: Parameters<AuditSink["record"]>[0]): Promise<string> {
    return deps.audit.record(entry);
  }

  async function recordOutcome(
    action: "destination.create" | "destination.cleanup",
    run: RunRecord,
    actor: CreationActor,
    attemptId: string,
    error: { code: string; message: string; requestId: string | null } | null,
  ): Promise<void> {
    try {
      await audit({
        action,
        outcome: error ? "failure" : "success",
        operator: actor.operator,
        role: actor.role,
        region: run.place.region,
        poolId: run.input.poolId,
        resource: run.plan.destination.arn,
        before: null,
        after: { runId: run.id, steps: run.steps.map((s) => ({ id: s.id, status: s.status })) },
        attemptId,
        error: error ? `${error.code}: ${error.message}` : null,
        requestId: actor.requestId,
        awsRequestId: error?.requestId ?? null,
      });
    } catch (auditError) {
      deps.log.error({ err: auditError, runId: run.id }, "could not record the outcome of a destination run");
    }
  }

  async function execute(run: RunRecord, actor: CreationActor, attemptId: string): Promise<void> {
    const ledger: UndoRecord[] = run.ledger.map((e) => e.record);
    const ctx = {
      region: run.place.region,
      partition: run.place.partition,
      accountId: run.place.accountId,
      input: run.input,
      tags: creationTags(run.input),
      ledger,
      gateway: deps.gateway,
      policies: deps.policies,
      streamPollMs: timing.streamPollMs,
      streamActiveTimeoutMs: timing.streamActiveTimeoutMs,
      roleRetryDelaysMs: timing.roleRetryDelaysMs,
      sleep,
      takeAccessKey: () => forgetAccessKey(run),
    };
    for (const step of run.steps) {
      step.status = "running";
      step.startedAt = now();
      run.updatedAt = step.startedAt;
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
        await recordOutcome("destination.create", run, actor, attemptId, text);
        return;
      }
      step.finishedAt = now();
      run.updatedAt = step.finishedAt;
    }
    forgetAccessKey(run);
    run.status = "succeeded";
    run.updatedAt = now();
    await recordOutcome("destination.create", run, actor, attemptId, null);
  }

  /** After the stream exists the key is never needed again: drop it from memory. */
  function forgetAccessKey(run: RunRecord): string | undefined {
    if (run.input.kind !== "firehose" || run.input.target.type !== "http") return undefined;
    const key = run.input.target.accessKey;
    run.input = { ...run.input, target: { ...run.input.target, accessKey: undefined } };
    return key;
  }

  async function undo(run: RunRecord, record: UndoRecord): Promise<string> {
    const g = deps.gateway;
    switch (record.type) {
      case "stream":
        return (await g.deleteStream(record.region, record.name)) === "deleted"
          ? `Deleted stream ${record.name}.`
          : `Stream ${record.name} was already gone.`;
      case "rolePolicy":
        await g.deleteRolePolicy(record.roleName, record.policyName);
        return `Deleted inline policy ${record.policyName} of role ${record.roleName}.`;
      case "role":
        return (await g.deleteRole(record.name)) === "deleted"
          ? `Deleted role ${record.name}.`
          : `Role ${record.name} was already gone.`;
      case "bucketPolicy":
        // Under the bucket policy's key, so a concurrent fix or run does not lose its statements.
        return deps.policies.withBucketPolicy(record.bucket, async () => {
          const current = await g.getBucketPolicy(record.region, record.bucket).catch((error: unknown) => {
            if (error instanceof AwsCallError && error.code === "NoSuchBucket") return null;
            throw error;
          });
          if (current === null) return "The bucket policy was already gone.";
          const result = withoutAddition(current, record.addition);
          if (result.document === null) await g.deleteBucketPolicy(record.region, record.bucket);
          else await g.putBucketPolicy(record.region, record.bucket, result.document);
          return "Took the console's statements back out of the bucket policy.";
        });
      case "logGroupPolicy": {
        const outcome = await deps.policies.takeBackFromLogGroupPolicy(
          {
            ...logPolicyStore({ gateway: g, region: record.region }),
            deleteLogGroupPolicy: (arn, revision) => g.deleteLogGroupPolicy(record.region, arn, revision),
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
          return (await g.deleteBucket(record.region, record.name)) === "deleted"
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
          const policies = await g.listResourcePolicies(record.region);
          const current = policies.find((p) => p.policyName === record.policyName);
          if (!current) return `Resource policy ${record.policyName} was already gone.`;
          const result = withoutAddition(current.policyDocument, record.addition);
          if (result.document === null) {
            await g.deleteResourcePolicy(record.region, record.policyName);
            return `Deleted resource policy ${record.policyName}.`;
          }
          if (result.document !== current.policyDocument) {
            await g.putResourcePolicy(record.region, {
              policyName: record.policyName,
              policyDocument: result.document,
            });
          }
          return result.kept.length > 0
            ? `Kept the /aws/vendedlogs/* entry in ${record.policyName}: other log groups may rely on it.`
            : `Took the console's entry back out of ${record.policyName}.`;
        });
      case "logGroup":
        return (await g.deleteLogGroup(record.region, record.name)) === "deleted"
          ? `Deleted log group ${record.name}.`
          : `Log group ${record.name} was already gone.`;
    }
    return `Nothing to undo for run ${run.id}.`;
  }

  async function startRun(
    input: CreationInput,
    runId: string | undefined,
    actor: CreationActor,
  ): Promise<CreationRun> {
    let run: RunRecord | undefined;
    const fingerprint = creationFingerprint(input);
    if (runId !== undefined) {
      run = runs.get(runId);
      if (!run) {
        throw new HttpProblem(404, "run-not-found", "Not found", {
          detail: `There is no run ${runId}; the console forgets runs when it restarts.`,
          hint: "Start a new run with the same input: existing resources are found and reused.",
        });
      }
      if (run.plan.kind !== input.kind || run.input.poolId !== input.poolId) {
        throw new HttpProblem(409, "run-input-mismatch", "This run creates something else", {
          detail: `Run ${runId} creates a ${run.plan.kind} for ${run.input.poolId}.`,
          hint: "Resume it with the same kind of destination and pool, or start a new run.",
        });
      }
    } else {
      run = [...runs.values()].find(
        (r) => r.fingerprint === fingerprint && r.status !== "cleaned" && r.status !== "cleanup-failed",
      );
    }
    if (run && (run.status === "running" || run.status === "cleaning")) return snapshot(run);
    if (run && run.status === "succeeded") {
      if (run.fingerprint === fingerprint) return snapshot(run);
      throw new HttpProblem(409, "run-succeeded", "This run has already succeeded", {
        detail: `Run ${run.id} created ${run.plan.destination.name}; it is not run again with other input.`,
        hint: "Start a new run (without runId) to create something else.",
      });
    }
    if (run && (run.status === "cleaned" || run.status === "cleanup-failed")) {
      throw new HttpProblem(409, "run-cleaned", "This run was cleaned up", {
        detail: `Run ${run.id} has been cleaned up; it cannot be resumed.`,
        hint: "Start a new run instead.",
      });
    }

    const place = await placeOf(input.poolId);
    const plan = planFor(input, place);
    const stamp = now();
    if (!run) {
      run = {
        id: `run_${randomUUID().replaceAll("-", "")}`,
        fingerprint,
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
      forgetOldRuns();
    }
    run.fingerprint = fingerprint;
    run.input = input;
    run.plan = plan;
    run.place = place;
    run.steps = freshSteps(plan);
    run.status = "running";
    run.attempts += 1;
    run.updatedAt = stamp;

    const current = run;
    let attemptId: string;
    try {
      attemptId = await audit({
        action: "destination.create",
        outcome: "attempt",
        operator: actor.operator,
        role: actor.role,
        region: place.region,
        poolId: input.poolId,
        resource: plan.destination.arn,
        before: null,
        after: { runId: current.id, attempt: current.attempts, input: redactCreationInput(input) },
        attemptId: null,
        error: null,
        requestId: actor.requestId,
        awsRequestId: null,
      });
    } catch (error) {
      current.status = "failed";
      throw error;
    }
    current.execution = execute(current, actor, attemptId).catch((error: unknown) => {
      deps.log.error({ err: error, runId: current.id }, "destination run stopped unexpectedly");
      current.status = "failed";
    });
    return snapshot(current);
  }

  return {
    async plan(input) {
      return planFor(input, await placeOf(input.poolId));
    },

    start(input, runId, actor) {
      const key = `${runId ?? ""}|${creationFingerprint(input)}`;
      const pending = starting.get(key);
      if (pending) return pending;
      const started = startRun(input, runId, actor).finally(() => starting.delete(key));
      starting.set(key, started);
      return started;
    },

    get(id) {
      const run = runs.get(id);
      return run ? snapshot(run) : null;
    },

    async cleanup(id, actor) {
      const run = runs.get(id);
      if (!run) {
        throw new HttpProblem(404, "run-not-found", "Not found", {
          detail: `There is no run ${id}; the console forgets runs when it restarts.`,
          hint: "Find the resources by their tags (managed-by=cognito-log-console) and delete them in the AWS console.",
        });
      }
      if (run.status === "running" || run.status === "cleaning") {
        throw new HttpProblem(409, "run-busy", "The run is still working", {
          detail: `Run ${id} is ${run.status}.`,
          hint: "Wait until it has finished, then clean up.",
        });
      }
      const pending = run.ledger.filter((e) => e.cleanup !== "done");
      const attemptId = await audit({
        action: "destination.cleanup",
        outcome: "attempt",
        operator: actor.operator,
        role: actor.role,
        region: run.place.region,
        poolId: run.input.poolId,
        resource: run.plan.destination.arn,
        before: {
          runId: run.id,
          created: pending.map((e) => ({ type: e.record.type, step: e.record.stepId })),
        },
        after: null,
        attemptId: null,
        error: null,
        requestId: actor.requestId,
        awsRequestId: null,
      });
      run.status = "cleaning";
      let firstError: ReturnType<typeof errorText> | null = null;
      for (const entry of [...pending].reverse()) {
        try {
          entry.message = await undo(run, entry.record);
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
      await recordOutcome("destination.cleanup", run, actor, attemptId, firstError);
      return snapshot(run);
    },

    async bucketAvailability(poolId, name) {
      const problem = bucketNameProblem(name);
      if (problem) return { name, state: "invalid", message: problem };
      const place = await placeOf(poolId);
      const lookup = await deps.gateway.headBucket(place.region, name);
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
