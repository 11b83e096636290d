/**
 * The fleet table's Logging column (issue 19): both event sources of a pool in one cell on one line,
 * each as its short name, the destination's kind and its delivery state (an icon and a word, never
 * colour alone). It replaces the two destination columns and the Delivery column, whose headers and
 * badges no longer fit at 1440 px. The destination's name and the state's reason are in each source's
 * title, and in its text for screen readers; each source links to the pool, so a keyboard reaches
 * it and its tooltip (styles in fleet-columns.css).
 */
import type { EventSource, FleetDeliveryCell, FleetDeliverySource, PoolSummary } from "@clc/domain";
import { DESTINATION_KIND_LABELS, EVENT_SOURCE_LABELS } from "@clc/domain/labels";
import { KindIcon } from "../components/destination-label.tsx";
import { poolPath } from "../editor/paths.ts";
import { DELIVERY_STATE_BADGE, DELIVERY_STATE_LABELS } from "../pages/pool-delivery/labels.ts";

/** `accountId:poolId` → the pool's cell, over the table's pages on screen (the table's `meta`). */
export type DeliveryCells = ReadonlyMap<string, FleetDeliveryCell>;

/** Each source's name where room is short; the full name is in the title and for screen readers. */
const SHORT_SOURCE_NAMES: Readonly<Record<EventSource, string>> = {
  userNotification: "Errors",
  userAuthEvents: "Activity",
};

/** The shape beside each state's word, so the state never rests on colour alone. */
const STATE_ICONS: Readonly<Record<FleetDeliverySource["state"], string>> = {
  delivering: "✓",
  failing: "✕",
  silent: "!",
  idle: "○",
  "not-configured": "–",
  "not-applicable": "–",
  unknown: "?",
};

/** Why user activity is not applicable, in two words (the title has the sentence). */
const NOT_APPLICABLE_WHY: Readonly<Record<string, string>> = {
  "tier-not-plus": "no Plus plan",
  "threat-protection-off": "threat protection off",
};

/** The badge class of a state, as a text colour: `ok`, `block`, `warn` or `neutral`. */
function tone(state: FleetDeliverySource["state"]): string {
  return DELIVERY_STATE_BADGE[state].replace("badge-", "");
}

/**
 * What one source's part of the cell says, for the title and screen readers: "Message-delivery
 * errors: CloudWatch log group /aws/x/notifications. Delivering: <the verdict's sentence>".
 */
export function loggingSourceText(
  eventSource: EventSource,
  destination: PoolSummary["logging"][EventSource],
  delivery: FleetDeliverySource | undefined,
): { state: string; full: string } {
  const where = destination
    ? `${DESTINATION_KIND_LABELS[destination.kind]} ${destination.name}`
    : "not exported";
  let state: string;
  if (!delivery) state = destination ? "Checking…" : "Not exported";
  else if (!destination && delivery.state === "not-configured") state = "Not exported";
  else state = DELIVERY_STATE_LABELS[delivery.state];
  const why = delivery?.state === "not-applicable" ? NOT_APPLICABLE_WHY[delivery.reasonId] : undefined;
  const stateSaid = why ? `${state} (${why})` : state;
  const verdict = delivery && stateSaid !== "Not exported" ? `. ${stateSaid}: ${delivery.message}` : "";
  return { state, full: `${EVENT_SOURCE_LABELS[eventSource]}: ${where}${verdict}` };
}

function SourceLogging({
  pool,
  eventSource,
  delivery,
}: {
  pool: PoolSummary;
  eventSource: EventSource;
  delivery: FleetDeliverySource | undefined;
}) {
  const destination = pool.logging[eventSource];
  const { state, full } = loggingSourceText(eventSource, destination, delivery);
  return (
    // A plain link: the fleet table follows it in place (useInAppLinks).
    <a
      href={poolPath(pool.accountId, pool.id)}
      className="logging-source"
      title={full}
      data-tip={full}
      // Screen readers hear the whole sentence once; the short words on screen are its abbreviation.
      aria-label={full}
    >
      <span className="logging-source-name" aria-hidden="true">
        {SHORT_SOURCE_NAMES[eventSource]}
      </span>
      {destination && <KindIcon kind={destination.kind} />}
      <span
        className={`logging-state logging-state-${delivery ? tone(delivery.state) : "neutral"}`}
        aria-hidden="true"
      >
        {delivery && <span className="logging-state-icon">{STATE_ICONS[delivery.state]}</span>}
        {state}
      </span>
    </a>
  );
}

export function LoggingCell({ pool, cells }: { pool: PoolSummary; cells: DeliveryCells }) {
  const cell = cells.get(`${pool.accountId}:${pool.id}`);
  return (
    <span className="logging-cell">
      <SourceLogging pool={pool} eventSource="userNotification" delivery={cell?.sources.userNotification} />
      <SourceLogging pool={pool} eventSource="userAuthEvents" delivery={cell?.sources.userAuthEvents} />
    </span>
  );
}
