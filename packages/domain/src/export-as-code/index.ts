/**
 * Export as code (issue 17): pools' log delivery as Terraform, CloudFormation or AWS CLI, built from
 * what AWS holds. Pure; the BFF reads the configurations and serves the files, the web app shows them.
 */
import { z } from "zod";
import { AccountIdSchema } from "../accounts.ts";
import { PoolListQuerySchema } from "../api.ts";
import { cliScriptFor } from "./cli.ts";
import { cloudFormationFor } from "./cloudformation.ts";
import { exportablePool, type PoolLogDeliverySource } from "./pool-config.ts";
import { TERRAFORM_DESTINATION_MODES, type TerraformDestinationMode, terraformFor } from "./terraform.ts";

export * from "./cli.ts";
export * from "./cloudformation.ts";
export * from "./findings-report.ts";
export * from "./pool-config.ts";
export * from "./terraform.ts";

export const CODE_FORMATS = ["terraform", "cloudformation", "cli"] as const;
export type CodeFormat = (typeof CODE_FORMATS)[number];

export const CODE_FORMAT_LABELS: Readonly<Record<CodeFormat, string>> = {
  terraform: "Terraform",
  cloudformation: "CloudFormation",
  cli: "AWS CLI",
};

/** One exported file. */
export const CodeExportSchema = z.object({
  format: z.enum(CODE_FORMATS),
  /** The file name to save it under. */
  filename: z.string(),
  mediaType: z.string(),
  content: z.string(),
  /** How many pools it declares. */
  pools: z.number().int().nonnegative(),
  /** What could not be carried over exactly, in the user's terms (also written into the file). */
  warnings: z.array(z.string()),
});
export type CodeExport = z.infer<typeof CodeExportSchema>;

const UserPoolId = z
  .string()
  .min(1)
  .max(55)
  .regex(/^[\w-]+_[0-9a-zA-Z]+$/, "Expected a user pool id such as us-east-1_AbCdEf123");

/** `?format=…&destinations=…` of the export routes. */
export const CodeExportQuerySchema = z.object({
  format: z.enum(CODE_FORMATS),
  /** Terraform only: destinations as literal ARNs (default) or as data sources looked up by name. */
  destinations: z.enum(TERRAFORM_DESTINATION_MODES).default("arn"),
});
export type CodeExportQuery = z.input<typeof CodeExportQuerySchema>;

/** The fleet's list filters (everything but sort and paging), as the fleet page's URL carries them. */
export const FleetFiltersSchema = PoolListQuerySchema.omit({ sort: true, offset: true, limit: true });

/** Most pools one export names: each may cost a read of its configuration. */
export const CODE_EXPORT_MAX_POOLS = 500;

/**
 * POST /api/pools/export: the pools to export, named (`pools`, e.g. a batch's) or as the fleet's
 * current filters (`filters`).
 */
export const CodeExportSelectionSchema = z
  .object({
    pools: z
      .array(z.object({ accountId: AccountIdSchema, poolId: UserPoolId }))
      .min(1, "Choose at least one pool to export.")
      .max(
        CODE_EXPORT_MAX_POOLS,
        `Export at most ${CODE_EXPORT_MAX_POOLS} pools at once; narrow the filters.`,
      )
      .optional(),
    filters: FleetFiltersSchema.optional(),
  })
  .refine((body) => (body.pools === undefined) !== (body.filters === undefined), {
    message: "Name the pools to export, or give the fleet's filters (one of the two).",
    path: ["pools"],
  });
export type CodeExportSelection = z.infer<typeof CodeExportSelectionSchema>;

const FILE_OF: Readonly<Record<CodeFormat, { extension: string; mediaType: string }>> = {
  terraform: { extension: "tf", mediaType: "text/plain; charset=utf-8" },
  cloudformation: { extension: "json", mediaType: "application/json; charset=utf-8" },
  cli: { extension: "sh", mediaType: "text/x-shellscript; charset=utf-8" },
};

/**
 * The file for `sources` in `format` (one resource or command per pool, names unique in the file).
 * The file name names the pool when there is one, else `cognito-log-delivery-<n>-pools`.
 */
export function exportAsCode(
  sources: readonly PoolLogDeliverySource[],
  format: CodeFormat,
  destinations: TerraformDestinationMode = "arn",
): CodeExport {
  const pools = sources.map(exportablePool);
  const content =
    format === "terraform"
      ? terraformFor(pools, destinations)
      : format === "cloudformation"
        ? `${JSON.stringify(cloudFormationFor(pools), null, 2)}\n`
        : cliScriptFor(pools);
  const [only] = pools;
  const base =
    pools.length === 1 && only
      ? `cognito-log-delivery-${only.poolId}`
      : `cognito-log-delivery-${pools.length}-pools`;
  const file = FILE_OF[format];
  return {
    format,
    filename: `${base}.${file.extension}`,
    mediaType: file.mediaType,
    content,
    pools: pools.length,
    warnings: pools.flatMap((pool) => pool.warnings.map((w) => `${pool.poolId}: ${w}`)),
  };
}

export const FINDINGS_REPORT_FORMATS = ["csv", "json", "asff"] as const;
export type FindingsReportFormat = (typeof FINDINGS_REPORT_FORMATS)[number];

/** GET /api/fleet/findings/export: the format, and the fleet's filters (the rows the page shows). */
export const FindingsExportQuerySchema = FleetFiltersSchema.extend({
  format: z.enum(FINDINGS_REPORT_FORMATS),
});
export type FindingsExportQuery = z.input<typeof FindingsExportQuerySchema>;
