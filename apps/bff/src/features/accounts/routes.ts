import {
  AccountParamsSchema,
  AccountsResponseSchema,
  ConnectionTestQuerySchema,
  ConnectionTestResultSchema,
} from "@clc/domain";
import { requireShownRegion } from "../../lib/regions.ts";
import type { Services } from "../../wiring.ts";
import { problemResponses, type ZodApp } from "../types.ts";
import { testConnection } from "./connection-test.ts";
import { operatorName } from "./request-scope.ts";
import { asOperator } from "./service.ts";

/** The accounts the console reads (the Accounts page) and each one's connection test. */
export function registerAccountRoutes(app: ZodApp, services: Services): void {
  app.get(
    "/api/accounts",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "listAccounts",
        tags: ["accounts"],
        summary:
          "The AWS accounts the console reads (discovered through AWS Organizations, listed, or its own), with OU path, role, status and enabled regions from the last fleet read.",
        response: { 200: AccountsResponseSchema, ...problemResponses(502, 503, 504) },
      },
    },
    async (request) => services.accounts.list(request.awsDeadline),
  );

  app.post(
    "/api/accounts/:accountId/connection-test",
    {
      // As the console's own account's test (template-routes.ts): its probes spend the account's quotas.
      config: { access: "admin" },
      schema: {
        operationId: "testConnectionOfAccount",
        tags: ["accounts"],
        summary:
          "Tests one account the console reads in a region (default: the first shown): the role assumed in it, who the console is there, and each permission of the member role's read variant, missing ones named.",
        params: AccountParamsSchema,
        querystring: ConnectionTestQuerySchema,
        response: { 200: ConnectionTestResultSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const region = request.query.region
        ? requireShownRegion(request.query.region, services.config.regions, "querystring.region")
        : (services.config.regions[0] ?? "us-east-1");
      const scope = await services.accounts.scope(request.params.accountId, request.awsDeadline);
      // The probes go through the account's role, assumed for this operator (CloudTrail names them).
      return asOperator(operatorName(request), () =>
        testConnection(scope.gateways, region, request.awsDeadline),
      );
    },
  );
}
