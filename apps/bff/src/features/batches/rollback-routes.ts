import { BatchParamsSchema, BatchRollbackPreviewSchema, BatchSchema } from "@clc/domain";
import type { AuditStore } from "../../store/types.ts";
import type { Services } from "../../wiring.ts";
import { problemResponses, type ZodApp } from "../types.ts";
import { type BatchRollback, createBatchRollback } from "./rollback.ts";
import { actorOf } from "./routes.ts";
import type { BatchService } from "./service.ts";

/** The batch rollback over the app's batches, accounts and audit trail, and its routes. */
export function registerBatchRollback(
  app: ZodApp,
  services: Services,
  batches: BatchService,
  audit: AuditStore,
): void {
  registerBatchRollbackRoutes(
    app,
    createBatchRollback({
      batches,
      audit,
      accounts: services.accounts,
      poolDeadlineMs: services.config.awsRequestDeadlineMs,
    }),
  );
}

/**
 * `/api/batches/{batchId}/rollback` (issue 17): preview rolling a whole batch back, or plan it as a
 * new batch to review and start. Needs the audit trail (each pool's record), so it is registered only
 * with sign-in, like the one-record rollback.
 */
export function registerBatchRollbackRoutes(app: ZodApp, rollback: BatchRollback): void {
  app.get(
    "/api/batches/:batchId/rollback",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "previewBatchRollback",
        tags: ["batches"],
        summary:
          "What rolling this finished or cancelled batch back would do now: each pool it wrote restored as its record had it before (only the sources the batch changed), pools changed since refused with what changed. Writes nothing.",
        params: BatchParamsSchema,
        response: { 200: BatchRollbackPreviewSchema, ...problemResponses(400, 404, 409) },
      },
    },
    async (request) => rollback.preview(request.params.batchId),
  );

  app.post(
    "/api/batches/:batchId/rollback",
    {
      config: { access: "admin" },
      schema: {
        operationId: "createBatchRollback",
        tags: ["batches"],
        summary:
          "Plans the rollback of this batch as a new batch (planned, not started): review it and start it like any batch. Each pool's write is audited as log-delivery.rollback of its record.",
        params: BatchParamsSchema,
        response: { 201: BatchSchema, ...problemResponses(400, 404, 409, 503) },
      },
    },
    async (request, reply) => {
      const batch = await rollback.create(request.params.batchId, actorOf(request));
      return reply.status(201).send(batch);
    },
  );
}
