/**
 * Guided destination creation: plan → run (polled step by step) → cleanup. Writes are admin-only
 * and audited; GETs are for viewers. Bodies are validated with the shared creation schemas here,
 * not by the route schema, so field errors name the form's fields (`target.url`), not `body.input…`.
 */
import {
  BucketAvailabilityQuerySchema,
  BucketAvailabilityResponseSchema,
  type CreationInput,
  PlanResponseSchema,
  parseCreationInput,
  RunIdSchema,
  RunListQuerySchema,
  RunListResponseSchema,
  RunParamsSchema,
  RunResponseSchema,
} from "@clc/domain";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { regionOfPoolId, requireShownRegion } from "../../lib/regions.ts";
import { HttpProblem } from "../../plugins/http-problem.ts";
import { operatorName } from "../accounts/request-scope.ts";
import { asOperator } from "../accounts/service.ts";
import { type AuditSink, trailFor } from "../audit/trail.ts";
import { problemResponses, type ZodApp } from "../types.ts";
import type { CreationService, CreationTrail } from "./service.ts";

/** The audit trail of this request (who asked, its id), as every write route records. */
function creationTrail(audit: AuditSink, request: FastifyRequest): CreationTrail {
  return (action, resource, account) => trailFor(audit, request, action, resource, account);
}

function validInput(value: unknown): CreationInput {
  const parsed = parseCreationInput(value);
  if (parsed.ok) return parsed.input;
  throw new HttpProblem(400, "validation", "The request is not valid", {
    detail: parsed.errors.map((e) => `${e.path}: ${e.message}`).join("; "),
    errors: parsed.errors,
    hint: "Correct the fields listed in errors and send the request again; nothing was sent to AWS.",
  });
}

const StartBodySchema = z.object({
  input: z.unknown(),
  runId: z.unknown().optional(),
  planToken: z.string().max(128).optional(),
});

/** `?runId=` on a plan request: plan the resume of that run (what it created is its own). */
const PlanQuerySchema = z.object({ runId: RunIdSchema.optional() });

/**
 * `regions`: the console's regions; a pool id naming another is refused before any AWS call.
 * `audit`: the trail writes record their attempt and outcome in.
 */
export function registerDestinationCreationRoutes(
  app: ZodApp,
  creation: CreationService,
  regions: readonly string[],
  audit: AuditSink,
): void {
  app.post(
    "/api/destinations/plan",
    {
      config: { access: "admin" },
      schema: {
        operationId: "planDestination",
        tags: ["destinations"],
        summary:
          "The steps, AWS calls and IAM permissions creating this destination takes (nothing is created).",
        description:
          "Body: a CreationInput (kind logGroup | s3 | firehose). The plan lists what exists under each planned name (`existing`: new, reuse or conflict, with what differs), the changes it would make to resources it did not create, and a `token` to confirm it with.",
        querystring: PlanQuerySchema,
        body: z.unknown(),
        response: { 200: PlanResponseSchema, ...problemResponses(400, 404, 502, 503, 504) },
      },
    },
    async (request) => ({
      plan: await creation.plan(validInput(request.body), request.query.runId, request.awsDeadline),
    }),
  );

  app.post(
    "/api/destinations/runs",
    {
      config: { access: "admin" },
      schema: {
        operationId: "startDestinationRun",
        tags: ["destinations"],
        summary:
          "Starts creating a destination, or resumes a run (by runId, or the same input). Refused (409) when the plan has a conflict, or changes resources the run did not create without planToken confirming that plan.",
        body: StartBodySchema,
        response: { 202: RunResponseSchema, ...problemResponses(400, 404, 409, 502, 503, 504) },
      },
    },
    async (request, reply) => {
      const input = validInput(request.body.input);
      let runId: string | undefined;
      if (request.body.runId !== undefined) {
        const parsed = RunIdSchema.safeParse(request.body.runId);
        if (!parsed.success) {
          throw new HttpProblem(400, "validation", "The request is not valid", {
            errors: [{ path: "runId", message: "Expected a run id such as run_3f2a…" }],
          });
        }
        runId = parsed.data;
      }
      // A member account's calls go through its role assumed for this operator (CloudTrail names them).
      const run = await asOperator(operatorName(request), () =>
        creation.start(
          input,
          runId,
          creationTrail(audit, request),
          request.awsDeadline,
          request.body.planToken,
        ),
      );
      return reply.code(202).send({ run });
    },
  );

  app.get(
    "/api/destinations/runs/:id",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "getDestinationRun",
        tags: ["destinations"],
        summary: "A run's steps and their status (poll while it is running).",
        params: RunParamsSchema,
        response: { 200: RunResponseSchema, ...problemResponses(404) },
      },
    },
    async (request) => {
      const run = await creation.get(request.params.id);
      if (!run) {
        throw new HttpProblem(404, "run-not-found", "Not found", {
          detail: `There is no run ${request.params.id}.`,
          hint: "Open the list of runs, or start the creation again: what exists and matches the plan is reused.",
        });
      }
      return { run };
    },
  );

  app.get(
    "/api/destinations/runs",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "listDestinationRuns",
        tags: ["destinations"],
        summary: "Past creation runs, newest first.",
        querystring: RunListQuerySchema,
        response: { 200: RunListResponseSchema, ...problemResponses(400) },
      },
    },
    async (request) => ({ runs: await creation.list(request.query.limit) }),
  );

  app.post(
    "/api/destinations/runs/:id/cleanup",
    {
      config: { access: "admin" },
      schema: {
        operationId: "cleanUpDestinationRun",
        tags: ["destinations"],
        summary: "Removes what this run created or added, and nothing else.",
        params: RunParamsSchema,
        response: { 200: RunResponseSchema, ...problemResponses(404, 409, 502, 503, 504) },
      },
    },
    async (request) => ({
      run: await asOperator(operatorName(request), () =>
        creation.cleanup(request.params.id, creationTrail(audit, request), request.awsDeadline),
      ),
    }),
  );

  app.get(
    "/api/destinations/bucket-availability",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "getBucketAvailability",
        tags: ["destinations"],
        summary:
          "Whether a bucket name can be created in the pool's region (S3 naming rules, then HeadBucket).",
        querystring: BucketAvailabilityQuerySchema,
        response: { 200: BucketAvailabilityResponseSchema, ...problemResponses(400, 404, 502, 503, 504) },
      },
    },
    async (request) => {
      // The pool's region names the S3 client to use: only the console's regions may (issue 20).
      requireShownRegion(regionOfPoolId(request.query.poolId), regions, "querystring.poolId");
      return creation.bucketAvailability(
        request.query.poolId,
        request.query.name,
        request.awsDeadline,
        request.query.accountId,
      );
    },
  );
}
