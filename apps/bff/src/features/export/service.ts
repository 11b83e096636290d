/**
 * Export as code and findings reports (issue 17): gathers what each pool has, the domain writes the
 * files (`@clc/domain` export-as-code). One pool is read fresh from AWS (its list exactly as
 * GetLogDeliveryConfiguration answers it); a selection is built from the fleet's stored reads (no
 * AWS call), reading only the pools the fleet has not read.
 */
import {
  type CodeExport,
  type CodeFormat,
  exportAsCode,
  type FindingsReportPool,
  type PoolListFilter,
  type PoolLogDeliverySource,
  type PoolSummary,
  type TerraformDestinationMode,
  toAwsLogConfigurations,
} from "@clc/domain";
import type { Deadline } from "../../aws/deadline.ts";
import { ServiceError } from "../../lib/errors.ts";
import { requireConfiguredRegion } from "../../lib/regions.ts";
import type { AccountDirectory } from "../accounts/service.ts";
import type { FleetService } from "../fleet/service.ts";

export interface ExportDeps {
  accounts: Pick<AccountDirectory, "scope">;
  fleet: Pick<FleetService, "list" | "storedRead">;
  regions: readonly string[];
}

export interface PoolRefInput {
  accountId: string;
  poolId: string;
}

export interface ExportService {
  /** One pool's file, from a fresh GetLogDeliveryConfiguration (404 for a pool or account not shown). */
  pool(
    ref: PoolRefInput,
    format: CodeFormat,
    destinations: TerraformDestinationMode,
    deadline: Deadline,
  ): Promise<CodeExport>;
  /** One file for several pools (stored reads; the others read now), in the order given. */
  selection(
    refs: readonly PoolRefInput[],
    format: CodeFormat,
    destinations: TerraformDestinationMode,
    deadline: Deadline,
  ): Promise<CodeExport>;
  /** The pools the fleet's filters match now (every page), at most `max`; a 400 beyond. */
  poolsMatching(filters: Partial<PoolListFilter>, max: number): PoolRefInput[];
  /** The findings of the pools the fleet's filters match, as the fleet rows show them (no AWS call). */
  findings(filters: Partial<PoolListFilter>): FindingsReportPool[];
}

/** Every row the filters match, in the fleet's default order. */
function matchingRows(fleet: ExportDeps["fleet"], filters: Partial<PoolListFilter>): PoolSummary[] {
  return fleet.list({ ...filters, sort: "name", offset: 0, limit: Number.MAX_SAFE_INTEGER } as PoolListFilter)
    .items;
}

export function createExportService(deps: ExportDeps): ExportService {
  async function freshSource(ref: PoolRefInput, deadline: Deadline): Promise<PoolLogDeliverySource> {
    const region = requireConfiguredRegion(ref.poolId, deps.regions);
    const scope = await deps.accounts.scope(ref.accountId, deadline);
    // The pool's facts (its name; a 404 for a pool that does not exist) from the fleet's read,
    // then its list exactly as AWS answers it now.
    const read = await scope.fleet.readPool(region, ref.poolId, { deadline });
    const answer = await scope.gateways.cognito.getLogDeliveryConfiguration(region, ref.poolId, deadline);
    return {
      accountId: read.facts.accountId,
      region,
      poolId: ref.poolId,
      poolName: read.facts.name,
      logConfigurations: answer.logConfigurations,
    };
  }

  async function storedSource(ref: PoolRefInput, deadline: Deadline): Promise<PoolLogDeliverySource> {
    const stored = deps.fleet.storedRead(ref.accountId, ref.poolId);
    if (!stored) return freshSource(ref, deadline);
    const { facts, configuration } = stored.read;
    return {
      accountId: facts.accountId,
      region: facts.region,
      poolId: facts.id,
      poolName: facts.name,
      logConfigurations: toAwsLogConfigurations(configuration),
    };
  }

  return {
    async pool(ref, format, destinations, deadline) {
      return exportAsCode([await freshSource(ref, deadline)], format, destinations);
    },

    async selection(refs, format, destinations, deadline) {
      const unique = [...new Map(refs.map((ref) => [`${ref.accountId}/${ref.poolId}`, ref])).values()];
      const sources = await Promise.all(unique.map((ref) => storedSource(ref, deadline)));
      return exportAsCode(sources, format, destinations);
    },

    poolsMatching(filters, max) {
      const rows = matchingRows(deps.fleet, filters);
      if (rows.length === 0) {
        throw new ServiceError("invalid", "export-nothing-selected", "No pool matches these filters", {
          detail: "The fleet's filters match no pool, so there is nothing to export.",
          hint: "Clear a filter, or wait for the fleet read to list the pools.",
        });
      }
      if (rows.length > max) {
        throw new ServiceError("invalid", "export-too-many-pools", "Too many pools to export at once", {
          detail: `The filters match ${rows.length} pools; one export takes at most ${max}.`,
          hint: "Narrow the filters (account, region, OU) and export each part.",
        });
      }
      return rows.map((row) => ({ accountId: row.accountId, poolId: row.id }));
    },

    findings(filters) {
      return matchingRows(deps.fleet, filters).map((row) => {
        const stored = deps.fleet.storedRead(row.accountId, row.id);
        return {
          accountId: row.accountId,
          accountName: row.accountName,
          region: row.region,
          poolId: row.id,
          poolName: row.name,
          poolArn: stored?.read.facts.arn ?? null,
          configuration: stored?.read.configuration ?? null,
          findings: stored?.findings ?? [],
        };
      });
    },
  };
}
