import {
  DESTINATION_KINDS,
  type Destination,
  EVENT_SOURCE_LABELS,
  type EventSource,
  type Finding,
  type PreviewResponse,
} from "@clc/domain";
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { usePoolAccount } from "../api/accounts/pool-account.ts";
import { isApiProblem } from "../api/http.ts";
import { poolKeys } from "../api/pools/keys.ts";
import { useApplyLogDelivery } from "../api/pools/mutations.ts";
import { previewQuery, usePoolDetail, usePreview } from "../api/pools/queries.ts";
import { useCanWrite } from "../auth/use-can-write.ts";
import { FindingList } from "../components/finding-list.tsx";
import { PageLoading } from "../components/page-loading.tsx";
import { PoolLoadError } from "../components/pool-load-error.tsx";
import { ProblemMessage, QueryProblem } from "../components/problem-message.tsx";
import { useDocumentTitle } from "../components/use-document-title.ts";
import { baseConfigurationOf, type Conflict, ConflictView } from "../editor/conflict-view.tsx";
import { DiffView } from "../editor/diff-view.tsx";
import { EditLayout } from "../editor/edit-layout.tsx";
import { editPath, poolPath } from "../editor/paths.ts";
import { useEditParams } from "../editor/use-event-source-param.ts";
import { NotFoundPage } from "./not-found-page.tsx";
import type { PoolPageState } from "./pool-page.tsx";

/** Identity of a set of warnings: an acknowledgement holds only for the warnings that were shown. */
function warningsKey(findings: readonly Finding[]): string {
  return findings
    .filter((finding) => finding.severity === "warn")
    .map((finding) => `${finding.id}:${finding.eventSource ?? ""}`)
    .sort()
    .join("|");
}

/** Why Apply is unavailable, or null when it may go ahead. */
export function applyBlockedReason(preview: PreviewResponse, acknowledgedKey: string | null): string | null {
  // The BFF would send no Set (and so judge nothing): the findings below are the pool's as it is.
  if (preview.sendsNothing) return "Nothing to apply: AWS already holds this configuration.";
  if (preview.errors.length > 0) return "Fix the errors above first.";
  const blocking = preview.findings.find((finding) => finding.severity === "block");
  if (blocking) return `Blocked: ${blocking.message}`;
  if (!preview.canApply) return "The server says this change cannot be applied as it stands.";
  const key = warningsKey(preview.findings);
  if (key !== "" && key !== acknowledgedKey) return "Tick “I understand the warnings” to go ahead.";
  return null;
}

function CostNote({ eventSource }: { eventSource: EventSource }) {
  return (
    <p className="alert alert-info cost-note">
      <strong>Cost: </strong>
      {eventSource === "userAuthEvents"
        ? "User-activity logging requires the Plus plan (billed per monthly active user) and the destination service's own charges: CloudWatch Logs ingestion and storage, Firehose data processed, or S3 storage and requests."
        : "CloudWatch Logs charges for the ingestion and storage of these error logs; volumes are usually small."}
    </p>
  );
}

type Phase = "review" | "applying" | "reading-back";

export function ReviewPage() {
  const { poolId, eventSource } = useEditParams();
  const accountId = usePoolAccount();
  const [searchParams] = useSearchParams();
  const kind = DESTINATION_KINDS.find((candidate) => candidate === searchParams.get("kind"));
  const arn = searchParams.get("arn") ?? "";
  const destination: Destination | null = kind && arn ? { kind, arn } : null;
  const source = eventSource ?? "userNotification";
  const detail = usePoolDetail(poolId);
  const preview = usePreview(poolId, source, eventSource ? destination : null);
  const apply = useApplyLogDelivery();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const canWrite = useCanWrite();
  const id = useId();
  const [acknowledgedKey, setAcknowledgedKey] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>("review");
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [reapplying, setReapplying] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  useDocumentTitle(`Review changes · ${detail.data?.pool.name ?? poolId}`);

  if (!eventSource) return <NotFoundPage />;
  if (!destination) {
    return (
      <div className="page">
        <p className="alert alert-warn">
          This review link names no destination.{" "}
          <Link to={editPath(accountId, poolId, eventSource)}>Choose one</Link>.
        </p>
      </div>
    );
  }
  if (detail.isPending) return <PageLoading what="pool" />;
  if (detail.isError) return <PoolLoadError error={detail.error} onRetry={() => void detail.refetch()} />;

  const label = EVENT_SOURCE_LABELS[eventSource];
  const runApply = (version: string, reviewed: PreviewResponse) => {
    setPhase("applying");
    setNotice(null);
    apply.mutate(
      { accountId, poolId, eventSource, destination, version },
      {
        onSuccess: (stored) => {
          // The PUT answers with what AWS stored after the write; it is already in the cache. Not
          // written: AWS held this already (it was made so meanwhile), and the BFF sent nothing.
          setPhase("reading-back");
          const action = stored.written ? "applied" : "unchanged";
          navigate(poolPath(accountId, poolId), {
            state: { applied: { eventSource, action } } satisfies PoolPageState,
          });
        },
        onError: (error) => {
          setPhase("review");
          if (isApiProblem(error) && error.status === 412 && error.problem.current) {
            setConflict({
              base: baseConfigurationOf(reviewed.diff),
              current: error.problem.current.configuration,
              currentVersion: error.problem.current.version,
              changedBy: error.problem.current.changedBy,
              poolId,
            });
            void queryClient.invalidateQueries({ queryKey: poolKeys.detail(accountId, poolId) });
          }
        },
      },
    );
  };

  const reapply = async () => {
    setReapplying(true);
    try {
      // Re-check the same edit against what AWS holds now; only then write, with the new version.
      const fresh = await queryClient.fetchQuery({
        ...previewQuery(accountId, poolId, eventSource, destination),
        staleTime: 0,
      });
      setConflict(null);
      apply.reset();
      if (applyBlockedReason(fresh, acknowledgedKey) === null) runApply(fresh.version, fresh);
      else setNotice("Re-checked against the current configuration. Review what changed and apply again.");
    } catch {
      setConflict(null);
      setNotice("Could not re-check the change; see the error below and try again.");
    } finally {
      setReapplying(false);
    }
  };

  const title = `Review changes: ${label.toLowerCase()}`;
  const data = preview.data;
  const blockedReason = data ? applyBlockedReason(data, acknowledgedKey) : "Waiting for the preview.";
  const currentWarningsKey = data ? warningsKey(data.findings) : "";
  const applyProblem = apply.isError && !conflict ? apply.error : null;

  return (
    <EditLayout
      poolId={poolId}
      poolName={detail.data.pool.name}
      eventSource={eventSource}
      step={phase === "review" ? 1 : 2}
      title={title}
    >
      {notice && (
        <p className="alert alert-info" role="status">
          {notice}
        </p>
      )}
      {preview.isPending ? (
        <p role="status">
          <span className="spinner" aria-hidden="true" /> Checking the change against AWS…
        </p>
      ) : preview.isError ? (
        <QueryProblem query={preview} title="Could not preview this change" />
      ) : (
        <>
          <section aria-labelledby={`${id}-diff`}>
            <h2 id={`${id}-diff`}>What will change</h2>
            <DiffView diff={preview.data.diff} label="Changes per event source" />
          </section>
          {preview.data.errors.length > 0 && (
            <div className="alert alert-error" role="alert">
              <p className="alert-title">This change cannot be applied</p>
              <ul>
                {preview.data.errors.map((error) => (
                  <li key={`${error.path}:${error.message}`}>{error.message}</li>
                ))}
              </ul>
              <Link to={editPath(accountId, poolId, eventSource, destination)}>
                Choose another destination
              </Link>
            </div>
          )}
          <section aria-labelledby={`${id}-checks`}>
            <h2 id={`${id}-checks`}>Preflight checks</h2>
            <FindingList
              poolId={poolId}
              findings={preview.data.findings}
              emptyText="All checks passed."
              onFixed={() => setNotice("Fix applied; the checks below were run again.")}
            />
            {preview.isFetching && (
              <p className="muted small" role="status">
                Re-checking…
              </p>
            )}
          </section>
          {currentWarningsKey !== "" && (
            <label className="check">
              <input
                type="checkbox"
                checked={acknowledgedKey === currentWarningsKey}
                onChange={(event) => setAcknowledgedKey(event.target.checked ? currentWarningsKey : null)}
              />
              I understand the warnings
            </label>
          )}
          <CostNote eventSource={eventSource} />
        </>
      )}
      {conflict ? (
        <ConflictView
          conflict={conflict}
          eventSource={eventSource}
          mine={destination}
          busy={reapplying}
          onReapply={() => void reapply()}
          onDiscard={() => {
            void queryClient.invalidateQueries({ queryKey: poolKeys.detail(accountId, poolId) });
            navigate(poolPath(accountId, poolId));
          }}
        />
      ) : (
        canWrite && (
          <div className="button-row">
            <button
              type="button"
              className="button button-primary"
              disabled={blockedReason !== null || phase !== "review"}
              aria-describedby={blockedReason ? `${id}-blocked` : undefined}
              onClick={() => {
                if (data && blockedReason === null) runApply(data.version, data);
              }}
            >
              Apply
            </button>
            <Link className="button" to={editPath(accountId, poolId, eventSource, destination)}>
              Back
            </Link>
            {blockedReason && data && (
              <span id={`${id}-blocked`} className="muted">
                {blockedReason}
              </span>
            )}
          </div>
        )
      )}
      {phase !== "review" && (
        <ol className="progress-steps" aria-live="polite">
          <li>{phase === "applying" ? <span className="spinner" aria-hidden="true" /> : "✓"} Applying…</li>
          {phase === "reading-back" && (
            <li>
              <span className="spinner" aria-hidden="true" /> Reading back what AWS stored…
            </li>
          )}
        </ol>
      )}
      {applyProblem && (
        <ProblemMessage
          error={applyProblem}
          title={
            isApiProblem(applyProblem) && applyProblem.status === 422
              ? "AWS did not accept this change"
              : "The change was not applied"
          }
        />
      )}
    </EditLayout>
  );
}
