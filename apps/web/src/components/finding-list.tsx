import type { Finding } from "@clc/domain";
import { useRunFix } from "../api/pools/mutations.ts";
import { usePoolDetail } from "../api/pools/queries.ts";
import { useCanWrite } from "../auth/use-can-write.ts";
import { ProblemMessage } from "./problem-message.tsx";
import { SeverityBadge } from "./severity.tsx";

/** Findings, worst first, each with the fix the console can carry out for it. */
export function FindingList({
  poolId,
  findings,
  emptyText,
  onFixed,
}: {
  poolId: string;
  findings: readonly Finding[];
  emptyText?: string;
  onFixed?: () => void;
}) {
  const canWrite = useCanWrite();
  const fix = useRunFix();
  // A fix without its own target (turning threat protection on) acts on the pool itself.
  const poolArn = usePoolDetail(poolId).data?.pool.arn;
  // The outcome of a fix stays visible even when it cleared the last finding.
  const outcome = (
    <>
      {fix.isError && <ProblemMessage error={fix.error} title="The fix did not go through" />}
      {fix.isSuccess && (
        <p className="field-ok" role="status">
          {fix.data.message} Findings re-checked.
        </p>
      )}
    </>
  );
  if (findings.length === 0) {
    return (
      <>
        {emptyText && <p className="muted">{emptyText}</p>}
        {outcome}
      </>
    );
  }
  const sorted = [...findings].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === "block" ? -1 : 1,
  );
  return (
    <>
      <ul className="finding-list">
        {sorted.map((finding) => {
          const running =
            fix.isPending &&
            fix.variables?.action === finding.fix?.action &&
            (finding.fix?.target === undefined || fix.variables?.target === finding.fix.target);
          return (
            <li key={`${finding.id}:${finding.eventSource ?? ""}`} className="finding">
              <SeverityBadge severity={finding.severity} />
              <span className="finding-message">{finding.message}</span>
              {finding.fix && canWrite && (
                <button
                  type="button"
                  className="button"
                  disabled={fix.isPending}
                  onClick={() => {
                    const action = finding.fix;
                    if (!action) return;
                    fix.mutate(
                      { poolId, action: action.action, target: action.target ?? poolArn ?? poolId },
                      { onSuccess: () => onFixed?.() },
                    );
                  }}
                >
                  {running ? "Fixing…" : finding.fix.label}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {outcome}
    </>
  );
}
