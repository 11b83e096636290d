import type { Finding } from "@clc/domain";
import { useRunFix } from "../api/pools/mutations.ts";
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
  if (findings.length === 0) {
    return emptyText ? <p className="muted">{emptyText}</p> : null;
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
            fix.variables?.target === finding.fix?.target;
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
                      { poolId, action: action.action, target: action.target },
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
      {fix.isError && <ProblemMessage error={fix.error} title="The fix did not go through" />}
      {fix.isSuccess && (
        <p className="field-ok" role="status">
          Fix applied; findings re-checked.
        </p>
      )}
    </>
  );
}
