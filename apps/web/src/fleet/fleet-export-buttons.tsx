import { useMutation } from "@tanstack/react-query";
import { BusyButton } from "../components/busy-button.tsx";
import { ProblemMessage } from "../components/problem-message.tsx";
import { downloadFleet, type FleetExportFormat } from "./fleet-export.ts";
import type { FleetFilters } from "./fleet-filters.ts";

/** "Export CSV" and "Export JSON": the pools the table lists now, in its order. */
export function FleetExportButtons({ filters }: { filters: FleetFilters }) {
  const download = useMutation({
    mutationFn: (format: FleetExportFormat) => downloadFleet(filters, format),
  });
  const busy = (format: FleetExportFormat) => download.isPending && download.variables === format;
  return (
    <>
      <BusyButton
        busy={busy("csv")}
        busyLabel="Exporting…"
        disabled={download.isPending}
        onClick={() => download.mutate("csv")}
      >
        Export CSV
      </BusyButton>
      <BusyButton
        busy={busy("json")}
        busyLabel="Exporting…"
        disabled={download.isPending}
        onClick={() => download.mutate("json")}
      >
        Export JSON
      </BusyButton>
      {download.isError && (
        <div className="fleet-export-error">
          <ProblemMessage error={download.error} title="Could not export the pools" />
        </div>
      )}
    </>
  );
}
