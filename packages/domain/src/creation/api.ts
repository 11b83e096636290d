/**
 * Payloads of the destination-creation API (`/api/destinations/plan`, `/api/destinations/runs…`).
 * The BFF validates and documents with these; the web app derives its types from them.
 */
import { z } from "zod";
import { AccountIdSchema } from "../accounts.ts";
import { DestinationKindSchema, EventSourceSchema } from "../model.ts";
import { queryInteger } from "../query-params.ts";
import { maskUrlSecretsDeep } from "../url-secrets.ts";
import { STEP_IDS } from "./plan.ts";
import { type CreationInput, CreationInputSchema } from "./schemas.ts";

export const StepIdSchema = z.enum(STEP_IDS);

const PlannedResourceSchema = z.object({
  type: z.enum([
    "logGroup",
    "resourcePolicy",
    "bucket",
    "bucketPolicy",
    "role",
    "rolePolicy",
    "stream",
    "rule",
    "trail",
  ]),
  name: z.string(),
  arn: z.string().nullable(),
});

export const PlanStepSchema = z.object({
  id: StepIdSchema,
  title: z.string(),
  detail: z.string(),
  resource: PlannedResourceSchema,
  calls: z.array(z.object({ call: z.string(), permissions: z.array(z.string()) })),
  undo: z.string(),
});

export const CreatedDestinationSchema = z.object({
  kind: DestinationKindSchema,
  arn: z.string(),
  name: z.string(),
});

export const CreationPlanSchema = z.object({
  kind: DestinationKindSchema,
  eventSource: EventSourceSchema,
  region: z.string(),
  destination: CreatedDestinationSchema,
  steps: z.array(PlanStepSchema),
  permissions: z.array(z.string()),
  tags: z.record(z.string(), z.string()),
  notes: z.array(z.string()),
  existing: z.array(
    z.object({
      type: PlannedResourceSchema.shape.type,
      name: z.string(),
      state: z.enum(["new", "reuse", "conflict"]),
      message: z.string(),
      differences: z.array(z.string()),
    }),
  ),
  changesToExisting: z.array(z.string()),
  token: z.string().nullable(),
  apiActivity: z
    .object({
      trail: z
        .object({
          state: z.enum(["recording", "none", "unknown"]),
          trailName: z.string().nullable(),
          message: z.string(),
          howTo: z.object({ consoleUrl: z.string(), cli: z.array(z.string()) }).nullable(),
        })
        .nullable(),
    })
    .optional(),
});

export const PlanRequestSchema = CreationInputSchema;
export const PlanResponseSchema = z.object({ plan: CreationPlanSchema });
export type PlanResponse = z.infer<typeof PlanResponseSchema>;

export const RUN_STEP_STATUSES = ["pending", "running", "done", "failed", "skipped"] as const;
export const RunStepStatusSchema = z.enum(RUN_STEP_STATUSES);
export type RunStepStatus = z.infer<typeof RunStepStatusSchema>;

export const RunStepSchema = PlanStepSchema.extend({
  status: RunStepStatusSchema,
  /** `skipped`: what existed and was reused; `done`: what was made; `failed`: what went wrong. */
  message: z.string().nullable(),
  error: z
    .object({
      code: z.string(),
      message: z.string(),
      hint: z.string().optional(),
      requestId: z.string().nullable(),
    })
    .nullable(),
  /** Whether this run created (or changed) the step's resource, so cleanup would take it back. */
  createdByRun: z.boolean(),
  cleanup: z.enum(["none", "done", "failed"]),
  cleanupMessage: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type RunStep = z.infer<typeof RunStepSchema>;

export const RUN_STATUSES = [
  "running",
  "succeeded",
  "failed",
  "cleaning",
  "cleaned",
  "cleanup-failed",
] as const;
export const RunStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const RunIdSchema = z
  .string()
  .regex(/^run_[A-Za-z0-9_-]{8,64}$/, "Expected a run id such as run_3f2a…");
export const RunParamsSchema = z.object({ id: RunIdSchema });

export const CreationRunSchema = z.object({
  id: RunIdSchema,
  status: RunStatusSchema,
  kind: DestinationKindSchema,
  poolId: z.string(),
  eventSource: EventSourceSchema,
  region: z.string(),
  destination: CreatedDestinationSchema,
  steps: z.array(RunStepSchema),
  /** How many times the run has been started (1 + resumes). */
  attempts: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The input with its secrets removed, so the form can be refilled to resume. */
  input: z.record(z.string(), z.unknown()),
});
export type CreationRun = z.infer<typeof CreationRunSchema>;

export const StartRunRequestSchema = z.object({
  input: CreationInputSchema,
  /** Resume this run (after a failure); otherwise a run with the same input is resumed, or a new one starts. */
  runId: RunIdSchema.optional(),
  /** The `token` of the plan the user saw and confirmed; a run whose plan has changed since is refused. */
  planToken: z.string().max(128).optional(),
});
export type StartRunRequest = z.input<typeof StartRunRequestSchema>;
export const RunResponseSchema = z.object({ run: CreationRunSchema });
export type RunResponse = z.infer<typeof RunResponseSchema>;

/** One line of the list of past runs (`GET /api/destinations/runs`), newest first. */
export const RunSummarySchema = CreationRunSchema.pick({
  id: true,
  status: true,
  kind: true,
  poolId: true,
  eventSource: true,
  region: true,
  destination: true,
  attempts: true,
  createdAt: true,
  updatedAt: true,
});
export type RunSummary = z.infer<typeof RunSummarySchema>;
export const RunListQuerySchema = z.object({
  limit: queryInteger({ min: 1, max: 200, fallback: 50 }),
});
export const RunListResponseSchema = z.object({ runs: z.array(RunSummarySchema) });
export type RunListResponse = z.infer<typeof RunListResponseSchema>;

export const BucketAvailabilityQuerySchema = z.object({
  name: z.string().min(1).max(63),
  poolId: z.string().min(1).max(55),
  /** The pool's account (issue 14); absent: the console's own. */
  accountId: AccountIdSchema.optional(),
});
export const BucketAvailabilityResponseSchema = z.object({
  name: z.string(),
  /** `free`: can be created; `ours`: exists in this account and region (will be reused); `taken`: elsewhere. */
  state: z.enum(["free", "ours", "taken", "invalid"]),
  message: z.string(),
});
export type BucketAvailabilityResponse = z.infer<typeof BucketAvailabilityResponseSchema>;

/**
 * The input as it may be shown or stored: the access key is removed (with `accessKeySet` saying
 * whether one was given: pass `keyGiven` when the key has already been dropped from the input), and
 * every credential in the endpoint URL is masked (`maskUrlSecrets`).
 */
export function redactCreationInput(input: CreationInput, keyGiven?: boolean): Record<string, unknown> {
  if (input.kind !== "firehose" || input.target.type !== "http") return maskUrlSecretsDeep({ ...input });
  const { accessKey, ...target } = input.target;
  const held = accessKey !== undefined && accessKey !== "";
  return maskUrlSecretsDeep({
    ...input,
    // Set: the user gave one (it went, or goes, to AWS). Held: it is still in the run's memory.
    target: { ...target, accessKeySet: keyGiven ?? held, accessKeyHeld: held },
  });
}

/** Two inputs are "the same" for resuming when they match apart from the secrets. */
export function creationFingerprint(input: CreationInput): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .filter(([key]) => key !== "accessKey")
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => [k, canonical(v)]),
      );
    }
    return value;
  };
  return JSON.stringify(canonical(input));
}
