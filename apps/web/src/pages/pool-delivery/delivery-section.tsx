/**
 * The pool page's "Delivery" section (issue 15): for each event source, is it delivering, when did
 * the last event arrive, how many in the window, the most recent ones, and a link to the
 * destination in the AWS console; and a live tail that polls until paused. What the Plus plan would
 * enable is said once, at the top of the pool page (plus-plan.tsx), not here.
 */
import {
  EVENT_SOURCE_LABELS,
  EVENT_SOURCES,
  type PoolDeliveryResponse,
  type SourceDelivery,
} from "@clc/domain";
import { useId, useState } from "react";
import { usePoolDelivery } from "../../api/delivery/queries.ts";
import { ProblemMessage } from "../../components/problem-message.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { Timestamp } from "../../components/timestamp.tsx";
import { countText, DELIVERY_STATE_BADGE, DELIVERY_STATE_LABELS, DELIVERY_WINDOWS } from "./labels.ts";
import { RecentEvents } from "./recent-events.tsx";
import "./delivery.css";

function trafficLine(data: PoolDeliveryResponse): string {
  if (!data.traffic)
    return `The pool's traffic could not be read${data.trafficError ? `: ${data.trafficError}` : "."}`;
  const t = data.traffic;
  const parts = [
    [t.signIns, "sign-in"],
    [t.signUps, "sign-up"],
    [t.tokenRefreshes, "token refresh"],
    [t.federations, "federated sign-in"],
  ] as const;
  const said = parts
    .filter(([n]) => n > 0)
    .map(([n, word]) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : word.endsWith("h") ? "es" : "s"}`);
  return said.length > 0
    ? `In this window the pool served ${said.join(", ")} (its CloudWatch metrics).`
    : "The pool served no sign-ins, sign-ups or token refreshes in this window (its CloudWatch metrics).";
}

function SourceCard({
  source,
  onReadObject,
  readingObject,
}: {
  source: SourceDelivery;
  onReadObject: () => void;
  readingObject: boolean;
}) {
  const count = countText(source);
  const failedRecords = source.state === "failing" && source.stream?.backupBucket;
  return (
    // Named apart from the pool page's configuration panel of the same event source: two regions
    // with one name leave a screen-reader user guessing which is which.
    <section
      className="delivery-source"
      aria-label={`Delivery of ${EVENT_SOURCE_LABELS[source.eventSource].toLowerCase()}`}
    >
      <div className="delivery-source-header">
        <h3>{EVENT_SOURCE_LABELS[source.eventSource]}</h3>
        <span className={`badge ${DELIVERY_STATE_BADGE[source.state]}`}>
          {DELIVERY_STATE_LABELS[source.state]}
        </span>
      </div>
      <p>{source.reason.message}</p>
      {source.destination && (
        <dl className="delivery-facts">
          <div>
            <dt>Last event</dt>
            <dd>{source.lastEventAt ? <RelativeTime iso={source.lastEventAt} /> : "none seen"}</dd>
          </div>
          <div>
            <dt>In the window</dt>
            <dd>{count ?? "unknown"}</dd>
          </div>
          {source.stream && (
            <div>
              <dt>Delivery attempts</dt>
              <dd>
                {source.stream.attempts} ({source.stream.failedAttempts} failed)
              </dd>
            </div>
          )}
          <div>
            <dt>Destination</dt>
            <dd>
              <span className="mono">{source.destination.name}</span>{" "}
              <a href={source.destination.consoleUrl} target="_blank" rel="noreferrer noopener">
                Open in the AWS console
              </a>
            </dd>
          </div>
        </dl>
      )}
      {source.readError && (
        <div className="alert alert-warn small" role="alert">
          {source.readError}
        </div>
      )}
      {source.objects && source.objects.length > 0 && (
        <details>
          <summary>Newest objects ({source.objects.length})</summary>
          <ul className="delivery-objects mono small">
            {source.objects.map((o) => (
              <li key={o.key}>
                {o.key} · {o.size.toLocaleString("en")} bytes ·{" "}
                {o.lastModified ? <Timestamp iso={o.lastModified} /> : "—"}
              </li>
            ))}
          </ul>
        </details>
      )}
      {source.destination?.kind === "s3" && source.recent.length === 0 && source.objects?.length ? (
        <button type="button" className="button" onClick={onReadObject} disabled={readingObject}>
          {readingObject ? "Reading…" : "Show the events of the newest object"}
        </button>
      ) : null}
      <RecentEvents
        events={source.recent}
        caption={
          failedRecords
            ? `Failed records from the backup bucket ${source.stream?.backupBucket} (newest first)`
            : "Most recent events, newest first"
        }
      />
    </section>
  );
}

export function DeliverySection({ accountId, poolId }: { accountId: string; poolId: string }) {
  const [window, setWindow] = useState("24h");
  const [live, setLive] = useState(true);
  const [objectEvents, setObjectEvents] = useState(false);
  const delivery = usePoolDelivery(accountId, poolId, window, objectEvents, live);
  const windowId = useId();
  const data = delivery.data;

  return (
    <section className="panel delivery" aria-labelledby="delivery-heading">
      <div className="panel-header delivery-header">
        <h2 id="delivery-heading">Delivery</h2>
        <span className="muted small">Are this pool's logs arriving?</span>
        <div className="header-spacer" />
        {/* One item of the wrapping header: the label never ends a line its select starts the next of. */}
        <span className="delivery-window">
          <label htmlFor={windowId} className="small">
            Window
          </label>
          <select id={windowId} value={window} onChange={(e) => setWindow(e.target.value)}>
            {DELIVERY_WINDOWS.map((w) => (
              <option key={w.value} value={w.value}>
                {w.label}
              </option>
            ))}
          </select>
        </span>
        <button type="button" className="button" aria-pressed={!live} onClick={() => setLive((v) => !v)}>
          {live ? "Pause live tail" : "Resume live tail"}
        </button>
      </div>
      <p className="muted small" aria-live="polite">
        {live ? "Live: checked every 10 seconds." : "Paused."}{" "}
        {data && (
          <>
            Last checked <RelativeTime iso={data.checkedAt} />.
          </>
        )}
        {delivery.isFetching && <span className="spinner" aria-hidden="true" />}
      </p>
      {delivery.isError && <ProblemMessage error={delivery.error} title="Could not check delivery" />}
      {!data && delivery.isPending && <p role="status">Checking delivery…</p>}
      {data && (
        <>
          <p>{trafficLine(data)}</p>
          <div className="delivery-sources">
            {EVENT_SOURCES.map((s) => (
              <SourceCard
                key={s}
                source={data.sources[s]}
                readingObject={objectEvents && delivery.isFetching}
                onReadObject={() => setObjectEvents(true)}
              />
            ))}
          </div>
        </>
      )}
    </section>
  );
}
