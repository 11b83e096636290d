/**
 * Notifications by webhook (issue 19): admins add webhooks and choose the events each hears about;
 * `notify(event)` sends an event to every enabled webhook subscribed to its type, in the
 * background (never blocking the request that caused it), with retries (sender.ts), recording
 * every attempt. Webhook writes go through the audit trail (attempt, then outcome), with the
 * address shown as origin and masked tail only.
 *
 * The secret part of an address (its path and query) is stored as written: the BFF has no key of
 * its own to encrypt it at rest (the database file is private to the BFF's user, 0600). It is read
 * only to send, never answered, never logged.
 */
import { randomUUID } from "node:crypto";
import type { WebhookAttempt, WebhookCreate, WebhookEvent, WebhookUpdate, WebhookView } from "@clc/domain";
import type { FastifyBaseLogger } from "fastify";
import pLimit from "p-limit";
import { badRequest, ServiceError } from "../../lib/errors.ts";
import type { NotificationStore, StoredAttempt, StoredWebhook } from "../../store/notification-types.ts";
import type { AuditEntry, AuditSink } from "../audit/trail.ts";
import { payloadFor } from "./payload.ts";
import { type AttemptOutcome, DEFAULT_TIMING, type DeliveryTiming, sendWithRetries } from "./sender.ts";
import { displayAddress, parseWebhookAddress } from "./url.ts";

/** Who asked, for the audit trail. */
export interface Actor {
  operator: string | null;
  role: "viewer" | "admin" | null;
  requestId: string | null;
}

export interface NotificationService {
  list(): Promise<WebhookView[]>;
  add(input: WebhookCreate, actor: Actor): Promise<WebhookView>;
  update(id: string, change: WebhookUpdate, actor: Actor): Promise<WebhookView>;
  remove(id: string, actor: Actor): Promise<void>;
  /** Sends a test event to this webhook now; answers after its first attempt (retries go on). */
  test(id: string, actor: Actor): Promise<{ eventId: string; attempt: WebhookAttempt }>;
  attempts(id: string, limit: number): Promise<WebhookAttempt[]>;
  /**
   * Sends `event` to the webhooks subscribed to its type, in the background: returns at once and
   * never throws (a failure is logged and recorded as the webhook's attempts).
   */
  notify(event: WebhookEvent): void;
  /** Resolves when every delivery under way has finished (shutdown, tests). */
  settled(): Promise<void>;
}

export interface NotificationDeps {
  store: NotificationStore;
  audit: AuditSink;
  log: FastifyBaseLogger;
  /** Sandbox mode: http to localhost is allowed (tests, local receivers). */
  allowLoopback: boolean;
  timing?: Partial<DeliveryTiming>;
  now?: () => number;
  /** Deliveries sent at once by this process (default 4). */
  concurrency?: number;
}

function toView(w: StoredWebhook): WebhookView {
  return {
    id: w.id,
    name: w.name,
    format: w.format,
    origin: w.origin,
    display: displayAddress(w.origin, w.maskedTail),
    events: [...w.events] as WebhookView["events"],
    enabled: w.enabled,
    createdAt: new Date(w.createdAt).toISOString(),
    createdBy: w.createdBy,
  };
}

function toAttemptView(a: StoredAttempt): WebhookAttempt {
  return {
    id: a.id,
    webhookId: a.webhookId,
    eventId: a.eventId,
    eventType: a.eventType,
    attempt: a.attempt,
    at: new Date(a.at).toISOString(),
    statusCode: a.statusCode,
    ok: a.ok,
    error: a.error,
    retryInMs: a.retryInMs,
  };
}

const notFound = () =>
  new ServiceError("not-found", "webhook-not-found", "No such webhook", {
    detail: "It may have been removed by another admin.",
    hint: "Reload the Notifications page.",
  });

export function createNotificationService(deps: NotificationDeps): NotificationService {
  const now = deps.now ?? Date.now;
  const timing: DeliveryTiming = { ...DEFAULT_TIMING, ...deps.timing };
  const limit = pLimit(deps.concurrency ?? 4);
  const pending = new Set<Promise<unknown>>();

  function track<T>(work: Promise<T>): Promise<T> {
    pending.add(work);
    void work.finally(() => pending.delete(work)).catch(() => undefined);
    return work;
  }

  /** An audited write: the attempt first (a write that cannot be recorded is refused), then the outcome. */
  async function audited<T>(
    actor: Actor,
    action: AuditEntry["action"],
    id: string,
    before: unknown,
    after: unknown,
    work: () => Promise<T>,
    afterOf: (result: T) => unknown,
  ): Promise<T> {
    const common = {
      action,
      operator: actor.operator,
      role: actor.role,
      region: null,
      poolId: null,
      resource: `webhook:${id}`,
      requestId: actor.requestId,
      awsRequestId: null,
    };
    const attemptId = await deps.audit.record({
      ...common,
      outcome: "attempt",
      before,
      after,
      attemptId: null,
      error: null,
    });
    try {
      const result = await work();
      await deps.audit.record({
        ...common,
        outcome: "success",
        before: null,
        after: afterOf(result),
        attemptId,
        error: null,
      });
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await Promise.resolve(
        deps.audit.record({ ...common, outcome: "failure", before: null, after, attemptId, error: message }),
      ).catch(() => undefined);
      throw error;
    }
  }

  /** Delivers one event to one webhook (all its attempts); `first` hears of the first attempt. */
  function deliver(
    webhook: StoredWebhook,
    event: WebhookEvent,
    eventId: string,
    first?: (a: StoredAttempt) => void,
  ) {
    const occurredAt = new Date(now()).toISOString();
    return limit(() =>
      sendWithRetries({
        origin: webhook.origin,
        secretPart: webhook.secretPart,
        body: payloadFor(webhook.format, event, { id: eventId, occurredAt }),
        allowLoopback: deps.allowLoopback,
        timing,
        onAttempt: async (outcome: AttemptOutcome) => {
          const stored: StoredAttempt = {
            id: randomUUID(),
            webhookId: webhook.id,
            eventId,
            eventType: event.type,
            at: now(),
            ...outcome,
          };
          await deps.store.recordAttempt(stored).catch((error: unknown) => {
            deps.log.error({ webhook: webhook.id, err: String(error) }, "recording a webhook attempt failed");
          });
          if (outcome.attempt === 1) first?.(stored);
          if (!outcome.ok && outcome.retryInMs === null)
            deps.log.warn(
              {
                webhook: webhook.id,
                origin: webhook.origin,
                event: event.type,
                eventId,
                attempt: outcome.attempt,
              },
              "a notification was not delivered",
            );
        },
      }),
    );
  }

  async function get(id: string): Promise<StoredWebhook> {
    const webhook = await deps.store.getWebhook(id);
    if (!webhook) throw notFound();
    return webhook;
  }

  return {
    async list() {
      return (await deps.store.listWebhooks()).map(toView);
    },

    async add(input, actor) {
      const address = parseWebhookAddress(input.url, { allowLoopbackHttp: deps.allowLoopback });
      if ("error" in address) throw badRequest(address.error, [{ path: "url", message: address.error }]);
      const webhook: StoredWebhook = {
        id: randomUUID(),
        name: input.name,
        format: input.format,
        ...address,
        enabled: true,
        events: [...new Set(input.events)].sort(),
        createdAt: now(),
        createdBy: actor.operator,
      };
      const view = toView(webhook);
      return audited(
        actor,
        "webhook.add",
        webhook.id,
        null,
        view,
        async () => {
          await deps.store.addWebhook(webhook);
          return view;
        },
        (v) => v,
      );
    },

    async update(id, change, actor) {
      const before = toView(await get(id));
      const after = {
        ...before,
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.events !== undefined ? { events: [...new Set(change.events)].sort() } : {}),
        ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
      };
      return audited(
        actor,
        "webhook.update",
        id,
        before,
        after,
        async () => {
          const updated = await deps.store.updateWebhook(id, {
            ...(change.name !== undefined ? { name: change.name } : {}),
            ...(change.events !== undefined ? { events: after.events } : {}),
            ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
          });
          if (!updated) throw notFound();
          return toView(updated);
        },
        (v) => v,
      );
    },

    async remove(id, actor) {
      const before = toView(await get(id));
      await audited(
        actor,
        "webhook.remove",
        id,
        before,
        null,
        async () => {
          if (!(await deps.store.removeWebhook(id))) throw notFound();
        },
        () => null,
      );
    },

    async test(id, actor) {
      const webhook = await get(id);
      const eventId = randomUUID();
      const event: WebhookEvent = { type: "test", requestedBy: actor.operator };
      return audited(
        actor,
        "webhook.test",
        id,
        null,
        { webhook: toView(webhook).display, eventId },
        () =>
          new Promise<{ eventId: string; attempt: WebhookAttempt }>((resolve, reject) => {
            let answered = false;
            track(
              deliver(webhook, event, eventId, (first) => {
                answered = true;
                resolve({ eventId, attempt: toAttemptView(first) });
              }),
            ).then(
              () => {
                if (!answered) reject(new Error("the test notification made no attempt"));
              },
              (error: unknown) => reject(error),
            );
          }),
        (r) => ({
          eventId: r.eventId,
          statusCode: r.attempt.statusCode,
          ok: r.attempt.ok,
          error: r.attempt.error,
        }),
      );
    },

    async attempts(id, max) {
      await get(id);
      return (await deps.store.listAttempts(id, max)).map(toAttemptView);
    },

    notify(event) {
      const eventId = randomUUID();
      track(
        (async () => {
          const webhooks = await deps.store.subscribers(event.type);
          await Promise.all(webhooks.map((w) => deliver(w, event, eventId)));
        })().catch((error: unknown) => {
          deps.log.error({ event: event.type, eventId, err: String(error) }, "sending a notification failed");
        }),
      );
    },

    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
