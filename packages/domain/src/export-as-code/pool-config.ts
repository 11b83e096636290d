/**
 * A pool's log delivery configuration as AWS holds it, made ready to be written as code (issue 17,
 * "Export as code"): one entry per event source, in the order AWS answers them, each ARN as
 * SetLogDeliveryConfiguration takes it. Pure; shared by the Terraform, CloudFormation and CLI
 * writers.
 */

import { type AwsEntryProblem, fromAwsLogConfigurations } from "../aws-config.ts";
import { type AwsLogLevel, LOG_LEVEL_BY_SOURCE } from "../labels.ts";
import { type DestinationKind, EVENT_SOURCES, type EventSource } from "../model.ts";

/** What an export is made from: where the pool is, and GetLogDeliveryConfiguration's list as AWS sent it. */
export interface PoolLogDeliverySource {
  accountId: string;
  region: string;
  poolId: string;
  /** The pool's name, for comments and resource names only (never sent to AWS). */
  poolName?: string;
  /** `LogDeliveryConfiguration.LogConfigurations` exactly as AWS answered it (absent, null elements and all). */
  logConfigurations: unknown;
}

/** One event source's entry, ready to be written. */
export interface ExportEntry {
  eventSource: EventSource;
  logLevel: AwsLogLevel;
  kind: DestinationKind;
  /** The ARN as Set takes it: a log group's without the `:*` DescribeLogGroups' `arn` ends in. */
  arn: string;
}

export interface ExportablePool extends Omit<PoolLogDeliverySource, "logConfigurations"> {
  entries: ExportEntry[];
  /** What could not be carried over as AWS has it, in the user's terms (also written into the code as comments). */
  warnings: string[];
}

/**
 * A log group ARN as Cognito takes it. DescribeLogGroups' `arn` ends in `:*`, which does not fit
 * Cognito's LogGroupArn pattern (rules doc §2 "Limits from the service model"), and CDK passing it
 * is a known failure (aws/aws-cdk#31241): the suffix is dropped wherever it comes from.
 */
export function setTakesArn(arn: string): string {
  return arn.endsWith(":*") ? arn.slice(0, -2) : arn;
}

/**
 * The entries of a pool, userNotification first: the order GetLogDeliveryConfiguration answers in,
 * which provider versions comparing `log_configurations` by position need (terraform-provider-aws
 * #43550, #49202). Entries AWS holds that the console's model cannot place (fromAwsLogConfigurations'
 * problems) are left out and named in `warnings`; so is a stripped `:*`.
 */
export function exportablePool(source: PoolLogDeliverySource): ExportablePool {
  const { model, problems } = fromAwsLogConfigurations(source.logConfigurations);
  const warnings = problems.map((problem: AwsEntryProblem) =>
    problem.reason === "wrong-level"
      ? `${problem.message} The export writes the level AWS accepts.`
      : `${problem.message} It is left out of the export.`,
  );
  const entries: ExportEntry[] = [];
  for (const eventSource of EVENT_SOURCES) {
    const destination = model[eventSource];
    if (!destination) continue;
    const arn = setTakesArn(destination.arn);
    if (arn !== destination.arn) {
      warnings.push(`${destination.arn} ends in ':*', which Cognito refuses; the export uses ${arn}.`);
    }
    entries.push({ eventSource, logLevel: LOG_LEVEL_BY_SOURCE[eventSource], kind: destination.kind, arn });
  }
  const { logConfigurations: _aws, ...where } = source;
  return { ...where, entries, warnings };
}

/** `pool "name" (id) in account A, region R`: how comments and notes name a pool. */
export function describePool(
  pool: Pick<ExportablePool, "poolId" | "poolName" | "accountId" | "region">,
): string {
  const name = pool.poolName ? `"${oneLine(pool.poolName)}" (${pool.poolId})` : pool.poolId;
  return `pool ${name} in account ${pool.accountId}, ${pool.region}`;
}

/** A name on one line, for comments: pool names are free text. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, " ");
}

/**
 * Names unique within one file: `base` as given, then `base_2`, `base_3`… (`separator` between).
 * Returns a function to call once per resource.
 */
export function uniqueNames(separator = "_"): (base: string) => string {
  const used = new Set<string>();
  return (base) => {
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n += 1) name = `${base}${separator}${n}`;
    used.add(name.toLowerCase());
    return name;
  };
}
