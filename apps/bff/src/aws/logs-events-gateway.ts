/**
 * CloudWatch Logs, the reads of what arrived in a log group: DescribeLogStreams by last event time
 * and FilterLogEvents. Apart from logs-gateway.ts (log groups and their policies) because delivery
 * verification alone reads events. Quotas (CloudWatch Logs quotas): FilterLogEvents 5 TPS and
 * DescribeLogStreams 25 TPS per account and region, shared with every other tool of the account;
 * callers pace below them. FilterLogEvents may answer empty pages with a nextToken (rules doc §4):
 * only an absent token ends a search.
 */
import { DescribeLogStreamsCommand, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { z } from "zod";
import { listOf, regionalCalls } from "./call.ts";
import type { AwsClients } from "./clients.ts";
import type { Deadline } from "./deadline.ts";

const DescribeLogStreamsAnswerSchema = z.object({
  logStreams: listOf(
    z.object({ logStreamName: z.string().nullish(), lastEventTimestamp: z.number().nullish() }),
  ),
});
const FilterLogEventsAnswerSchema = z.object({
  events: listOf(
    z.object({
      timestamp: z.number().nullish(),
      message: z.string().nullish(),
      logStreamName: z.string().nullish(),
    }),
  ),
  nextToken: z.string().nullish(),
});

export interface LogEventRecord {
  /** Milliseconds since the epoch (the event's own timestamp). */
  timestamp: number;
  message: string;
  logStreamName: string | null;
}

export interface LogsEventsGateway {
  /** The log group's streams with the most recent events first (DescribeLogStreams orderBy LastEventTime, one page). */
  newestLogStreams(
    region: string,
    logGroupName: string,
    limit: number,
    deadline?: Deadline,
  ): Promise<{ name: string; lastEventAt: number | null }[]>;
  /**
   * Events of the log group between `from` and `to` (ms) that match `filterPattern`, oldest first,
   * reading at most `maxPages` pages of `pageSize`; `truncated` when more remain. `beforePage` runs
   * before each call (pacing).
   */
  filterLogEvents(
    region: string,
    query: {
      logGroupName: string;
      from: number;
      to: number;
      filterPattern?: string;
      pageSize: number;
      maxPages: number;
      beforePage?: () => Promise<void>;
    },
    deadline?: Deadline,
  ): Promise<{ events: LogEventRecord[]; truncated: boolean }>;
}

export function createLogsEventsGateway(clients: AwsClients): LogsEventsGateway {
  const { send, read } = regionalCalls(clients.backgroundCallBudgetMs, clients.logs);
  return {
    async newestLogStreams(region, logGroupName, limit, deadline) {
      const { answer } = await send(
        "logs.DescribeLogStreams",
        read(region),
        new DescribeLogStreamsCommand({
          logGroupName,
          orderBy: "LastEventTime",
          descending: true,
          limit: Math.min(50, Math.max(1, limit)),
        }),
        deadline,
        DescribeLogStreamsAnswerSchema,
      );
      return answer.logStreams.flatMap((s) =>
        s.logStreamName ? [{ name: s.logStreamName, lastEventAt: s.lastEventTimestamp ?? null }] : [],
      );
    },

    async filterLogEvents(region, query, deadline) {
      const events: LogEventRecord[] = [];
      let token: string | undefined;
      for (let page = 0; page < query.maxPages; page += 1) {
        await query.beforePage?.();
        const { answer } = await send(
          "logs.FilterLogEvents",
          read(region),
          new FilterLogEventsCommand({
            logGroupName: query.logGroupName,
            startTime: query.from,
            endTime: query.to,
            limit: query.pageSize,
            ...(query.filterPattern ? { filterPattern: query.filterPattern } : {}),
            ...(token ? { nextToken: token } : {}),
          }),
          deadline,
          FilterLogEventsAnswerSchema,
        );
        for (const e of answer.events) {
          if (typeof e.timestamp === "number" && typeof e.message === "string") {
            events.push({
              timestamp: e.timestamp,
              message: e.message,
              logStreamName: e.logStreamName ?? null,
            });
          }
        }
        token = answer.nextToken ?? undefined;
        if (!token) return { events, truncated: false };
      }
      return { events, truncated: true };
    },
  };
}
