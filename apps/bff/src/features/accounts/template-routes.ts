/**
 * The member-account role (issue 14): its CloudFormation template as a download, and the connection
 * test of the console's own account. The accounts feature's other routes live in routes.ts.
 */
import {
  ConnectionTestQuerySchema,
  ConnectionTestResultSchema,
  MemberRoleTemplateQuerySchema,
  memberRoleTemplate,
  memberRoleTemplateFileName,
} from "@clc/domain";
import { stringify } from "yaml";
import { requireShownRegion } from "../../lib/regions.ts";
import type { Services } from "../../wiring.ts";
import { problemResponses, type ZodApp } from "../types.ts";
import { testConnection } from "./connection-test.ts";

/**
 * The template as text: JSON, or YAML as CloudFormation reads it: YAML 1.1, so strings a 1.1 reader
 * would take for another type (the dates of `AWSTemplateFormatVersion` and a policy's `Version`) are
 * quoted; no anchors, every value written out.
 */
export function templateText(variant: "read" | "full", format: "yaml" | "json"): string {
  const template = memberRoleTemplate(variant);
  return format === "json"
    ? `${JSON.stringify(template, null, 2)}\n`
    : stringify(template, { version: "1.1", aliasDuplicateObjects: false, lineWidth: 0 });
}

export function registerMemberRoleRoutes(app: ZodApp, services: Services): void {
  app.get(
    "/api/accounts/member-role-template",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "getMemberRoleTemplate",
        tags: ["accounts"],
        summary:
          "The CloudFormation template of the role the console assumes in member accounts (read or full variant), as a YAML or JSON download.",
        querystring: MemberRoleTemplateQuerySchema,
      },
    },
    async (request, reply) => {
      const { variant, format } = request.query;
      reply
        .type(format === "yaml" ? "application/yaml; charset=utf-8" : "application/json; charset=utf-8")
        .header(
          "content-disposition",
          `attachment; filename="${memberRoleTemplateFileName(variant, format)}"`,
        );
      return reply.send(templateText(variant, format));
    },
  );

  app.post(
    "/api/accounts/connection-test",
    {
      config: { access: "admin" },
      schema: {
        operationId: "testAccountConnection",
        tags: ["accounts"],
        summary:
          "Tests the console's account in a region (default: the first shown): who it is there, and each permission of the member role's read variant, missing ones named.",
        querystring: ConnectionTestQuerySchema,
        response: { 200: ConnectionTestResultSchema, ...problemResponses(400) },
      },
    },
    async (request) => {
      const region = request.query.region
        ? requireShownRegion(request.query.region, services.config.regions, "querystring.region")
        : (services.config.regions[0] ?? "us-east-1");
      return testConnection(services.gateways, region, request.awsDeadline);
    },
  );
}
