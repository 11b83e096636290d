import {
  FleetStatusSchema,
  PoolListQuerySchema,
  PoolListResponseSchema,
  RegionsResponseSchema,
} from "@clc/domain";
import type { Services } from "../../wiring.ts";
import { problemResponses, type ZodApp } from "../types.ts";

export function registerFleetRoutes(app: ZodApp, services: Services): void {
  app.get(
    "/api/regions",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "getRegions",
        tags: ["context"],
        summary: "The console's mode, AWS account and the regions it shows.",
        response: { 200: RegionsResponseSchema, ...problemResponses(502, 503, 504) },
      },
    },
    async (request) => ({
      mode: services.config.mode,
      accountId: await services.account.accountId(request.awsDeadline),
      regions: [...services.config.regions],
    }),
  );

  app.get(
    "/api/pools",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "listPools",
        tags: ["pools"],
        summary:
          "The user pools of every configured region with their logging status (served while a fleet read loads).",
        querystring: PoolListQuerySchema,
        response: { 200: PoolListResponseSchema, ...problemResponses(400) },
      },
    },
    async (request) => {
      // The logging standard's state of each row (features/standard), judged on the cached rows.
      const { compliance, ...filter } = request.query;
      const keep = compliance ? await services.standard.complianceFilter(compliance) : undefined;
      return services.fleet.list(filter, services.fleetDelivery.filterOf(filter), keep);
    },
  );

  app.post(
    "/api/fleet/refresh",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "refreshFleet",
        tags: ["pools"],
        summary: "Starts a new fleet read (a read: viewers may call it). Answers at once with the status.",
        response: { 202: FleetStatusSchema },
      },
    },
    async (_request, reply) => reply.code(202).send(services.fleet.refresh()),
  );

  app.get(
    "/api/fleet/status",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "getFleetStatus",
        tags: ["pools"],
        summary: "Progress of the current (or last) fleet read.",
        response: { 200: FleetStatusSchema },
      },
    },
    async () => services.fleet.status(),
  );
}
