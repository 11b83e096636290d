import type { DestinationKind, EventSource, PoolTier, Severity, ThreatProtection } from "./model.ts";

/** What the user sees for each event source; AWS's names mean little to them. */
export const EVENT_SOURCE_LABELS: Readonly<Record<EventSource, string>> = {
  userNotification: "Message-delivery errors",
  userAuthEvents: "User activity",
};

export const DESTINATION_KIND_LABELS: Readonly<Record<DestinationKind, string>> = {
  logGroup: "CloudWatch log group",
  firehose: "Firehose stream",
  s3: "S3 bucket",
};

export const TIER_LABELS: Readonly<Record<PoolTier, string>> = {
  LITE: "Lite",
  ESSENTIALS: "Essentials",
  PLUS: "Plus",
};

/** AWS's mode names, as the console's messages use them ("until it is Audit or Enforced"). */
export const THREAT_PROTECTION_LABELS: Readonly<Record<ThreatProtection, string>> = {
  OFF: "Off",
  AUDIT: "Audit",
  ENFORCED: "Enforced",
};

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  block: "Blocks the change",
  warn: "Warning",
};

export const AWS_LOG_LEVELS = ["ERROR", "INFO"] as const;
export type AwsLogLevel = (typeof AWS_LOG_LEVELS)[number];

/** The only level AWS accepts for each event source (rules doc §1). */
export const LOG_LEVEL_BY_SOURCE: Readonly<Record<EventSource, AwsLogLevel>> = {
  userNotification: "ERROR",
  userAuthEvents: "INFO",
};

/** Destination kinds AWS accepts for each event source (rules doc §1). */
export const ALLOWED_DESTINATION_KINDS: Readonly<Record<EventSource, readonly DestinationKind[]>> = {
  userNotification: ["logGroup"],
  userAuthEvents: ["logGroup", "firehose", "s3"],
};

/** Tiers on which an event source may be exported at all. */
export const TIERS_ALLOWED_BY_SOURCE: Readonly<Record<EventSource, readonly PoolTier[]>> = {
  userNotification: ["LITE", "ESSENTIALS", "PLUS"],
  userAuthEvents: ["PLUS"],
};
