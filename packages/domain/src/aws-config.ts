import { z } from "zod";
import { EVENT_SOURCE_LABELS, LOG_LEVEL_BY_SOURCE } from "./labels.ts";
import {
  type Destination,
  type DestinationKind,
  EVENT_SOURCES,
  type EventSource,
  type LogDeliveryModel,
} from "./model.ts";

/**
 * One `LogConfigurations` entry as AWS sends it. Lenient on purpose: unknown members pass through and
 * enum-like members are plain strings, so a new value from AWS is reported by `fromAwsLogConfigurations`
 * instead of failing the whole read.
 */
export const AwsLogConfigurationSchema = z.looseObject({
  LogLevel: z.string().nullish(),
  EventSource: z.string().nullish(),
  CloudWatchLogsConfiguration: z.looseObject({ LogGroupArn: z.string().nullish() }).nullish(),
  FirehoseConfiguration: z.looseObject({ StreamArn: z.string().nullish() }).nullish(),
  S3Configuration: z.looseObject({ BucketArn: z.string().nullish() }).nullish(),
});
export type AwsLogConfiguration = z.infer<typeof AwsLogConfigurationSchema>;

/** The list as AWS answers it: `null` elements happen and are dropped (rules doc §1). */
export const AwsLogConfigurationsSchema = z.array(AwsLogConfigurationSchema.nullable());

/** Get/SetLogDeliveryConfiguration's answer; the list member may be absent on a pool never configured. */
export const AwsLogDeliveryConfigurationResponseSchema = z.looseObject({
  LogDeliveryConfiguration: z
    .looseObject({
      UserPoolId: z.string().nullish(),
      LogConfigurations: AwsLogConfigurationsSchema.nullish(),
    })
    .nullish(),
});

/** The entry shape we send: exactly one destination, the right level. */
export interface AwsLogConfigurationOut {
  LogLevel: "ERROR" | "INFO";
  EventSource: EventSource;
  CloudWatchLogsConfiguration?: { LogGroupArn: string };
  FirehoseConfiguration?: { StreamArn: string };
  S3Configuration?: { BucketArn: string };
}

export type AwsEntryProblemReason =
  | "not-an-object"
  | "unknown-event-source"
  | "wrong-level"
  | "no-destination"
  | "several-destinations"
  | "duplicate-event-source";

/** An entry of AWS's list that does not fit the console's model. `index` is 0-based, in list order. */
export interface AwsEntryProblem {
  index: number;
  eventSource: EventSource | null;
  reason: AwsEntryProblemReason;
  message: string;
}

export interface FromAwsResult {
  model: LogDeliveryModel;
  problems: AwsEntryProblem[];
}

const DESTINATION_MEMBERS = [
  { kind: "logGroup", member: "CloudWatchLogsConfiguration", arnMember: "LogGroupArn" },
  { kind: "firehose", member: "FirehoseConfiguration", arnMember: "StreamArn" },
  { kind: "s3", member: "S3Configuration", arnMember: "BucketArn" },
] as const satisfies readonly { kind: DestinationKind; member: string; arnMember: string }[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isEventSource(value: unknown): value is EventSource {
  return typeof value === "string" && (EVENT_SOURCES as readonly string[]).includes(value);
}

/** The destinations an entry names (an entry with an empty config object names none). */
export function destinationsOfAwsEntry(entry: unknown): Destination[] {
  if (!isRecord(entry)) return [];
  const found: Destination[] = [];
  for (const { kind, member, arnMember } of DESTINATION_MEMBERS) {
    const config = entry[member];
    if (!isRecord(config)) continue;
    const arn = config[arnMember];
    if (typeof arn === "string" && arn.length > 0) found.push({ kind, arn });
  }
  return found;
}

/**
 * AWS's list → the console's model. Never throws: accepts an absent list, drops `null` elements,
 * ignores unknown members, and reports each entry it cannot place instead of guessing.
 * With duplicates, the first entry for a source wins (AWS itself never stores duplicates).
 */
export function fromAwsLogConfigurations(list: unknown): FromAwsResult {
  const model: LogDeliveryModel = { userNotification: null, userAuthEvents: null };
  const problems: AwsEntryProblem[] = [];
  if (!Array.isArray(list)) return { model, problems };
  const seen = new Set<EventSource>();
  list.forEach((entry: unknown, index) => {
    if (entry === null || entry === undefined) return;
    if (!isRecord(entry)) {
      problems.push({
        index,
        eventSource: null,
        reason: "not-an-object",
        message: `Entry ${index + 1} is not an object.`,
      });
      return;
    }
    const source = entry.EventSource;
    if (!isEventSource(source)) {
      problems.push({
        index,
        eventSource: null,
        reason: "unknown-event-source",
        message: `Entry ${index + 1} names an event source the console does not know: ${JSON.stringify(source ?? null)}.`,
      });
      return;
    }
    const label = EVENT_SOURCE_LABELS[source];
    if (seen.has(source)) {
      problems.push({
        index,
        eventSource: source,
        reason: "duplicate-event-source",
        message: `${label} is configured more than once; each event source can have only one destination.`,
      });
      return;
    }
    seen.add(source);
    const destinations = destinationsOfAwsEntry(entry);
    if (destinations.length === 0) {
      problems.push({
        index,
        eventSource: source,
        reason: "no-destination",
        message: `${label} has no destination; choose a log group${source === "userAuthEvents" ? ", Firehose stream or S3 bucket" : ""}.`,
      });
      return;
    }
    if (destinations.length > 1) {
      problems.push({
        index,
        eventSource: source,
        reason: "several-destinations",
        message: `${label} names ${destinations.length} destinations; choose exactly one.`,
      });
      return;
    }
    const expectedLevel = LOG_LEVEL_BY_SOURCE[source];
    if (entry.LogLevel !== expectedLevel) {
      // Kept in the model (the destination is real) but reported: AWS only accepts the one level.
      problems.push({
        index,
        eventSource: source,
        reason: "wrong-level",
        message: `${label} must be exported at level ${expectedLevel}, not ${JSON.stringify(entry.LogLevel ?? null)}.`,
      });
    }
    model[source] = destinations[0] ?? null;
  });
  return { model, problems };
}

/** The console's model → the list Set expects: the right level per source, userNotification first. */
export function toAwsLogConfigurations(model: LogDeliveryModel): AwsLogConfigurationOut[] {
  const out: AwsLogConfigurationOut[] = [];
  for (const source of EVENT_SOURCES) {
    const destination = model[source];
    if (!destination) continue;
    const entry: AwsLogConfigurationOut = { LogLevel: LOG_LEVEL_BY_SOURCE[source], EventSource: source };
    if (destination.kind === "logGroup") entry.CloudWatchLogsConfiguration = { LogGroupArn: destination.arn };
    else if (destination.kind === "firehose") entry.FirehoseConfiguration = { StreamArn: destination.arn };
    else entry.S3Configuration = { BucketArn: destination.arn };
    out.push(entry);
  }
  return out;
}

/**
 * A configuration as a set, as one string: equal for equal configurations whatever the list order AWS
 * answered in. The BFF digests it into the ETag version.
 */
export function canonicalConfiguration(model: LogDeliveryModel): string {
  const members: string[] = [];
  for (const source of EVENT_SOURCES) {
    const destination = model[source];
    if (destination) members.push(JSON.stringify([source, destination.kind, destination.arn]));
  }
  members.sort();
  return `[${members.join(",")}]`;
}
