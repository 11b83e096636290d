import {
  DESTINATION_KIND_LABELS,
  destinationName,
  EVENT_SOURCE_LABELS,
  EVENT_SOURCES,
  type EventSource,
  LOG_LEVEL_BY_SOURCE,
  type LogDeliveryModel,
  type PoolDetail,
  plusPlanHelp,
  THREAT_PROTECTION_LABELS,
  TIER_LABELS,
  tierError,
} from "@clc/domain";
import { useEffect, useRef, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { isApiProblem } from "../api/http.ts";
import { useDisableLogDelivery } from "../api/pools/mutations.ts";
import { usePoolDetail } from "../api/pools/queries.ts";
import { useCanWrite } from "../auth/use-can-write.ts";
import { ArnLine, PoolConsoleLink } from "../components/aws-links.tsx";
import { BusyButton } from "../components/busy-button.tsx";
import { ConfirmDialog } from "../components/confirm-dialog.tsx";
import { DestinationDetails } from "../components/destination-details.tsx";
import { DestinationLabelView } from "../components/destination-label.tsx";
import { FindingList } from "../components/finding-list.tsx";
import { ProblemMessage } from "../components/problem-message.tsx";
import { RelativeTime } from "../components/relative-time.tsx";
import { useDocumentTitle } from "../components/use-document-title.ts";
import { editPath } from "../editor/paths.ts";
import { HelpLink } from "../help/help-link.tsx";
import { DESTINATION_KIND_TOPICS, EVENT_SOURCE_TOPICS } from "../help/help-topics.ts";
import { DeliverySection } from "./pool-delivery/delivery-section.tsx";
import { PLUS_PLAN_SECTION_ID, PlusPlanNote } from "./pool-delivery/plus-plan.tsx";
import { ExportAsCodeButton } from "./pool-export/export-button.tsx";

/**
 * What the pool's tier and threat protection mean for user-activity export, in plain words. Once
 * user activity is exported, its panel's findings say the same (with the fix), so nothing is added;
 * a pool the plan blocks gets the Plus plan section instead (said once: issue 19).
 */
export function poolLoggingNotes(pool: PoolDetail["pool"], configuration: LogDeliveryModel): string[] {
  const notes: string[] = [];
  if (configuration.userAuthEvents) return notes;
  const activityTierError = tierError("userAuthEvents", pool.tier, pool.threatProtection);
  if (activityTierError) return notes;
  if (pool.tier === "LITE") {
    notes.push(
      "This Lite pool still runs threat protection, as pools from before feature plans may. Whether AWS accepts user-activity export for it is not known: you can try, and AWS decides (otherwise it needs the Plus plan).",
    );
  } else if (pool.threatProtection === "OFF") {
    notes.push("Threat protection is off: no user-activity logs are produced until it is Audit or Enforced.");
  }
  return notes;
}

/** State handed over by the apply step so the pool page can say what just happened. */
export interface PoolPageState {
  /** "unchanged": AWS already held what was saved, so nothing was sent (the version did not move). */
  applied?: { eventSource: EventSource; action: "applied" | "unchanged" | "disabled" };
  /** Arrived from a rollback (pages/audit/rollback-page.tsx): the audit record it undid. */
  rolledBack?: { recordId: string };
}

function EventSourcePanel({ detail, eventSource }: { detail: PoolDetail; eventSource: EventSource }) {
  const canWrite = useCanWrite();
  const navigate = useNavigate();
  const disable = useDisableLogDelivery();
  const [confirming, setConfirming] = useState(false);
  const label = EVENT_SOURCE_LABELS[eventSource];
  const headingId = `panel-${eventSource}`;
  const destination = detail.configuration[eventSource];
  const info = detail.destinations[eventSource];
  const findings = detail.findings.filter((finding) => finding.eventSource === eventSource);
  const blockedByTier = tierError(eventSource, detail.pool.tier, detail.pool.threatProtection);
  const poolId = detail.pool.id;
  const accountId = detail.pool.accountId;

  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel-header">
        <h2 id={headingId}>{label}</h2>
        <span className="muted small">
          <HelpLink topic={EVENT_SOURCE_TOPICS[eventSource]}>
            {eventSource === "userNotification"
              ? "Email and SMS delivery errors"
              : "Threat-protection sign-in events"}
          </HelpLink>{" "}
          · level {LOG_LEVEL_BY_SOURCE[eventSource]}
        </span>
      </div>
      {destination ? (
        <div>
          <p>
            Exporting to <DestinationLabelView destination={{ ...destination, name: info?.name }} kindSaid />{" "}
            <span className="muted">
              (
              <HelpLink topic={DESTINATION_KIND_TOPICS[destination.kind]}>
                {DESTINATION_KIND_LABELS[destination.kind]}
              </HelpLink>
              )
            </span>
          </p>
          <ArnLine
            arn={destination.arn}
            region={info?.region}
            what={`the ${DESTINATION_KIND_LABELS[destination.kind]} ${info?.name ?? destinationName(destination.arn)}`}
          />
          {info ? (
            <DestinationDetails info={info} />
          ) : (
            <p className="muted">The console could not read this destination's details.</p>
          )}
        </div>
      ) : blockedByTier ? (
        // The plan's advice is its own section of the page: pointed to, not repeated.
        <p id={`${headingId}-blocked`}>
          <strong>Not exported:</strong> {blockedByTier.message}{" "}
          <a href={`#${PLUS_PLAN_SECTION_ID}`}>How to move to Plus</a>
        </p>
      ) : (
        <p>
          <strong>Not exported.</strong> Cognito does not deliver these events anywhere.
        </p>
      )}
      <div>
        <h3>Fitness</h3>
        <FindingList
          poolId={poolId}
          findings={findings}
          emptyText={
            !destination
              ? "Nothing to check."
              : info
                ? "No problems found with this destination."
                : // Its details could not be read: nothing was checked, so nothing can be said to be fine.
                  // The page's own Reload reads them again (a failed lookup is not cached).
                  "Not checked: the console could not read this destination's details. Use the Reload button to try again."
          }
        />
      </div>
      {canWrite && (
        <div className="button-row">
          {destination ? (
            <>
              <button
                type="button"
                className="button"
                onClick={() => navigate(editPath(accountId, poolId, eventSource))}
              >
                Change
              </button>
              <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
                Disable
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button button-primary"
              disabled={blockedByTier !== null}
              aria-describedby={blockedByTier ? `${headingId}-blocked` : undefined}
              onClick={() => navigate(editPath(accountId, poolId, eventSource))}
            >
              Configure
            </button>
          )}
        </div>
      )}
      {disable.isError && (
        <ProblemMessage
          error={disable.error}
          title={
            isApiProblem(disable.error) && disable.error.status === 412
              ? "Someone changed this pool's logging since you loaded it"
              : `Could not disable ${label.toLowerCase()} export`
          }
        />
      )}
      {destination && (
        <ConfirmDialog
          open={confirming}
          title={`Disable ${label.toLowerCase()} export?`}
          confirmLabel="Disable"
          busyLabel="Disabling…"
          destructive
          busy={disable.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            disable.mutate(
              { accountId, poolId, eventSource, version: detail.version },
              {
                onSettled: () => setConfirming(false),
                onSuccess: () =>
                  navigate(".", {
                    replace: true,
                    state: { applied: { eventSource, action: "disabled" } } satisfies PoolPageState,
                  }),
              },
            )
          }
        >
          <p>
            {label} of <strong>{detail.pool.name}</strong> will stop going to{" "}
            <span className="mono">{info?.name ?? destination.arn}</span> (
            {DESTINATION_KIND_LABELS[destination.kind]}).
          </p>
          <p>Logs already delivered stay where they are. The other event source is kept as is.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

export function PoolPage() {
  const { poolId = "" } = useParams();
  const location = useLocation();
  const pageState = (location.state ?? {}) as PoolPageState;
  const detail = usePoolDetail(poolId);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(detail.data?.pool.name ?? poolId);

  // Arriving from an apply: put focus on the page heading so the outcome is announced from the top.
  useEffect(() => {
    if ((pageState.applied || pageState.rolledBack) && detail.data) headingRef.current?.focus();
  }, [pageState.applied, pageState.rolledBack, detail.data]);

  if (detail.isPending) {
    return (
      <div className="page" role="status">
        <span>
          <span className="spinner" aria-hidden="true" /> Loading pool {poolId}…
        </span>
      </div>
    );
  }
  if (detail.isError) {
    const notFound = isApiProblem(detail.error) && detail.error.status === 404;
    return (
      <div className="page">
        <Breadcrumbs current={poolId} />
        <h1>{poolId}</h1>
        <ProblemMessage
          error={detail.error}
          title={
            notFound
              ? "This user pool does not exist (or is in a region the console does not read)"
              : "Could not load this pool"
          }
          onRetry={notFound ? undefined : () => void detail.refetch()}
        />
        <p>
          <Link to="/">Back to the fleet</Link>
        </p>
      </div>
    );
  }
  const { pool } = detail.data;
  const notes = poolLoggingNotes(pool, detail.data.configuration);
  const poolFindings = detail.data.findings.filter((finding) => !finding.eventSource);
  const applied = pageState.applied;
  // Said once per page, whichever event source or delivery card the plan concerns (issue 19).
  const plusPlan = plusPlanHelp(pool);

  return (
    <div className="page">
      <Breadcrumbs current={pool.name} />
      <div className="page-header">
        <h1 ref={headingRef} tabIndex={-1}>
          {pool.name}
        </h1>
        <span className="mono muted">{pool.id}</span>
        <div className="header-spacer" />
        <span className="muted small">
          Read from AWS <RelativeTime iso={detail.data.readAt} />
        </span>
        <BusyButton busy={detail.isFetching} busyLabel="Reloading…" onClick={() => void detail.refetch()}>
          Reload
        </BusyButton>
        <Link className="button" to={`/audit?pool=${encodeURIComponent(pool.id)}`}>
          History
        </Link>
        <ExportAsCodeButton accountId={pool.accountId} poolId={pool.id} />
        <PoolConsoleLink poolId={pool.id} region={pool.region} name={pool.name} />
      </div>
      {applied && (
        <div className="alert alert-ok" role="status">
          {applied.action === "applied"
            ? `Saved. Below is what AWS stored for ${EVENT_SOURCE_LABELS[applied.eventSource].toLowerCase()}.`
            : applied.action === "unchanged"
              ? `Nothing to change: AWS already held this for ${EVENT_SOURCE_LABELS[applied.eventSource].toLowerCase()}, so nothing was sent.`
              : `${EVENT_SOURCE_LABELS[applied.eventSource]} export is off. Below is what AWS stored.`}
        </div>
      )}
      {pageState.rolledBack && (
        <div className="alert alert-ok" role="status">
          Rolled back the change of record #{pageState.rolledBack.recordId}. Below is what AWS stored.
        </div>
      )}
      <dl className="facts" aria-label="Pool facts">
        <div>
          <dt>Tier</dt>
          <dd>
            <HelpLink topic="plans">{TIER_LABELS[pool.tier]}</HelpLink>
          </dd>
        </div>
        <div>
          <dt>Threat protection</dt>
          <dd>{THREAT_PROTECTION_LABELS[pool.threatProtection]}</dd>
        </div>
        <div>
          <dt>Region</dt>
          <dd>{pool.region}</dd>
        </div>
        <div>
          <dt>Account</dt>
          <dd>
            {detail.data.account && detail.data.account.name !== pool.accountId && (
              <>{detail.data.account.name} </>
            )}
            <span className="mono">{pool.accountId}</span>
            {/* "" is the organization's root, as the fleet's OU column shows it; null: no OU known. */}
            {detail.data.account?.ouPath != null ? (
              <span className="muted"> · {detail.data.account.ouPath || "Root"}</span>
            ) : null}
          </dd>
        </div>
        <div className="fact-wide">
          <dt>Role used</dt>
          <dd className="mono small">{detail.data.account?.roleArn ?? "The console's own credentials"}</dd>
        </div>
      </dl>
      {(notes.length > 0 || poolFindings.length > 0) && (
        <div className="fact-notes">
          {notes.map((note) => (
            <div key={note} className="alert alert-info">
              {note}
            </div>
          ))}
          <FindingList poolId={pool.id} findings={poolFindings} />
        </div>
      )}
      <div className="panels">
        {EVENT_SOURCES.map((eventSource) => (
          <EventSourcePanel key={eventSource} detail={detail.data} eventSource={eventSource} />
        ))}
      </div>
      {plusPlan && <PlusPlanNote help={plusPlan} />}
      <DeliverySection accountId={pool.accountId} poolId={pool.id} />
    </div>
  );
}

function Breadcrumbs({ current }: { current: string }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <ol>
        <li>
          <Link to="/">User pools</Link>
        </li>
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}
