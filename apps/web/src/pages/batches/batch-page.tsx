/**
 * One batch (`/batches/:batchId`): the review grouped by outcome (ready, needs a warning
 * acknowledged, blocked, nothing to do) and, once started, each pool's progress, polled while it
 * runs; admins start, pause, resume and cancel it here.
 */
import { BATCH_OUTCOMES, type Batch, type BatchItem, type BatchOutcome, poolPath } from "@clc/domain";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { type BatchVerb, useBatchAction } from "../../api/batches/mutations.ts";
import { useBatch } from "../../api/batches/queries.ts";
import { useCanWrite } from "../../auth/use-can-write.ts";
import { BusyButton } from "../../components/busy-button.tsx";
import { PageLoading } from "../../components/page-loading.tsx";
import { ProblemMessage, QueryProblem } from "../../components/problem-message.tsx";
import { SeverityBadge } from "../../components/severity.tsx";
import { Timestamp } from "../../components/timestamp.tsx";
import { useDocumentTitle } from "../../components/use-document-title.ts";
import { DiffView } from "../../editor/diff-view.tsx";
import { BatchCreates } from "./batch-creates.tsx";
import { OUTCOME_LABELS, STATE_BADGES, STATE_LABELS, STATUS_LABELS } from "./batch-labels.ts";
import { BatchRollbackAction, BatchRollbackLinks, ROLLBACK_GROUP_HINTS } from "./batch-rollback.tsx";
import "./batches.css";

function PoolCard({ item, started }: { item: BatchItem; started: boolean }) {
  return (
    <li className="batch-pool" aria-label={item.poolName}>
      <div className="batch-pool-head">
        <strong>
          <Link to={poolPath(item)}>{item.poolName}</Link>
        </strong>
        <span className="muted small mono">
          {item.accountId} · {item.region}
        </span>
        {(started || item.state !== "pending") && (
          <span className={`badge ${STATE_BADGES[item.state]}`}>{STATE_LABELS[item.state]}</span>
        )}
      </div>
      {item.reason && <p>{item.reason}</p>}
      {item.creates && item.creates.length > 0 && <BatchCreates creates={item.creates} />}
      {item.message && item.message !== item.reason && <p className="muted">{item.message}</p>}
      {item.diff.length > 0 && item.outcome !== "nothing" && (
        <DiffView diff={item.diff} label={`Changes to ${item.poolName}`} />
      )}
      {item.findings.length > 0 && (
        <ul className="findings">
          {item.findings.map((finding) => (
            <li key={`${finding.id}-${finding.eventSource ?? ""}`}>
              <SeverityBadge severity={finding.severity} /> {finding.message}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function Controls({ batch }: { batch: Batch }) {
  const action = useBatchAction();
  const [acknowledged, setAcknowledged] = useState(false);
  const run = (verb: BatchVerb) => action.mutate({ id: batch.id, verb, acknowledgeWarnings: acknowledged });
  const busy = (verb: BatchVerb) => action.isPending && action.variables?.verb === verb;
  const needsAck = batch.outcomes.warning > 0 && !batch.warningsAcknowledged;
  const { status } = batch;
  return (
    <div>
      {needsAck && (status === "planned" || status === "paused" || status === "interrupted") && (
        <label className="alert alert-warn">
          <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} />{" "}
          I have read the warnings of {batch.outcomes.warning}{" "}
          {batch.outcomes.warning === 1 ? "pool" : "pools"}: apply them anyway.
        </label>
      )}
      <div className="button-row">
        {status === "planned" && (
          <BusyButton
            className="button button-primary"
            busy={busy("start")}
            busyLabel="Starting…"
            disabled={needsAck && !acknowledged}
            onClick={() => run("start")}
          >
            Start the batch
          </BusyButton>
        )}
        {(status === "paused" || status === "interrupted") && (
          <BusyButton
            className="button button-primary"
            busy={busy("resume")}
            busyLabel="Resuming…"
            disabled={needsAck && !acknowledged}
            onClick={() => run("resume")}
          >
            Resume
          </BusyButton>
        )}
        {status === "running" && (
          <BusyButton busy={busy("pause")} busyLabel="Pausing…" onClick={() => run("pause")}>
            Pause
          </BusyButton>
        )}
        {(status === "planned" ||
          status === "running" ||
          status === "paused" ||
          status === "interrupted") && (
          <BusyButton
            className="button button-danger"
            busy={busy("cancel")}
            busyLabel="Cancelling…"
            onClick={() => run("cancel")}
          >
            Cancel the batch
          </BusyButton>
        )}
      </div>
      {action.isError && <ProblemMessage error={action.error} title="Could not do that" />}
    </div>
  );
}

const GROUP_HINTS: Record<BatchOutcome, string> = {
  ready: "These pools take the change as planned.",
  warning: "These pools take the change once you acknowledge their warnings.",
  blocked: "These pools are not written: fix what is said, then plan a new batch for them.",
  nothing: "These pools already hold what the change asks.",
};

export function BatchPage() {
  const { batchId = "" } = useParams();
  const batch = useBatch(batchId);
  const canWrite = useCanWrite();
  useDocumentTitle(batch.data ? `Batch: ${batch.data.title}` : "Batch");
  if (batch.isPending) return <PageLoading what="batch" />;
  if (batch.isError) return <QueryProblem query={batch} title="Could not load the batch" />;
  const data = batch.data;
  const started = data.startedAt !== null;
  const toRun = data.outcomes.ready + data.outcomes.warning;
  const ended = data.states.done + data.states.changed + data.states.failed;
  const notApplied = data.items.filter(
    (i) => i.state === "failed" || i.state === "changed" || (i.state === "cancelled" && started),
  );
  return (
    <div className="page page-batches">
      <p className="muted small">
        <Link to="/batches">Batches</Link>
      </p>
      <h1>{data.title}</h1>
      <p>
        <strong>{STATUS_LABELS[data.status]}</strong> · {data.total} {data.total === 1 ? "pool" : "pools"}
        {data.createdBy && ` · planned by ${data.createdBy}`}
        {typeof data.standardRevision === "number" &&
          ` · from the logging standard, revision ${data.standardRevision}`}
      </p>
      {started && (
        <div className="batch-progress">
          <progress aria-label="Batch progress" value={ended} max={Math.max(1, toRun)} />
          <span role="status">
            {data.states.done} done, {data.states.changed} changed since planned, {data.states.failed} failed,{" "}
            {data.states.pending + data.states.running} to go
            {data.states.cancelled > 0 && `, ${data.states.cancelled} cancelled`}
          </span>
        </div>
      )}
      {data.status === "running" && data.heldUntil && (
        <p className="muted" data-testid="batch-held">
          Another console process is running this batch; its claim runs until{" "}
          <Timestamp iso={data.heldUntil} /> and is renewed while it works. If that process stopped (a crash
          or a killed restart), the batch shows as interrupted once the claim lapses, and any admin can resume
          it then.
        </p>
      )}
      <BatchRollbackLinks batch={data} />
      {canWrite && <Controls batch={data} />}
      <BatchRollbackAction batch={data} />
      {notApplied.length > 0 && (
        <div className="alert alert-warn" role="alert">
          <p className="alert-title">Not applied</p>
          <ul>
            {notApplied.map((item) => (
              <li key={item.seq}>
                {item.poolName}: {item.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {BATCH_OUTCOMES.map((outcome) => {
        const items = data.items.filter((i) => i.outcome === outcome);
        if (items.length === 0) return null;
        return (
          <section key={outcome} className="batch-group" aria-labelledby={`batch-${outcome}`}>
            <h2 id={`batch-${outcome}`}>
              {OUTCOME_LABELS[outcome]} ({items.length})
            </h2>
            <p className="muted">{(data.undoesBatch ? ROLLBACK_GROUP_HINTS : GROUP_HINTS)[outcome]}</p>
            <ul className="batch-list">
              {items.map((item) => (
                <PoolCard key={item.seq} item={item} started={started} />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
