import {
  DESTINATION_SEARCH_RULES,
  type DestinationKind,
  DestinationListQuerySchema,
  DestinationListResponseSchema,
} from "@clc/domain";
import { AwsCallError } from "../../aws/errors.ts";
import { requireShownRegion } from "../../lib/regions.ts";
import { HttpProblem } from "../../plugins/http-problem.ts";
import type { Services } from "../../wiring.ts";
import { inAccount } from "../accounts/request-scope.ts";
import { problemResponses, type ZodApp } from "../types.ts";

/** Error codes with which AWS refuses a parameter: InvalidParameterException (CloudWatch Logs), InvalidArgument (S3), InvalidArgumentException (Firehose). */
const REJECTED_PARAMETER = new Set([
  "InvalidParameterException",
  "ValidationException",
  "InvalidArgument",
  "InvalidArgumentException",
]);

/**
 * A search AWS refused although it passed our schema is still the user's text, not an AWS fault:
 * a 400 on `querystring.q` saying what the search may contain (AWS's words kept in `detail`).
 * Anything else is left to the shared AWS error mapping.
 */
export function searchRejection(error: unknown, kind: DestinationKind, q: string | undefined): unknown {
  if (!(error instanceof AwsCallError) || error.kind !== "service" || !REJECTED_PARAMETER.has(error.code))
    return error;
  if (!q?.trim()) return error;
  const rule = DESTINATION_SEARCH_RULES[kind];
  return new HttpProblem(400, "validation", "The request is not valid", {
    detail: `AWS did not accept the search text: ${error.code}: ${error.message}`,
    errors: [
      {
        path: "querystring.q",
        message: `AWS did not accept this search. ${rule.what} may contain only ${rule.allowedText}, at most ${rule.max} characters.`,
      },
    ],
    hint: "Change the search text and try again.",
  });
}

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
      try {
        return await inAccount(
          services,
          request,
          request.query.account !== undefined ? { accountId: request.query.account } : {},
          (scope) => scope.destinations.list(request.query, request.awsDeadline),
        );
      } catch (error) {
        throw searchRejection(error, request.query.kind, request.query.q);
      }
    },
  );
}
