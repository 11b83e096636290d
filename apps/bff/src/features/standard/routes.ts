import {
  ExemptionInputSchema,
  ExemptionListResponseSchema,
  ExemptionSchema,
  StandardDocumentSchema,
  StandardEvaluationQuerySchema,
  StandardEvaluationResponseSchema,
  StandardSchema,
} from "@clc/domain";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { HttpProblem } from "../../plugins/http-problem.ts";
import type { Services } from "../../wiring.ts";
import { problemResponses, type ZodApp } from "../types.ts";
import { standardTrailFor } from "./trail.ts";

/** ETags: `"standard-r<revision>"` for the standard, `"exemption-r<revision>"` for an exemption. */
const etag = (what: "standard" | "exemption", revision: number) => `"${what}-r${revision}"`;

/** If-Match is optional in the schema so that its absence is a 428 (not a 400). */
function ifMatchHeaders(what: "standard" | "exemption") {
  return z.object({
    "if-match": z
      .string()
      .regex(
        new RegExp(`^"${what}-r\\d{1,12}"$`),
        `Expected the ETag the ${what} was read with, such as "${what}-r3"`,
      )
      .optional(),
  });
}
const StandardHeadersSchema = ifMatchHeaders("standard");
const ExemptionHeadersSchema = ifMatchHeaders("exemption");

function revisionOf(what: "standard" | "exemption", value: string | undefined): number {
  if (value === undefined) {
    throw new HttpProblem(428, "precondition-required", "If-Match is required", {
      detail: `Changes to the ${what} must name the revision they were made on, so a concurrent change is never overwritten.`,
      hint: `Send the ETag of the ${what} as you read it in the If-Match header.`,
    });
  }
  return Number(value.slice(what.length + 3, -1));
}

const ExemptionParamsSchema = z.object({ id: z.string().uuid("Expected an exemption id") });
const ExemptionAnswerSchema = ExemptionSchema.extend({ expired: z.boolean() });

export function registerStandardRoutes(app: ZodApp, services: Services): void {
  const { standard } = services;
  const trail = (request: FastifyRequest, action: Parameters<typeof standardTrailFor>[2]) =>
    standardTrailFor(services.audit, request, action);

  app.get(
    "/api/standard",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "getStandard",
        tags: ["standard"],
        summary: "The logging standard, with its revision (ETag).",
        response: { 200: StandardDocumentSchema },
      },
    },
    async (_request, reply) => {
      const document = await standard.get();
      return reply.header("etag", etag("standard", document.revision)).send(document);
    },
  );

  app.put(
    "/api/standard",
    {
      config: { access: "admin" },
      schema: {
        operationId: "putStandard",
        tags: ["standard"],
        summary: "Replaces the standard, if If-Match names its current revision (412 otherwise). Audited.",
        headers: StandardHeadersSchema,
        body: StandardSchema,
        response: { 200: StandardDocumentSchema, ...problemResponses(400, 412, 428, 503) },
      },
    },
    async (request, reply) => {
      const revision = revisionOf("standard", request.headers["if-match"]);
      const document = await standard.put(request.body, revision, trail(request, "standard.update"));
      return reply.header("etag", etag("standard", document.revision)).send(document);
    },
  );

  app.get(
    "/api/standard/exemptions",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "listExemptions",
        tags: ["standard"],
        summary: "Every exemption from the standard, expired ones included (flagged).",
        response: { 200: ExemptionListResponseSchema },
      },
    },
    async () => ({ items: await standard.listExemptions() }),
  );

  app.post(
    "/api/standard/exemptions",
    {
      config: { access: "admin" },
      schema: {
        operationId: "createExemption",
        tags: ["standard"],
        summary:
          "Exempts a pool (by id) or the pools matching a pattern, with a reason and an optional expiry. Audited.",
        body: ExemptionInputSchema,
        response: { 201: ExemptionAnswerSchema, ...problemResponses(400, 503) },
      },
    },
    async (request, reply) => {
      const exemption = await standard.createExemption(
        request.body,
        trail(request, "standard.exemption.create"),
      );
      return reply.code(201).header("etag", etag("exemption", exemption.revision)).send(exemption);
    },
  );

  app.get(
    "/api/standard/exemptions/:id",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "getExemption",
        tags: ["standard"],
        summary: "One exemption, with its revision (ETag).",
        params: ExemptionParamsSchema,
        response: { 200: ExemptionAnswerSchema, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const exemption = await standard.getExemption(request.params.id);
      return reply.header("etag", etag("exemption", exemption.revision)).send(exemption);
    },
  );

  app.put(
    "/api/standard/exemptions/:id",
    {
      config: { access: "admin" },
      schema: {
        operationId: "updateExemption",
        tags: ["standard"],
        summary: "Replaces an exemption, if If-Match names its current revision. Audited.",
        params: ExemptionParamsSchema,
        headers: ExemptionHeadersSchema,
        body: ExemptionInputSchema,
        response: { 200: ExemptionAnswerSchema, ...problemResponses(400, 404, 412, 428, 503) },
      },
    },
    async (request, reply) => {
      const revision = revisionOf("exemption", request.headers["if-match"]);
      const exemption = await standard.updateExemption(
        request.params.id,
        request.body,
        revision,
        trail(request, "standard.exemption.update"),
      );
      return reply.header("etag", etag("exemption", exemption.revision)).send(exemption);
    },
  );

  app.delete(
    "/api/standard/exemptions/:id",
    {
      config: { access: "admin" },
      schema: {
        operationId: "deleteExemption",
        tags: ["standard"],
        summary: "Removes an exemption, if If-Match names its current revision. Audited.",
        params: ExemptionParamsSchema,
        headers: ExemptionHeadersSchema,
        response: { 204: z.null(), ...problemResponses(400, 404, 412, 428, 503) },
      },
    },
    async (request, reply) => {
      const revision = revisionOf("exemption", request.headers["if-match"]);
      await standard.deleteExemption(
        request.params.id,
        revision,
        trail(request, "standard.exemption.delete"),
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/standard/evaluation",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "getStandardEvaluation",
        tags: ["standard"],
        summary:
          "Each pool of the fleet's rows against the standard (compliant, drift, cannot comply, exempt), with counts. No AWS call.",
        querystring: StandardEvaluationQuerySchema,
        response: { 200: StandardEvaluationResponseSchema, ...problemResponses(400) },
      },
    },
    async (request) => standard.evaluate(request.query),
  );
}
