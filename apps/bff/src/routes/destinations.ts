import { DestinationListQuerySchema, DestinationListResponseSchema } from "@clc/domain";
import { requireShownRegion } from "../services/regions.ts";
import type { Services } from "../wiring.ts";
import { problemResponses, type ZodApp } from "./types.ts";

export function registerDestinationRoutes(app: ZodApp, services: Services): void {
  app.get(
    "/api/destinations",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "listDestinations",
        tags: ["destinations"],
        summary:
          "Log groups (q = name prefix), Firehose streams or S3 buckets (q = name search) of a region, with what log delivery needs of them. Paged by an opaque cursor.",
        querystring: DestinationListQuerySchema,
        response: { 200: DestinationListResponseSchema, ...problemResponses(400, 502, 503, 504) },
      },
    },
    async (request) => {
      requireShownRegion(request.query.region, services.config.regions, "querystring.region");
      return services.destinations.list(request.query, request.awsDeadline);
    },
  );
}
