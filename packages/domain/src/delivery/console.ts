/**
 * Links to a destination in the AWS console, where a person checks what arrived. The console's
 * log group URLs escape the name twice: `/` → `%2F` → `$252F` (the console's own hash routing).
 */
import type { DestinationKind } from "../model.ts";

export function destinationConsoleUrl(
  kind: DestinationKind,
  name: string,
  region: string,
  accountId: string,
): string {
  if (kind === "logGroup") {
    const escaped = encodeURIComponent(name).replace(/%/g, "$25");
    return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${escaped}`;
  }
  if (kind === "firehose") {
    return `https://${region}.console.aws.amazon.com/firehose/home?region=${region}#/details/${encodeURIComponent(name)}/monitoring`;
  }
  return `https://s3.console.aws.amazon.com/s3/buckets/${encodeURIComponent(name)}?region=${region}&prefix=${encodeURIComponent(`AWSLogs/${accountId}/`)}`;
}
