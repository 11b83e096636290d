import type pg from "pg";
import type { NotificationStore } from "../notification-types.ts";
import {
  ATTEMPT_INSERT,
  type AttemptRow,
  attemptParams,
  toAttempt,
  toWebhook,
  WEBHOOK_SELECT,
  type WebhookRow,
} from "../sqlite/notifications.ts";
import { inTransaction } from "./index.ts";

/**
 * PostgreSQL: several replicas. `transition` locks the (pool, condition) row (inserting it first if
 * missing) in one transaction, so of replicas moving it at once exactly one sees the old state.
 */
export function postgresNotifications(pool: pg.Pool): NotificationStore {
  async function get(client: pg.Pool | pg.PoolClient, id: string) {
    const { rows } = await client.query<WebhookRow>(`${WEBHOOK_SELECT} WHERE w.id = $1`, [id]);
    return rows[0] ? toWebhook(rows[0]) : null;
  }
  async function subscribe(client: pg.PoolClient, id: string, events: readonly string[]) {
    for (const event of new Set(events))
      await client.query("INSERT INTO webhook_subscriptions (webhook_id, event_type) VALUES ($1, $2)", [
        id,
        event,
      ]);
  }
  return {
    async addWebhook(w) {
      await inTransaction(pool, async (client) => {
        await client.query(
          `INSERT INTO webhooks (id, name, format, origin, secret_part, masked_tail, enabled, created_at, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            w.id,
            w.name,
            w.format,
            w.origin,
            w.secretPart,
            w.maskedTail,
            w.enabled ? 1 : 0,
            w.createdAt,
            w.createdBy,
          ],
        );
        await subscribe(client, w.id, w.events);
      });
    },
    async listWebhooks() {
      const { rows } = await pool.query<WebhookRow>(`${WEBHOOK_SELECT} ORDER BY w.created_at DESC, w.id`);
      return rows.map(toWebhook);
    },
    getWebhook: (id) => get(pool, id),
    async updateWebhook(id, change) {
      return inTransaction(pool, async (client) => {
        const { rowCount } = await client.query("SELECT 1 FROM webhooks WHERE id = $1 FOR UPDATE", [id]);
        if (!rowCount) return null;
        if (change.name !== undefined)
          await client.query("UPDATE webhooks SET name = $1 WHERE id = $2", [change.name, id]);
        if (change.enabled !== undefined)
          await client.query("UPDATE webhooks SET enabled = $1 WHERE id = $2", [change.enabled ? 1 : 0, id]);
        if (change.events !== undefined) {
          await client.query("DELETE FROM webhook_subscriptions WHERE webhook_id = $1", [id]);
          await subscribe(client, id, change.events);
        }
        return get(client, id);
      });
    },
    async removeWebhook(id) {
      const { rowCount } = await pool.query("DELETE FROM webhooks WHERE id = $1", [id]);
      return (rowCount ?? 0) > 0;
    },
    async subscribers(eventType) {
      const { rows } = await pool.query<WebhookRow>(
        `${WEBHOOK_SELECT} WHERE w.enabled = 1 AND EXISTS (SELECT 1 FROM webhook_subscriptions s
           WHERE s.webhook_id = w.id AND s.event_type = $1) ORDER BY w.created_at`,
        [eventType],
      );
      return rows.map(toWebhook);
    },
    async recordAttempt(a) {
      // A webhook removed while its delivery was under way keeps no attempts.
      await pool.query(
        ATTEMPT_INSERT((n) => `$${n}`),
        attemptParams(a),
      );
    },
    async listAttempts(webhookId, limit) {
      const { rows } = await pool.query<AttemptRow>(
        "SELECT * FROM webhook_attempts WHERE webhook_id = $1 ORDER BY at DESC, attempt DESC LIMIT $2",
        [webhookId, limit],
      );
      return rows.map(toAttempt);
    },
    async transition(poolKey, condition, state, now) {
      return inTransaction(pool, async (client) => {
        // The row exists from here on (ON CONFLICT: another replica's), and FOR UPDATE waits for
        // whoever is moving it, then reads what they committed.
        const inserted = await client.query(
          `INSERT INTO notification_states (pool_key, condition, state, changed_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (pool_key, condition) DO NOTHING`,
          [poolKey, condition, state, now],
        );
        if (inserted.rowCount === 1) return { changed: true, previous: null };
        const { rows } = await client.query<{ state: string }>(
          "SELECT state FROM notification_states WHERE pool_key = $1 AND condition = $2 FOR UPDATE",
          [poolKey, condition],
        );
        const previous = rows[0]?.state ?? null;
        if (previous === state) return { changed: false, previous };
        await client.query(
          "UPDATE notification_states SET state = $3, changed_at = $4 WHERE pool_key = $1 AND condition = $2",
          [poolKey, condition, state, now],
        );
        return { changed: true, previous };
      });
    },
  };
}
