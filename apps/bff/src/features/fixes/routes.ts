import { FixRequestSchema, FixResponseSchema, PoolParamsSchema } from "@clc/domain";
import type { Services } from "../../wiring.ts";
import { trailFor } from "../audit/trail.ts";
import { problemResponses, type ZodApp } from "../types.ts";

export function registerFixRoutes(app: ZodApp, services: Services): void {
  app.post(
    "/api/pools/:poolId/fixes",
    {
      config: { access: "admin" },
      schema: {
        operationId: "applyFix",
        tags: ["fixes"],
        summary:
          "Carries out a finding's fix: add the log group resource policy, tag the Firehose stream, add the bucket policy, or turn threat protection on (audit).",
        params: PoolParamsSchema,
        body: FixRequestSchema,
        response: { 200: FixResponseSchema, ...problemResponses(400, 404, 409, 422, 502, 503, 504) },
      },
    },
    async (request) =>
      services.fixes.apply(
        request.params.poolId,
        request.body.action,
        request.body.target,
        trailFor(services.audit, request, "fix.apply", request.body.target),
        request.awsDeadline,
        request.body.policyScope ? { policyScope: request.body.policyScope } : {},
      ),
  );
}
