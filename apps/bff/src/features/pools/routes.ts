import {
  AccountPoolEventSourceParamsSchema,
  AccountPoolParamsSchema,
  ApplyResponseSchema,
  type Destination,
  LogDeliveryEditSchema,
  PoolDetailSchema,
  PoolEventSourceParamsSchema,
  PoolParamsSchema,
  PreviewResponseSchema,
  VersionHeaderSchema,
} from "@clc/domain";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { HttpProblem } from "../../plugins/http-problem.ts";
import type { Services } from "../../wiring.ts";
import { accountOfScope, inAccount } from "../accounts/request-scope.ts";
import { trailFor } from "../audit/trail.ts";
import { problemResponses, type ZodApp } from "../types.ts";
import { withChangedBy } from "./changed-by.ts";
import type { WriteRequest } from "./service.ts";

/** If-Match is optional in the schema so that its absence is a 428 (not a 400). */
const WriteHeadersSchema = z.object({ "if-match": VersionHeaderSchema.optional() });

/** What both writes take and answer: the pool and event source, If-Match, and what AWS stored. */
const writeSchema = {
  headers: WriteHeadersSchema,
  response: { 200: ApplyResponseSchema, ...problemResponses(400, 404, 412, 422, 428, 502, 503, 504) },
};

export function requireIfMatch(value: string | undefined): string {
  if (value === undefined) {
    throw new HttpProblem(428, "precondition-required", "If-Match is required", {
      detail: "Changes must name the version they were made on, so a concurrent change is never overwritten.",
      hint: "Send the pool's current ETag (GET /api/accounts/{accountId}/pools/{poolId}) in the If-Match header.",
    });
  }
  return value;
}

export function registerLogDeliveryRoutes(app: ZodApp, services: Services): void {
  /**
   * Both writes: one event source (null disables it) changed on the version the client names,
   * recorded on the trail as an apply or a disable; answers what AWS stored, with its ETag.
   */
  async function write(
    request: FastifyRequest<{
      Params: z.infer<typeof PoolEventSourceParamsSchema> & { accountId?: string };
      Headers: z.infer<typeof WriteHeadersSchema>;
    }>,
    reply: FastifyReply,
    destination: Destination | null,
  ): Promise<FastifyReply> {
    const write: WriteRequest = {
      poolId: request.params.poolId,
      eventSource: request.params.eventSource,
      destination,
      ifMatch: requireIfMatch(request.headers["if-match"]),
    };
    const action = destination ? "log-delivery.apply" : "log-delivery.disable";
    const detail = await inAccount(services, request, request.params, async (scope) => ({
      ...(await scope.logDelivery
        .write(
          write,
          trailFor(services.audit, request, action, destination?.arn ?? null, scope.entry),
          request.awsDeadline,
        )
        .catch(async (error: unknown) => {
          throw await withChangedBy(error, services.audit, {
            accountId: scope.entry.accountId,
            poolId: write.poolId,
          });
        })),
      account: accountOfScope(scope),
    }));
    return reply.header("etag", detail.version).send(detail);
  }

  // Every pool route twice: under its account (the API), and at the older single-account path,
  // hidden from the API document, for links and scripts made before accounts (request-scope.ts).
  for (const { prefix, legacy } of [
    { prefix: "/api/accounts/:accountId/pools/:poolId", legacy: false },
    { prefix: "/api/pools/:poolId", legacy: true },
  ]) {
    const named = (operationId: string) => (legacy ? { hide: true } : { operationId });
    const poolParams = legacy ? PoolParamsSchema : AccountPoolParamsSchema;
    const sourceParams = legacy ? PoolEventSourceParamsSchema : AccountPoolEventSourceParamsSchema;

    app.get(
      prefix,
      {
        config: { access: "viewer" },
        schema: {
          ...named("getPool"),
          tags: ["pools"],
          summary:
            "One pool: facts, log delivery configuration, its destinations and findings. ETag = version.",
          params: poolParams,
          response: { 200: PoolDetailSchema, ...problemResponses(400, 404, 502, 503, 504) },
        },
      },
      async (request, reply) => {
        const detail = await inAccount(services, request, request.params, async (scope) => ({
          ...(await scope.logDelivery.detail(request.params.poolId, request.awsDeadline)),
          account: accountOfScope(scope),
        }));
        return reply.header("etag", detail.version).send(detail);
      },
    );

    app.post(
      `${prefix}/log-delivery/:eventSource/preview`,
      {
        config: { access: "viewer" },
        schema: {
          ...named("previewLogDelivery"),
          tags: ["log-delivery"],
          summary: "What applying this edit would do (diff, errors, findings), without writing anything.",
          params: sourceParams,
          body: LogDeliveryEditSchema,
          response: { 200: PreviewResponseSchema, ...problemResponses(400, 404, 502, 503, 504) },
        },
      },
      async (request, reply) => {
        const preview = await inAccount(services, request, request.params, (scope) =>
          scope.logDelivery.preview(
            request.params.poolId,
            request.params.eventSource,
            request.body.destination,
            request.awsDeadline,
          ),
        );
        return reply.header("etag", preview.version).send(preview);
      },
    );

    app.put(
      `${prefix}/log-delivery/:eventSource`,
      {
        config: { access: "admin" },
        schema: {
          ...named("applyLogDelivery"),
          tags: ["log-delivery"],
          summary:
            "Sends one event source to a destination, keeping the other as AWS has it. Needs If-Match; answers what AWS stored.",
          ...writeSchema,
          params: sourceParams,
          body: LogDeliveryEditSchema,
        },
      },
      async (request, reply) => write(request, reply, request.body.destination),
    );

    app.delete(
      `${prefix}/log-delivery/:eventSource`,
      {
        config: { access: "admin" },
        schema: {
          ...named("disableLogDelivery"),
          tags: ["log-delivery"],
          summary:
            "Stops exporting one event source, keeping the other. Needs If-Match; answers what AWS stored.",
          ...writeSchema,
          params: sourceParams,
        },
      },
      async (request, reply) => write(request, reply, null),
    );
  }
}
