/**
 * Log groups: CreateLogGroup, DeleteLogGroup, PutLogGroupDeletionProtection, DescribeLogGroups,
 * PutRetentionPolicy, DeleteRetentionPolicy.
 */
import { bool, int, list, operation, required, str, struct } from "../../core/shapes.ts";
import { AwsError, type CallContext, type JsonOperation } from "../../core/types.ts";
import { constraintError } from "../shared/errors.ts";
import {
  groupByName,
  invalid,
  logGroupArn,
  notFound,
  pageAfter,
  resolveIdentifier,
  scopeOf,
  withNextToken,
} from "./lookup.ts";
import { checkTags, logGroupIdentifier, logGroupName, nextToken, tagMap } from "./members.ts";
import { LOG_GROUP_CLASSES, type LogGroup, type LogsState, RETENTION_DAYS } from "./model.ts";

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

function describeGroup(ctx: CallContext, group: LogGroup, withKms: boolean) {
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
}

export function logGroupOperations(state: LogsState): Record<string, JsonOperation> {
  return {
    CreateLogGroup: operation(CreateLogGroupInput, (input, ctx) => {
      checkTags(input.tags);
      const scope = scopeOf(state, ctx);
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
    }),

    DeleteLogGroup: operation(DeleteLogGroupInput, (input, ctx) => {
      const scope = scopeOf(state, ctx);
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
    }),

    PutLogGroupDeletionProtection: operation(PutLogGroupDeletionProtectionInput, (input, ctx) => {
      const group = resolveIdentifier(state, ctx, input.logGroupIdentifier);
      if (!group) throw notFound();
      if (input.deletionProtectionEnabled) group.deletionProtectionEnabled = true;
      else delete group.deletionProtectionEnabled;
      ctx.changed();
      return {};
    }),

    DescribeLogGroups: operation(DescribeLogGroupsInput, (input, ctx) => {
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
      let groups = Object.values(scopeOf(state, ctx).groups);
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
            .map((id) => resolveIdentifier(state, ctx, id)?.name)
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
      return { logGroups: page.map((g) => describeGroup(ctx, g, withKms)), ...withNextToken(next) };
    }),

    PutRetentionPolicy: operation(PutRetentionPolicyInput, (input, ctx) => {
      if (!(RETENTION_DAYS as readonly number[]).includes(input.retentionInDays)) {
        throw constraintError(
          "InvalidParameterException",
          input.retentionInDays,
          "retentionInDays",
          `Member must satisfy enum value set: [${RETENTION_DAYS.join(", ")}]`,
        );
      }
      groupByName(state, ctx, input.logGroupName).retentionInDays = input.retentionInDays;
      ctx.changed();
      return {};
    }),

    DeleteRetentionPolicy: operation(DeleteRetentionPolicyInput, (input, ctx) => {
      delete groupByName(state, ctx, input.logGroupName).retentionInDays;
      ctx.changed();
      return {};
    }),
  };
}
