import {
  AccountPoolParamsSchema,
  FleetDeliveryQuerySchema,
  FleetDeliveryResponseSchema,
  PoolDeliveryParamsSchema,
  PoolDeliveryQuerySchema,
  PoolDeliveryResponseSchema,
} from "@clc/domain";
import type { Services } from "../../wiring.ts";
import { inAccount } from "../accounts/request-scope.ts";
import { problemResponses, type ZodApp } from "../types.ts";

export function registerDeliveryRoutes(app: ZodApp, services: Services): void {
  // Under the pool's account (read through that account's role), and at the older single-account
  // path, hidden from the API document: the account the fleet saw the pool in, else the console's own.
  for (const { path, legacy } of [
    { path: "/api/accounts/:accountId/pools/:poolId/delivery", legacy: false },
    { path: "/api/pools/:poolId/delivery", legacy: true },
  ]) {
    app.get(
      path,
      {
        config: { access: "viewer" },
        schema: {
          ...(legacy ? { hide: true } : { operationId: "getPoolDelivery" }),
          tags: ["delivery"],
          summary:
            "Is each event source of the pool delivering? State, last event, events in the window and the most recent ones, read from the destination and the pool's CloudWatch metrics.",
          params: legacy ? PoolDeliveryParamsSchema : AccountPoolParamsSchema,
          querystring: PoolDeliveryQuerySchema,
          response: { 200: PoolDeliveryResponseSchema, ...problemResponses(400, 404, 502, 503, 504) },
        },
      },
      async (request) =>
        inAccount(services, request, request.params, async (scope) => {
          const answer = await scope.delivery.read(
            request.params.poolId,
            { window: request.query.window, objectEvents: request.query.objectEvents },
            request.awsDeadline,
          );
          services.fleetDelivery.record(scope.entry.accountId, answer);
          return answer;
        }),
    );
  }

  app.get(
    "/api/fleet/delivery",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "getFleetDelivery",
        tags: ["delivery"],
        summary:
          "Delivery state of each pool and event source across the fleet, for one page of the pool list (same filters, sort and paging), with counts over the whole fleet. Read in the background after the fleet's rows: poll while progress.state is checking.",
        querystring: FleetDeliveryQuerySchema,
        response: { 200: FleetDeliveryResponseSchema, ...problemResponses(400) },
      },
    },
    // No operator context: the sweep this may start signs as the fleet's background session.
    async (request) => services.fleetDelivery.page(request.query),
  );
}
