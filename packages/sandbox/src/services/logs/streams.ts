/** Log streams: CreateLogStream, DescribeLogStreams. */
import { bool, int, operation, required, str, struct } from "../../core/shapes.ts";
import { AwsError, type CallContext, type JsonOperation } from "../../core/types.ts";
import {
  digits56,
  groupByName,
  groupFromEither,
  invalid,
  logGroupArn,
  pageAfter,
  withNextToken,
} from "./lookup.ts";
import { eitherGroup, logGroupName, logStreamName, nextToken } from "./members.ts";
import type { LogGroup, LogStream, LogsState } from "./model.ts";

export const STREAM_NOT_FOUND = "The specified log stream does not exist.";

const CreateLogStreamInput = struct("CreateLogStreamRequest", {
  logGroupName: required(logGroupName),
  logStreamName: required(logStreamName),
});
const DescribeLogStreamsInput = struct("DescribeLogStreamsRequest", {
  ...eitherGroup,
  logStreamNamePrefix: logStreamName,
  orderBy: str({ enum: ["LogStreamName", "LastEventTime"] }),
  descending: bool,
  nextToken,
  limit: int({ min: 1, max: 50 }),
});
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

export function streamOperations(state: LogsState): Record<string, JsonOperation> {
  return {
    CreateLogStream: operation(CreateLogStreamInput, (input, ctx) => {
      const group = groupByName(state, ctx, input.logGroupName);
      if (group.streams[input.logStreamName]) {
        throw new AwsError("ResourceAlreadyExistsException", "The specified log stream already exists");
      }
      group.streams[input.logStreamName] = {
        name: input.logStreamName,
        creationTime: ctx.now(),
        uploadSequenceToken: digits56(++state.counter),
        events: [],
      };
      ctx.changed();
      return {};
    }),

    DescribeLogStreams: operation(DescribeLogStreamsInput, (input, ctx) => {
      if (input.orderBy === "LastEventTime" && input.logStreamNamePrefix !== undefined) {
        throw invalid("Cannot order by LastEventTime with a logStreamNamePrefix.");
      }
      const group = groupFromEither(state, ctx, input.logGroupName, input.logGroupIdentifier);
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
        ...withNextToken(next),
      };
    }),
  };
}
