/**
 * AWS CloudTrail: which trails record management events in a region (features/freshness). Reads only:
 * the console never creates or changes a trail (a trail needs a bucket and its policy, the account
 * owner's decision). EventBridge gets "AWS API Call via CloudTrail" events only from a trail with
 * logging on (EventBridge user guide, "Events from AWS services").
 */
import {
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from "@aws-sdk/client-cloudtrail";
import { z } from "zod";
import { listOf, regionalCalls } from "./call.ts";
import type { AwsClients } from "./clients.ts";
import type { Deadline } from "./deadline.ts";

export interface TrailSummary {
  name: string;
  arn: string;
  homeRegion: string;
  multiRegion: boolean;
}

export interface TrailSelector {
  readWriteType: "ReadOnly" | "WriteOnly" | "All";
  includeManagementEvents: boolean;
  excludedSources: string[];
}

export interface CloudTrailGateway {
  /** Trails that apply to the region (its own and other regions' multi-region trails: DescribeTrails with shadow trails). */
  describeTrails(region: string, deadline?: Deadline): Promise<TrailSummary[]>;
  /**
   * GetTrailStatus: IsLogging, and StartLoggingTime (ms since the epoch; null when AWS gives none):
   * the trail has recorded without a break since then (a stop and start moves it).
   */
  status(
    region: string,
    trailArn: string,
    deadline?: Deadline,
  ): Promise<{ logging: boolean; startedAt: number | null }>;
  /**
   * GetEventSelectors; null when the trail uses advanced event selectors (the caller cannot tell from
   * them, and says so).
   */
  eventSelectors(region: string, trailArn: string, deadline?: Deadline): Promise<TrailSelector[] | null>;
}

export function createCloudTrailGateway(clients: AwsClients): CloudTrailGateway {
  const { send } = regionalCalls(clients.backgroundCallBudgetMs, (region) => clients.cloudtrail(region));
  return {
    async describeTrails(region, deadline) {
      const { answer } = await send(
        "cloudtrail.DescribeTrails",
        clients.cloudtrail(region),
        new DescribeTrailsCommand({ includeShadowTrails: true }),
        deadline,
        z.object({
          trailList: listOf(
            z.object({
              Name: z.string(),
              TrailARN: z.string(),
              HomeRegion: z.string().nullish(),
              IsMultiRegionTrail: z.boolean().nullish(),
            }),
          ),
        }),
      );
      return answer.trailList.map((t) => ({
        name: t.Name,
        arn: t.TrailARN,
        homeRegion: t.HomeRegion ?? region,
        multiRegion: t.IsMultiRegionTrail ?? false,
      }));
    },
    async status(region, trailArn, deadline) {
      const { answer } = await send(
        "cloudtrail.GetTrailStatus",
        clients.cloudtrail(region),
        new GetTrailStatusCommand({ Name: trailArn }),
        deadline,
        z.object({ IsLogging: z.boolean().nullish(), StartLoggingTime: z.date().nullish() }),
      );
      return {
        logging: answer.IsLogging ?? false,
        startedAt: answer.StartLoggingTime ? answer.StartLoggingTime.getTime() : null,
      };
    },
    async eventSelectors(region, trailArn, deadline) {
      const { answer } = await send(
        "cloudtrail.GetEventSelectors",
        clients.cloudtrail(region),
        new GetEventSelectorsCommand({ TrailName: trailArn }),
        deadline,
        z.object({
          EventSelectors: z
            .array(
              z.object({
                ReadWriteType: z.enum(["ReadOnly", "WriteOnly", "All"]).nullish(),
                IncludeManagementEvents: z.boolean().nullish(),
                ExcludeManagementEventSources: listOf(z.string()),
              }),
            )
            .nullish(),
          AdvancedEventSelectors: z.array(z.unknown()).nullish(),
        }),
      );
      if (!answer.EventSelectors && answer.AdvancedEventSelectors) return null;
      return (answer.EventSelectors ?? []).map((s) => ({
        readWriteType: s.ReadWriteType ?? "All",
        includeManagementEvents: s.IncludeManagementEvents ?? true,
        excludedSources: s.ExcludeManagementEventSources,
      }));
    },
  };
}
