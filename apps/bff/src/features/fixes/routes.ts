import { AccountPoolParamsSchema, FixRequestSchema, FixResponseSchema, PoolParamsSchema } from "@clc/domain";
import type { Services } from "../../wiring.ts";
import { inAccount } from "../accounts/request-scope.ts";
import { trailFor } from "../audit/trail.ts";
import { problemResponses, type ZodApp } from "../types.ts";

export function registerFixRoutes(app: ZodApp, services: Services): void {
  // Under the pool's account, and at the older single-account path (hidden; see accounts/request-scope.ts).
  for (const { path, legacy } of [
    { path: "/api/accounts/:accountId/pools/:poolId/fixes", legacy: false },
    { path: "/api/pools/:poolId/fixes", legacy: true },
  ]) {
    app.post(
      path,
      {
        config: { access: "admin" },
        schema: {
          ...(legacy ? { hide: true } : { operationId: "applyFix" }),
          tags: ["fixes"],
          summary:
            "Carries out a finding's fix: add the log group resource policy, tag the Firehose stream, add the bucket policy, or turn threat protection on (audit).",
          params: legacy ? PoolParamsSchema : AccountPoolParamsSchema,
          body: FixRequestSchema,
          response: { 200: FixResponseSchema, ...problemResponses(400, 404, 409, 422, 502, 503, 504) },
        },
      },
      async (request) =>
        inAccount(services, request, request.params, (scope) =>
          scope.fixes.apply(
            request.params.poolId,
            request.body.action,
            request.body.target,
            trailFor(services.audit, request, "fix.apply", request.body.target, scope.entry),
            request.awsDeadline,
            request.body.policyScope ? { policyScope: request.body.policyScope } : {},
          ),
        ),
    );
  }
}
