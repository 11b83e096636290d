import type { SourceDiff } from "./api.ts";
import { type Destination, EVENT_SOURCES, type EventSource, type LogDeliveryModel } from "./model.ts";

export function sameDestination(a: Destination | null, b: Destination | null): boolean {
  if (a === null || b === null) return a === b;
  return a.kind === b.kind && a.arn === b.arn;
}

/** What a Set would change, one row per event source (both always present, in a fixed order). */
export function diffConfigurations(current: LogDeliveryModel, desired: LogDeliveryModel): SourceDiff[] {
  return EVENT_SOURCES.map((eventSource) => {
    const before = current[eventSource] ?? null;
    const after = desired[eventSource] ?? null;
    let change: SourceDiff["change"];
    if (sameDestination(before, after)) change = "unchanged";
    else if (before === null) change = "added";
    else if (after === null) change = "removed";
    else change = "changed";
    return { eventSource, change, before, after };
  });
}

/**
 * The configuration after the user changes one event source (`null` turns it off). Every other source
 * is carried over as it is: a Set replaces the whole list, so this is what keeps the other one alive.
 */
export function applyEdit(
  current: LogDeliveryModel,
  eventSource: EventSource,
  destination: Destination | null,
): LogDeliveryModel {
  const next: LogDeliveryModel = {
    userNotification: current.userNotification,
    userAuthEvents: current.userAuthEvents,
  };
  next[eventSource] = destination === null ? null : { kind: destination.kind, arn: destination.arn };
  return next;
}

/** Whether two configurations are the same set of (source, destination) pairs. */
export function sameConfiguration(a: LogDeliveryModel, b: LogDeliveryModel): boolean {
  return EVENT_SOURCES.every((source) => sameDestination(a[source] ?? null, b[source] ?? null));
}
