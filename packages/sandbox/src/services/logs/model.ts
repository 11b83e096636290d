/**
 * CloudWatch Logs' state, per account+region: log groups with their streams and events, account-level
 * resource policies by name and log-group-scoped ones by log group. JSON-serialisable; validated on
 * restore because it comes from disk.
 */
import { z } from "zod";

export const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
export const LOG_GROUP_CLASSES = ["STANDARD", "INFREQUENT_ACCESS", "DELIVERY"] as const;

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
export const LogsSnapshotSchema = z.object({
  version: z.literal(1),
  scopes: z.record(z.string(), LogsScopeSchema),
  counter: z.number(),
});

export type LogEvent = z.infer<typeof LogEventSchema>;
export type LogStream = z.infer<typeof LogStreamSchema>;
export type LogGroup = z.infer<typeof LogGroupSchema>;
export type LogsScope = z.infer<typeof LogsScopeSchema>;
export type AccountPolicy = z.infer<typeof ResourcePolicySchema>;
export type GroupPolicy = z.infer<typeof GroupPolicySchema>;

/** The whole service's state: scopes by `<account>/<region>`, and the counter that orders ids. */
export interface LogsState {
  scopes: Record<string, LogsScope>;
  counter: number;
}
