import {
  queryInteger,
  WebhookAttemptListSchema,
  WebhookCreateSchema,
  WebhookListSchema,
  WebhookTestResultSchema,
  WebhookUpdateSchema,
  WebhookViewSchema,
} from "@clc/domain";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { requireOperator } from "../../plugins/access.ts";
import { problemResponses, type ZodApp } from "../types.ts";
import type { Actor, NotificationService } from "./service.ts";

const WebhookParamsSchema = z.object({ webhookId: z.string().uuid() });
const AttemptsQuerySchema = z.object({ limit: queryInteger({ min: 1, max: 500, fallback: 100 }) });

/**
 * Log paths where a webhook's address could appear if a body were logged by mistake; buildApp's
 * pino redaction includes them (the address's path is the webhook's secret).
 */
export const NOTIFICATION_SECRET_LOG_PATHS = ["req.body.url", "body.url", "webhook.url"] as const;

function actorOf(request: FastifyRequest): Actor {
  const operator = requireOperator(request);
  return { operator: operator.username, role: operator.role, requestId: String(request.id) };
}

/** Webhooks (admins only: their attempts and events describe the whole fleet). */
export function registerNotificationRoutes(app: ZodApp, notifications: NotificationService): void {
  const tags = ["notifications"];
  app.get(
    "/api/notifications/webhooks",
    {
      config: { access: "admin" },
      schema: {
        operationId: "listWebhooks",
        tags,
        summary: "The webhooks notifications go to, each with the events it hears about (never its secret).",
        response: { 200: WebhookListSchema },
      },
    },
    async () => ({ items: await notifications.list() }),
  );

  app.post(
    "/api/notifications/webhooks",
    {
      config: { access: "admin" },
      schema: {
        operationId: "addWebhook",
        tags,
        summary:
          "Adds a webhook (generic JSON or Slack). Its address's path and query are its secret: kept, never shown again. https only; never link-local or metadata addresses.",
        body: WebhookCreateSchema,
        response: { 201: WebhookViewSchema, ...problemResponses(400, 503) },
      },
    },
    async (request, reply) => {
      const view = await notifications.add(request.body, actorOf(request));
      return reply.code(201).send(view);
    },
  );

  app.patch(
    "/api/notifications/webhooks/:webhookId",
    {
      config: { access: "admin" },
      schema: {
        operationId: "updateWebhook",
        tags,
        summary: "Renames a webhook, changes the events it hears about, or turns it off and on.",
        params: WebhookParamsSchema,
        body: WebhookUpdateSchema,
        response: { 200: WebhookViewSchema, ...problemResponses(400, 404, 503) },
      },
    },
    async (request) => notifications.update(request.params.webhookId, request.body, actorOf(request)),
  );

  app.delete(
    "/api/notifications/webhooks/:webhookId",
    {
      config: { access: "admin" },
      schema: {
        operationId: "removeWebhook",
        tags,
        summary: "Removes a webhook with its attempts.",
        params: WebhookParamsSchema,
        response: { 204: z.null(), ...problemResponses(404, 503) },
      },
    },
    async (request, reply) => {
      await notifications.remove(request.params.webhookId, actorOf(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/notifications/webhooks/:webhookId/test",
    {
      config: { access: "admin" },
      schema: {
        operationId: "testWebhook",
        tags,
        summary:
          "Sends a test notification to this webhook; answers its first attempt (retries, if it failed, go on and appear in the attempts).",
        params: WebhookParamsSchema,
        response: { 200: WebhookTestResultSchema, ...problemResponses(404, 503) },
      },
    },
    async (request) => notifications.test(request.params.webhookId, actorOf(request)),
  );

  app.get(
    "/api/notifications/webhooks/:webhookId/attempts",
    {
      config: { access: "admin" },
      schema: {
        operationId: "listWebhookAttempts",
        tags,
        summary:
          "Every delivery attempt to this webhook, newest first: time, HTTP status or error, attempt number.",
        params: WebhookParamsSchema,
        querystring: AttemptsQuerySchema,
        response: { 200: WebhookAttemptListSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => ({
      items: await notifications.attempts(request.params.webhookId, request.query.limit),
    }),
  );
}
