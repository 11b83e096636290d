/**
 * CloudWatch Logs (awsJson1_1, `Logs_20140328.<Op>`): log groups, retention, resource policies of both
 * scopes (account-level by `policyName`, log-group-scoped by `resourceArn` with revision ids), streams
 * and events, tags. State is kept per account+region. Constraints follow the
 * service model; messages follow AWS where known (rules doc §3, §4) and are marked "ours" elsewhere.
 */
import { z } from "zod";
import { bool, int, list, map, parseInput, required, str, struct } from "../../core/shapes.ts";
import { AwsError, type CallContext, type JsonService, type StatefulService } from "../../core/types.ts";
import { filterPatternMatcher } from "./filter-pattern.ts";
import {
  constraintError,
  decodeToken,
  encodeToken,
  isObject,
  partitionOf,
  scopeKey,
} from "../shared/constraints.ts";

export const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
export const LOG_GROUP_CLASSES = ["STANDARD", "INFREQUENT_ACCESS", "DELIVERY"] as const;
/** Account-level policies only: log-group-scoped ones are one per log group (model documentation). */
const MAX_RESOURCE_POLICIES = 10;
/** The model's cap for any policy document; account-level ones have the older 5120 (rules doc §3). */
const MAX_POLICY_DOCUMENT = 51_200;
const MAX_ACCOUNT_POLICY_DOCUMENT = 5120;
const MAX_BATCH_BYTES = 1_048_576;
const EVENT_OVERHEAD_BYTES = 26;
const DAY_MS = 86_400_000;

const LOG_GROUP_NAME_PATTERN = "[\\.\\-_/#A-Za-z0-9]+";
const logGroupName = str({ min: 1, max: 512, pattern: LOG_GROUP_NAME_PATTERN });
const logGroupIdentifier = str({ min: 1, max: 2048, pattern: "[\\w#+=/:,.@-]*" });
const logStreamName = str({ min: 1, max: 512, pattern: "[^:*]*" });
const nextToken = str({ min: 1 });
const tagMap = map(str({ min: 1, max: 128 }), str({ max: 256 }), { min: 1, max: 50 });
// The model's AmazonResourceName: no `*`, so a log group's `arn` with its `:*` suffix is refused.
const resourceArn = str({ min: 1, max: 1011, pattern: "[\\w+=/:,.@-]*" });

const CreateLogGroupInput = struct("CreateLogGroupRequest", {
  logGroupName: required(logGroupName),
  kmsKeyId: str({ max: 256 }),
  tags: tagMap,
  logGroupClass: str({ enum: LOG_GROUP_CLASSES }),
  deletionProtectionEnabled: bool,
});
const PutLogGroupDeletionProtectionInput = struct("PutLogGroupDeletionProtectionRequest", {
  logGroupIdentifier: required(logGroupIdentifier),
  deletionProtectionEnabled: required(bool),
});
const DeleteLogGroupInput = struct("DeleteLogGroupRequest", { logGroupName: required(logGroupName) });
const DescribeLogGroupsInput = struct("DescribeLogGroupsRequest", {
  accountIdentifiers: list(str({ min: 12, max: 12, pattern: "^\\d{12}$" }), { max: 20 }),
  logGroupNamePrefix: logGroupName,
  logGroupNamePattern: str({ max: 512, pattern: "[\\.\\-_/#A-Za-z0-9]*" }),
  nextToken,
  limit: int({ min: 1, max: 50 }),
  includeLinkedAccounts: bool,
  logGroupClass: str({ enum: LOG_GROUP_CLASSES }),
  logGroupIdentifiers: list(logGroupIdentifier, { min: 1, max: 50 }),
});
const PutRetentionPolicyInput = struct("PutRetentionPolicyRequest", {
  logGroupName: required(logGroupName),
  retentionInDays: required(int()),
});
const DeleteRetentionPolicyInput = struct("DeleteRetentionPolicyRequest", {
  logGroupName: required(logGroupName),
});
const PutResourcePolicyInput = struct("PutResourcePolicyRequest", {
  policyName: str(),
  policyDocument: str({ min: 1, max: MAX_POLICY_DOCUMENT }),
  resourceArn: str(),
  expectedRevisionId: str({ min: 1 }),
});
const DeleteResourcePolicyInput = struct("DeleteResourcePolicyRequest", {
  policyName: str(),
  resourceArn: str(),
  expectedRevisionId: str({ min: 1 }),
});
const DescribeResourcePoliciesInput = struct("DescribeResourcePoliciesRequest", {
  nextToken,
  limit: int({ min: 1, max: 50 }),
  resourceArn: str(),
  policyScope: str({ enum: ["ACCOUNT", "RESOURCE"] }),
});
const CreateLogStreamInput = struct("CreateLogStreamRequest", {
  logGroupName: required(logGroupName),
  logStreamName: required(logStreamName),
});
const DescribeLogStreamsInput = struct("DescribeLogStreamsRequest", {
  logGroupName,
  logGroupIdentifier,
  logStreamNamePrefix: logStreamName,
  orderBy: str({ enum: ["LogStreamName", "LastEventTime"] }),
  descending: bool,
  nextToken,
  limit: int({ min: 1, max: 50 }),
});
const InputLogEvent = struct("InputLogEvent", {
  timestamp: required(int({ min: 0 })),
  message: required(str({ min: 1 })),
});
const PutLogEventsInput = struct("PutLogEventsRequest", {
  logGroupName: required(logGroupName),
  logStreamName: required(logStreamName),
  logEvents: required(list(InputLogEvent, { min: 1, max: 10000 })),
  sequenceToken: str({ min: 1 }),
});
const GetLogEventsInput = struct("GetLogEventsRequest", {
  logGroupName,
  logGroupIdentifier,
  logStreamName: required(logStreamName),
  startTime: int({ min: 0 }),
  endTime: int({ min: 0 }),
  nextToken,
  limit: int({ min: 1, max: 10000 }),
  startFromHead: bool,
  unmask: bool,
});
const FilterLogEventsInput = struct("FilterLogEventsRequest", {
  logGroupName,
  logGroupIdentifier,
  logStreamNames: list(logStreamName, { min: 1, max: 100 }),
  logStreamNamePrefix: logStreamName,
  startTime: int({ min: 0 }),
  endTime: int({ min: 0 }),
  filterPattern: str({ max: 1024 }),
  nextToken,
  limit: int({ min: 1, max: 10000 }),
  interleaved: bool,
  unmask: bool,
});
const TagResourceInput = struct("TagResourceRequest", {
  resourceArn: required(resourceArn),
  tags: required(tagMap),
});
const UntagResourceInput = struct("UntagResourceRequest", {
  resourceArn: required(resourceArn),
  tagKeys: required(list(str({ min: 1, max: 128 }), { min: 0, max: 50 })),
});
const ListTagsForResourceInput = struct("ListTagsForResourceRequest", { resourceArn: required(resourceArn) });
const TagLogGroupInput = struct("TagLogGroupRequest", {
  logGroupName: required(logGroupName),
  tags: required(tagMap),
});
const ListTagsLogGroupInput = struct("ListTagsLogGroupRequest", { logGroupName: required(logGroupName) });

// ---- state (JSON-serialisable; validated on restore because it comes from disk) ----

const LogEventSchema = z.object({
  timestamp: z.number(),
  message: z.string(),
  ingestionTime: z.number(),
  eventId: z.string(),
});
const LogStreamSchema = z.object({
  name: z.string(),
  creationTime: z.number(),
  firstEventTimestamp: z.number().optional(),
  lastEventTimestamp: z.number().optional(),
  lastIngestionTime: z.number().optional(),
  uploadSequenceToken: z.string(),
  events: z.array(LogEventSchema),
});
const LogGroupSchema = z.object({
  name: z.string(),
  creationTime: z.number(),
  retentionInDays: z.number().optional(),
  kmsKeyId: z.string().optional(),
  logGroupClass: z.string(),
  deletionProtectionEnabled: z.boolean().optional(),
  tags: z.record(z.string(), z.string()),
  streams: z.record(z.string(), LogStreamSchema),
});
const ResourcePolicySchema = z.object({
  policyName: z.string(),
  policyDocument: z.string(),
  lastUpdatedTime: z.number(),
  revisionId: z.string(),
});
const GroupPolicySchema = z.object({
  policyDocument: z.string(),
  lastUpdatedTime: z.number(),
  revisionId: z.string(),
});
const LogsScopeSchema = z.object({
  groups: z.record(z.string(), LogGroupSchema),
  policies: z.record(z.string(), ResourcePolicySchema),
  /** Log-group-scoped policies by log group name; states saved before they existed have none. */
  groupPolicies: z.record(z.string(), GroupPolicySchema).default({}),
});
const LogsSnapshotSchema = z.object({
  version: z.literal(1),
  scopes: z.record(z.string(), LogsScopeSchema),
  counter: z.number(),
});

type LogEvent = z.infer<typeof LogEventSchema>;
type LogStream = z.infer<typeof LogStreamSchema>;
type LogGroup = z.infer<typeof LogGroupSchema>;
type LogsScope = z.infer<typeof LogsScopeSchema>;
type AccountPolicy = z.infer<typeof ResourcePolicySchema>;
type GroupPolicy = z.infer<typeof GroupPolicySchema>;
type PolicyTarget =
  | { scope: "ACCOUNT"; policyName: string }
  | { scope: "RESOURCE"; arn: string; group: LogGroup };

export const GROUP_NOT_FOUND = "The specified log group does not exist.";
const STREAM_NOT_FOUND = "The specified log stream does not exist.";
const BAD_TOKEN = "The specified nextToken is invalid.";

function notFound(message = GROUP_NOT_FOUND): AwsError {
  return new AwsError("ResourceNotFoundException", message);
}
function invalid(message: string): AwsError {
  return new AwsError("InvalidParameterException", message);
}

/** CloudWatch Logs ids are long digit strings; ours embed a counter so they are unique and ordered. */
function digits56(...parts: number[]): string {
  return parts
    .map((p) => String(Math.max(0, Math.trunc(p))))
    .join("")
    .padStart(56, "0")
    .slice(-56);
}

export function logGroupArn(ctx: Pick<CallContext, "region" | "accountId">, name: string): string {
  return `arn:${partitionOf(ctx.region)}:logs:${ctx.region}:${ctx.accountId}:log-group:${name}`;
}

export function createLogsService(): JsonService & StatefulService {
  let scopes: Record<string, LogsScope> = {};
  let counter = 0;

  const scopeOf = (ctx: CallContext): LogsScope => {
    const key = scopeKey(ctx.accountId, ctx.region);
    let scope = scopes[key];
    if (!scope) {
      scope = { groups: {}, policies: {}, groupPolicies: {} };
      scopes[key] = scope;
    }
    return scope;
  };

  const groupByName = (ctx: CallContext, name: string): LogGroup => {
    const group = scopeOf(ctx).groups[name];
    if (!group) throw notFound();
    return group;
  };

  /** A log group named by name or by ARN (with or without the trailing `:*`), in the caller's account and region. */
  const resolveIdentifier = (ctx: CallContext, identifier: string): LogGroup | undefined => {
    if (!identifier.startsWith("arn:")) return scopeOf(ctx).groups[identifier];
    const prefix = `${logGroupArn(ctx, "")}`;
    if (!identifier.startsWith(prefix)) return undefined;
    const name = identifier.slice(prefix.length).replace(/:\*$/, "");
    return scopeOf(ctx).groups[name];
  };

  /** Operations on streams/events name the group by `logGroupName` or `logGroupIdentifier`, exactly one. */
  const groupFromEither = (ctx: CallContext, name?: string, identifier?: string): LogGroup => {
    if (name !== undefined && identifier !== undefined) {
      throw invalid("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
    }
    if (name === undefined && identifier === undefined) {
      throw invalid("Should provide either logGroupName or logGroupIdentifier.");
    }
    const group = name !== undefined ? scopeOf(ctx).groups[name] : resolveIdentifier(ctx, identifier ?? "");
    if (!group) throw notFound();
    return group;
  };

  const checkTags = (tags: Record<string, string> | undefined) => {
    if (!tags) return;
    // The model's tag patterns use \p{…} classes, which need a Unicode regex (the shapes' matcher is not one).
    const keyPattern = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]+)$/u;
    const valuePattern = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u;
    for (const [key, value] of Object.entries(tags)) {
      if (!keyPattern.test(key)) {
        throw constraintError(
          "InvalidParameterException",
          key,
          "tags",
          "Map keys must satisfy constraint: [Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+)$]",
        );
      }
      if (!valuePattern.test(value)) {
        throw constraintError(
          "InvalidParameterException",
          value,
          `tags.${key}.member`,
          "Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$",
        );
      }
      if (key.toLowerCase().startsWith("aws:")) {
        // Ours: AWS reserves the prefix; its exact text is not captured.
        throw invalid(`Tag keys beginning with 'aws:' are reserved for AWS use: ${key}`);
      }
    }
  };

  const describeGroup = (ctx: CallContext, group: LogGroup, withKms: boolean) => {
    const arn = logGroupArn(ctx, group.name);
    const storedBytes = Object.values(group.streams).reduce(
      (sum, s) => sum + s.events.reduce((n, e) => n + Buffer.byteLength(e.message), 0),
      0,
    );
    return {
      logGroupName: group.name,
      creationTime: group.creationTime,
      ...(group.retentionInDays !== undefined ? { retentionInDays: group.retentionInDays } : {}),
      metricFilterCount: 0,
      arn: `${arn}:*`,
      storedBytes,
      ...(withKms && group.kmsKeyId !== undefined ? { kmsKeyId: group.kmsKeyId } : {}),
      logGroupClass: group.logGroupClass,
      logGroupArn: arn,
      deletionProtectionEnabled: group.deletionProtectionEnabled ?? false,
    };
  };

  const describeStream = (ctx: CallContext, group: LogGroup, stream: LogStream) => ({
    logStreamName: stream.name,
    creationTime: stream.creationTime,
    ...(stream.firstEventTimestamp !== undefined ? { firstEventTimestamp: stream.firstEventTimestamp } : {}),
    ...(stream.lastEventTimestamp !== undefined ? { lastEventTimestamp: stream.lastEventTimestamp } : {}),
    ...(stream.lastIngestionTime !== undefined ? { lastIngestionTime: stream.lastIngestionTime } : {}),
    uploadSequenceToken: stream.uploadSequenceToken,
    arn: `${logGroupArn(ctx, group.name)}:log-stream:${stream.name}`,
    storedBytes: 0,
  });

  const pageAfter = <T>(items: T[], keyOf: (t: T) => string, token: string | undefined, limit: number) => {
    let start = 0;
    if (token !== undefined) {
      const position = decodeToken(token);
      if (!isObject(position) || typeof position.after !== "string") throw invalid(BAD_TOKEN);
      const after = position.after;
      start = items.findIndex((item) => keyOf(item) > after);
      if (start < 0) start = items.length;
    }
    const page = items.slice(start, start + limit);
    const last = page[page.length - 1];
    const more = start + limit < items.length && last !== undefined;
    return { page, nextToken: more ? encodeToken({ after: keyOf(last) }) : undefined };
  };

  /** A log group named by ARN in the caller's account and region, for a resource-scoped policy. */
  const logGroupTarget = (ctx: CallContext, arn: string): { arn: string; group: LogGroup } => {
    if (!/^arn:[^:]+:logs:[^:]*:\d{12}:log-group:[^:]+(:\*)?$/.test(arn)) {
      // Ours: the model says only log group ARNs are supported; AWS's text is not captured.
      throw invalid(
        `resourceArn must be a log group ARN (arn:aws:logs:<region>:<account>:log-group:<name>), not ${arn}.`,
      );
    }
    const group = resolveIdentifier(ctx, arn);
    if (!group) throw notFound();
    return { arn: logGroupArn(ctx, group.name), group };
  };

  /** Which policy a Put or Delete names: exactly one of policyName (account) or resourceArn (log group). */
  const policyTarget = (
    ctx: CallContext,
    input: { policyName?: string; resourceArn?: string },
  ): PolicyTarget => {
    const named = input.policyName !== undefined && input.policyName !== "";
    if (named && input.resourceArn !== undefined) {
      // Ours (text): the two select different scopes, so AWS takes exactly one of them.
      throw invalid(
        "Specify either policyName (an account-level policy) or resourceArn (a log-group-scoped policy), not both.",
      );
    }
    if (input.resourceArn !== undefined)
      return { scope: "RESOURCE", ...logGroupTarget(ctx, input.resourceArn) };
    if (!named) {
      throw invalid(
        "Specify policyName for an account-level resource policy, or resourceArn for a log-group-scoped one.",
      );
    }
    return { scope: "ACCOUNT", policyName: input.policyName as string };
  };

  /**
   * Log-group-scoped writes name the revision they replace (model: "to prevent concurrent
   * modifications"; none when creating). A mismatch is the model's OperationAbortedException
   * ("Multiple concurrent requests to update the same resource were in conflict"); the text is ours.
   */
  const checkRevision = (arn: string, current: string | undefined, expected: string | undefined) => {
    if (current === expected) return;
    throw new AwsError(
      "OperationAbortedException",
      current === undefined
        ? `The resource policy of ${arn} does not exist, so there is no revision ${expected}: omit expectedRevisionId to create it.`
        : expected === undefined
          ? `The resource policy of ${arn} already exists (revision ${current}): send it as expectedRevisionId to replace it.`
          : `The resource policy of ${arn} changed: expected revision ${expected}, found ${current}. Read it again and retry.`,
    );
  };

  const nextRevision = (ctx: CallContext) => digits56(ctx.now(), ++counter).slice(-32);

  const describeAccountPolicy = (policy: AccountPolicy) => ({
    policyName: policy.policyName,
    policyDocument: policy.policyDocument,
    lastUpdatedTime: policy.lastUpdatedTime,
    policyScope: "ACCOUNT",
  });

  const describeGroupPolicy = (ctx: CallContext, groupName: string, policy: GroupPolicy) => ({
    policyDocument: policy.policyDocument,
    lastUpdatedTime: policy.lastUpdatedTime,
    policyScope: "RESOURCE",
    resourceArn: logGroupArn(ctx, groupName),
    revisionId: policy.revisionId,
  });

  const operations: JsonService["operations"] = {
    CreateLogGroup(raw, ctx) {
      const input = parseInput<{
        logGroupName: string;
        kmsKeyId?: string;
        tags?: Record<string, string>;
        logGroupClass?: string;
        deletionProtectionEnabled?: boolean;
      }>(CreateLogGroupInput, raw);
      checkTags(input.tags);
      const scope = scopeOf(ctx);
      if (scope.groups[input.logGroupName]) {
        throw new AwsError("ResourceAlreadyExistsException", "The specified log group already exists");
      }
      if (
        input.kmsKeyId !== undefined &&
        !/^arn:[^:]+:kms:[^:]+:\d{12}:(key|alias)\/.+$/.test(input.kmsKeyId)
      ) {
        // Ours: AWS checks the key through KMS; a value that is not a KMS key ARN can never work.
        throw invalid(
          `Specified KMS key ${input.kmsKeyId} is not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>).`,
        );
      }
      scope.groups[input.logGroupName] = {
        name: input.logGroupName,
        creationTime: ctx.now(),
        ...(input.kmsKeyId !== undefined ? { kmsKeyId: input.kmsKeyId } : {}),
        logGroupClass: input.logGroupClass ?? "STANDARD",
        ...(input.deletionProtectionEnabled ? { deletionProtectionEnabled: true } : {}),
        tags: { ...(input.tags ?? {}) },
        streams: {},
      };
      ctx.changed();
      return {};
    },

    DeleteLogGroup(raw, ctx) {
      const input = parseInput<{ logGroupName: string }>(DeleteLogGroupInput, raw);
      const scope = scopeOf(ctx);
      const group = scope.groups[input.logGroupName];
      if (!group) throw notFound();
      if (group.deletionProtectionEnabled) {
        // AWS's text ("Protecting log groups from deletion", CloudWatch Logs user guide).
        throw new AwsError(
          "ValidationException",
          "Cannot delete log group with deletion protection enabled. Disable deletion protection first.",
        );
      }
      delete scope.groups[input.logGroupName];
      // A log-group-scoped policy lives and dies with its log group.
      delete scope.groupPolicies[input.logGroupName];
      ctx.changed();
      return {};
    },

    PutLogGroupDeletionProtection(raw, ctx) {
      const input = parseInput<{ logGroupIdentifier: string; deletionProtectionEnabled: boolean }>(
        PutLogGroupDeletionProtectionInput,
        raw,
      );
      const group = resolveIdentifier(ctx, input.logGroupIdentifier);
      if (!group) throw notFound();
      if (input.deletionProtectionEnabled) group.deletionProtectionEnabled = true;
      else delete group.deletionProtectionEnabled;
      ctx.changed();
      return {};
    },

    DescribeLogGroups(raw, ctx) {
      const input = parseInput<{
        logGroupNamePrefix?: string;
        logGroupNamePattern?: string;
        nextToken?: string;
        limit?: number;
        logGroupClass?: string;
        logGroupIdentifiers?: string[];
      }>(DescribeLogGroupsInput, raw);
      if (input.logGroupNamePrefix !== undefined && input.logGroupNamePattern !== undefined) {
        throw invalid("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
      }
      if (
        input.logGroupIdentifiers !== undefined &&
        (input.logGroupNamePrefix !== undefined || input.logGroupNamePattern !== undefined)
      ) {
        throw invalid(
          "LogGroupIdentifiers cannot be used together with logGroupNamePrefix or logGroupNamePattern.",
        );
      }
      let groups = Object.values(scopeOf(ctx).groups);
      if (input.logGroupNamePrefix !== undefined) {
        const prefix = input.logGroupNamePrefix;
        groups = groups.filter((g) => g.name.startsWith(prefix));
      }
      if (input.logGroupNamePattern !== undefined) {
        // AWS: a case-sensitive substring search ("Foo" matches "aws/Foo", not "foo").
        const needle = input.logGroupNamePattern;
        groups = groups.filter((g) => g.name.includes(needle));
      }
      if (input.logGroupIdentifiers !== undefined) {
        const wanted = new Set(
          input.logGroupIdentifiers
            .map((id) => resolveIdentifier(ctx, id)?.name)
            .filter((n) => n !== undefined),
        );
        groups = groups.filter((g) => wanted.has(g.name));
      }
      if (input.logGroupClass !== undefined)
        groups = groups.filter((g) => g.logGroupClass === input.logGroupClass);
      groups.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const { page, nextToken: next } = pageAfter(groups, (g) => g.name, input.nextToken, input.limit ?? 50);
      // A pattern search leaves kmsKeyId out of its answers (documented; rules doc §3).
      const withKms = input.logGroupNamePattern === undefined;
      return {
        logGroups: page.map((g) => describeGroup(ctx, g, withKms)),
        ...(next !== undefined ? { nextToken: next } : {}),
      };
    },

    PutRetentionPolicy(raw, ctx) {
      const input = parseInput<{ logGroupName: string; retentionInDays: number }>(
        PutRetentionPolicyInput,
        raw,
      );
      if (!(RETENTION_DAYS as readonly number[]).includes(input.retentionInDays)) {
        throw constraintError(
          "InvalidParameterException",
          input.retentionInDays,
          "retentionInDays",
          `Member must satisfy enum value set: [${RETENTION_DAYS.join(", ")}]`,
        );
      }
      const group = groupByName(ctx, input.logGroupName);
      group.retentionInDays = input.retentionInDays;
      ctx.changed();
      return {};
    },

    DeleteRetentionPolicy(raw, ctx) {
      const input = parseInput<{ logGroupName: string }>(DeleteRetentionPolicyInput, raw);
      const group = groupByName(ctx, input.logGroupName);
      delete group.retentionInDays;
      ctx.changed();
      return {};
    },

    PutResourcePolicy(raw, ctx) {
      const input = parseInput<{
        policyName?: string;
        policyDocument?: string;
        resourceArn?: string;
        expectedRevisionId?: string;
      }>(PutResourcePolicyInput, raw);
      const target = policyTarget(ctx, input);
      if (input.policyDocument === undefined) {
        throw constraintError(
          "InvalidParameterException",
          undefined,
          "policyDocument",
          "Member must not be null",
        );
      }
      if (target.scope === "ACCOUNT" && input.policyDocument.length > MAX_ACCOUNT_POLICY_DOCUMENT) {
        // Assumed: the form AWS answered when the model itself capped documents at 5120 characters;
        // the cap now applies to account-level policies only (rules doc §3).
        throw constraintError(
          "InvalidParameterException",
          input.policyDocument,
          "policyDocument",
          `Member must have length less than or equal to ${MAX_ACCOUNT_POLICY_DOCUMENT}`,
        );
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(input.policyDocument);
      } catch {
        parsed = undefined;
      }
      if (!isObject(parsed)) {
        // Ours: AWS rejects a document that is not a JSON policy; its exact wording is not captured.
        throw invalid("Policy document is not valid JSON: it must be a JSON object with a Statement list.");
      }
      const scope = scopeOf(ctx);
      if (target.scope === "RESOURCE") {
        const existing = scope.groupPolicies[target.group.name];
        checkRevision(target.arn, existing?.revisionId, input.expectedRevisionId);
        const policy = {
          policyDocument: input.policyDocument,
          lastUpdatedTime: ctx.now(),
          revisionId: nextRevision(ctx),
        };
        scope.groupPolicies[target.group.name] = policy;
        ctx.changed();
        return {
          resourcePolicy: describeGroupPolicy(ctx, target.group.name, policy),
          revisionId: policy.revisionId,
        };
      }
      const existing = scope.policies[target.policyName];
      if (!existing && Object.keys(scope.policies).length >= MAX_RESOURCE_POLICIES) {
        throw new AwsError("LimitExceededException", "Resource limit exceeded.");
      }
      const policy = {
        policyName: target.policyName,
        policyDocument: input.policyDocument,
        lastUpdatedTime: ctx.now(),
        revisionId: nextRevision(ctx),
      };
      scope.policies[target.policyName] = policy;
      ctx.changed();
      // Account-level answers carry no revision id (model: "Only returned for resource-scoped policies";
      // measured by LocalStack's snapshot of AWS's PutResourcePolicy answer).
      return { resourcePolicy: describeAccountPolicy(policy) };
    },

    DeleteResourcePolicy(raw, ctx) {
      const input = parseInput<{ policyName?: string; resourceArn?: string; expectedRevisionId?: string }>(
        DeleteResourcePolicyInput,
        raw,
      );
      const target = policyTarget(ctx, input);
      const scope = scopeOf(ctx);
      if (target.scope === "RESOURCE") {
        const existing = scope.groupPolicies[target.group.name];
        if (!existing) {
          // Ours: AWS answers ResourceNotFoundException; text not captured.
          throw notFound(`No resource policy is attached to ${target.arn}.`);
        }
        if (input.expectedRevisionId === undefined) {
          // Ours: the model requires it for resource-scoped policies; AWS's text is not captured.
          throw invalid(
            `expectedRevisionId is required to delete the resource policy of ${target.arn}: send the revisionId that DescribeResourcePolicies answers.`,
          );
        }
        checkRevision(target.arn, existing.revisionId, input.expectedRevisionId);
        delete scope.groupPolicies[target.group.name];
        ctx.changed();
        return {};
      }
      if (!scope.policies[target.policyName]) {
        // Measured (LocalStack's snapshot of AWS): ResourceNotFoundException with this text.
        throw notFound(`Policy with name [${target.policyName}] does not exist.`);
      }
      delete scope.policies[target.policyName];
      ctx.changed();
      return {};
    },

    DescribeResourcePolicies(raw, ctx) {
      const input = parseInput<{
        nextToken?: string;
        limit?: number;
        resourceArn?: string;
        policyScope?: "ACCOUNT" | "RESOURCE";
      }>(DescribeResourcePoliciesInput, raw);
      const scope = scopeOf(ctx);
      const limit = input.limit ?? 50;
      if (input.resourceArn !== undefined) {
        if (input.policyScope === "ACCOUNT") {
          // Ours: an account-level policy is not attached to a resource; AWS's text is not captured.
          throw invalid("policyScope ACCOUNT cannot be combined with resourceArn: use RESOURCE or omit it.");
        }
        const { group } = logGroupTarget(ctx, input.resourceArn);
        const policy = scope.groupPolicies[group.name];
        return { resourcePolicies: policy ? [describeGroupPolicy(ctx, group.name, policy)] : [] };
      }
      if (input.policyScope === "RESOURCE") {
        // Assumed: without resourceArn, every log-group-scoped policy of the account and region.
        const names = Object.keys(scope.groupPolicies).sort();
        const { page, nextToken: next } = pageAfter(names, (n) => n, input.nextToken, limit);
        return {
          resourcePolicies: page.flatMap((name) => {
            const policy = scope.groupPolicies[name];
            return policy ? [describeGroupPolicy(ctx, name, policy)] : [];
          }),
          ...(next !== undefined ? { nextToken: next } : {}),
        };
      }
      // policyScope defaults to ACCOUNT (model documentation).
      const policies = Object.values(scope.policies).sort((a, b) =>
        a.policyName < b.policyName ? -1 : a.policyName > b.policyName ? 1 : 0,
      );
      const { page, nextToken: next } = pageAfter(policies, (p) => p.policyName, input.nextToken, limit);
      return {
        resourcePolicies: page.map(describeAccountPolicy),
        ...(next !== undefined ? { nextToken: next } : {}),
      };
    },

    CreateLogStream(raw, ctx) {
      const input = parseInput<{ logGroupName: string; logStreamName: string }>(CreateLogStreamInput, raw);
      const group = groupByName(ctx, input.logGroupName);
      if (group.streams[input.logStreamName]) {
        throw new AwsError("ResourceAlreadyExistsException", "The specified log stream already exists");
      }
      group.streams[input.logStreamName] = {
        name: input.logStreamName,
        creationTime: ctx.now(),
        uploadSequenceToken: digits56(++counter),
        events: [],
      };
      ctx.changed();
      return {};
    },

    DescribeLogStreams(raw, ctx) {
      const input = parseInput<{
        logGroupName?: string;
        logGroupIdentifier?: string;
        logStreamNamePrefix?: string;
        orderBy?: string;
        descending?: boolean;
        nextToken?: string;
        limit?: number;
      }>(DescribeLogStreamsInput, raw);
      if (input.orderBy === "LastEventTime" && input.logStreamNamePrefix !== undefined) {
        throw invalid("Cannot order by LastEventTime with a logStreamNamePrefix.");
      }
      const group = groupFromEither(ctx, input.logGroupName, input.logGroupIdentifier);
      let streams = Object.values(group.streams);
      if (input.logStreamNamePrefix !== undefined) {
        const prefix = input.logStreamNamePrefix;
        streams = streams.filter((s) => s.name.startsWith(prefix));
      }
      // Order key: a sortable string so one token format serves both orders.
      const orderKey =
        input.orderBy === "LastEventTime"
          ? (s: LogStream) => `${String(s.lastEventTimestamp ?? 0).padStart(16, "0")}\u0000${s.name}`
          : (s: LogStream) => s.name;
      streams.sort((a, b) => (orderKey(a) < orderKey(b) ? -1 : orderKey(a) > orderKey(b) ? 1 : 0));
      if (input.descending) streams.reverse();
      const keyed = streams.map((s, i) => ({ s, key: String(i).padStart(10, "0") }));
      const { page, nextToken: next } = pageAfter(keyed, (k) => k.key, input.nextToken, input.limit ?? 50);
      return {
        logStreams: page.map((k) => describeStream(ctx, group, k.s)),
        ...(next !== undefined ? { nextToken: next } : {}),
      };
    },

    PutLogEvents(raw, ctx) {
      const input = parseInput<{
        logGroupName: string;
        logStreamName: string;
        logEvents: { timestamp: number; message: string }[];
      }>(PutLogEventsInput, raw);
      const group = groupByName(ctx, input.logGroupName);
      const stream = group.streams[input.logStreamName];
      if (!stream) throw notFound(STREAM_NOT_FOUND);
      const events = input.logEvents;
      const bytes = events.reduce((n, e) => n + Buffer.byteLength(e.message) + EVENT_OVERHEAD_BYTES, 0);
      if (bytes > MAX_BATCH_BYTES) {
        throw invalid(`Upload too large: ${bytes} bytes exceeds limit of ${MAX_BATCH_BYTES}`);
      }
      for (let i = 1; i < events.length; i++) {
        const previous = events[i - 1];
        const current = events[i];
        if (previous && current && current.timestamp < previous.timestamp) {
          throw invalid("Log events in a single PutLogEvents request must be in chronological order.");
        }
      }
      const first = events[0];
      const last = events[events.length - 1];
      if (first && last && last.timestamp - first.timestamp > DAY_MS) {
        throw invalid(
          "The batch of log events in a single PutLogEvents request cannot span more than 24 hours.",
        );
      }
      const now = ctx.now();
      const tooNewAfter = now + 2 * 3_600_000;
      const tooOldBefore = now - 14 * DAY_MS;
      const expiredBefore =
        group.retentionInDays !== undefined ? now - group.retentionInDays * DAY_MS : undefined;
      let tooOldLogEventEndIndex: number | undefined;
      let expiredLogEventEndIndex: number | undefined;
      let tooNewLogEventStartIndex: number | undefined;
      events.forEach((event, index) => {
        if (event.timestamp > tooNewAfter) {
          tooNewLogEventStartIndex ??= index;
          return;
        }
        if (event.timestamp < tooOldBefore) {
          tooOldLogEventEndIndex = index;
          return;
        }
        if (expiredBefore !== undefined && event.timestamp < expiredBefore) {
          expiredLogEventEndIndex = index;
          return;
        }
        const stored: LogEvent = {
          timestamp: event.timestamp,
          message: event.message,
          ingestionTime: now,
          eventId: digits56(event.timestamp, ++counter),
        };
        stream.events.push(stored);
        stream.firstEventTimestamp = Math.min(stream.firstEventTimestamp ?? event.timestamp, event.timestamp);
        stream.lastEventTimestamp = Math.max(stream.lastEventTimestamp ?? event.timestamp, event.timestamp);
        stream.lastIngestionTime = now;
      });
      // Events of later batches may be older than earlier ones; reads are by time.
      stream.events.sort((a, b) => a.timestamp - b.timestamp);
      stream.uploadSequenceToken = digits56(++counter);
      ctx.changed();
      const rejected = {
        ...(tooNewLogEventStartIndex !== undefined ? { tooNewLogEventStartIndex } : {}),
        ...(tooOldLogEventEndIndex !== undefined ? { tooOldLogEventEndIndex } : {}),
        ...(expiredLogEventEndIndex !== undefined ? { expiredLogEventEndIndex } : {}),
      };
      return {
        nextSequenceToken: stream.uploadSequenceToken,
        ...(Object.keys(rejected).length > 0 ? { rejectedLogEventsInfo: rejected } : {}),
      };
    },

    GetLogEvents(raw, ctx) {
      const input = parseInput<{
        logGroupName?: string;
        logGroupIdentifier?: string;
        logStreamName: string;
        startTime?: number;
        endTime?: number;
        nextToken?: string;
        limit?: number;
        startFromHead?: boolean;
      }>(GetLogEventsInput, raw);
      const group = groupFromEither(ctx, input.logGroupName, input.logGroupIdentifier);
      const stream = group.streams[input.logStreamName];
      if (!stream) throw notFound(STREAM_NOT_FOUND);
      const events = stream.events.filter(
        (e) =>
          (input.startTime === undefined || e.timestamp >= input.startTime) &&
          (input.endTime === undefined || e.timestamp < input.endTime),
      );
      const limit = input.limit ?? 10000;
      let start: number;
      let end: number;
      if (input.nextToken !== undefined) {
        const m = /^([fb])\/(\d{56})$/.exec(input.nextToken);
        if (!m?.[1] || !m[2]) throw invalid(BAD_TOKEN);
        const at = Math.min(Number(m[2]), events.length);
        if (m[1] === "f") {
          start = at;
          end = Math.min(events.length, at + limit);
        } else {
          end = at;
          start = Math.max(0, at - limit);
        }
      } else if (input.startFromHead) {
        start = 0;
        end = Math.min(events.length, limit);
      } else {
        end = events.length;
        start = Math.max(0, end - limit);
      }
      // At either end the token repeats the one sent: clients stop when it comes back unchanged (AWS does this).
      return {
        events: events.slice(start, end).map((e) => ({
          timestamp: e.timestamp,
          message: e.message,
          ingestionTime: e.ingestionTime,
        })),
        nextForwardToken: `f/${digits56(end)}`,
        nextBackwardToken: `b/${digits56(start)}`,
      };
    },

    FilterLogEvents(raw, ctx) {
      const input = parseInput<{
        logGroupName?: string;
        logGroupIdentifier?: string;
        logStreamNames?: string[];
        logStreamNamePrefix?: string;
        startTime?: number;
        endTime?: number;
        filterPattern?: string;
        nextToken?: string;
        limit?: number;
      }>(FilterLogEventsInput, raw);
      if (input.logStreamNames !== undefined && input.logStreamNamePrefix !== undefined) {
        throw invalid("You cannot specify both LogStreamNames and LogStreamNamePrefix.");
      }
      const group = groupFromEither(ctx, input.logGroupName, input.logGroupIdentifier);
      const matches = filterPatternMatcher(input.filterPattern ?? "");
      let streams = Object.values(group.streams);
      if (input.logStreamNames !== undefined) {
        const names = new Set(input.logStreamNames);
        streams = streams.filter((s) => names.has(s.name));
      }
      if (input.logStreamNamePrefix !== undefined) {
        const prefix = input.logStreamNamePrefix;
        streams = streams.filter((s) => s.name.startsWith(prefix));
      }
      const found = streams
        .flatMap((s) => s.events.map((e) => ({ stream: s.name, e })))
        .filter(
          ({ e }) =>
            (input.startTime === undefined || e.timestamp >= input.startTime) &&
            (input.endTime === undefined || e.timestamp <= input.endTime) &&
            matches(e.message),
        )
        .sort((a, b) => a.e.timestamp - b.e.timestamp || (a.e.eventId < b.e.eventId ? -1 : 1));
      let start = 0;
      if (input.nextToken !== undefined) {
        const position = decodeToken(input.nextToken);
        if (!isObject(position) || typeof position.offset !== "number") throw invalid(BAD_TOKEN);
        start = position.offset;
      } else if (input.startTime !== undefined && input.startTime < group.creationTime && found.length > 0) {
        // AWS searches by time window: a window before any data answers an empty page with a
        // nextToken (rules doc §4). Reproduced so clients that stop on an empty page are caught.
        return {
          events: [],
          searchedLogStreams: streams.map((s) => ({ logStreamName: s.name, searchedCompletely: false })),
          nextToken: encodeToken({ offset: 0 }),
        };
      }
      const limit = input.limit ?? 10000;
      const page = found.slice(start, start + limit);
      const more = start + limit < found.length;
      return {
        events: page.map(({ stream, e }) => ({
          logStreamName: stream,
          timestamp: e.timestamp,
          message: e.message,
          ingestionTime: e.ingestionTime,
          eventId: e.eventId,
        })),
        searchedLogStreams: streams.map((s) => ({ logStreamName: s.name, searchedCompletely: !more })),
        ...(more ? { nextToken: encodeToken({ offset: start + limit }) } : {}),
      };
    },

    TagResource(raw, ctx) {
      const input = parseInput<{ resourceArn: string; tags: Record<string, string> }>(TagResourceInput, raw);
      checkTags(input.tags);
      const group = groupForArn(ctx, input.resourceArn);
      Object.assign(group.tags, input.tags);
      ctx.changed();
      return {};
    },

    UntagResource(raw, ctx) {
      const input = parseInput<{ resourceArn: string; tagKeys: string[] }>(UntagResourceInput, raw);
      const group = groupForArn(ctx, input.resourceArn);
      for (const key of input.tagKeys) delete group.tags[key];
      ctx.changed();
      return {};
    },

    ListTagsForResource(raw, ctx) {
      const input = parseInput<{ resourceArn: string }>(ListTagsForResourceInput, raw);
      return { tags: { ...groupForArn(ctx, input.resourceArn).tags } };
    },

    TagLogGroup(raw, ctx) {
      const input = parseInput<{ logGroupName: string; tags: Record<string, string> }>(TagLogGroupInput, raw);
      checkTags(input.tags);
      Object.assign(groupByName(ctx, input.logGroupName).tags, input.tags);
      ctx.changed();
      return {};
    },

    ListTagsLogGroup(raw, ctx) {
      const input = parseInput<{ logGroupName: string }>(ListTagsLogGroupInput, raw);
      return { tags: { ...groupByName(ctx, input.logGroupName).tags } };
    },
  };

  function groupForArn(ctx: CallContext, arn: string): LogGroup {
    if (!/^arn:[^:]+:logs:[^:]*:\d{12}:log-group:/.test(arn)) {
      // Ours: the sandbox tags log groups only.
      throw notFound(`The specified resource does not exist: ${arn} (the sandbox tags log groups only).`);
    }
    const group = resolveIdentifier(ctx, arn);
    if (!group) throw notFound();
    return group;
  }

  return {
    targetPrefix: "Logs_20140328",
    signingName: "logs",
    operations,
    snapshot() {
      return { version: 1, scopes, counter };
    },
    restore(snapshot) {
      const parsed = LogsSnapshotSchema.safeParse(snapshot);
      if (!parsed.success) {
        throw new Error(`logs: the saved state is not a logs snapshot (version 1): ${parsed.error.message}`);
      }
      scopes = parsed.data.scopes;
      counter = parsed.data.counter;
    },
  };
}
