import {
  CreateSavedViewBodySchema,
  RenameSavedViewBodySchema,
  SavedViewListSchema,
  SavedViewParamsPathSchema,
  SavedViewSchema,
} from "@clc/domain";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { HttpProblem } from "../../plugins/http-problem.ts";
import { problemResponses, type ZodApp } from "../types.ts";
import type { SavedViewService, ViewOperator } from "./service.ts";

/** Views belong to operators: these routes are registered only with sign-in (buildApp). */
function operatorOf(request: FastifyRequest): ViewOperator {
  const operator = request.operator;
  if (!operator)
    throw new HttpProblem(401, "unauthenticated", "Sign in first", { hint: "Sign in again at /sign-in." });
  return { username: operator.username, role: operator.role };
}

/** The fleet's saved views: list, save, rename, delete (service.ts says who may do what). */
export function registerSavedViewRoutes(app: ZodApp, views: SavedViewService): void {
  app.get(
    "/api/views",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "listSavedViews",
        tags: ["views"],
        summary: "The signed-in operator's saved views of the fleet and everyone's shared ones, by name.",
        response: { 200: SavedViewListSchema },
      },
    },
    async (request) => ({ items: await views.list(operatorOf(request)) }),
  );

  app.post(
    "/api/views",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "createSavedView",
        tags: ["views"],
        summary:
          "Saves the fleet's filters and sort (its URL parameters, checked as the fleet checks them) under a name, private or shared.",
        body: CreateSavedViewBodySchema,
        response: { 201: SavedViewSchema, ...problemResponses(400, 409) },
      },
    },
    async (request, reply) => {
      const view = await views.create(operatorOf(request), request.body, String(request.id));
      return reply.code(201).send(view);
    },
  );

  app.patch(
    "/api/views/:viewId",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "renameSavedView",
        tags: ["views"],
        summary: "Renames one of the signed-in operator's views.",
        params: SavedViewParamsPathSchema,
        body: RenameSavedViewBodySchema,
        response: { 200: SavedViewSchema, ...problemResponses(400, 403, 404, 409) },
      },
    },
    async (request) =>
      views.rename(operatorOf(request), request.params.viewId, request.body.name, String(request.id)),
  );

  app.delete(
    "/api/views/:viewId",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "deleteSavedView",
        tags: ["views"],
        summary: "Deletes a view: its owner may, and an admin may delete a shared one.",
        params: SavedViewParamsPathSchema,
        response: { 204: z.null(), ...problemResponses(403, 404) },
      },
    },
    async (request, reply) => {
      await views.remove(operatorOf(request), request.params.viewId, String(request.id));
      return reply.code(204).send(null);
    },
  );
}
