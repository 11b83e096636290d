import type Database from "better-sqlite3";
import type { NotificationStore, StoredAttempt, StoredWebhook } from "../notification-types.ts";

interface WebhookRow {
  id: string;
  name: string;
  format: "generic" | "slack";
  origin: string;
  secret_part: string;
  masked_tail: string;
  enabled: number;
  created_at: number;
  created_by: string | null;
  events: string | null;
}

interface AttemptRow {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  attempt: number;
  at: number;
  status_code: number | null;
  ok: number;
  error: string | null;
  retry_in_ms: number | null;
}

/** Shared with the PostgreSQL store: one SELECT, the events folded into one text. */
export const WEBHOOK_SELECT = `SELECT w.id, w.name, w.format, w.origin, w.secret_part, w.masked_tail, w.enabled,
  w.created_at, w.created_by,
  (SELECT string_agg(s.event_type, ',') FROM webhook_subscriptions s WHERE s.webhook_id = w.id) AS events
  FROM webhooks w`;

export function toWebhook(row: WebhookRow): StoredWebhook {
  return {
    id: row.id,
    name: row.name,
    format: row.format,
    origin: row.origin,
    secretPart: row.secret_part,
    maskedTail: row.masked_tail,
    enabled: Boolean(row.enabled),
    events: row.events ? row.events.split(",").sort() : [],
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export function toAttempt(row: AttemptRow): StoredAttempt {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    eventType: row.event_type,
    attempt: row.attempt,
    at: row.at,
    statusCode: row.status_code,
    ok: Boolean(row.ok),
    error: row.error,
    retryInMs: row.retry_in_ms,
  };
}

export type { AttemptRow, WebhookRow };

/**
 * Records an attempt unless its webhook is gone (removed while its delivery was under way); the
 * placeholders are the dialect's (`?` or `$n`), the parameters `attemptParams`'s.
 */
export const ATTEMPT_INSERT = (p: (n: number) => string) =>
  `INSERT INTO webhook_attempts (id, webhook_id, event_id, event_type, attempt, at, status_code, ok, error, retry_in_ms)
   SELECT ${Array.from({ length: 10 }, (_, i) => p(i + 1)).join(", ")}
   WHERE EXISTS (SELECT 1 FROM webhooks WHERE id = ${p(11)})`;

export function attemptParams(a: StoredAttempt): unknown[] {
  const { id, webhookId, eventId, eventType, attempt, at, statusCode, ok, error, retryInMs } = a;
  return [
    id,
    webhookId,
    eventId,
    eventType,
    attempt,
    at,
    statusCode,
    ok ? 1 : 0,
    error,
    retryInMs,
    webhookId,
  ];
}

/** SQLite: one process, one writer; each multi-statement step is a transaction. */
export function sqliteNotifications(db: Database.Database): NotificationStore {
  // SQLite's group_concat is PostgreSQL's string_agg.
  const select = WEBHOOK_SELECT.replace("string_agg(s.event_type, ',')", "group_concat(s.event_type, ',')");
  const getOne = db.prepare(`${select} WHERE w.id = ?`);
  const subscribe = db.prepare("INSERT INTO webhook_subscriptions (webhook_id, event_type) VALUES (?, ?)");
  const unsubscribeAll = db.prepare("DELETE FROM webhook_subscriptions WHERE webhook_id = ?");
  const get = (id: string) => {
    const row = getOne.get(id) as WebhookRow | undefined;
    return row ? toWebhook(row) : null;
  };
  const add = db.transaction((w: StoredWebhook) => {
    db.prepare(
      `INSERT INTO webhooks (id, name, format, origin, secret_part, masked_tail, enabled, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      w.id,
      w.name,
      w.format,
      w.origin,
      w.secretPart,
      w.maskedTail,
      w.enabled ? 1 : 0,
      w.createdAt,
      w.createdBy,
    );
    for (const event of new Set(w.events)) subscribe.run(w.id, event);
  });
  const update = db.transaction(
    (id: string, change: { name?: string; events?: readonly string[]; enabled?: boolean }) => {
      if (!get(id)) return null;
      if (change.name !== undefined)
        db.prepare("UPDATE webhooks SET name = ? WHERE id = ?").run(change.name, id);
      if (change.enabled !== undefined)
        db.prepare("UPDATE webhooks SET enabled = ? WHERE id = ?").run(change.enabled ? 1 : 0, id);
      if (change.events !== undefined) {
        unsubscribeAll.run(id);
        for (const event of new Set(change.events)) subscribe.run(id, event);
      }
      return get(id);
    },
  );
  // Prepared once: a cold fleet read judges every pool (a transition each), and preparing the two
  // statements per call was most of a transition's CPU (issue 14's org bench).
  const selectState = db.prepare(
    "SELECT state FROM notification_states WHERE pool_key = ? AND condition = ?",
  );
  const upsertState = db.prepare(
    `INSERT INTO notification_states (pool_key, condition, state, changed_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (pool_key, condition) DO UPDATE SET state = excluded.state, changed_at = excluded.changed_at`,
  );
  const transition = db.transaction((poolKey: string, condition: string, state: string, now: number) => {
    const row = selectState.get(poolKey, condition) as { state: string } | undefined;
    if (row?.state === state) return { changed: false, previous: state };
    upsertState.run(poolKey, condition, state, now);
    return { changed: true, previous: row?.state ?? null };
  });
  return {
    async addWebhook(webhook) {
      add(webhook);
    },
    async listWebhooks() {
      return (db.prepare(`${select} ORDER BY w.created_at DESC, w.id`).all() as WebhookRow[]).map(toWebhook);
    },
    async getWebhook(id) {
      return get(id);
    },
    async updateWebhook(id, change) {
      return update(id, change);
    },
    async removeWebhook(id) {
      return db.prepare("DELETE FROM webhooks WHERE id = ?").run(id).changes > 0;
    },
    async subscribers(eventType) {
      const rows = db
        .prepare(
          `${select} WHERE w.enabled = 1 AND EXISTS (SELECT 1 FROM webhook_subscriptions s
             WHERE s.webhook_id = w.id AND s.event_type = ?) ORDER BY w.created_at`,
        )
        .all(eventType) as WebhookRow[];
      return rows.map(toWebhook);
    },
    async recordAttempt(a) {
      db.prepare(ATTEMPT_INSERT(() => "?")).run(...attemptParams(a));
    },
    async listAttempts(webhookId, limit) {
      const rows = db
        .prepare("SELECT * FROM webhook_attempts WHERE webhook_id = ? ORDER BY at DESC, attempt DESC LIMIT ?")
        .all(webhookId, limit) as AttemptRow[];
      return rows.map(toAttempt);
    },
    async transition(poolKey, condition, state, now) {
      return transition(poolKey, condition, state, now);
    },
  };
}
