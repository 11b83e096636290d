/**
 * The notifications' store on SQLite and a real PostgreSQL: two replicas seeing the same pool turn
 * blocking at once notify once (exactly one `transition` answers changed), webhooks keep their
 * subscriptions, and removing a webhook removes its attempts.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { StoredWebhook } from "../src/store/notification-types.ts";
import type { Stores } from "../src/store/types.ts";
import { BACKENDS, type FreshDatabase } from "./store-support.ts";

const WEBHOOK: StoredWebhook = {
  id: "6f1c1c3e-8a51-4c1e-9f57-0d2b7b1a0001",
  name: "Slack #ops",
  format: "slack",
  origin: "https://hooks.slack.com",
  secretPart: "/services/T000/B000/abcdefghijklmnop",
  maskedTail: "mnop",
  enabled: true,
  events: ["pool.blocking", "batch.finished"],
  createdAt: 1_000,
  createdBy: "alice",
};

describe.each(BACKENDS)("notifications on the $name store", (backend) => {
  let database: FreshDatabase | undefined;
  const opened: Stores[] = [];
  afterEach(async () => {
    for (const stores of opened.splice(0)) await stores.close();
    await database?.dispose();
  });
  if (backend.skip) {
    it.skip(`skipped: ${backend.skip}`, () => {});
    return;
  }
  async function replicas(): Promise<[Stores, Stores]> {
    database = await backend.fresh();
    const [a, b] = await Promise.all([database.open(), database.open()]);
    opened.push(a, b);
    return [a, b];
  }

  it("moves a (pool, condition) once for replicas that see the same change at once", async () => {
    const [a, b] = await replicas();
    expect(await a.notifications.transition("p1", "blocking", "clear", 1)).toEqual({
      changed: true,
      previous: null,
    });
    expect(await b.notifications.transition("p1", "blocking", "clear", 2)).toEqual({
      changed: false,
      previous: "clear",
    });
    const moves = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).notifications.transition("p1", "blocking", "blocking", 3),
      ),
    );
    expect(moves.filter((m) => m.changed)).toEqual([{ changed: true, previous: "clear" }]);
    // Another condition of the same pool is its own row.
    expect(await b.notifications.transition("p1", "delivery:userNotification:24h", "silent", 4)).toEqual({
      changed: true,
      previous: null,
    });
  });

  it("keeps webhooks with their subscriptions; removing one removes its attempts", async () => {
    const [a, b] = await replicas();
    await a.notifications.addWebhook(WEBHOOK);
    expect(await b.notifications.getWebhook(WEBHOOK.id)).toEqual({
      ...WEBHOOK,
      events: ["batch.finished", "pool.blocking"],
    });
    expect((await b.notifications.subscribers("pool.blocking")).map((w) => w.id)).toEqual([WEBHOOK.id]);
    expect(await b.notifications.subscribers("pool.drift")).toEqual([]);
    await b.notifications.updateWebhook(WEBHOOK.id, { events: ["pool.drift"], enabled: false });
    expect(await a.notifications.subscribers("pool.drift")).toEqual([]);
    expect((await a.notifications.getWebhook(WEBHOOK.id))?.events).toEqual(["pool.drift"]);
    await a.notifications.recordAttempt({
      id: "a1",
      webhookId: WEBHOOK.id,
      eventId: "e1",
      eventType: "test",
      attempt: 1,
      at: 5,
      statusCode: 500,
      ok: false,
      error: "The receiver answered HTTP 500.",
      retryInMs: 1000,
    });
    expect(await b.notifications.listAttempts(WEBHOOK.id, 10)).toHaveLength(1);
    expect(await b.notifications.removeWebhook(WEBHOOK.id)).toBe(true);
    expect(await a.notifications.listAttempts(WEBHOOK.id, 10)).toEqual([]);
    expect(await a.notifications.updateWebhook(WEBHOOK.id, { name: "gone" })).toBeNull();
  });
});
