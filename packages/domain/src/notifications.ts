/**
 * Notifications by webhook (issue 19, "It speaks up"): what an admin can subscribe a webhook to,
 * what the console sends, and the API's shapes. The BFF's features/notifications sends them; the
 * web's Notifications page edits them.
 */
import { z } from "zod";
import { EventSourceSchema } from "./model.ts";

/**
 * What a webhook can hear about. `pool.blocking`: a pool's findings gained a blocking one (it was
 * not blocking at the previous read). `pool.delivery`: an event source of a pool turned silent or
 * failing (the delivery feature's verdict). `pool.drift`: a pool drifted from the logging standard.
 * `batch.finished`: a bulk apply batch ended (completed, cancelled or failed).
 */
export const WEBHOOK_EVENT_TYPES = [
  "pool.blocking",
  "pool.delivery",
  "pool.drift",
  "batch.finished",
] as const;
export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof WebhookEventTypeSchema>;

/** How each event type reads on the Notifications page. */
export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  "pool.blocking": "A pool turns blocking (a finding blocks its log delivery)",
  "pool.delivery": "A pool's logs turn silent or failing",
  "pool.drift": "A pool drifts from the logging standard",
  "batch.finished": "A batch of changes ends",
};

/** `generic`: the event as JSON (WebhookPayload). `slack`: Slack's incoming-webhook message (`text` and `blocks`). */
export const WEBHOOK_FORMATS = ["generic", "slack"] as const;
export const WebhookFormatSchema = z.enum(WEBHOOK_FORMATS);
export type WebhookFormat = z.infer<typeof WebhookFormatSchema>;

/** The pool an event is about: a pool is (account, region, id). */
export const WebhookPoolSchema = z.object({
  accountId: z.string().nullable(),
  region: z.string(),
  id: z.string(),
  name: z.string().nullable(),
});
export type WebhookPool = z.infer<typeof WebhookPoolSchema>;

const ReasonSchema = z.object({ id: z.string(), message: z.string() });

/**
 * What happened, as the features that notice it call `notify(event)` with it (BFF
 * features/notifications/service.ts). The console adds the id and time when it sends it.
 */
export const WebhookEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("pool.blocking"),
    pool: WebhookPoolSchema,
    /** The blocking findings now. */
    findings: z.array(ReasonSchema),
  }),
  z.object({
    type: z.literal("pool.delivery"),
    pool: WebhookPoolSchema,
    eventSource: EventSourceSchema,
    state: z.enum(["silent", "failing"]),
    /** The state at the previous read of the same window. */
    previous: z.string(),
    /** The delivery window the verdict is about, e.g. `24h`. */
    window: z.string(),
    reason: z.string(),
  }),
  z.object({
    type: z.literal("pool.drift"),
    pool: WebhookPoolSchema,
    /** The standard's rules the pool no longer meets. */
    rules: z.array(ReasonSchema),
  }),
  z.object({
    type: z.literal("batch.finished"),
    batch: z.object({
      id: z.string(),
      name: z.string().nullable(),
      outcome: z.enum(["completed", "cancelled", "failed"]),
      succeeded: z.number().int().nonnegative(),
      failed: z.number().int().nonnegative(),
      skipped: z.number().int().nonnegative(),
    }),
  }),
  z.object({
    type: z.literal("test"),
    /** Who pressed "Send test". */
    requestedBy: z.string().nullable(),
  }),
]);
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;

/** The body of a `generic` webhook's POST. */
export const WebhookPayloadSchema = z.object({
  /** Unique per event: a receiver can drop a retried duplicate by it. */
  id: z.string(),
  /** ISO 8601. */
  occurredAt: z.string(),
  /** One line in the user's terms. */
  summary: z.string(),
  /** The console's path of the thing it is about (prefix it with the console's address). */
  path: z.string().nullable(),
  event: WebhookEventSchema,
});
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;

// ---------- API ----------

export const WebhookCreateSchema = z.object({
  name: z.string().trim().min(1).max(100),
  /**
   * The webhook's address. Its path and query are its secret (Slack's `/services/T…/B…/…`): kept by
   * the console and never shown again. https only (http to localhost in sandbox mode).
   */
  url: z.string().trim().min(1).max(2000),
  format: WebhookFormatSchema,
  events: z.array(WebhookEventTypeSchema).max(WEBHOOK_EVENT_TYPES.length),
});
export type WebhookCreate = z.infer<typeof WebhookCreateSchema>;

export const WebhookUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    events: z.array(WebhookEventTypeSchema).max(WEBHOOK_EVENT_TYPES.length).optional(),
    enabled: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, {
    message: "Say what to change: name, events or enabled.",
  });
export type WebhookUpdate = z.infer<typeof WebhookUpdateSchema>;

/** A webhook as the API shows it: never its secret. */
export const WebhookViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  format: WebhookFormatSchema,
  /** Scheme, host and port, e.g. `https://hooks.slack.com`. */
  origin: z.string(),
  /** The origin and a masked tail of the secret, e.g. `https://hooks.slack.com/…Qa9x`. */
  display: z.string(),
  events: z.array(WebhookEventTypeSchema),
  enabled: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type WebhookView = z.infer<typeof WebhookViewSchema>;

export const WebhookListSchema = z.object({ items: z.array(WebhookViewSchema) });
export type WebhookList = z.infer<typeof WebhookListSchema>;

/** One delivery attempt of one event to one webhook. */
export const WebhookAttemptSchema = z.object({
  id: z.string(),
  webhookId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  /** 1 for the first try. */
  attempt: z.number().int().positive(),
  at: z.string(),
  /** The receiver's HTTP status; null when no answer came (refused, timed out, unreachable). */
  statusCode: z.number().int().nullable(),
  ok: z.boolean(),
  /** Why it failed, in the user's terms (never the webhook's secret). */
  error: z.string().nullable(),
  /** Milliseconds until the next attempt; null when this was the last one. */
  retryInMs: z.number().int().nullable(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttemptSchema>;

export const WebhookAttemptListSchema = z.object({ items: z.array(WebhookAttemptSchema) });
export type WebhookAttemptList = z.infer<typeof WebhookAttemptListSchema>;

export const WebhookTestResultSchema = z.object({
  eventId: z.string(),
  /** The first attempt (retries, if any, go on in the background and appear in the attempts). */
  attempt: WebhookAttemptSchema,
});
export type WebhookTestResult = z.infer<typeof WebhookTestResultSchema>;
