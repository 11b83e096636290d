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
  REGION_RE,
  type RunStatus,
  type RunStep,
  type RunSummary,
  redactCreationInput,
  withoutAddition,
} from "@clc/domain";
import type { FastifyBaseLogger } from "fastify";
import { AwsCallError } from "../aws/errors.ts";
import type { ProvisioningGateway } from "../aws/provisioning-gateway.ts";
import type { AuditSink } from "../features/audit/trail.ts";
import type { DeliveryPolicyWriter } from "../lib/delivery-policies.ts";
import { HttpProblem } from "../plugins/http-problem.ts";
import type { CreationRunStore } from "../store/types.ts";
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
  /** Finished runs kept in memory; the oldest finished ones are forgotten beyond this (the store keeps them). */
  maxRuns?: number;
  /** Where runs are kept across restarts; without one they live in memory only (tests of the core). */
  runStore?: CreationRunStore;
}

export interface CreationService {
  /** The plan, with what exists under the planned names (read-only AWS calls) and its token. */
  plan(input: CreationInput, runId?: string): Promise<CreationPlan>;
  /**
   * Starts a run, or resumes one (by id, or by the same input); answers at once with the run.
   * Refuses (409, nothing sent to AWS) when the plan has a conflict, when it changes resources the
   * run did not create and `planToken` is not the token of that plan, or when `planToken` is given
   * and the plan has changed since.
   */
  start(
    input: CreationInput,
    runId: string | undefined,
    actor: CreationActor,
    planToken?: string,
  ): Promise<CreationRun>;
  get(id: string): Promise<CreationRun | null>;
  /** Past runs, newest first. */
  list(limit: number): Promise<RunSummary[]>;
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
  /** Starts under way, by input: a double submit joins the first instead of racing it. */
  const starting = new Map<string, Promise<CreationRun>>();
  const now = () => new Date().toISOString();
  /** Inputs are compared by a hash of their canonical form, which never holds the URL in clear. */
  const hashedFingerprint = (input: CreationInput) =>
    createHash("sha256").update(creationFingerprint(input)).digest("base64url");

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
  ): Promise<CreationPlan> {
    const plan = planFor(input, place);
    const g = deps.gateway;
    const observed: ObservedResources = {};
    const reads: Promise<unknown>[] = [];
    if (input.kind === "logGroup") {
      reads.push(
        g.findLogGroup(place.region, input.logGroupName).then((found) => {
          observed.logGroup = found
            ? { kmsKeyId: found.kmsKeyId, retentionInDays: found.retentionInDays }
            : null;
        }),
      );
    }
    const bucket = plannedBucket(input);
    if (bucket) {
      reads.push(
        g.headBucket(place.region, bucket.name).then((lookup) => {
          observed.bucket = lookup;
        }),
      );
    }
    const roleName = plannedRoleName(input);
    if (roleName) {
      reads.push(
        g.getRole(roleName).then((role) => {
          observed.role = role
            ? { arn: role.arn, trustsFirehose: trustsFirehose(role.assumeRolePolicyDocument) }
            : null;
        }),
      );
    }
    if (input.kind === "firehose") {
      reads.push(
        g.describeStream(place.region, input.streamName).then(async (stream) => {
          observed.stream = stream
            ? {
                type: stream.type,
                destination: stream.destination,
                tags: await g.streamTags(place.region, input.streamName),
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

  /** Writes the run to the store; a failing store is logged, never fatal to the run in flight. */
  async function persist(run: RunRecord): Promise<void> {
    if (!deps.runStore) return;
    const { execution: _execution, ...kept } = run;
    try {
      await deps.runStore.save({
        id: run.id,
        poolId: run.input.poolId,
        status: run.status,
        createdAt: run.createdAt,
        updatedAt: run.updatedAt,
        data: JSON.stringify({ format: 1, ...kept, input: storableInput(run.input) }),
      });
    } catch (error) {
      deps.log.error({ err: error, runId: run.id }, "could not keep a destination run in the store");
    }
  }

  /**
   * A run from memory, or from the store after a restart. A run the store has as running or
   * cleaning was cut off by the restart: it is marked failed (its current step says why), so it
   * can be resumed or cleaned up.
   */
  async function loadRun(id: string): Promise<RunRecord | undefined> {
    const live = runs.get(id);
    if (live) return live;
    const stored = await deps.runStore?.get(id);
    if (!stored) return undefined;
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
    if (run.status === "running" || run.status === "cleaning") {
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
    }
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

  /** Every URL in a creation audit record is masked (issue: endpoint URLs may carry credentials). */
  async function audit(entry: Parameters<AuditSink["record"]>[0]): Promise<string> {
    return deps.audit.record(maskUrlSecretsDeep(entry));
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
    try {
      await executeSteps(run, actor, attemptId, ctx);
    } finally {
      // The key is needed only to create the stream: whatever the outcome, it leaves memory now.
      forgetAccessKey(run);
      await persist(run);
    }
  }

  async function executeSteps(
    run: RunRecord,
    actor: CreationActor,
    attemptId: string,
    ctx: Parameters<typeof runStep>[1] & { ledger: UndoRecord[] },
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
        await recordOutcome("destination.create", run, actor, attemptId, text);
        return;
      }
      step.finishedAt = now();
      run.updatedAt = step.finishedAt;
    }
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
    confirmedToken: string | undefined,
  ): Promise<CreationRun> {
    let run: RunRecord | undefined;
    const fingerprint = hashedFingerprint(input);
    if (runId !== undefined) {
      run = await loadRun(runId);
      if (!run) {
        throw new HttpProblem(404, "run-not-found", "Not found", {
          detail: `There is no run ${runId}.`,
          hint: "Start a new run with the same input: what exists and matches the plan is reused.",
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
    // What exists is checked before anything runs: a conflict, or a confirmed plan that no longer
    // holds, stops here with nothing sent to AWS but reads.
    const plan = await inspectedPlan(input, place, madeBy(run));
    const conflicts = planConflicts(plan);
    if (conflicts.length > 0) {
      throw new HttpProblem(409, "plan-conflict", "Something else already has a planned name", {
        detail: conflicts
          .map((c) => `${c.message} ${c.differences.join(" ")}`.trim())
          .join(" ")
          .slice(0, 2000),
        hint: "Review the plan (it lists what differs), choose other names, then run again. Nothing was created or changed.",
      });
    }
    if (confirmedToken !== undefined && confirmedToken !== plan.token) {
      throw new HttpProblem(409, "plan-changed", "The plan has changed since it was shown", {
        detail: "What exists in AWS, or the input, is not what the confirmed plan showed.",
        hint: "Review the new plan and confirm it again. Nothing was created or changed.",
      });
    }
    if (plan.changesToExisting.length > 0 && confirmedToken !== plan.token) {
      throw new HttpProblem(
        409,
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
        after: {
          runId: current.id,
          attempt: current.attempts,
          input: redactCreationInput(input),
          reuses: plan.existing
            .filter((c) => c.state === "reuse")
            .map((c) => ({ type: c.type, name: c.name })),
          changesToExisting: plan.changesToExisting,
        },
        attemptId: null,
        error: null,
        requestId: actor.requestId,
        awsRequestId: null,
      });
    } catch (error) {
      current.status = "failed";
      forgetAccessKey(current);
      await persist(current);
      throw error;
    }
    await persist(current);
    current.execution = execute(current, actor, attemptId).catch(async (error: unknown) => {
      deps.log.error({ err: error, runId: current.id }, "destination run stopped unexpectedly");
      current.status = "failed";
      forgetAccessKey(current);
      await persist(current);
    });
    return snapshot(current);
  }

  return {
    async plan(input, runId) {
      const run = runId === undefined ? undefined : await loadRun(runId);
      return maskUrlSecretsDeep(await inspectedPlan(input, await placeOf(input.poolId), madeBy(run)));
    },

    start(input, runId, actor, confirmedToken) {
      const key = `${runId ?? ""}|${hashedFingerprint(input)}|${confirmedToken ?? ""}`;
      const pending = starting.get(key);
      if (pending) return pending;
      const started = startRun(input, runId, actor, confirmedToken).finally(() => starting.delete(key));
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

    async cleanup(id, actor) {
      const run = await loadRun(id);
      if (!run) {
        throw new HttpProblem(404, "run-not-found", "Not found", {
          detail: `There is no run ${id}.`,
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
      await persist(run);
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
      await persist(run);
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
