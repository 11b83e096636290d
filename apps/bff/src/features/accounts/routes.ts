import {
  AccountParamsSchema,
  AccountsResponseSchema,
  type ConnectionTestResponse,
  ConnectionTestResponseSchema,
} from "@clc/domain";
import { withDeadline } from "../../aws/deadline.ts";
import type { Services } from "../../wiring.ts";
import { problemResponses, type ZodApp } from "../types.ts";
import { operatorName } from "./request-scope.ts";
import { asOperator, describeAccountFailure } from "./service.ts";

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
      config: { access: "viewer" },
      schema: {
        operationId: "testAccountConnection",
        tags: ["accounts"],
        summary:
          "Assumes the account's role, asks STS who it is and probes ListUserPools in each configured region; each step says what failed.",
        params: AccountParamsSchema,
        response: { 200: ConnectionTestResponseSchema, ...problemResponses(400, 404, 502, 503, 504) },
      },
    },
    async (request): Promise<ConnectionTestResponse> => {
      const scope = await services.accounts.scope(request.params.accountId, request.awsDeadline);
      const checks: ConnectionTestResponse["checks"] = [];
      const step = async (name: string, run: () => Promise<string>): Promise<boolean> => {
        try {
          checks.push({ name, ok: true, message: await run() });
          return true;
        } catch (error) {
          const failure = describeAccountFailure(error, scope.entry);
          checks.push({ name, ok: false, message: `${failure.message} ${failure.whatToDo}` });
          return false;
        }
      };
      // A test of its own deadline: a hung account answers what it found, not a 504.
      await asOperator(operatorName(request), () =>
        withDeadline(
          services.config.awsRequestDeadlineMs,
          async (deadline) => {
            const region = services.config.regions[0] ?? "us-east-1";
            const who = await step(
              scope.entry.roleArn ? "sts:AssumeRole + sts:GetCallerIdentity" : "sts:GetCallerIdentity",
              async () => {
                const identity = await scope.gateways.sts.callerIdentity(region, deadline);
                return `Signed in as ${identity.arn ?? identity.account} in account ${identity.account}.`;
              },
            );
            if (!who) return;
            for (const r of services.config.regions) {
              await step(`cognito-idp:ListUserPools (${r})`, async () => {
                const pools = await scope.gateways.cognito.listUserPools(r, () => undefined, deadline);
                return `${pools.length} user pool(s) listed.`;
              });
            }
          },
          "read",
        ),
      ).catch(() => undefined);
      return { accountId: scope.entry.accountId, ok: checks.every((c) => c.ok), checks };
    },
  );
}
