/**
 * cognito-idp's state: user pools with their settings and log delivery configuration. Pools carry
 * their account and region; JSON-serialisable, validated on restore because it comes from disk.
 */
import { z } from "zod";

export type Tier = "LITE" | "ESSENTIALS" | "PLUS";
export type SecurityMode = "OFF" | "AUDIT" | "ENFORCED";
export const EVENT_SOURCES = ["userNotification", "userAuthEvents"] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

export interface LogConfiguration {
  LogLevel: "ERROR" | "INFO";
  EventSource: EventSource;
  CloudWatchLogsConfiguration?: { LogGroupArn?: string };
  S3Configuration?: { BucketArn?: string };
  FirehoseConfiguration?: { StreamArn?: string };
}

export interface PoolRecord {
  id: string;
  name: string;
  region: string;
  accountId: string;
  createdMs: number;
  modifiedMs: number;
  tier: Tier;
  /** Absent until a caller sets UserPoolAddOns (DescribeUserPool then omits it; clients treat it as OFF). */
  securityMode?: SecurityMode;
  /**
   * A pool from before feature plans that kept its threat protection on a LITE tier (AWS keeps what
   * such pools had; rules doc §1). Only the sandbox's setup path makes one (AWS's API cannot create
   * it today); UpdateUserPool lets it keep its mode until it is turned off or the tier changes.
   */
  legacyThreatProtection?: true;
  deletionProtection: "ACTIVE" | "INACTIVE";
  mfaConfiguration: "OFF" | "ON" | "OPTIONAL";
  lambdaConfig: Record<string, unknown>;
  tags: Record<string, string>;
  /** Other members given at creation/update that we store and echo but do not interpret. */
  extra: Record<string, unknown>;
  logConfigurations: LogConfiguration[];
}

/** What `restore` requires of each saved pool; the rest is kept as saved. */
const SavedPoolSchema = z.looseObject({
  id: z.string(),
  region: z.string(),
  accountId: z.string(),
  logConfigurations: z.array(z.unknown()),
});
export const CognitoSnapshotSchema = z.object({ pools: z.array(SavedPoolSchema) });

/** Pools by id, across accounts and regions (ids embed the region). */
export interface CognitoState {
  pools: Map<string, PoolRecord>;
}
