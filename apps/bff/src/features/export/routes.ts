import {
  AccountPoolParamsSchema,
  CODE_EXPORT_MAX_POOLS,
  CodeExportQuerySchema,
  CodeExportSchema,
  CodeExportSelectionSchema,
  FindingsExportQuerySchema,
  findingsAsff,
  findingsCsv,
  findingsJson,
} from "@clc/domain";
import type { Services } from "../../wiring.ts";
import { operatorName } from "../accounts/request-scope.ts";
import { asOperator } from "../accounts/service.ts";
import { problemResponses, type ZodApp } from "../types.ts";
import { createExportService } from "./service.ts";

/** `20261130T170000Z`: a file name's time stamp. */
function stamp(): string {
  return new Date()
    .toISOString()
    .replaceAll(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
}

/**
 * Export as code (one pool, a selection) and the fleet's findings as reports. Reads only: viewers
 * may export (what they may read).
 */
export function registerExportRoutes(app: ZodApp, services: Services): void {
  const exports = createExportService({
    accounts: services.accounts,
    fleet: services.fleet,
    regions: services.config.regions,
  });

  app.get(
    "/api/accounts/:accountId/pools/:poolId/export",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "exportPoolAsCode",
        tags: ["export"],
        summary:
          "The pool's log delivery as AWS holds it now (a fresh GetLogDeliveryConfiguration), as Terraform, CloudFormation or AWS CLI.",
        params: AccountPoolParamsSchema,
        querystring: CodeExportQuerySchema,
        response: { 200: CodeExportSchema, ...problemResponses(400, 404, 502, 503, 504) },
      },
    },
    async (request) =>
      asOperator(operatorName(request), () =>
        exports.pool(request.params, request.query.format, request.query.destinations, request.awsDeadline),
      ),
  );

  app.post(
    "/api/pools/export",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "exportPoolsAsCode",
        tags: ["export"],
        summary: `Several pools in one file (one resource or command each, names unique), named or as the fleet's filters; at most ${CODE_EXPORT_MAX_POOLS}. Built from the fleet's last reads.`,
        querystring: CodeExportQuerySchema,
        body: CodeExportSelectionSchema,
        response: { 200: CodeExportSchema, ...problemResponses(400, 404, 502, 503, 504) },
      },
    },
    async (request) => {
      const refs =
        request.body.pools ?? exports.poolsMatching(request.body.filters ?? {}, CODE_EXPORT_MAX_POOLS);
      return asOperator(operatorName(request), () =>
        exports.selection(refs, request.query.format, request.query.destinations, request.awsDeadline),
      );
    },
  );

  app.get(
    "/api/fleet/findings/export",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "exportFleetFindings",
        tags: ["export"],
        summary:
          "The findings of the pools the fleet's filters match, each with its remediation (console, CLI, Terraform, CloudFormation), as CSV, JSON or AWS Security Hub findings (ASFF, for batch-import-findings: at most 100 per call).",
        querystring: FindingsExportQuerySchema,
      },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query;
      const pools = exports.findings(filters);
      const name = `cognito-log-findings-${stamp()}`;
      if (format === "csv") {
        return reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", `attachment; filename="${name}.csv"`)
          .send(findingsCsv(pools));
      }
      const body = format === "json" ? findingsJson(pools) : findingsAsff(pools, new Date().toISOString());
      return reply
        .type("application/json; charset=utf-8")
        .header(
          "content-disposition",
          `attachment; filename="${name}${format === "asff" ? ".asff" : ""}.json"`,
        )
        .send(`${JSON.stringify(body, null, 2)}\n`);
    },
  );
}
