import type { FastifyBaseLogger } from "fastify";
import type { NotificationStore } from "../../store/notification-types.ts";
import type { Services } from "../../wiring.ts";
import type { AuditSink } from "../audit/trail.ts";
import type { DeliveryTiming } from "./sender.ts";
import { createNotificationService, type NotificationService } from "./service.ts";
import { createTransitionWatch, type TransitionWatch } from "./transitions.ts";

export { NOTIFICATION_SECRET_LOG_PATHS, registerNotificationRoutes } from "./routes.ts";

/** In sandbox mode retries come quickly (tests, demos): AWS mode keeps the defaults (sender.ts). */
const SANDBOX_TIMING: Partial<DeliveryTiming> = { baseDelayMs: 50, maxDelayMs: 1_000, timeoutMs: 5_000 };

/**
 * Notifications on top of the app's services: the sender behind `services.notifications.notify`,
 * and the transitions watch on the fleet's findings and on every delivery read (the delivery
 * service is wrapped, so every route reading it feeds the watch).
 */
export function startNotifications(
  services: Services,
  options: {
    store: NotificationStore;
    audit: AuditSink;
    log: FastifyBaseLogger;
    timing?: Partial<DeliveryTiming>;
  },
): { service: NotificationService; watch: TransitionWatch } {
  const sandbox = services.target.mode === "sandbox";
  const service = createNotificationService({
    store: options.store,
    audit: options.audit,
    log: options.log,
    allowLoopback: sandbox,
    timing: options.timing ?? (sandbox ? SANDBOX_TIMING : {}),
  });
  services.notifications.attach(service.notify);
  const watch = createTransitionWatch({
    store: options.store,
    notify: services.notifications.notify,
    log: options.log,
  });
  services.fleet.watchFindings(watch.findings);
  services.deliveryWatchers.push((answer, accountId) => watch.delivery(answer, accountId, null));
  return { service, watch };
}
