import {
  BatchListResponseSchema,
  BatchParamsSchema,
  BatchSchema,
  CreateBatchRequestSchema,
  StartBatchRequestSchema,
} from "@clc/domain";
import type { FastifyRequest } from "fastify";
import { problemResponses, type ZodApp } from "../types.ts";
import type { BatchActor, BatchService } from "./service.ts";

/** The signed-in operator (the auth plugin decorates `request.operator`); nobody without it. */
export function actorOf(request: FastifyRequest): BatchActor {
  const operator = (
    request as unknown as { operator?: { username: string; role: "viewer" | "admin" } | null }
  ).operator;
  return { username: operator?.username ?? null, role: operator?.role ?? null };
}

/**
 * `/api/batches`: plan a change on many pools, review it, run it (paced), pause, resume, cancel.
 * Reading is for viewers; everything that plans or changes a batch is for admins.
 */
export function registerBatchRoutes(app: ZodApp, batches: BatchService): void {
  const params = BatchParamsSchema;
  const answer = { 200: BatchSchema };

  app.post(
    "/api/batches",
    {
      config: { access: "admin" },
      schema: {
        operationId: "createBatch",
        tags: ["batches"],
        summary:
          "Plans one change on many pools (explicit pools, the fleet's filter, or per-pool changes): reads each pool, diffs and judges it, and stores the plan for review. Writes nothing to AWS.",
        body: CreateBatchRequestSchema,
        response: { 201: BatchSchema, ...problemResponses(400, 503) },
      },
    },
    async (request, reply) => {
      const batch = await batches.create(request.body, actorOf(request), request.awsDeadline);
      return reply.status(201).send(batch);
    },
  );

  app.get(
    "/api/batches",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "listBatches",
        tags: ["batches"],
        summary: "The batches, newest first, with counts per review outcome and per run state.",
        response: { 200: BatchListResponseSchema },
      },
    },
    async () => ({ items: await batches.list() }),
  );

  app.get(
    "/api/batches/:batchId",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "getBatch",
        tags: ["batches"],
        summary: "One batch with each pool's plan and where its run is.",
        params,
        response: { ...answer, ...problemResponses(400, 404) },
      },
    },
    async (request) => batches.get(request.params.batchId),
  );

  for (const verb of ["start", "resume"] as const) {
    app.post(
      `/api/batches/:batchId/${verb}`,
      {
        config: { access: "admin" },
        schema: {
          operationId: verb === "start" ? "startBatch" : "resumeBatch",
          tags: ["batches"],
          summary:
            verb === "start"
              ? "Starts applying a planned batch, paced under Cognito's write quota. Pools with warnings need acknowledgeWarnings."
              : "Resumes a paused or interrupted batch where it stopped, on any replica.",
          params,
          body: StartBatchRequestSchema,
          response: { ...answer, ...problemResponses(400, 404, 409, 422, 503) },
        },
      },
      async (request) =>
        batches.start(request.params.batchId, request.body, actorOf(request), verb === "resume"),
    );
  }

  app.post(
    "/api/batches/:batchId/pause",
    {
      config: { access: "admin" },
      schema: {
        operationId: "pauseBatch",
        tags: ["batches"],
        summary: "Pauses a running batch after the pool being written.",
        params,
        response: { ...answer, ...problemResponses(400, 404, 409, 503) },
      },
    },
    async (request) => batches.pause(request.params.batchId, actorOf(request)),
  );

  app.post(
    "/api/batches/:batchId/cancel",
    {
      config: { access: "admin" },
      schema: {
        operationId: "cancelBatch",
        tags: ["batches"],
        summary:
          "Cancels a batch: no pool is written after the one in flight; the others are listed as cancelled.",
        params,
        response: { ...answer, ...problemResponses(400, 404, 409, 503) },
      },
    },
    async (request) => batches.cancel(request.params.batchId, actorOf(request)),
  );
}
