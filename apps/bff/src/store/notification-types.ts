/**
 * What the console keeps for notifications (features/notifications): webhooks, what each hears
 * about, every delivery attempt, and the last state notified per (pool, condition). Both stores
 * (`sqlite/notifications.ts`, `postgres/notifications.ts`) keep the same promises.
 */

export interface StoredWebhook {
  readonly id: string;
  readonly name: string;
  readonly format: "generic" | "slack";
  /** `https://host[:port]`: shown. */
  readonly origin: string;
  /** Path and query: the secret. Read only to send; never answered, never logged. */
  readonly secretPart: string;
  /** A few characters of the secret's end, for people to tell webhooks apart. */
  readonly maskedTail: string;
  readonly enabled: boolean;
  readonly events: readonly string[];
  /** Ms since the epoch. */
  readonly createdAt: number;
  readonly createdBy: string | null;
}

export interface StoredAttempt {
  readonly id: string;
  readonly webhookId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly attempt: number;
  readonly at: number;
  readonly statusCode: number | null;
  readonly ok: boolean;
  readonly error: string | null;
  readonly retryInMs: number | null;
}

export interface NotificationStore {
  addWebhook(webhook: StoredWebhook): Promise<void>;
  /** Newest first. */
  listWebhooks(): Promise<StoredWebhook[]>;
  getWebhook(id: string): Promise<StoredWebhook | null>;
  /** Changes what is given; answers the webhook after, or null when there is none. */
  updateWebhook(
    id: string,
    change: { name?: string; events?: readonly string[]; enabled?: boolean },
  ): Promise<StoredWebhook | null>;
  /** Also removes its subscriptions and attempts; false when there was none. */
  removeWebhook(id: string): Promise<boolean>;
  /** The enabled webhooks subscribed to `eventType`. */
  subscribers(eventType: string): Promise<StoredWebhook[]>;
  recordAttempt(attempt: StoredAttempt): Promise<void>;
  /** Newest first. */
  listAttempts(webhookId: string, limit: number): Promise<StoredAttempt[]>;
  /**
   * Atomically sets the state of (poolKey, condition) to `state`, answering the state it replaced:
   * `changed` is true for exactly one of several callers (replicas) moving it to the same new state
   * at once, and false when it already was `state`. `previous` is null the first time.
   */
  transition(
    poolKey: string,
    condition: string,
    state: string,
    now: number,
  ): Promise<{ changed: boolean; previous: string | null }>;
}
