import type { Severity } from "@clc/domain";

const SEVERITY_LABELS: Record<Severity, string> = { block: "Blocking", warn: "Warning" };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge badge-${severity}`}>{SEVERITY_LABELS[severity]}</span>;
}

/** A count of findings with the worst one's severity, e.g. "2 · Blocking". */
export function FindingsCount({ count, worst }: { count: number; worst: Severity | null }) {
  if (count === 0) return <span className="muted">None</span>;
  return (
    <span className="findings-count">
      <span className="findings-number">{count}</span>
      {worst && <SeverityBadge severity={worst} />}
    </span>
  );
}
