import type { WebhookEvent } from "@clc/domain";

/**
 * The one `notify(event)` every feature calls (`services.notifications.notify`), built with the
 * services; buildApp attaches the webhook sender to it once the store is known. Until then, and in
 * apps without operators (no store), events go nowhere. Never throws, never waits.
 */
export interface NotifyRelay {
  notify(event: WebhookEvent): void;
  attach(target: (event: WebhookEvent) => void): void;
}

export function createNotifyRelay(): NotifyRelay {
  let target: ((event: WebhookEvent) => void) | null = null;
  return {
    notify(event) {
      target?.(event);
    },
    attach(next) {
      target = next;
    },
  };
}
