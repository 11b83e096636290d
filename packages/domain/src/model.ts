import { z } from "zod";
import { DESTINATION_KINDS, POOL_TIERS } from "./vocabulary.ts";

// The plain tuples live in vocabulary.ts (no zod) so the web's first screen can read them alone.
export { DESTINATION_KINDS, POOL_TIERS };

/** The two kinds of logs a user pool exports. Keyed by name, never by list position. */
export const EVENT_SOURCES = ["userNotification", "userAuthEvents"] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/**
 * How AWS's own documents and records spell the two sources (the console's "User activity" is
 * `userAuthEvents`; CloudTrail and the docs write `USER_ACTIVITY`, `UserActivity`,
 * `USER_NOTIFICATION`…), reduced to lowercase letters.
 */
const EVENT_SOURCE_SPELLINGS: Readonly<Record<EventSource, readonly string[]>> = {
  userAuthEvents: [
    "userauthevents",
    "userauthevent",
    "useractivity",
    "useractivities",
    "authevents",
    "activity",
  ],
  userNotification: [
    "usernotification",
    "usernotifications",
    "notification",
    "notifications",
    "messagedelivery",
    "messagedeliveryerrors",
  ],
};
const EVENT_SOURCE_WORDS: Readonly<Record<EventSource, string>> = {
  userAuthEvents: "user activity",
  userNotification: "message-delivery errors",
};

/** The event source a near-miss spelling means (`USER_ACTIVITY` → `userAuthEvents`), or null. */
export function eventSourceMeant(input: unknown): EventSource | null {
  if (typeof input !== "string") return null;
  const letters = input.toLowerCase().replace(/[^a-z]/g, "");
  for (const source of EVENT_SOURCES) {
    if (EVENT_SOURCE_SPELLINGS[source].includes(letters)) return source;
  }
  return null;
}

/** The message for a value that is not one of the two event source names. */
export function eventSourceMessage(input: unknown): string {
  const meant = eventSourceMeant(input);
  if (meant) {
    return `'${String(input)}' is not how the console names event sources: did you mean ${EVENT_SOURCE_WORDS[meant]} (\`${meant}\`)?`;
  }
  const all = EVENT_SOURCES.map((s) => `${s} (${EVENT_SOURCE_WORDS[s]})`).join(" or ");
  return typeof input === "string"
    ? `'${input}' is not an event source: use ${all}.`
    : `Expected an event source: ${all}.`;
}

export const EventSourceSchema = z.enum(EVENT_SOURCES, { error: (issue) => eventSourceMessage(issue.input) });

export const DestinationKindSchema = z.enum(DESTINATION_KINDS);
export type DestinationKind = z.infer<typeof DestinationKindSchema>;

export const PoolTierSchema = z.enum(POOL_TIERS);
export type PoolTier = z.infer<typeof PoolTierSchema>;

export const THREAT_PROTECTION_MODES = ["OFF", "AUDIT", "ENFORCED"] as const;
export const ThreatProtectionSchema = z.enum(THREAT_PROTECTION_MODES);
export type ThreatProtection = z.infer<typeof ThreatProtectionSchema>;

/** Where one event source goes. The ARN is the one Cognito stores (a log group ARN without `:*`). */
export const DestinationSchema = z.object({
  kind: DestinationKindSchema,
  arn: z.string().min(1).max(2048),
});
export type Destination = z.infer<typeof DestinationSchema>;

/** A pool's log delivery configuration as the console thinks of it: one optional destination per event source. */
export const LogDeliveryModelSchema = z.object({
  userNotification: DestinationSchema.nullable(),
  userAuthEvents: DestinationSchema.nullable(),
});
export type LogDeliveryModel = z.infer<typeof LogDeliveryModelSchema>;

export const EMPTY_LOG_DELIVERY: LogDeliveryModel = { userNotification: null, userAuthEvents: null };

/** What the console needs to know of a pool to judge its logging. */
export const PoolFactsSchema = z.object({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  accountId: z.string(),
  arn: z.string(),
  tier: PoolTierSchema,
  threatProtection: ThreatProtectionSchema,
  /** DescribeUserPool's `UserPoolTags` (the logging standard selects pools by tag); absent when not read. */
  tags: z.record(z.string(), z.string()).optional(),
});
export type PoolFacts = z.infer<typeof PoolFactsSchema>;

export const SEVERITIES = ["block", "warn"] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

/** A fix the console can carry out for the user (the BFF exposes each as an action). */
export const FIX_ACTIONS = [
  "add-log-group-policy",
  "tag-firehose-stream",
  "add-bucket-policy",
  "enable-threat-protection",
] as const;
export const FixActionSchema = z.enum(FIX_ACTIONS);
export type FixAction = z.infer<typeof FixActionSchema>;

export const FindingSchema = z.object({
  /** Stable id, e.g. `tier-not-plus`, `log-group-kms`. */
  id: z.string(),
  severity: SeveritySchema,
  eventSource: EventSourceSchema.optional(),
  message: z.string(),
  fix: z
    .object({
      action: FixActionSchema,
      label: z.string(),
      /** The resource the fix acts on (ARN). */
      target: z.string().optional(),
    })
    .optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

/** A field-level error in the user's terms. `path` names the user's field, e.g. `userAuthEvents.destination.arn`. */
export const FieldErrorSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;
