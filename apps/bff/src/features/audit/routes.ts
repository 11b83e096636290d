import { Readable } from "node:stream";
import {
  AuditExportQuerySchema,
  AuditListQuerySchema,
  AuditListResponseSchema,
  AuditVerifyResponseSchema,
} from "@clc/domain";
import type { AuditStore } from "../../store/types.ts";
import { problemResponses, type ZodApp } from "../types.ts";
import { verifyChain } from "./chain.ts";
import { exportLines, filterOf } from "./export.ts";
import { listMatching, type PoolNames } from "./matching.ts";

export function registerAuditRoutes(app: ZodApp, deps: { store: AuditStore; poolNames: PoolNames }): void {
  app.get(
    "/api/audit",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "listAuditRecords",
        tags: ["audit"],
        summary:
          "The audit trail, newest first, filtered by pool (id, or start of id or name), AWS account, operator, action, time and sign-ins",
        querystring: AuditListQuerySchema,
        response: { 200: AuditListResponseSchema, ...problemResponses(400, 401) },
      },
    },
    async (request) => {
      const { cursor, limit, ...query } = request.query;
      return listMatching(deps.store, filterOf(query), deps.poolNames, {
        ...(cursor !== undefined ? { cursor } : {}),
        limit,
      });
    },
  );

  app.get(
    "/api/audit/export",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "exportAuditRecords",
        tags: ["audit"],
        summary: "Every matching audit record as a CSV or JSON download",
        querystring: AuditExportQuerySchema,
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const stamp = new Date()
        .toISOString()
        .replaceAll(":", "")
        .replace(/\.\d+Z$/, "Z");
      reply
        .type(format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8")
        .header("content-disposition", `attachment; filename="audit-${stamp}.${format}"`);
      return reply.send(Readable.from(exportLines(deps.store, filterOf(query), format, deps.poolNames)));
    },
  );

  app.get(
    "/api/audit/verify",
    {
      config: { access: "admin" },
      schema: {
        operationId: "verifyAuditTrail",
        tags: ["audit"],
        summary:
          "Checks the audit trail's hash chain, oldest record first; answers the first broken link (200 either way)",
        response: { 200: AuditVerifyResponseSchema, ...problemResponses(401, 403) },
      },
    },
    async () => verifyChain(deps.store.iterateChain()),
  );
}
