import { useMutation } from "@tanstack/react-query";
import { BusyButton } from "../components/busy-button.tsx";
import { ProblemMessage } from "../components/problem-message.tsx";
import { FleetCodeExport } from "./fleet-code-export.tsx";
import type { FleetExportFormat } from "./fleet-export.ts";
import type { FleetFilters } from "./fleet-filters.ts";

/** "Export CSV" and "Export JSON": the pools the table lists now, in its order. */
export function FleetExportButtons({ filters }: { filters: FleetFilters }) {
  const download = useMutation({
    // Loaded on the first click: it needs the domain's CSV and label code, which the fleet's first
    // screen must not wait for (apps/web/test/initial-bundle.test.ts).
    mutationFn: async (format: FleetExportFormat) =>
      (await import("./fleet-export.ts")).downloadFleet(filters, format),
  });
  const busy = (format: FleetExportFormat) => download.isPending && download.variables === format;
  return (
    <>
      {(["csv", "json"] as const).map((format) => (
        <BusyButton
          key={format}
          busy={busy(format)}
          busyLabel="Exporting…"
          disabled={download.isPending}
          onClick={() => download.mutate(format)}
        >
          Export {format.toUpperCase()}
        </BusyButton>
      ))}
      <FleetCodeExport filters={filters} />
      {download.isError && (
        <div className="fleet-export-error">
          <ProblemMessage error={download.error} title="Could not export the pools" />
        </div>
      )}
    </>
  );
}
