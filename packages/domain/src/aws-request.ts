/**
 * SetLogDeliveryConfiguration's validation as AWS performs it (rules doc §2), answering with AWS's own
 * codes and, where they are known, its exact messages. Shared so the sandbox, the BFF and the conformance
 * tests agree. Texts marked "ours" are not AWS's (nobody has captured them); keep them easy to change.
 */
import { BUCKET_ARN_PATTERN, LOG_GROUP_OR_STREAM_ARN_PATTERN } from "./arn.ts";
import { type AwsLogConfiguration, destinationsOfAwsEntry } from "./aws-config.ts";
import { ALLOWED_DESTINATION_KINDS, AWS_LOG_LEVELS, LOG_LEVEL_BY_SOURCE } from "./labels.ts";
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

/** Where the JSON type is wrong, if anywhere. AWS's SerializationException text is unknown: ours. */
function deserializationError(body: unknown): string | null {
  if (!isRecord(body)) return "Request body must be a JSON object.";
  if (!isAbsent(body.UserPoolId) && typeof body.UserPoolId !== "string")
    return "UserPoolId must be a string.";
  const list = body.LogConfigurations;
  if (isAbsent(list)) return null;
  if (!Array.isArray(list)) return "LogConfigurations must be a list.";
  for (const entry of list) {
    if (isAbsent(entry)) continue;
    if (!isRecord(entry)) return "Each LogConfigurations element must be an object.";
    for (const member of ["LogLevel", "EventSource"] as const) {
      if (!isAbsent(entry[member]) && typeof entry[member] !== "string") return `${member} must be a string.`;
    }
    for (const field of DESTINATION_FIELDS) {
      const config = entry[field.member];
      if (isAbsent(config)) continue;
      if (!isRecord(config)) return `${field.member} must be an object.`;
      const arn = config[field.arnMember];
      if (!isAbsent(arn) && typeof arn !== "string")
        return `${field.member}.${field.arnMember} must be a string.`;
    }
  }
  return null;
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
  const list = body.LogConfigurations;
  if (!Array.isArray(list)) {
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
      // Index counts the raw list, nulls included (assumed).
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
    logConfigurations: (Array.isArray(list) ? list : []).filter(isRecord) as AwsLogConfiguration[],
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

/**
 * What AWS answers after the pool lookup (rules doc §2 steps 4–6): the tier gate, then the
 * "Request validation Failed." clauses. Takes a list that passed `validateAwsLogConfigurationsRequest`.
 * Returns null when AWS would accept it (a log group that does not exist is for the caller to check).
 */
export function awsSetLogDeliveryCheck(
  list: readonly AwsLogConfiguration[],
  pool: AwsPoolFacts,
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
  const foreignLogGroups: string[] = [];
  // Our texts (rules doc §2.6): nobody has captured AWS's wording for these.
  const ours: string[] = [];
  const wrongLevel: string[] = [];
  const wrongKind: string[] = [];
  const severalDestinations: string[] = [];
  const foreignOther: string[] = [];
  for (const entry of list) {
    const source = entry.EventSource;
    // Unknown sources never get past validateAwsLogConfigurationsRequest; skip rather than guess.
    if (!isEventSourceValue(source)) continue;
    if (entry.LogLevel !== LOG_LEVEL_BY_SOURCE[source]) wrongLevel.push(source);
    const destinations = destinationsOfAwsEntry(entry);
    if (destinations.length > 1) severalDestinations.push(source);
    for (const destination of destinations) {
      if (!ALLOWED_DESTINATION_KINDS[source].includes(destination.kind)) wrongKind.push(source);
      if (destination.kind === "s3") continue;
      const place = arnPlace(destination.arn);
      const reasons: string[] = [];
      if (place.accountId !== pool.accountId) reasons.push("ARN does not belong to invoking account. ");
      if (place.region !== pool.region) reasons.push("ARN does not belong to current region. ");
      if (reasons.length === 0) continue;
      if (destination.kind === "logGroup") {
        foreignLogGroups.push(
          `CloudWatch log group arn ${destination.arn} failed with the following validation errors: ${reasons.join("")}`,
        );
      } else {
        foreignOther.push(
          `Firehose stream arn ${destination.arn} failed with the following validation errors: ${reasons.join("")}`,
        );
      }
    }
  }
  if (wrongLevel.length > 0) {
    ours.push(
      ` Following event sources in request have an unsupported log level: [${uniqueInOrder(wrongLevel).join(", ")}].`,
    );
  }
  if (wrongKind.length > 0) {
    ours.push(
      ` Following event sources in request have an unsupported destination type: [${uniqueInOrder(wrongKind).join(", ")}].`,
    );
  }
  if (severalDestinations.length > 0) {
    ours.push(
      ` Following event sources in request have more than one destination: [${uniqueInOrder(severalDestinations).join(", ")}].`,
    );
  }
  let message = "Request validation Failed.";
  if (noDestination.length > 0)
    message += ` Following event sources in request have no destination: [${noDestination.join(", ")}].`;
  if (duplicated.length > 0)
    message += ` Following event sources appear more then once in a request: [${duplicated.join(", ")}].`;
  const arnEntries = [...foreignLogGroups, ...foreignOther];
  if (arnEntries.length > 0) message += ` [${arnEntries.join(", ")}]`;
  message += ours.join("");
  if (message === "Request validation Failed.") return null;
  return { code: "InvalidParameterException", message };
}
