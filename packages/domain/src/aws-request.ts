/**
 * SetLogDeliveryConfiguration's validation as AWS performs it (rules doc §2), answering with AWS's own
 * codes and, where they are known, its exact messages. The sandbox answers SetLogDeliveryConfiguration
 * with these functions (`@clc/domain/aws-request`), and the domain's conformance test runs them on the
 * shared cases beside the console's own validation, so the two cannot disagree. Texts marked "ours"
 * are not AWS's (nobody has captured them); keep them easy to change.
 */
import { BUCKET_ARN_PATTERN, LOG_GROUP_OR_STREAM_ARN_PATTERN } from "./arn.ts";
import { type AwsLogConfiguration, destinationsOfAwsEntry } from "./aws-config.ts";
import {
  ALLOWED_DESTINATION_KINDS,
  AWS_LOG_LEVELS,
  DESTINATION_KIND_LABELS,
  LOG_LEVEL_BY_SOURCE,
} from "./labels.ts";
import { EVENT_SOURCES, type EventSource, type PoolTier } from "./model.ts";

export interface AwsErrorAnswer {
  code: string;
  message: string;
}

export type AwsRequestCheck =
  | {
      ok: true;
      userPoolId: string;
      /** The list as AWS goes on to use it: `null` elements dropped (rules doc §1). */
      logConfigurations: AwsLogConfiguration[];
    }
  | { ok: false; error: AwsErrorAnswer };

export const USER_POOL_ID_PATTERN = "[\\w-]+_[0-9a-zA-Z]+";
const USER_POOL_ID_RE = new RegExp(`^(?:${USER_POOL_ID_PATTERN})$`);
const LOG_GROUP_OR_STREAM_ARN_RE = new RegExp(`^(?:${LOG_GROUP_OR_STREAM_ARN_PATTERN})$`);
const BUCKET_ARN_RE = new RegExp(`^(?:${BUCKET_ARN_PATTERN})$`);
const MAX_LOG_CONFIGURATIONS = 2;

/** The wire name, model path name and limits of each destination member, in AWS's toString order. */
const DESTINATION_FIELDS = [
  {
    member: "CloudWatchLogsConfiguration",
    path: "cloudWatchLogsConfiguration",
    type: "CloudWatchLogsConfigurationType",
    arnMember: "LogGroupArn",
    arnPath: "logGroupArn",
    min: 20,
    max: 2048,
    pattern: LOG_GROUP_OR_STREAM_ARN_PATTERN,
    re: LOG_GROUP_OR_STREAM_ARN_RE,
  },
  {
    member: "S3Configuration",
    path: "s3Configuration",
    type: "S3ConfigurationType",
    arnMember: "BucketArn",
    arnPath: "bucketArn",
    min: 3,
    max: 1024,
    pattern: BUCKET_ARN_PATTERN,
    re: BUCKET_ARN_RE,
  },
  {
    member: "FirehoseConfiguration",
    path: "firehoseConfiguration",
    type: "FirehoseConfigurationType",
    arnMember: "StreamArn",
    arnPath: "streamArn",
    min: 20,
    max: 2048,
    pattern: LOG_GROUP_OR_STREAM_ARN_PATTERN,
    re: LOG_GROUP_OR_STREAM_ARN_RE,
  },
] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isAbsent(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/** Java `toString` of a string member (`null` when absent), as AWS prints it in messages. */
function javaString(value: unknown): string {
  return typeof value === "string" ? value : "null";
}

/** Java `toString` of one `LogConfigurationType`, as in AWS's list-length message (measured form). */
export function javaToStringLogConfiguration(entry: unknown): string {
  if (!isRecord(entry)) return "null";
  const destination = (field: (typeof DESTINATION_FIELDS)[number]): string => {
    const config = entry[field.member];
    if (!isRecord(config)) return "null";
    return `${field.type}(${field.arnPath}=${javaString(config[field.arnMember])})`;
  };
  const [cloudWatch, s3, firehose] = DESTINATION_FIELDS;
  return (
    `LogConfigurationType(logLevel=${javaString(entry.LogLevel)}, eventSource=${javaString(entry.EventSource)}, ` +
    `cloudWatchLogsConfiguration=${destination(cloudWatch)}, s3Configuration=${destination(s3)}, ` +
    `firehoseConfiguration=${destination(firehose)})`
  );
}

function jsonTypeOf(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  return typeof value;
}

/**
 * Where the JSON type is wrong, if anywhere, in member order. AWS's SerializationException text is
 * unknown: ours, `Cannot deserialize <JSON type> as <model type> at '<wire path>'`, as the sandbox
 * words it for every operation; list indexes are 0-based and count the list without its nulls.
 */
function deserializationError(body: unknown): string | null {
  const wrong = (expected: string, value: unknown, path: string) =>
    `Cannot deserialize ${jsonTypeOf(value)} as ${expected} at '${path}'`;
  const string = (value: unknown, path: string) =>
    isAbsent(value) || typeof value === "string" ? null : wrong("string", value, path);
  if (!isRecord(body)) return wrong("structure", body, "input");
  const poolId = string(body.UserPoolId, "UserPoolId");
  if (poolId) return poolId;
  const list = body.LogConfigurations;
  if (isAbsent(list)) return null;
  if (!Array.isArray(list)) return wrong("list", list, "LogConfigurations");
  for (const [index, entry] of withoutNulls(list).entries()) {
    const at = `LogConfigurations[${index}]`;
    if (!isRecord(entry)) return wrong("structure", entry, at);
    const member = string(entry.LogLevel, `${at}.LogLevel`) ?? string(entry.EventSource, `${at}.EventSource`);
    if (member) return member;
    for (const field of DESTINATION_FIELDS) {
      const config = entry[field.member];
      if (isAbsent(config)) continue;
      if (!isRecord(config)) return wrong("structure", config, `${at}.${field.member}`);
      const arn = string(config[field.arnMember], `${at}.${field.member}.${field.arnMember}`);
      if (arn) return arn;
    }
  }
  return null;
}

/** The list as deserialization leaves it: AWS drops `null` elements (`[null]` stores `[]`, measured). */
function withoutNulls(list: readonly unknown[]): unknown[] {
  return list.filter((entry) => !isAbsent(entry));
}

function constraintItem(value: unknown, path: string, constraint: string): string {
  const printed = typeof value === "string" ? `'${value}'` : "null";
  return `Value ${printed} at '${path}' failed to satisfy constraint: ${constraint}`;
}

/** Items for a string member with pattern and length limits. Order pattern → lengths is assumed. */
function stringItems(
  value: string,
  path: string,
  limits: { min: number; max: number; pattern: string; re: RegExp },
): string[] {
  const items: string[] = [];
  if (!limits.re.test(value)) {
    items.push(
      constraintItem(value, path, `Member must satisfy regular expression pattern: ${limits.pattern}`),
    );
  }
  if (value.length < limits.min) {
    items.push(constraintItem(value, path, `Member must have length greater than or equal to ${limits.min}`));
  }
  if (value.length > limits.max) {
    items.push(constraintItem(value, path, `Member must have length less than or equal to ${limits.max}`));
  }
  return items;
}

/**
 * SetLogDeliveryConfiguration's deserialization and model-constraint checks (rules doc §2 steps 1–2),
 * which AWS runs before it even looks the pool up. Accepts any parsed JSON body; never throws.
 */
export function validateAwsLogConfigurationsRequest(body: unknown): AwsRequestCheck {
  const serialization = deserializationError(body);
  if (serialization !== null || !isRecord(body)) {
    return { ok: false, error: { code: "SerializationException", message: serialization ?? "" } };
  }
  const items: string[] = [];
  // userPoolId before logConfigurations follows the input shape's member order (assumed).
  const userPoolId = body.UserPoolId;
  if (typeof userPoolId !== "string") {
    items.push(constraintItem(null, "userPoolId", "Member must not be null"));
  } else {
    items.push(
      ...stringItems(userPoolId, "userPoolId", {
        min: 1,
        max: 55,
        pattern: USER_POOL_ID_PATTERN,
        re: USER_POOL_ID_RE,
      }),
    );
  }
  const list = Array.isArray(body.LogConfigurations) ? withoutNulls(body.LogConfigurations) : undefined;
  if (list === undefined) {
    items.push(constraintItem(null, "logConfigurations", "Member must not be null"));
  } else {
    if (list.length > MAX_LOG_CONFIGURATIONS) {
      const printed = `[${list.map(javaToStringLogConfiguration).join(", ")}]`;
      items.push(
        constraintItem(
          printed,
          "logConfigurations",
          `Member must have length less than or equal to ${MAX_LOG_CONFIGURATIONS}`,
        ),
      );
    }
    list.forEach((entry: unknown, index) => {
      if (!isRecord(entry)) return;
      // Index and length count the list without its nulls, as deserialization left it (assumed).
      const base = `logConfigurations.${index + 1}.member`;
      const level = entry.LogLevel;
      if (typeof level !== "string")
        items.push(constraintItem(null, `${base}.logLevel`, "Member must not be null"));
      else if (!(AWS_LOG_LEVELS as readonly string[]).includes(level)) {
        items.push(
          constraintItem(
            level,
            `${base}.logLevel`,
            `Member must satisfy enum value set: [${AWS_LOG_LEVELS.join(", ")}]`,
          ),
        );
      }
      const source = entry.EventSource;
      if (typeof source !== "string")
        items.push(constraintItem(null, `${base}.eventSource`, "Member must not be null"));
      else if (!(EVENT_SOURCES as readonly string[]).includes(source)) {
        const sorted = [...EVENT_SOURCES].sort();
        items.push(
          constraintItem(
            source,
            `${base}.eventSource`,
            `Member must satisfy enum value set: [${sorted.join(", ")}]`,
          ),
        );
      }
      for (const field of DESTINATION_FIELDS) {
        const config = entry[field.member];
        if (!isRecord(config)) continue;
        const arn = config[field.arnMember];
        if (typeof arn === "string")
          items.push(...stringItems(arn, `${base}.${field.path}.${field.arnPath}`, field));
      }
    });
  }
  if (items.length > 0) {
    const header =
      items.length === 1 ? "1 validation error detected: " : `${items.length} validation errors detected: `;
    return { ok: false, error: { code: "InvalidParameterException", message: header + items.join("; ") } };
  }
  return {
    ok: true,
    userPoolId: typeof userPoolId === "string" ? userPoolId : "",
    logConfigurations: (list ?? []).filter(isRecord) as AwsLogConfiguration[],
  };
}

export interface AwsPoolFacts {
  tier: PoolTier;
  region: string;
  accountId: string;
}

function isEventSourceValue(value: unknown): value is EventSource {
  return (EVENT_SOURCES as readonly unknown[]).includes(value);
}

function uniqueInOrder<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function arnPlace(arn: string): { region: string; accountId: string } {
  const [, , , region = "", accountId = ""] = arn.split(":");
  return { region, accountId };
}

/** A destination of a Set, as `destinationsOfAwsEntry` finds it. */
export type AwsSetDestination = ReturnType<typeof destinationsOfAwsEntry>[number];

export interface AwsSetLogDeliveryCheckOptions {
  /**
   * Sentences (without the final period) for what only the caller can know about a destination whose
   * ARN is in the pool's account and region, or any S3 bucket (its ARN names neither): that it does not
   * exist, is in another region… The sandbox passes its lookups; empty when it is fine.
   */
  destinationProblems?: (destination: AwsSetDestination) => string[];
}

/**
 * What AWS answers after the pool lookup (rules doc §2 steps 4–6): the tier gate, then the
 * "Request validation Failed." clauses. Takes a list that passed `validateAwsLogConfigurationsRequest`.
 * Returns null when AWS would accept it. Without `destinationProblems`, a destination that does not
 * exist is for the caller to check.
 */
export function awsSetLogDeliveryCheck(
  list: readonly AwsLogConfiguration[],
  pool: AwsPoolFacts,
  options: AwsSetLogDeliveryCheckOptions = {},
): AwsErrorAnswer | null {
  if (pool.tier !== "PLUS" && list.some((entry) => entry.EventSource === "userAuthEvents")) {
    return {
      code: "FeatureUnavailableInTierException",
      message: `The following feature is not available for the ${pool.tier} pricing tier configured: Log Streaming`,
    };
  }
  const sources = list
    .map((entry) => entry.EventSource)
    .filter((s): s is EventSource => typeof s === "string") as EventSource[];
  const noDestination = uniqueInOrder(
    list
      .filter((entry) => destinationsOfAwsEntry(entry).length === 0)
      .map((entry) => String(entry.EventSource)),
  );
  const duplicated = uniqueInOrder(sources.filter((source, index) => sources.indexOf(source) !== index));
  // Our texts (rules doc §2.6): nobody has captured AWS's wording for these.
  const severalDestinations: string[] = [];
  const wrongLevel: string[] = [];
  const wrongKind: string[] = [];
  const arnEntries: string[] = [];
  for (const entry of list) {
    const source = entry.EventSource;
    // Unknown sources never get past validateAwsLogConfigurationsRequest; skip rather than guess.
    if (!isEventSourceValue(source)) continue;
    if (entry.LogLevel !== LOG_LEVEL_BY_SOURCE[source]) wrongLevel.push(source);
    const destinations = destinationsOfAwsEntry(entry);
    if (destinations.length > 1) severalDestinations.push(source);
    for (const destination of destinations) {
      if (!ALLOWED_DESTINATION_KINDS[source].includes(destination.kind)) wrongKind.push(source);
      const reasons: string[] = [];
      if (destination.kind !== "s3") {
        // Measured for log groups; applied alike to Firehose (ours).
        const place = arnPlace(destination.arn);
        if (place.accountId !== pool.accountId) reasons.push("ARN does not belong to invoking account");
        if (place.region !== pool.region) reasons.push("ARN does not belong to current region");
      }
      if (reasons.length === 0) reasons.push(...(options.destinationProblems?.(destination) ?? []));
      if (reasons.length === 0) continue;
      arnEntries.push(
        `${DESTINATION_KIND_LABELS[destination.kind]} arn ${destination.arn} failed with the following validation errors: ${reasons.map((r) => `${r}. `).join("")}`,
      );
    }
  }
  let message = "Request validation Failed.";
  if (noDestination.length > 0)
    message += ` Following event sources in request have no destination: [${noDestination.join(", ")}].`;
  if (duplicated.length > 0)
    message += ` Following event sources appear more then once in a request: [${duplicated.join(", ")}].`;
  // The next three clauses are ours (rules doc §2.6: AWS's wording not captured).
  if (severalDestinations.length > 0)
    message += ` Following event sources in request have more than one destination: [${uniqueInOrder(severalDestinations).join(", ")}].`;
  if (wrongLevel.length > 0)
    message += ` Following event sources in request have an unsupported log level: [${uniqueInOrder(wrongLevel).join(", ")}].`;
  if (wrongKind.length > 0)
    message += ` Following event sources in request have an unsupported destination type: [${uniqueInOrder(wrongKind).join(", ")}].`;
  // Entries are not in request order on AWS (measured); ours keep it, each ARN once.
  if (arnEntries.length > 0) message += ` [${uniqueInOrder(arnEntries).join(", ")}]`;
  if (message === "Request validation Failed.") return null;
  return { code: "InvalidParameterException", message };
}
