import {
  diffConfigurations,
  EVENT_SOURCE_LABELS,
  EVENT_SOURCES,
  type EventSource,
  type LogDeliveryModel,
  type Problem,
  type SourceDiff,
} from "@clc/domain";
import { useEffect, useRef } from "react";
import { BusyButton } from "../components/busy-button.tsx";
import { DestinationLabelView } from "../components/destination-label.tsx";
import { ChangedBy } from "./changed-by.tsx";
import { DiffView } from "./diff-view.tsx";

/** The configuration a preview was computed against, rebuilt from its diff's "before" side. */
export function baseConfigurationOf(diff: readonly SourceDiff[]): LogDeliveryModel {
  const base: LogDeliveryModel = { userNotification: null, userAuthEvents: null };
  for (const row of diff) base[row.eventSource] = row.before;
  return base;
}

export interface Conflict {
  /** What the admin edited from. */
  base: LogDeliveryModel;
  /** What AWS holds now (from the 412 problem), and its version. */
  current: LogDeliveryModel;
  currentVersion: string;
  /** Who made what AWS holds now (from the 412): see ChangedBy. */
  changedBy?: NonNullable<Problem["current"]>["changedBy"];
  poolId: string;
}

/** What someone else changed between the admin's review and their apply, per event source. */
export function ConflictView({
  conflict,
  eventSource,
  mine,
  busy,
  onReapply,
  onDiscard,
}: {
  conflict: Conflict;
  eventSource: EventSource;
  mine: LogDeliveryModel[EventSource];
  busy: boolean;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The apply the admin just pressed did not happen: take them straight to why.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const theirs = diffConfigurations(conflict.base, conflict.current);
  const changedSources = theirs.filter((row) => row.change !== "unchanged").map((row) => row.eventSource);
  const touchesMine = changedSources.includes(eventSource);
  return (
    <section className="alert alert-warn conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title" ref={headingRef} tabIndex={-1}>
        Someone changed this pool's logging while you were editing
      </h2>
      <p>
        Nothing was saved. AWS now holds a different configuration than the one you reviewed.{" "}
        <ChangedBy changedBy={conflict.changedBy} poolId={conflict.poolId} />
        {changedSources.length === 0
          ? " The destinations look the same, but the stored version moved on."
          : ` Changed: ${EVENT_SOURCES.filter((source) => changedSources.includes(source))
              .map((source) => EVENT_SOURCE_LABELS[source].toLowerCase())
              .join(" and ")}.`}
      </p>
      <h3>What changed (the version you edited → now)</h3>
      <DiffView diff={theirs} label="Changes made by someone else" />
      <p>
        Your change: {EVENT_SOURCE_LABELS[eventSource].toLowerCase()} →{" "}
        <DestinationLabelView destination={mine} />.
        {touchesMine
          ? " It replaces what they set for this event source."
          : " Re-applying keeps their change to the other event source."}
      </p>
      <div className="button-row">
        <BusyButton
          className="button button-primary"
          busy={busy}
          busyLabel="Re-checking…"
          onClick={onReapply}
        >
          Re-apply my change
        </BusyButton>
        <button type="button" className="button" onClick={onDiscard} disabled={busy}>
          Discard my change
        </button>
      </div>
    </section>
  );
}
