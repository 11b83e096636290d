/**
 * More exports of the pools the fleet's filters match: their log delivery as code (Terraform,
 * CloudFormation, AWS CLI; one file, one resource or command per pool) and their findings (CSV,
 * JSON, AWS Security Hub ASFF, each finding with its remediation). Collapsed by default.
 */
import { useMutation } from "@tanstack/react-query";
import { findingsExportUrl } from "../api/export/queries.ts";
import { BusyButton } from "../components/busy-button.tsx";
import { ProblemMessage } from "../components/problem-message.tsx";
import type { FleetFilters } from "./fleet-filters.ts";

type CodeFormat = "terraform" | "cloudformation" | "cli";
const CODE_FORMATS: ReadonlyArray<[CodeFormat, string]> = [
  ["terraform", "Terraform"],
  ["cloudformation", "CloudFormation"],
  ["cli", "AWS CLI"],
];

export function FleetCodeExport({ filters }: { filters: FleetFilters }) {
  const download = useMutation({
    mutationFn: async (format: CodeFormat) => {
      const { fetchFleetExport, saveFile } = await import("../api/export/queries.ts");
      saveFile(await fetchFleetExport(filters, format));
    },
  });
  return (
    <details className="fleet-more-exports">
      <summary className="button">More exports</summary>
      <div className="fleet-more-exports-menu">
        <span className="small muted">These pools as code</span>
        {CODE_FORMATS.map(([format, label]) => (
          <BusyButton
            key={format}
            busy={download.isPending && download.variables === format}
            busyLabel="Exporting…"
            disabled={download.isPending}
            onClick={() => download.mutate(format)}
          >
            {label}
          </BusyButton>
        ))}
        <span className="small muted">Their findings, with remediation</span>
        <a className="button" href={findingsExportUrl(filters, "csv")} download>
          Findings CSV
        </a>
        <a className="button" href={findingsExportUrl(filters, "json")} download>
          Findings JSON
        </a>
        <a className="button" href={findingsExportUrl(filters, "asff")} download>
          Security Hub (ASFF)
        </a>
        {download.isError && (
          <ProblemMessage error={download.error} title="Could not export these pools as code" />
        )}
      </div>
    </details>
  );
}
