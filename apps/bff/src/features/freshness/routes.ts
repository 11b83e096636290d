/**
 * Freshness by events: its status per account and region (viewers), the plan to create the rule and
 * queue of one place with the permissions it needs (viewers: a read), and the setup (admins, audited:
 * an attempt before anything is sent, then its outcome).
 */
import {
  FRESHNESS_NAME,
  FreshnessPlaceQuerySchema,
  FreshnessPlanSchema,
  FreshnessSetupResultSchema,
  FreshnessStatusSchema,
} from "@clc/domain";
import type { FastifyRequest } from "fastify";
import { AwsCallError } from "../../aws/errors.ts";
import { requireShownRegion } from "../../lib/regions.ts";
import { HttpProblem } from "../../plugins/http-problem.ts";
import type { Services } from "../../wiring.ts";
import { problemResponses, type ZodApp } from "../types.ts";
import { type FreshnessService, SetupBlocked } from "./service.ts";

function operatorOf(request: FastifyRequest): { username: string; role: "viewer" | "admin" } | null {
  return (
    (request as unknown as { operator?: { username: string; role: "viewer" | "admin" } | null }).operator ??
    null
  );
}

export function registerFreshnessRoutes(
  app: ZodApp,
  services: Services & { freshness: FreshnessService },
): void {
  const { freshness, audit } = services;
  app.get(
    "/api/fleet/freshness",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "getFreshness",
        tags: ["pools"],
        summary:
          "How the fleet is kept fresh in each account and region: by Cognito's change events, or by the slow sweep (and why).",
        response: { 200: FreshnessStatusSchema },
      },
    },
    async () => freshness.status(),
  );

  app.get(
    "/api/fleet/freshness/plan",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "getFreshnessPlan",
        tags: ["pools"],
        summary:
          "What setting up change events in one account and region would create, and the IAM permissions it needs.",
        querystring: FreshnessPlaceQuerySchema,
        response: { 200: FreshnessPlanSchema, ...problemResponses(400, 404, 502, 503, 504) },
      },
    },
    async (request) => {
      const { accountId, region } = request.query;
      requireShownRegion(region, services.config.regions, "querystring.region");
      return freshness.plan(accountId, region, request.awsDeadline);
    },
  );

  app.post(
    "/api/fleet/freshness/setup",
    {
      config: { access: "admin" },
      schema: {
        operationId: "setUpFreshness",
        tags: ["pools"],
        summary:
          "Creates the console's queue (tagged), its policy, the rule (tagged) and its target in one account and region. Never adopts a queue or rule it did not create (409).",
        body: FreshnessPlaceQuerySchema,
        response: { 200: FreshnessSetupResultSchema, ...problemResponses(400, 404, 409, 502, 503, 504) },
      },
    },
    async (request) => {
      const { accountId, region } = request.body;
      requireShownRegion(region, services.config.regions, "body.region");
      const operator = operatorOf(request);
      const base = {
        action: "freshness.setup" as const,
        operator: operator?.username ?? null,
        role: operator?.role ?? null,
        region,
        poolId: null,
        accountId,
        roleArn: null,
        resource: `arn:aws:events:${region}:${accountId}:rule/${FRESHNESS_NAME}`,
        requestId: request.id,
        awsRequestId: null,
      };
      // A change whose audit record cannot be written is refused before anything is sent to AWS.
      const attemptId = await audit.record({
        ...base,
        outcome: "attempt",
        before: null,
        after: { queue: FRESHNESS_NAME, rule: FRESHNESS_NAME },
        attemptId: null,
        error: null,
      });
      try {
        const result = await freshness.setup(accountId, region, request.awsDeadline);
        await audit.record({
          ...base,
          outcome: "success",
          before: null,
          after: result,
          attemptId,
          error: null,
        });
        return result;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await audit.record({
          ...base,
          outcome: "failure",
          before: null,
          after: null,
          attemptId,
          error: message,
          awsRequestId: error instanceof AwsCallError ? (error.requestId ?? null) : null,
        });
        if (error instanceof SetupBlocked) {
          throw new HttpProblem(
            409,
            "freshness-not-ours",
            "The console will not use what it did not create",
            {
              detail: message,
              hint: "Delete or rename that queue or rule in the account (or keep relying on the sweep); nothing was changed.",
            },
          );
        }
        throw error;
      }
    },
  );
}
