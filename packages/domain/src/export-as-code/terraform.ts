/**
 * Terraform for pools' log delivery: one `aws_cognito_log_delivery_configuration` per pool carrying
 * both event sources (Set replaces the whole list, so a resource per source would erase the other
 * one), with an `import` block so Terraform adopts what the pool has instead of overwriting it.
 *
 * Facts (hashicorp/terraform-provider-aws, website/docs/r/cognito_log_delivery_configuration,
 * CHANGELOG 6.5.0): the resource appeared in provider 6.5.0; arguments `user_pool_id` and
 * `log_configurations` blocks (`event_source`, `log_level`, one of `cloud_watch_logs_configuration
 * { log_group_arn }`, `firehose_configuration { stream_arn }`, `s3_configuration { bucket_arn }`);
 * import id = the user pool id. The `import` block's `provider` argument needs Terraform 1.5+.
 */
import { destinationName } from "../arn.ts";
import type { DestinationKind } from "../model.ts";
import { describePool, type ExportablePool, type ExportEntry, oneLine, uniqueNames } from "./pool-config.ts";

/**
 * How destinations are written: `arn` literally (what AWS holds, nothing else assumed); `data` as
 * data sources looked up by name (the plan then fails if a destination is gone). Never as managed
 * resources: the console did not create them and knows only part of their settings, and Terraform
 * would take them over.
 */
export const TERRAFORM_DESTINATION_MODES = ["arn", "data"] as const;
export type TerraformDestinationMode = (typeof TERRAFORM_DESTINATION_MODES)[number];

/** The oldest provider with the resource (CHANGELOG 6.5.0). */
export const TERRAFORM_AWS_PROVIDER_VERSION = ">= 6.5.0";

const BLOCK_OF: Readonly<Record<DestinationKind, { block: string; argument: string }>> = {
  logGroup: { block: "cloud_watch_logs_configuration", argument: "log_group_arn" },
  firehose: { block: "firehose_configuration", argument: "stream_arn" },
  s3: { block: "s3_configuration", argument: "bucket_arn" },
};

/**
 * The data source of each kind and its lookup argument. `aws_cloudwatch_log_group`'s `arn` has the
 * `:*` suffix trimmed by the provider (internal/service/logs/group_data_source.go,
 * trimLogGroupARNWildcardSuffix), so it is what Cognito takes.
 */
const DATA_OF: Readonly<Record<DestinationKind, { type: string; argument: string }>> = {
  logGroup: { type: "aws_cloudwatch_log_group", argument: "name" },
  firehose: { type: "aws_kinesis_firehose_delivery_stream", argument: "name" },
  s3: { type: "aws_s3_bucket", argument: "bucket" },
};

const SOURCE_SUFFIX = { userNotification: "user_notification", userAuthEvents: "user_activity" } as const;

/**
 * A quoted HCL string: `\` and `"` escaped, and `${`/`%{` doubled so Terraform does not read a
 * template in a name (HCL native syntax spec, "Template Literals").
 */
export function hclString(value: string): string {
  const escaped = value
    .replaceAll("\\", "\\\\")
    .replaceAll('"', '\\"')
    .replaceAll("\n", "\\n")
    .replaceAll("\r", "\\r")
    .replaceAll("\t", "\\t")
    .replaceAll("${", "$${")
    .replaceAll("%{", "%%{");
  return `"${escaped}"`;
}

/** A Terraform identifier (letters, digits, `_`, `-`; not starting with a digit) from free text. */
export function terraformName(text: string): string {
  const name = text
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (name === "") return "pool";
  return /^[a-z_]/.test(name) ? name : `pool_${name}`;
}

function providerAlias(pool: Pick<ExportablePool, "accountId" | "region">): string {
  return `account_${pool.accountId}_${pool.region.replaceAll("-", "_")}`;
}

/** `key = value` lines of a block, aligned as `terraform fmt` aligns them. */
function attributes(pairs: ReadonlyArray<readonly [string, string]>, indent: string): string[] {
  const width = Math.max(...pairs.map(([key]) => key.length));
  return pairs.map(([key, value]) => `${indent}${key.padEnd(width)} = ${value}`);
}

interface DataSource {
  address: string;
  lines: string[];
}

function dataSourceFor(entry: ExportEntry, resourceName: string, alias: string): DataSource {
  const { type, argument } = DATA_OF[entry.kind];
  const name = `${resourceName}_${SOURCE_SUFFIX[entry.eventSource]}`;
  return {
    address: `data.${type}.${name}.arn`,
    lines: [
      `data "${type}" "${name}" {`,
      ...attributes(
        [
          ["provider", `aws.${alias}`],
          [argument, hclString(destinationName(entry.arn))],
        ],
        "  ",
      ),
      "}",
    ],
  };
}

/**
 * The Terraform file for `pools`: the provider requirement, one aliased provider per (account,
 * region) (`allowed_account_ids` pins it; credentials for each account are the reader's to give),
 * and per pool an `import` block and the resource, named uniquely in the file. A pool that exports
 * nothing gets a comment instead: the resource needs at least one `log_configurations` block.
 * Deterministic: the same pools give the same text.
 */
export function terraformFor(
  pools: readonly ExportablePool[],
  mode: TerraformDestinationMode = "arn",
): string {
  const out: string[] = [
    "# Cognito user pools' log delivery, as AWS holds it (GetLogDeliveryConfiguration), written by",
    "# Cognito Log Console. Each resource carries both event sources: SetLogDeliveryConfiguration",
    "# replaces the whole list, so the two must never be split across resources. The import blocks",
    "# adopt what each pool has instead of overwriting it; `terraform plan` should show no change.",
    "# Careful: destroying a resource clears the pool's log delivery (both event sources).",
    "",
    "terraform {",
    '  required_version = ">= 1.5.0"',
    "  required_providers {",
    "    aws = {",
    '      source  = "hashicorp/aws"',
    `      version = ${hclString(TERRAFORM_AWS_PROVIDER_VERSION)}`,
    "    }",
    "  }",
    "}",
  ];
  const aliases = new Map<string, ExportablePool>();
  for (const pool of pools) aliases.set(providerAlias(pool), aliases.get(providerAlias(pool)) ?? pool);
  for (const [alias, pool] of aliases) {
    out.push(
      "",
      `# Account ${pool.accountId}, ${pool.region}: give this provider that account's credentials`,
      "# (a profile, or an assume_role block).",
      `provider "aws" {`,
      ...attributes(
        [
          ["alias", hclString(alias)],
          ["region", hclString(pool.region)],
          ["allowed_account_ids", `[${hclString(pool.accountId)}]`],
        ],
        "  ",
      ),
      "}",
    );
  }
  const nameOf = uniqueNames();
  for (const pool of pools) {
    out.push("", ...terraformPoolBlocks(pool, nameOf(terraformName(pool.poolName ?? pool.poolId)), mode));
  }
  return `${out.join("\n")}\n`;
}

/**
 * One pool's part of the file: a comment naming it (and any warning), then its data sources (in
 * `data` mode), `import` block and resource, named `name`, using the (account, region) provider
 * alias `terraformFor` declares. A pool that exports nothing gets a comment only.
 */
export function terraformPoolBlocks(
  pool: ExportablePool,
  name: string,
  mode: TerraformDestinationMode = "arn",
): string[] {
  const alias = providerAlias(pool);
  const out = [`# The ${describePool(pool)}.`];
  for (const warning of pool.warnings) out.push(`# Note: ${oneLine(warning)}`);
  if (pool.entries.length === 0) {
    out.push(
      "# It exports no logs. aws_cognito_log_delivery_configuration needs at least one",
      "# log_configurations block, so there is nothing to declare for it.",
    );
    return out;
  }
  const data = mode === "data" ? pool.entries.map((entry) => dataSourceFor(entry, name, alias)) : [];
  for (const source of data) out.push("", ...source.lines);
  out.push(
    "",
    "import {",
    ...attributes(
      [
        ["provider", `aws.${alias}`],
        ["to", `aws_cognito_log_delivery_configuration.${name}`],
        ["id", hclString(pool.poolId)],
      ],
      "  ",
    ),
    "}",
    "",
    `resource "aws_cognito_log_delivery_configuration" "${name}" {`,
    ...attributes(
      [
        ["provider", `aws.${alias}`],
        ["user_pool_id", hclString(pool.poolId)],
      ],
      "  ",
    ),
  );
  pool.entries.forEach((entry, index) => {
    const { block, argument } = BLOCK_OF[entry.kind];
    const value = data[index]?.address ?? hclString(entry.arn);
    out.push(
      "",
      "  log_configurations {",
      ...attributes(
        [
          ["event_source", hclString(entry.eventSource)],
          ["log_level", hclString(entry.logLevel)],
        ],
        "    ",
      ),
      "",
      `    ${block} {`,
      `      ${argument} = ${value}`,
      "    }",
      "  }",
    );
  });
  out.push("}");
  return out;
}
