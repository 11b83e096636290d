/**
 * CloudWatch Logs (awsJson1_1, `Logs_20140328.<Op>`): log groups, retention, resource policies of both
 * scopes (account-level by `policyName`, log-group-scoped by `resourceArn` with revision ids), streams
 * and events, tags. State is kept per account+region (`model.ts`). Constraints follow the service
 * model; messages follow AWS where known (rules doc §3, §4) and are marked "ours" elsewhere.
 *
 * One file per group of operations; this table says where each operation lives.
 */
import type { JsonService, StatefulService } from "../../core/types.ts";
import { eventOperations } from "./events.ts";
import { logGroupOperations } from "./log-groups.ts";
import { LogsSnapshotSchema, type LogsState } from "./model.ts";
import { resourcePolicyOperations } from "./resource-policies.ts";
import { streamOperations } from "./streams.ts";
import { tagOperations } from "./tags.ts";

export { GROUP_NOT_FOUND, logGroupArn } from "./lookup.ts";
export { LOG_GROUP_CLASSES, RETENTION_DAYS } from "./model.ts";

export function createLogsService(): JsonService & StatefulService {
  const state: LogsState = { scopes: {}, counter: 0 };
  return {
    targetPrefix: "Logs_20140328",
    signingName: "logs",
    operations: {
      // CreateLogGroup, DeleteLogGroup, PutLogGroupDeletionProtection, DescribeLogGroups,
      // PutRetentionPolicy, DeleteRetentionPolicy
      ...logGroupOperations(state),
      // PutResourcePolicy, DeleteResourcePolicy, DescribeResourcePolicies
      ...resourcePolicyOperations(state),
      // CreateLogStream, DescribeLogStreams
      ...streamOperations(state),
      // PutLogEvents, GetLogEvents, FilterLogEvents
      ...eventOperations(state),
      // TagResource, UntagResource, ListTagsForResource, TagLogGroup, ListTagsLogGroup
      ...tagOperations(state),
    },
    snapshot() {
      return { version: 1, scopes: state.scopes, counter: state.counter };
    },
    restore(snapshot) {
      const parsed = LogsSnapshotSchema.safeParse(snapshot);
      if (!parsed.success) {
        throw new Error(`logs: the saved state is not a logs snapshot (version 1): ${parsed.error.message}`);
      }
      state.scopes = parsed.data.scopes;
      state.counter = parsed.data.counter;
    },
  };
}
