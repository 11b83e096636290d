import {
  type DestinationInfo,
  type DestinationKind,
  destinationSearchProblem,
  type EventSource,
  type LogDeliveryModel,
  type PoolFacts,
} from "@clc/domain";
import { useEffect, useId, useState } from "react";
import { useDestinations } from "../api/destinations/queries.ts";
import { BusyButton } from "../components/busy-button.tsx";
import { QueryProblem } from "../components/problem-message.tsx";
import { SeverityBadge } from "../components/severity.tsx";
import { candidateStatus } from "./candidate-status.ts";
import "./picker.css";

const SEARCH_DEBOUNCE_MS = 250;

/** What matters about a candidate destination, as short facts with the ones that will fail flagged. */
function candidateFacts(info: DestinationInfo): { text: string; problem?: "block" | "warn" }[] {
  switch (info.kind) {
    case "logGroup":
      return [
        info.kmsKeyId ? { text: "KMS-encrypted", problem: "block" } : { text: "Not KMS-encrypted" },
        info.deliveryPolicy === "present"
          ? { text: "Delivery policy present" }
          : info.deliveryPolicy === "missing"
            ? { text: "No delivery policy yet", problem: "warn" }
            : { text: "Delivery policy unknown", problem: "warn" },
        { text: info.retentionInDays ? `Retention ${info.retentionInDays} d` : "Never expires" },
      ];
    case "firehose":
      return [
        info.status === "ACTIVE" ? { text: "Active" } : { text: info.status, problem: "block" },
        info.deliveryStreamType === "DirectPut"
          ? { text: "Direct PUT" }
          : { text: info.deliveryStreamType, problem: "block" },
        info.logDeliveryEnabledTag
          ? { text: "LogDeliveryEnabled tag" }
          : { text: "No LogDeliveryEnabled tag", problem: "warn" },
        { text: `→ ${info.destinationSummary}` },
      ];
    case "s3":
      return [
        { text: info.encryption ? `Encryption ${info.encryption}` : "Encryption unknown" },
        info.deliveryPolicy === "present"
          ? { text: "Delivery policy present" }
          : info.deliveryPolicy === "missing"
            ? { text: "No delivery policy yet", problem: "warn" }
            : { text: "Delivery policy unknown", problem: "warn" },
      ];
  }
}

/**
 * A searchable list of the destinations the console found in the pool's region. The one the event
 * source goes to now is marked "Current"; one the preflight blocks for a reason no fix removes cannot
 * be chosen, and says why (candidate-status.ts).
 */
export function DestinationPicker({
  region,
  kind,
  selectedArn,
  onSelect,
  pool,
  eventSource,
  configuration,
}: {
  region: string;
  kind: DestinationKind;
  selectedArn: string;
  onSelect: (arn: string) => void;
  pool: PoolFacts;
  eventSource: EventSource;
  configuration: LogDeliveryModel;
}) {
  const id = useId();
  const [draft, setDraft] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const timer = window.setTimeout(() => setQ(draft.trim()), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [draft]);
  // Text AWS would refuse (or that can never match a name) is said here, before any request.
  const searchProblem = kind ? destinationSearchProblem(kind, draft) : null;
  const destinations = useDestinations(pool.accountId, region, kind, searchProblem ? "" : q);
  const items = destinations.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="picker">
      <div className="field field-search">
        <label htmlFor={`${id}-q`}>Search destinations</label>
        <input
          id={`${id}-q`}
          type="search"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          placeholder="Name"
          autoComplete="off"
          aria-invalid={searchProblem ? true : undefined}
          aria-describedby={searchProblem ? `${id}-q-error` : undefined}
        />
        {searchProblem ? (
          <p id={`${id}-q-error`} className="field-error" role="alert">
            {searchProblem}
          </p>
        ) : null}
      </div>
      {searchProblem ? null : destinations.isPending ? (
        <p role="status" className="muted">
          <span className="spinner" aria-hidden="true" /> Looking for destinations in {region}…
        </p>
      ) : destinations.isError ? (
        <QueryProblem query={destinations} title="Could not list destinations" />
      ) : items.length === 0 ? (
        <p className="muted">
          {q ? `Nothing in ${region} matches “${q}”.` : `No destinations of this kind in ${region} yet.`}{" "}
          Paste an ARN below or create a new one.
        </p>
      ) : (
        <div className="table-scroll picker-scroll">
          <table className="data-table picker-table stacked-table" aria-label="Available destinations">
            <thead>
              <tr>
                <th scope="col" style={{ width: "3em" }}>
                  <span className="visually-hidden">Select</span>
                </th>
                <th scope="col" style={{ width: "40%" }}>
                  Name
                </th>
                <th scope="col" style={{ width: "12%" }}>
                  Region
                </th>
                <th scope="col">What matters</th>
              </tr>
            </thead>
            <tbody>
              {items.map((info) => {
                const selected = info.arn === selectedArn;
                const radioId = `${id}-${info.arn}`;
                const status = candidateStatus(info, { pool, eventSource, configuration });
                const blocked = status.blockedBecause.length > 0;
                return (
                  <tr
                    key={info.arn}
                    aria-selected={selected}
                    className={blocked ? "picker-blocked" : undefined}
                  >
                    <td>
                      <input
                        type="radio"
                        id={radioId}
                        name={`${id}-destination`}
                        checked={selected}
                        disabled={blocked}
                        aria-describedby={
                          [status.current ? `${radioId}-current` : "", blocked ? `${radioId}-why` : ""]
                            .filter(Boolean)
                            .join(" ") || undefined
                        }
                        onChange={() => onSelect(info.arn)}
                      />
                    </td>
                    <td title={info.arn} className="picker-name">
                      <label htmlFor={radioId} className="mono">
                        {info.name}
                      </label>
                      {status.current && (
                        <span id={`${radioId}-current`} className="badge picker-current">
                          Current
                        </span>
                      )}
                      {blocked && (
                        <p id={`${radioId}-why`} className="reason">
                          Cannot be chosen: {status.blockedBecause.join(" ")}
                        </p>
                      )}
                      {!blocked && status.needsFix.length > 0 && (
                        <p className="reason">
                          Needs a fix, offered on the review page: {status.needsFix.join(" ")}
                        </p>
                      )}
                    </td>
                    <td data-label="Region">{info.region ?? "unknown"}</td>
                    <td className="facts-cell" data-label="What matters">
                      {candidateFacts(info).map((fact) => (
                        <span key={fact.text} className="fact">
                          {fact.problem && <SeverityBadge severity={fact.problem} />} {fact.text}
                        </span>
                      ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {destinations.hasNextPage && (
        <BusyButton
          busy={destinations.isFetchingNextPage}
          busyLabel="Loading…"
          onClick={() => void destinations.fetchNextPage()}
        >
          Load more
        </BusyButton>
      )}
    </div>
  );
}
