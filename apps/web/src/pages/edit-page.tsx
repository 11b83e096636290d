import {
  DESTINATION_KINDS,
  type DestinationKind,
  EVENT_SOURCE_LABELS,
  isFieldError,
  parseDestinationArn,
  sameDestination,
} from "@clc/domain";
import { useEffect, useId } from "react";
import { Link, useLocation, useNavigate, useSearchParams } from "react-router";
import { usePoolAccount } from "../api/accounts/pool-account.ts";
import { usePoolDetail } from "../api/pools/queries.ts";
import { useCanWrite } from "../auth/use-can-write.ts";
import { DestinationLabelView } from "../components/destination-label.tsx";
import { PageLoading } from "../components/page-loading.tsx";
import { PoolLoadError } from "../components/pool-load-error.tsx";
import { useDocumentTitle } from "../components/use-document-title.ts";
import { ArnInput, checkArn } from "../editor/arn-input.tsx";
import { DestinationPicker } from "../editor/destination-picker.tsx";
import { EditLayout } from "../editor/edit-layout.tsx";
import { kindOptions } from "../editor/kind-options.ts";
import { createDestinationPath, poolPath, reviewPath } from "../editor/paths.ts";
import { useEditParams } from "../editor/use-event-source-param.ts";
import { HelpLink } from "../help/help-link.tsx";
import { NotFoundPage } from "./not-found-page.tsx";

export function EditPage() {
  const { poolId, eventSource } = useEditParams();
  const accountId = usePoolAccount();
  const detail = usePoolDetail(poolId);
  const canWrite = useCanWrite();
  const [searchParams, setSearchParams] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const id = useId();
  useDocumentTitle(
    eventSource
      ? `Edit ${EVENT_SOURCE_LABELS[eventSource].toLowerCase()} · ${detail.data?.pool.name ?? poolId}`
      : null,
  );

  // Back from the creation wizard with `?selected=<arn>`: preselect what was just created.
  const selected = searchParams.get("selected");
  useEffect(() => {
    if (selected === null) return;
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete("selected");
        next.set("arn", selected);
        const parsed = parseDestinationArn(selected);
        if (!isFieldError(parsed)) next.set("kind", parsed.kind);
        return next;
      },
      { replace: true },
    );
  }, [selected, setSearchParams]);

  if (!eventSource) return <NotFoundPage />;
  if (detail.isPending) return <PageLoading what="pool" />;
  if (detail.isError) return <PoolLoadError error={detail.error} onRetry={() => void detail.refetch()} />;

  const { pool, configuration } = detail.data;
  const current = configuration[eventSource];
  const label = EVENT_SOURCE_LABELS[eventSource];
  const options = kindOptions(eventSource, pool.tier, pool.threatProtection);
  const firstAllowed = options.find((option) => option.disabledReason === null)?.kind ?? null;
  const kindParam = DESTINATION_KINDS.find((kind) => kind === searchParams.get("kind")) ?? null;
  const kind: DestinationKind | null = kindParam ?? current?.kind ?? firstAllowed;
  const kindOption = options.find((option) => option.kind === kind);
  const arn = searchParams.get("arn") ?? "";
  const check = checkArn(arn, kind, eventSource, pool, configuration);
  const unchanged = kind !== null && sameDestination(current, { kind, arn });
  const canReview = check.ok === true && kind !== null && kindOption?.disabledReason === null && !unchanged;

  const update = (change: { kind?: DestinationKind; arn?: string }) =>
    setSearchParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (change.kind !== undefined) next.set("kind", change.kind);
        if (change.arn !== undefined) {
          if (change.arn) next.set("arn", change.arn);
          else next.delete("arn");
        }
        return next;
      },
      { replace: true },
    );

  const title = `${current ? "Change" : "Configure"} ${label.toLowerCase()} export`;

  if (!canWrite) {
    return (
      <EditLayout poolId={poolId} poolName={pool.name} eventSource={eventSource} step={0} title={title}>
        <p>Your role can view configurations but not change them. Ask an admin to make this change.</p>
      </EditLayout>
    );
  }

  return (
    <EditLayout poolId={poolId} poolName={pool.name} eventSource={eventSource} step={0} title={title}>
      <p className="muted">
        Pool <strong>{pool.name}</strong> ({pool.id}, {pool.region}). Currently:{" "}
        <DestinationLabelView destination={current} />. The other event source is kept as is.
      </p>
      <fieldset>
        <legend>Destination kind</legend>
        <p className="muted small">
          <HelpLink topic="destinations">What each kind needs</HelpLink> ·{" "}
          <HelpLink topic="plans">which plan user activity needs</HelpLink>
        </p>
        <div className="radio-list">
          {options.map((option) => {
            const optionId = `${id}-kind-${option.kind}`;
            return (
              <div key={option.kind} className={`radio-option${option.disabledReason ? " disabled" : ""}`}>
                <input
                  type="radio"
                  id={optionId}
                  name={`${id}-kind`}
                  value={option.kind}
                  checked={kind === option.kind}
                  disabled={option.disabledReason !== null}
                  aria-describedby={option.disabledReason ? `${optionId}-reason` : undefined}
                  onChange={() => update({ kind: option.kind, arn: "" })}
                />
                <div>
                  <label htmlFor={optionId}>{option.label}</label>
                  {option.disabledReason && (
                    <div id={`${optionId}-reason`} className="reason">
                      {option.disabledReason}
                    </div>
                  )}
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
      {kind && kindOption?.disabledReason === null && (
        <fieldset>
          <legend>{kindOption.label}</legend>
          <DestinationPicker
            region={pool.region}
            kind={kind}
            selectedArn={arn}
            onSelect={(picked) => update({ arn: picked })}
            pool={pool}
            eventSource={eventSource}
            configuration={configuration}
          />
          <div className="or-divider">or</div>
          <ArnInput value={arn} onChange={(value) => update({ arn: value })} check={check} />
          <p>
            <Link
              className="button"
              to={createDestinationPath(
                accountId,
                poolId,
                eventSource,
                kind,
                `${location.pathname}${location.search}`,
              )}
            >
              Create new…
            </Link>
          </p>
        </fieldset>
      )}
      {unchanged && check.ok && (
        <p className="alert alert-info" role="status">
          This is where {label.toLowerCase()} already go; choose another destination to change it.
        </p>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          disabled={!canReview}
          onClick={() => {
            if (kind && canReview) navigate(reviewPath(accountId, poolId, eventSource, { kind, arn }));
          }}
        >
          Review changes
        </button>
        <Link className="button" to={poolPath(accountId, poolId)}>
          Cancel
        </Link>
        {!canReview && !unchanged && check.ok !== false && (
          <span className="muted">Pick a destination from the list or paste its ARN.</span>
        )}
      </div>
    </EditLayout>
  );
}
