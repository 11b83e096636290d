import type { DeliveryState, SourceDelivery } from "@clc/domain";

export const DELIVERY_STATE_LABELS: Readonly<Record<DeliveryState, string>> = {
  delivering: "Delivering",
  silent: "Silent",
  idle: "Idle",
  failing: "Failing",
  "not-configured": "Not configured",
  "not-applicable": "Not applicable",
  unknown: "Unknown",
};

/** The badge colour of a state: a gap is red, quiet or not ours to judge is neutral. */
export const DELIVERY_STATE_BADGE: Readonly<Record<DeliveryState, string>> = {
  delivering: "badge-ok",
  silent: "badge-block",
  failing: "badge-block",
  idle: "badge-neutral",
  "not-configured": "badge-neutral",
  "not-applicable": "badge-neutral",
  unknown: "badge-warn",
};

export const DELIVERY_WINDOWS = [
  { value: "1h", label: "1 hour" },
  { value: "24h", label: "24 hours" },
  { value: "7d", label: "7 days" },
] as const;

/** "12 events", "at least 3,000 events", "4 objects", "40 records into the stream". */
export function countText(source: SourceDelivery): string | null {
  if (source.eventsInWindow === null) return null;
  const n = source.eventsInWindow;
  const unit =
    source.countUnit === "objects"
      ? n === 1
        ? "object written"
        : "objects written"
      : source.countUnit === "records"
        ? `${n === 1 ? "record" : "records"} into the stream (all pools writing to it)`
        : n === 1
          ? "event"
          : "events";
  return `${source.countIsLowerBound ? "at least " : ""}${n.toLocaleString("en")} ${unit}`;
}
