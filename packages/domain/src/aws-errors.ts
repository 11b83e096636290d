/**
 * AWS's terse errors (`logConfigurations.1.member`) turned into errors on the user's own fields
 * (rules doc §2, §7). Input: the error AWS gave and the list that was sent, in the order sent.
 */
import { isFieldError, parseDestinationArn } from "./arn.ts";
import { destinationsOfAwsEntry } from "./aws-config.ts";
import { DESTINATION_KIND_LABELS, EVENT_SOURCE_LABELS, LOG_LEVEL_BY_SOURCE, TIER_LABELS } from "./labels.ts";
import { EVENT_SOURCES, type EventSource, type FieldError, POOL_TIERS, type PoolTier } from "./model.ts";

export interface AwsErrorInput {
  code: string;
  message?: string | null;
}

export interface TranslatedAwsError {
  errors: FieldError[];
  /** AWS's own words, verbatim, for the details disclosure and support. */
  detail: string;
  /** What to do next, when we know. */
  hint?: string;
}

/** IAM actions the console needs to change log delivery (rules doc §3). */
export const LOG_DELIVERY_IAM_ACTIONS = [
  "cognito-idp:SetLogDeliveryConfiguration",
  "logs:CreateLogDelivery",
  "logs:GetLogDelivery",
  "logs:UpdateLogDelivery",
  "logs:DeleteLogDelivery",
  "logs:ListLogDeliveries",
  "logs:PutResourcePolicy",
  "logs:DescribeResourcePolicies",
  "logs:DescribeLogGroups",
  "s3:GetBucketPolicy",
  "s3:PutBucketPolicy",
  "firehose:TagDeliveryStream",
  "iam:CreateServiceLinkedRole",
] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isEventSource(value: unknown): value is EventSource {
  return typeof value === "string" && (EVENT_SOURCES as readonly string[]).includes(value);
}

function sourceAt(sent: readonly unknown[], oneBasedIndex: number): EventSource | null {
  const entry = sent[oneBasedIndex - 1];
  return isRecord(entry) && isEventSource(entry.EventSource) ? entry.EventSource : null;
}

function sourcesListed(list: string): EventSource[] {
  return list
    .split(",")
    .map((s) => s.trim())
    .filter(isEventSource);
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const CONSTRAINT_ITEM_RE = /^Value (null|'[\s\S]*') at '([^']*)' failed to satisfy constraint: ([\s\S]*)$/;
const ARN_MEMBERS: Record<string, string> = {
  "cloudWatchLogsConfiguration.logGroupArn": "CloudWatch log group",
  "firehoseConfiguration.streamArn": "Firehose stream",
  "s3Configuration.bucketArn": "S3 bucket",
};

function translateConstraintItem(item: string, sent: readonly unknown[]): FieldError {
  const match = CONSTRAINT_ITEM_RE.exec(item);
  if (!match) return { path: "", message: item };
  const [, rawValue = "null", path = "", constraint = ""] = match;
  const value = rawValue === "null" ? null : rawValue.slice(1, -1);
  if (path === "userPoolId") {
    return {
      path: "pool",
      message: `AWS did not accept the user pool id: ${constraint.replace(/^Member /, "it ")}.`,
    };
  }
  if (path === "logConfigurations") {
    return value === null
      ? { path: "", message: "The request had no list of log configurations." }
      : { path: "", message: "AWS accepts at most one destination per event source (two entries in all)." };
  }
  const entry = /^logConfigurations\.(\d+)\.member(?:\.(.*))?$/.exec(path);
  if (!entry) return { path: "", message: `${path}: ${constraint}` };
  const index = Number(entry[1]);
  const member = entry[2] ?? "";
  const source = sourceAt(sent, index);
  const where = source ?? `logConfigurations.${index}`;
  const label = source ? EVENT_SOURCE_LABELS[source] : `Entry ${index}`;
  if (member === "logLevel") {
    const expected = source ? ` it must be ${LOG_LEVEL_BY_SOURCE[source]}` : "";
    return {
      path: where,
      message: `${label}: AWS did not accept the log level ${value === null ? "(missing)" : `'${value}'`};${expected || " it must be ERROR or INFO"}.`,
    };
  }
  if (member === "eventSource") {
    return {
      path: `logConfigurations.${index}`,
      message:
        value === null
          ? `Entry ${index} names no event source.`
          : `AWS does not know the event source '${value}'; it must be userNotification or userAuthEvents.`,
    };
  }
  const kindLabel = ARN_MEMBERS[member];
  if (kindLabel) {
    const arnPath = `${where}.destination.arn`;
    if (value !== null) {
      const parsed = parseDestinationArn(value, arnPath);
      if (isFieldError(parsed)) return parsed;
    }
    const length = /length (less|greater) than or equal to (\d+)/.exec(constraint);
    if (length) {
      return {
        path: arnPath,
        message: `The ${kindLabel} ARN is too ${length[1] === "less" ? "long" : "short"}: AWS allows ${length[1] === "less" ? "at most" : "at least"} ${length[2]} characters.`,
      };
    }
    return { path: arnPath, message: `AWS did not accept this ${kindLabel} ARN (${constraint}).` };
  }
  return { path: where, message: `${label}: ${member} ${constraint.replace(/^Member /, "")}.` };
}

const REASONS: Record<string, (what: string) => string> = {
  "ARN does not belong to invoking account": (what) =>
    `This ${what} is in another AWS account than the pool.`,
  "ARN does not belong to current region": (what) => `This ${what} is in another region than the pool.`,
};

function translateRequestValidation(message: string, sent: readonly unknown[]): FieldError[] {
  const errors: FieldError[] = [];
  const clause = (re: RegExp) => re.exec(message)?.[1];
  const noDestination = clause(/have no destination: \[([^\]]*)\]/);
  for (const source of sourcesListed(noDestination ?? "")) {
    errors.push({
      path: `${source}.destination`,
      message: `Choose where ${EVENT_SOURCE_LABELS[source]} should go.`,
    });
  }
  const duplicated = clause(/appear more then once in a request: \[([^\]]*)\]/);
  for (const source of sourcesListed(duplicated ?? "")) {
    errors.push({
      path: source,
      message: `${EVENT_SOURCE_LABELS[source]} was sent more than once; it can have only one destination.`,
    });
  }
  // The console's own clauses (aws-request.ts), so the sandbox's answers translate too.
  for (const source of sourcesListed(clause(/unsupported log level: \[([^\]]*)\]/) ?? "")) {
    errors.push({
      path: source,
      message: `${EVENT_SOURCE_LABELS[source]} must be exported at level ${LOG_LEVEL_BY_SOURCE[source]}.`,
    });
  }
  for (const source of sourcesListed(clause(/unsupported destination type: \[([^\]]*)\]/) ?? "")) {
    errors.push({
      path: `${source}.destination.kind`,
      message:
        source === "userNotification"
          ? "Message-delivery errors can only go to a CloudWatch log group."
          : `${EVENT_SOURCE_LABELS[source]} cannot go to this kind of destination.`,
    });
  }
  for (const source of sourcesListed(clause(/more than one destination: \[([^\]]*)\]/) ?? "")) {
    errors.push({
      path: `${source}.destination`,
      message: `${EVENT_SOURCE_LABELS[source]} can have only one destination.`,
    });
  }
  const arnEntry =
    /(CloudWatch log group|Firehose stream|S3 bucket|[\w ]+?) arn (\S+) failed with the following validation errors: ((?:[^.\]]+\.\s?)+)/g;
  for (const match of message.matchAll(arnEntry)) {
    const [, kindWords = "", arn = "", reasonText = ""] = match;
    const what = Object.values(DESTINATION_KIND_LABELS).find((l) => l === kindWords.trim()) ?? "destination";
    const reasons = reasonText
      .split(".")
      .map((s) => s.trim())
      .filter(Boolean)
      .map((sentence) => REASONS[sentence]?.(what) ?? `${sentence}.`);
    const users = sent.filter((entry) => destinationsOfAwsEntry(entry).some((d) => d.arn === arn));
    const sources = users.map((entry) => (isRecord(entry) ? entry.EventSource : null)).filter(isEventSource);
    const text = `${reasons.join(" ")} Cognito only delivers logs to resources in the pool's own account and region.`;
    if (sources.length === 0) errors.push({ path: "", message: `${arn}: ${text}` });
    for (const source of new Set(sources)) errors.push({ path: `${source}.destination.arn`, message: text });
  }
  return errors;
}

/** AWS's quota errors: `LimitExceededException` (CloudWatch Logs, Firehose, Cognito) and IAM's `LimitExceeded`. */
export function isLimitExceeded(code: string): boolean {
  return code === "LimitExceededException" || code === "LimitExceeded";
}

/**
 * A quota error in the user's terms for the operation that hit it (`logs.PutResourcePolicy`,
 * `service.Action` as the gateways name calls). AWS's own text ("Resource limit exceeded.") names
 * neither the limit nor the way out. Sources: the operations' error lists in the service models,
 * rules doc §3 (10 account-level resource policies per region), the Firehose quotas page (5,000
 * streams per region, 50 tags per stream), CloudWatch Logs quotas (1,000,000 log groups per region),
 * Cognito quotas (1,000 user pools per region), IAM quotas (roles per account, inline policy size).
 */
export function limitExceededText(operation: string): { message: string; hint: string } {
  const quotas = "or ask for a higher quota in Service Quotas for this account and region, then try again.";
  switch (operation) {
    case "logs.PutResourcePolicy":
      return {
        message:
          "The region already has the 10 account-level CloudWatch Logs resource policies AWS allows, so no new one can be added.",
        hint: "Grant delivery with a policy on the log group itself (it uses no account-level slot), or delete an account-level resource policy nothing needs any more, then try again.",
      };
    case "logs.CreateLogGroup":
      return {
        message: "The account has as many CloudWatch log groups in this region as its quota allows.",
        hint: `Choose an existing log group, delete log groups nothing uses, ${quotas}`,
      };
    case "firehose.CreateDeliveryStream":
      return {
        message:
          "The account has as many Firehose streams in this region as its quota allows (5,000 by default).",
        hint: `Choose an existing stream, delete streams nothing uses, ${quotas}`,
      };
    case "firehose.TagDeliveryStream":
      return {
        message:
          "The Firehose stream already has the 50 tags AWS allows, so the LogDeliveryEnabled tag cannot be added.",
        hint: "Remove a tag the stream no longer needs (Firehose console → the stream → Tags), then try again.",
      };
    case "firehose.ListTagsForDeliveryStream":
      return {
        message: "Firehose refused to list more of the stream's tags.",
        hint: "Try again in a moment.",
      };
    case "cognito-idp.CreateUserPool":
      return {
        message: "The account has as many Cognito user pools in this region as its quota allows.",
        hint: `Delete user pools nothing uses, ${quotas}`,
      };
  }
  const service = operation.split(".")[0] ?? "";
  if (service === "iam") {
    return {
      message: `An IAM account quota was reached during ${operation} (roles per account, or the size of a role's inline policies).`,
      hint: "Remove roles or inline policies nothing uses, or ask for a higher IAM quota in Service Quotas, then try again.",
    };
  }
  return {
    message: `An AWS quota was reached during ${operation || "the call"}.`,
    hint: `Free up what the quota counts, ${quotas}`,
  };
}

function tierOf(message: string): PoolTier | null {
  const tier = /for the (\w+) pricing tier/.exec(message)?.[1];
  return tier && (POOL_TIERS as readonly string[]).includes(tier) ? (tier as PoolTier) : null;
}

/**
 * Translates an AWS error from SetLogDeliveryConfiguration (or a call around it). Never throws;
 * whatever it does not recognise is kept verbatim in `detail`.
 */
export function translateAwsError(error: AwsErrorInput, sent: readonly unknown[] = []): TranslatedAwsError {
  const code = typeof error?.code === "string" ? error.code : "UnknownError";
  const message = typeof error?.message === "string" ? error.message : "";
  const list = Array.isArray(sent) ? sent : [];
  const detail = message ? `${code}: ${message}` : code;

  if (code === "InvalidParameterException" || code === "ValidationException") {
    const header = /^\d+ validation errors? detected: /.exec(message);
    if (header) {
      const items = message.slice(header[0].length).split(/; (?=Value (?:null |'))/);
      return {
        errors: dedupe(items.map((item) => translateConstraintItem(item, list))),
        detail,
        hint: "Correct the highlighted fields and try again.",
      };
    }
    if (message.startsWith("Request validation Failed.")) {
      const errors = dedupe(translateRequestValidation(message, list));
      return errors.length > 0
        ? { errors, detail, hint: "Correct the highlighted fields and try again." }
        : { errors, detail };
    }
    return { errors: [], detail };
  }
  if (code === "FeatureUnavailableInTierException") {
    const tier = tierOf(message);
    const tierText = tier ? `; this pool is ${TIER_LABELS[tier]}` : "";
    if (/Threat Protection/i.test(message)) {
      return {
        errors: [{ path: "threatProtection", message: `Threat protection needs the Plus plan${tierText}.` }],
        detail,
        hint: "Upgrade the pool to the Plus plan first.",
      };
    }
    return {
      errors: [{ path: "userAuthEvents", message: `User activity export needs the Plus plan${tierText}.` }],
      detail,
      hint: "Upgrade the pool to the Plus plan, or turn off User activity export.",
    };
  }
  if (code === "ResourceNotFoundException") {
    if (/^User pool /.test(message)) {
      return {
        errors: [{ path: "pool", message: "This user pool no longer exists." }],
        detail,
        hint: "It may have been deleted; refresh the pool list.",
      };
    }
    return {
      errors: [],
      detail,
      hint: "A resource named in the request no longer exists; refresh and try again.",
    };
  }
  if (code === "TooManyRequestsException" || code === "ThrottlingException") {
    return {
      errors: [],
      detail,
      hint: "AWS is throttling requests (Cognito allows 15 per second per account and region, shared by every tool). Wait a few seconds and try again.",
    };
  }
  if (code === "AccessDeniedException" || code === "AccessDenied" || code === "NotAuthorizedException") {
    const action = /not authorized to perform:? ([\w-]+:\w+)/.exec(message)?.[1];
    return {
      errors: [],
      detail,
      hint: action
        ? `The console's IAM role lacks ${action}. Add it to the role's policy and try again.`
        : `The console's IAM role lacks a permission. Log delivery needs ${LOG_DELIVERY_IAM_ACTIONS.join(", ")}.`,
    };
  }
  if (isLimitExceeded(code)) {
    const { message: text, hint } = limitExceededText("cognito-idp.SetLogDeliveryConfiguration");
    return { errors: [{ path: "", message: text }], detail, hint };
  }
  if (code === "InternalErrorException") {
    return { errors: [], detail, hint: "AWS had an internal error; try again in a moment." };
  }
  return { errors: [], detail };
}
