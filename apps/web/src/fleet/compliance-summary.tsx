import type { ComplianceState } from "@clc/domain";
import { Link } from "react-router";
import { useEvaluation } from "../api/standard/queries.ts";
import { ApplyStandardButton } from "../pages/standard/apply-standard-button.tsx";
import { COMPLIANCE_LABELS } from "./compliance-labels.ts";
import { type FleetFilters, searchParamsFromFilters } from "./fleet-filters.ts";
import "./compliance-summary.css";

/** The states the summary links to; "not covered" and "not read yet" are said in words after them. */
const LINKED: readonly ComplianceState[] = ["compliant", "drift", "cannot-comply", "exempt"];

const numberFormat = new Intl.NumberFormat("en");

/**
 * The fleet against the logging standard: one count per state, each a link that filters the table
 * to those pools (the URL's `compliance`, other filters kept). Judged by the BFF on the rows it has
 * read (no extra AWS read); re-read while the fleet is being read.
 */
export function ComplianceSummary({
  filters,
  fleetLoading,
}: {
  filters: FleetFilters;
  fleetLoading: boolean;
}) {
  const evaluation = useEvaluation(null, fleetLoading);
  const data = evaluation.data;
  if (!data) return null;
  const { counts } = data;
  const governed = LINKED.reduce((n, state) => n + counts[state], 0);
  if (data.revision === 0 || governed === 0) {
    return (
      <p className="compliance-summary muted">
        {data.revision === 0
          ? "No logging standard is defined yet. "
          : "The logging standard covers no pool. "}
        <Link to="/standard">Define the logging standard</Link>
      </p>
    );
  }
  const linkTo = (compliance: ComplianceState | null) => ({
    search: searchParamsFromFilters({ ...filters, compliance }).toString(),
  });
  const notCovered = counts["not-governed"];
  return (
    <nav className="compliance-summary" aria-label="Compliance with the logging standard">
      <span className="compliance-summary-title">
        <Link to="/standard">Logging standard</Link>:
      </span>
      <ul>
        {LINKED.map((state) => {
          const current = filters.compliance === state;
          return (
            <li key={state}>
              <Link
                to={linkTo(current ? null : state)}
                className={`compliance-count compliance-${state}`}
                aria-current={current ? "true" : undefined}
                aria-label={`${numberFormat.format(counts[state])} ${COMPLIANCE_LABELS[state].toLowerCase()}${current ? " (filtering; select to show every pool)" : ""}`}
              >
                <strong>{numberFormat.format(counts[state])}</strong> {COMPLIANCE_LABELS[state].toLowerCase()}
              </Link>
            </li>
          );
        })}
      </ul>
      {notCovered > 0 && (
        <span className="muted small">
          {numberFormat.format(notCovered)} not covered by a rule
          {counts.unknown > 0 ? `, ${numberFormat.format(counts.unknown)} not read yet` : ""}
        </span>
      )}
      <ApplyStandardButton drifting={counts.drift} filters={filters} />
    </nav>
  );
}
