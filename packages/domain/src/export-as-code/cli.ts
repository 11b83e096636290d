/**
 * The AWS CLI commands that set pools' log delivery to what AWS holds now: `aws cognito-idp
 * set-log-delivery-configuration --user-pool-id … --log-configurations '<JSON>'` (AWS CLI command
 * reference; the JSON is SetLogDeliveryConfiguration's `LogConfigurations` list, which replaces the
 * whole configuration: both event sources are always sent).
 */
import type { AwsLogConfigurationOut } from "../aws-config.ts";
import { commandOf, shellWord } from "../member-role.ts";
import { describePool, type ExportablePool, oneLine } from "./pool-config.ts";

/** The `LogConfigurations` list Set takes for a pool's entries (userNotification first). */
export function logConfigurationsOf(pool: ExportablePool): AwsLogConfigurationOut[] {
  return pool.entries.map((entry) => {
    const out: AwsLogConfigurationOut = { LogLevel: entry.logLevel, EventSource: entry.eventSource };
    if (entry.kind === "logGroup") out.CloudWatchLogsConfiguration = { LogGroupArn: entry.arn };
    else if (entry.kind === "firehose") out.FirehoseConfiguration = { StreamArn: entry.arn };
    else out.S3Configuration = { BucketArn: entry.arn };
    return out;
  });
}

/** One pool's command, options one per line (POSIX shell; the JSON single-quoted). */
export function cliCommandFor(pool: ExportablePool): string {
  return commandOf([
    "aws cognito-idp set-log-delivery-configuration",
    `--region ${shellWord(pool.region)}`,
    `--user-pool-id ${shellWord(pool.poolId)}`,
    `--log-configurations ${shellWord(JSON.stringify(logConfigurationsOf(pool)))}`,
  ]);
}

/**
 * A shell script of one command per pool, each after a comment naming the pool and the account
 * whose credentials it must run with (the CLI has no account option). A pool that exports nothing
 * gets `'[]'`, which is what it has.
 */
export function cliScriptFor(pools: readonly ExportablePool[]): string {
  const parts = [
    "#!/bin/sh",
    "# Cognito user pools' log delivery as AWS holds it, written by Cognito Log Console.",
    "# Each command replaces the pool's whole configuration (both event sources) with the one shown.",
    "set -e",
  ];
  for (const pool of pools) {
    parts.push("", `# The ${describePool(pool)}: run with credentials of account ${pool.accountId}.`);
    for (const warning of pool.warnings) parts.push(`# Note: ${oneLine(warning)}`);
    parts.push(cliCommandFor(pool));
  }
  return `${parts.join("\n")}\n`;
}
