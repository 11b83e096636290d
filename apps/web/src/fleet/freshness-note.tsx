/**
 * How the fleet is kept fresh (issue 16), under the fleet page's header: by Cognito's change events
 * in every account and region, or by the slow sweep where events are not set up, each with why.
 * Loaded lazily (fleet-page.tsx): it is not needed for the first rows.
 */
import type { FreshnessStatus } from "@clc/domain";
import { useQuery } from "@tanstack/react-query";
import { api, ok } from "../api/client.ts";
import { checked } from "../api/http.ts";

async function fetchFreshness(signal?: AbortSignal): Promise<FreshnessStatus> {
  const { data } = await ok(api.GET("/api/fleet/freshness", { signal }));
  return checked((d) => d.FreshnessStatusSchema, data);
}

const hours = (seconds: number) =>
  seconds % 86_400 === 0
    ? `${seconds / 86_400 === 1 ? "daily" : `every ${seconds / 86_400} days`}`
    : `every ${Math.round(seconds / 3600)} h`;

export default function FreshnessNote() {
  const { data } = useQuery({
    queryKey: ["fleet", "freshness"],
    queryFn: ({ signal }) => fetchFreshness(signal),
    refetchInterval: 60_000,
  });
  if (!data?.enabled || data.places.length === 0) return null;
  const onEvents = data.places.filter((p) => p.mode === "events");
  const fallback = data.places.filter((p) => p.mode === "sweep");
  return (
    <details className="freshness-note small">
      <summary>
        {fallback.length === 0
          ? `Kept fresh by Cognito's change events in ${onEvents.length === 1 ? "1 account and region" : `all ${onEvents.length} accounts and regions`}`
          : `Change events in ${onEvents.length} of ${data.places.length} accounts and regions; the others rely on the ${hours(data.sweep.intervalSeconds)} sweep and the cache's re-read`}
      </summary>
      <ul>
        {data.places.map((p) => (
          <li key={`${p.accountId}|${p.region}`}>
            <span className="mono">
              {p.accountId} {p.region}
            </span>
            : {p.mode === "events" ? "change events" : p.mode === "sweep" ? "sweep" : "checking"}
            {p.reason ? ` (${p.reason})` : ""}
          </li>
        ))}
      </ul>
    </details>
  );
}
