import { PoolDeliveryParamsSchema, PoolDeliveryQuerySchema, PoolDeliveryResponseSchema } from "@clc/domain";
import type { Services } from "../../wiring.ts";
import { problemResponses, type ZodApp } from "../types.ts";

export function registerDeliveryRoutes(app: ZodApp, services: Services): void {
  app.get(
    "/api/pools/:poolId/delivery",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "getPoolDelivery",
        tags: ["delivery"],
        summary:
          "Is each event source of the pool delivering? State, last event, events in the window and the most recent ones, read from the destination and the pool's CloudWatch metrics.",
        params: PoolDeliveryParamsSchema,
        querystring: PoolDeliveryQuerySchema,
        response: { 200: PoolDeliveryResponseSchema, ...problemResponses(400, 404, 502, 503, 504) },
      },
    },
    async (request) =>
      services.delivery.read(
        request.params.poolId,
        { window: request.query.window, objectEvents: request.query.objectEvents },
        request.awsDeadline,
      ),
  );
}
