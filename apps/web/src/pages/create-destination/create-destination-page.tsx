/**
 * "Create new…": builds a log group, S3 bucket or Firehose stream that can receive the pool's logs
 * by construction. Reached from the editor as
 * `/destinations/new?kind=…&poolId=…&eventSource=…&returnTo=<path>` (and with `&runId=` to run a
 * failed run again); once the user has reviewed and confirmed the plan, the run has its own page
 * (`/destinations/runs/:runId`), which goes back to `returnTo?selected=<arn>` on success.
 *
 * The steps a user walks through, one file each: choose what to create (`choose-kind-step.tsx`, only
 * when the URL does not say), configure it (`configure-step.tsx`), review the plan and start the run
 * (`review-plan-step.tsx`), then watch it (`run-page.tsx`). They share the form through
 * `use-creation-form.ts`.
 */
import {
  ALLOWED_DESTINATION_KINDS,
  type CreationRun,
  DESTINATION_KIND_LABELS,
  type DestinationKind,
  DestinationKindSchema,
  EVENT_SOURCE_LABELS,
  type EventSource,
  EventSourceSchema,
  UserPoolIdSchema,
} from "@clc/domain";
import { Link, useSearchParams } from "react-router";
import { useCreationRun } from "../../api/destination-creation/queries.ts";
import { usePoolDetail } from "../../api/pools/queries.ts";
import { useCanWrite } from "../../auth/use-can-write.ts";
import { PageLoading } from "../../components/page-loading.tsx";
import { PoolLoadError } from "../../components/pool-load-error.tsx";
import { ProblemMessage } from "../../components/problem-message.tsx";
import { poolPath } from "../../editor/paths.ts";
import { consolePath } from "../../safe-path.ts";
import { NotFoundPage } from "../not-found-page.tsx";
import "./create-destination.css";
import { ChooseKindStep } from "./choose-kind-step.tsx";
import { ConfigureStep } from "./configure-step.tsx";
import { ReviewPlanStep } from "./review-plan-step.tsx";
import { type CreationPool, useCreationForm } from "./use-creation-form.ts";

export function CreateDestinationPage() {
  const [searchParams] = useSearchParams();
  const kind = DestinationKindSchema.safeParse(searchParams.get("kind")).data ?? null;
  const eventSource = EventSourceSchema.safeParse(searchParams.get("eventSource")).data ?? null;
  const poolIdParsed = UserPoolIdSchema.safeParse(searchParams.get("poolId"));
  const poolId = poolIdParsed.success ? poolIdParsed.data : null;
  if (!kind || !eventSource || !poolId) {
    return <ChooseKindStep kind={kind} eventSource={eventSource} poolId={searchParams.get("poolId") ?? ""} />;
  }
  return (
    <CreateDestination
      kind={kind}
      eventSource={eventSource}
      poolId={poolId}
      returnTo={consolePath(searchParams.get("returnTo"))}
      runId={searchParams.get("runId")}
    />
  );
}

/** Loads the pool (and the run to run again, if any) the form is filled for. */
function CreateDestination({
  kind,
  eventSource,
  poolId,
  returnTo,
  runId,
}: {
  kind: DestinationKind;
  eventSource: EventSource;
  poolId: string;
  returnTo: string | null;
  runId: string | null;
}) {
  const detail = usePoolDetail(poolId);
  // Running a run again: its input refills the form, and the new plan is shown before anything runs.
  const earlier = useCreationRun(runId);
  if (detail.isPending || (runId !== null && earlier.isPending)) return <PageLoading what="pool" />;
  if (detail.isError) return <PoolLoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  if (earlier.isError) {
    return <ProblemMessage error={earlier.error} title="Could not load the run to run it again" />;
  }
  if (!ALLOWED_DESTINATION_KINDS[eventSource].includes(kind)) return <NotFoundPage />;
  const pool = detail.data.pool;
  const resume =
    earlier.data && earlier.data.kind === kind && earlier.data.poolId === pool.id ? earlier.data : null;
  return (
    <CreationSteps
      key={`${pool.id}:${kind}:${eventSource}:${resume?.id ?? ""}`}
      kind={kind}
      eventSource={eventSource}
      pool={pool}
      returnTo={returnTo}
      resume={resume}
    />
  );
}

/** Configure, then review the plan, on one page: changing a field takes the plan away. */
function CreationSteps({
  kind,
  eventSource,
  pool,
  returnTo,
  resume,
}: {
  kind: DestinationKind;
  eventSource: EventSource;
  pool: CreationPool;
  returnTo: string | null;
  /** A failed (or cleaned) run to run again: its input refills the form. */
  resume: CreationRun | null;
}) {
  const canWrite = useCanWrite();
  const form = useCreationForm({ kind, eventSource, pool, resume });
  const label = DESTINATION_KIND_LABELS[kind];
  return (
    <div className="page page-create-destination">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/">Fleet</Link> › <Link to={poolPath(pool.accountId, pool.id)}>{pool.name}</Link> › New{" "}
        {label}
      </nav>
      <h1>
        Create {label.startsWith("S3") ? "an" : "a"} {label}
      </h1>
      <p className="muted">
        For {EVENT_SOURCE_LABELS[eventSource].toLowerCase()} of <strong>{pool.name}</strong> ({pool.id}), in{" "}
        {pool.region}. The console makes it ready to receive the logs: permissions, tags and region are set
        for you.
      </p>
      {!canWrite && (
        <p className="alert alert-warn" role="status">
          Only an admin can plan and create destinations; you can look at the form but not send it.
        </p>
      )}
      {resume && (
        <p className="alert alert-info" role="status">
          Running {resume.status === "failed" ? "again" : "anew"} what run {resume.id} was asked to create.
          Change what caused the failure, then review the new plan before it runs.
          {resume.input.target !== undefined &&
            " Secrets are never shown again: type the endpoint URL and access key again if they are empty."}
        </p>
      )}

      <ConfigureStep form={form} canWrite={canWrite} returnTo={returnTo} />
      <ReviewPlanStep form={form} canWrite={canWrite} returnTo={returnTo} />
    </div>
  );
}
