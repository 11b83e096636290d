import type { Finding } from "@clc/domain";
import { useState } from "react";
import { usePoolAccount } from "../api/accounts/pool-account.ts";
import { useRunFix } from "../api/pools/mutations.ts";
import { usePoolDetail } from "../api/pools/queries.ts";
import { useCanWrite } from "../auth/use-can-write.ts";
import { ConfirmDialog } from "./confirm-dialog.tsx";
import { describeFix } from "./fix-change.ts";
import { ProblemMessage } from "./problem-message.tsx";
import { SeverityBadge } from "./severity.tsx";

/**
 * Findings, worst first, each with the fix the console can carry out for it. A fix changes AWS, so
 * its button only opens a confirmation saying what will change (before → after for a setting);
 * viewers, whom the BFF would answer 403, are not offered fixes at all.
 */
export function FindingList({
  poolId,
  accountId: account,
  findings,
  emptyText,
  onFixed,
}: {
  poolId: string;
  /** The pool's account where the page's URL does not name it (the rollback page); else the URL's. */
  accountId?: string | undefined;
  findings: readonly Finding[];
  emptyText?: string;
  onFixed?: () => void;
}) {
  const canWrite = useCanWrite();
  const fix = useRunFix();
  const fromUrl = usePoolAccount();
  const accountId = account ?? fromUrl;
  // A fix without its own target (turning threat protection on) acts on the pool itself.
  const pool = usePoolDetail(poolId, accountId).data?.pool;
  const poolArn = pool?.arn;
  const [confirming, setConfirming] = useState<NonNullable<Finding["fix"]> | null>(null);
  const change = confirming ? describeFix(confirming.action, confirming.target, pool) : null;
  const runConfirmed = () => {
    if (!confirming) return;
    fix.mutate(
      { accountId, poolId, action: confirming.action, target: confirming.target ?? poolArn ?? poolId },
      {
        onSuccess: () => onFixed?.(),
        onSettled: () => setConfirming(null),
      },
    );
  };
  const dialog = (
    <ConfirmDialog
      open={confirming !== null}
      title={change?.title ?? ""}
      confirmLabel={confirming?.label ?? "Fix"}
      busyLabel="Fixing…"
      busy={fix.isPending}
      onConfirm={runConfirmed}
      onCancel={() => setConfirming(null)}
    >
      <p>This changes AWS now:</p>
      <ul>
        {change?.lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className="muted small">{change?.kept}</p>
    </ConfirmDialog>
  );
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
        {dialog}
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
                    fix.reset();
                    setConfirming(finding.fix ?? null);
                  }}
                >
                  {running ? "Fixing…" : `${finding.fix.label}…`}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {outcome}
      {dialog}
    </>
  );
}
