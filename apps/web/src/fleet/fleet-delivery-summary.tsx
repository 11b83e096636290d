/**
 * The fleet's delivery summary (issue 15): counts over the whole fleet, each a link that sets the
 * fleet's filters to the pools it counts. Gaps (silent, failing, Plus pools exporting no user
 * activity) stand out; "not applicable" (no Plus plan, threat protection off) is neutral and says why.
 */
import type { FleetDeliverySummary } from "@clc/domain";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import "./delivery.css";
import { fleetDeliveryQuery } from "../api/delivery/fleet-queries.ts";
import { FLEET_PAGE_SIZE } from "../api/pools/queries.ts";
import type { DeliveryLinkFilters } from "./delivery-filter.ts";
import { CLEARED_FILTERS, type FleetFilters, searchParamsFromFilters } from "./fleet-filters.ts";

const numberFormat = new Intl.NumberFormat("en");

interface SummaryLink {
  key: string;
  count: number;
  /** After the number: "silent", "Plus pools not exporting user activity". */
  words: string;
  tone: "gap" | "ok" | "neutral";
  filters: DeliveryLinkFilters;
}

function links(summary: FleetDeliverySummary): SummaryLink[] {
  const activity = summary.bySource.userAuthEvents;
  const only = (
    delivery: DeliveryLinkFilters["delivery"],
    deliverySource: DeliveryLinkFilters["deliverySource"],
  ) => ({
    delivery,
    deliverySource,
    tier: null,
  });
  const rows: SummaryLink[] = [
    {
      key: "plus-gap",
      count: summary.plusWithoutActivity,
      words:
        summary.plusWithoutActivity === 1
          ? "Plus pool not exporting user activity"
          : "Plus pools not exporting user activity",
      tone: "gap",
      filters: { delivery: "not-configured", deliverySource: "userAuthEvents", tier: "PLUS" },
    },
    { key: "silent", count: summary.any.silent, words: "silent", tone: "gap", filters: only("silent", null) },
    {
      key: "failing",
      count: summary.any.failing,
      words: "failing",
      tone: "gap",
      filters: only("failing", null),
    },
    {
      key: "unknown",
      count: summary.any.unknown,
      words: "could not be checked",
      tone: "gap",
      filters: only("unknown", null),
    },
    {
      key: "delivering",
      count: summary.any.delivering,
      words: "delivering",
      tone: "ok",
      filters: only("delivering", null),
    },
    {
      key: "idle",
      count: activity.idle,
      words: "idle (no sign-ins to log)",
      tone: "neutral",
      filters: only("idle", "userAuthEvents"),
    },
    {
      key: "not-applicable",
      count: activity["not-applicable"],
      words: "not applicable (no Plus plan, or threat protection off)",
      tone: "neutral",
      filters: only("not-applicable", "userAuthEvents"),
    },
  ];
  // An empty gap is not worth a line, except the first: "0 Plus pools not exporting" is good news.
  return rows.filter((r) => r.count > 0 || r.key === "plus-gap");
}

export function FleetDeliverySummaryBar({ filters }: { filters: FleetFilters }) {
  // The table's first page asks the same: one request for both.
  const query = useQuery(fleetDeliveryQuery(filters, 0, FLEET_PAGE_SIZE));
  const data = query.data;
  if (!data || data.summary.pools === 0) return null;
  const { summary, progress } = data;
  const hrefOf = (link: SummaryLink) =>
    `?${searchParamsFromFilters({ ...CLEARED_FILTERS, sort: filters.sort, ...link.filters }).toString()}`;
  const current = (link: SummaryLink) =>
    filters.delivery === link.filters.delivery &&
    filters.deliverySource === link.filters.deliverySource &&
    filters.tier === link.filters.tier;
  return (
    <section className="delivery-summary" aria-labelledby="delivery-summary-heading">
      <h2 id="delivery-summary-heading" className="delivery-summary-title">
        Delivery, last {data.window}
      </h2>
      <ul className="delivery-summary-links">
        {links(summary).map((link) => (
          <li key={link.key} className={`delivery-summary-${link.tone}`}>
            {link.count === 0 ? (
              <span>
                {numberFormat.format(link.count)} {link.words}
              </span>
            ) : (
              <Link to={hrefOf(link)} aria-current={current(link) ? "true" : undefined}>
                <strong>{numberFormat.format(link.count)}</strong> {link.words}
              </Link>
            )}
          </li>
        ))}
      </ul>
      <span className="muted small" role="status">
        {progress.state === "checking"
          ? `Checking delivery: ${numberFormat.format(summary.checked)} of ${numberFormat.format(summary.pools)} pools…`
          : `${numberFormat.format(summary.checked)} of ${numberFormat.format(summary.pools)} pools checked.`}
      </span>
    </section>
  );
}
