import { EVENT_SOURCE_LABELS, type SourceDiff } from "@clc/domain";
import { DestinationLabelView } from "../components/destination-label.tsx";

const CHANGE_LABELS: Record<SourceDiff["change"], string> = {
  added: "Added",
  changed: "Changed",
  removed: "Removed",
  unchanged: "Unchanged — kept as is",
};

/** One row per event source: before → after, with untouched sources said to be kept. */
export function DiffView({ diff, label }: { diff: readonly SourceDiff[]; label: string }) {
  return (
    <ul className="diff" aria-label={label}>
      {diff.map((row) => (
        <li key={row.eventSource} className={`diff-row ${row.change}`}>
          <span>
            <strong>{EVENT_SOURCE_LABELS[row.eventSource]}</strong>
            <br />
            <span
              className={`badge ${row.change === "unchanged" ? "badge-neutral" : row.change === "removed" ? "badge-block" : "badge-ok"}`}
            >
              {CHANGE_LABELS[row.change]}
            </span>
          </span>
          {row.change === "unchanged" ? (
            <>
              <span>
                <DestinationLabelView destination={row.before} />
              </span>
              <span className="diff-arrow" aria-hidden="true" />
              <span className="muted">unchanged — kept as is</span>
            </>
          ) : (
            <>
              <span className={row.before ? "diff-before" : undefined}>
                <span className="visually-hidden">Before: </span>
                <DestinationLabelView destination={row.before} />
              </span>
              <span className="diff-arrow" aria-hidden="true">
                →
              </span>
              <span>
                <span className="visually-hidden">After: </span>
                <DestinationLabelView destination={row.after} />
              </span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
