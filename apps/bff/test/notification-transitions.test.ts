/**
 * What notifies: a delivery verdict entering silent or failing (not each read of it, not the first
 * state seen, not a recovery), and `notify(event)` from other features (a batch ending, a drift)
 * reaching exactly the webhooks subscribed to its type. A real SQLite store and a receiver this
 * test starts; no stubs.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { PoolDeliveryResponse, WebhookEvent, WebhookPayload } from "@clc/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNotificationService } from "../src/features/notifications/service.ts";
import { createTransitionWatch } from "../src/features/notifications/transitions.ts";
import { createSqliteStores } from "../src/store/sqlite/index.ts";
import type { Stores } from "../src/store/types.ts";

const silentLog = { error() {}, warn() {}, info() {}, debug() {} } as never;

function answer(state: string, window = "24h"): PoolDeliveryResponse {
  const source = (eventSource: string, s: string) => ({
    eventSource,
    state: s,
    reason: { id: s, message: `it is ${s}` },
  });
  return {
    poolId: "us-east-1_Pool1",
    region: "us-east-1",
    window: { text: window },
    sources: {
      userNotification: source("userNotification", state),
      userAuthEvents: source("userAuthEvents", "not-applicable"),
    },
  } as unknown as PoolDeliveryResponse;
}

let stores: Stores;
let server: Server;
let origin: string;
const bodies = new Map<string, WebhookPayload[]>();

beforeAll(async () => {
  stores = createSqliteStores(":memory:");
  server = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk) => {
      text += chunk;
    });
    request.on("end", () => {
      const list = bodies.get(request.url ?? "") ?? [];
      list.push(JSON.parse(text));
      bodies.set(request.url ?? "", list);
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await stores.close();
  await new Promise((resolve) => server.close(resolve));
});

describe("transitions of delivery", () => {
  it("notify when a source enters silent or failing, once per change", async () => {
    const events: WebhookEvent[] = [];
    const watch = createTransitionWatch({
      store: stores.notifications,
      notify: (e) => events.push(e),
      log: silentLog,
    });
    const states = [
      "delivering",
      "silent",
      "silent",
      "failing",
      "unknown",
      "failing",
      "delivering",
      "silent",
    ];
    for (const state of states) {
      watch.delivery(answer(state), "123456789012", "pool-one");
      await watch.settled();
    }
    // Another window's verdict is its own: its first state is a baseline.
    watch.delivery(answer("silent", "5m"), "123456789012", "pool-one");
    await watch.settled();
    expect(events.map((e) => (e.type === "pool.delivery" ? `${e.previous}→${e.state}` : e.type))).toEqual([
      "delivering→silent",
      "silent→failing",
      "delivering→silent",
    ]);
    expect(events[0]).toMatchObject({
      type: "pool.delivery",
      pool: { accountId: "123456789012", region: "us-east-1", id: "us-east-1_Pool1", name: "pool-one" },
      eventSource: "userNotification",
      window: "24h",
      reason: "it is silent",
    });
  });

  it("a second process sharing the store does not notify a change the first already did", async () => {
    const first: WebhookEvent[] = [];
    const second: WebhookEvent[] = [];
    const a = createTransitionWatch({
      store: stores.notifications,
      notify: (e) => first.push(e),
      log: silentLog,
    });
    const b = createTransitionWatch({
      store: stores.notifications,
      notify: (e) => second.push(e),
      log: silentLog,
    });
    const pool = (state: string) => ({ ...answer(state, "1h") });
    a.delivery(pool("delivering"), null, null);
    await a.settled();
    a.delivery(pool("failing"), null, null);
    b.delivery(pool("failing"), null, null);
    await Promise.all([a.settled(), b.settled()]);
    expect(first.length + second.length).toBe(1);
  });
});

describe("notify(event)", () => {
  it("reaches the webhooks subscribed to the event's type only", async () => {
    const service = createNotificationService({
      store: stores.notifications,
      audit: { record: () => "1" },
      log: silentLog,
      allowLoopback: true,
    });
    const actor = { operator: "alice", role: "admin" as const, requestId: null };
    const batches = await service.add(
      { name: "batches", url: `${origin}/batches-secret`, format: "generic", events: ["batch.finished"] },
      actor,
    );
    await service.add(
      { name: "drift", url: `${origin}/drift-secret`, format: "generic", events: ["pool.drift"] },
      actor,
    );
    service.notify({
      type: "batch.finished",
      batch: {
        id: "b1",
        name: "Send all to the central log group",
        outcome: "completed",
        succeeded: 9,
        failed: 1,
        skipped: 0,
      },
    });
    await service.settled();
    expect(bodies.get("/batches-secret")?.map((b) => b.summary)).toEqual([
      "Batch Send all to the central log group completed: 9 succeeded, 1 failed, 0 skipped.",
    ]);
    expect(bodies.get("/drift-secret")).toBeUndefined();
    expect((await service.attempts(batches.id, 10)).map((a) => [a.eventType, a.ok])).toEqual([
      ["batch.finished", true],
    ]);
  });
});
