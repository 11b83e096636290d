/**
 * What a webhook receives: the event as JSON (`generic`), or a Slack incoming-webhook message
 * (`slack`): `text` (the notification's fallback, shown where blocks are not) and `blocks` (Block
 * Kit: a section of mrkdwn text, at most 3,000 characters, and a context line). Slack reads `&`, `<`
 * and `>` as markup (`<!channel>` would ping a channel), so every text from AWS or users is escaped
 * as Slack documents ("Formatting text for app surfaces": escaping). Slack answers 200 `ok`.
 */
import type { WebhookEvent, WebhookFormat, WebhookPayload } from "@clc/domain";

const SOURCE_NAMES = {
  userNotification: "message-delivery errors",
  userAuthEvents: "user activity",
} as const;

function poolName(pool: { id: string; name: string | null; region: string }): string {
  return pool.name ? `${pool.name} (${pool.id}, ${pool.region})` : `${pool.id} (${pool.region})`;
}

function poolPath(pool: { accountId: string | null; id: string }): string {
  return pool.accountId
    ? `/accounts/${encodeURIComponent(pool.accountId)}/pools/${encodeURIComponent(pool.id)}`
    : `/pools/${encodeURIComponent(pool.id)}`;
}

/** One line saying what happened, and the lines under it. */
export function describeEvent(event: WebhookEvent): {
  summary: string;
  lines: string[];
  path: string | null;
} {
  switch (event.type) {
    case "pool.blocking":
      return {
        summary: `Pool ${poolName(event.pool)} has a blocking finding: its logs cannot be delivered as configured.`,
        lines: event.findings.map((f) => f.message),
        path: poolPath(event.pool),
      };
    case "pool.delivery":
      return {
        summary: `Pool ${poolName(event.pool)}: ${SOURCE_NAMES[event.eventSource]} turned ${event.state} (was ${event.previous}, window ${event.window}).`,
        lines: [event.reason],
        path: poolPath(event.pool),
      };
    case "pool.drift":
      return {
        summary: `Pool ${poolName(event.pool)} drifted from the logging standard.`,
        lines: event.rules.map((r) => r.message),
        path: poolPath(event.pool),
      };
    case "batch.finished": {
      const b = event.batch;
      return {
        summary: `Batch ${b.name ?? b.id} ${b.outcome}: ${b.succeeded} succeeded, ${b.failed} failed, ${b.skipped} skipped.`,
        lines: [],
        path: null,
      };
    }
    case "test":
      return {
        summary: "Test notification from the Cognito Log Console: this webhook works.",
        lines: event.requestedBy ? [`Sent by ${event.requestedBy}.`] : [],
        path: null,
      };
  }
}

/** Slack's escaping of `&`, `<`, `>` in mrkdwn and in `text`. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Slack's limit on a section block's text. */
const SECTION_LIMIT = 3000;

/** The POST body for a webhook of `format`. */
export function payloadFor(
  format: WebhookFormat,
  event: WebhookEvent,
  meta: { id: string; occurredAt: string },
): string {
  const { summary, lines, path } = describeEvent(event);
  if (format === "generic") {
    const payload: WebhookPayload = { id: meta.id, occurredAt: meta.occurredAt, summary, path, event };
    return JSON.stringify(payload);
  }
  let body = `*${slackEscape(summary)}*${lines.map((l) => `\n• ${slackEscape(l)}`).join("")}`;
  if (body.length > SECTION_LIMIT) body = `${body.slice(0, SECTION_LIMIT - 1)}…`;
  return JSON.stringify({
    text: slackEscape(summary),
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: body } },
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: slackEscape(
              `Cognito Log Console · ${event.type}${path ? ` · ${path}` : ""} · ${meta.occurredAt}`,
            ),
          },
        ],
      },
    ],
  });
}
