/**
 * Log events: PutLogEvents (AWS's batch rules: size, order, 24-hour span, too old/new/expired events
 * reported by index), GetLogEvents (forward/backward tokens), FilterLogEvents (filter patterns,
 * searched by time window, rules doc §4).
 */
import { bool, int, list, operation, required, str, struct } from "../../core/shapes.ts";
import type { JsonOperation } from "../../core/types.ts";
import { isObject } from "../shared/json.ts";
import { decodeToken, encodeToken } from "../shared/paging.ts";
import { filterPatternMatcher } from "./filter-pattern.ts";
import { BAD_TOKEN, digits56, groupByName, groupFromEither, invalid, notFound } from "./lookup.ts";
import { eitherGroup, logGroupName, logStreamName, nextToken, timeWindow } from "./members.ts";
import type { LogEvent, LogsState } from "./model.ts";
import { STREAM_NOT_FOUND } from "./streams.ts";

const MAX_BATCH_BYTES = 1_048_576;
const EVENT_OVERHEAD_BYTES = 26;
const DAY_MS = 86_400_000;

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
  ...eitherGroup,
  logStreamName: required(logStreamName),
  ...timeWindow,
  nextToken,
  limit: int({ min: 1, max: 10000 }),
  startFromHead: bool,
  unmask: bool,
});
const FilterLogEventsInput = struct("FilterLogEventsRequest", {
  ...eitherGroup,
  logStreamNames: list(logStreamName, { min: 1, max: 100 }),
  logStreamNamePrefix: logStreamName,
  ...timeWindow,
  filterPattern: str({ max: 1024 }),
  nextToken,
  limit: int({ min: 1, max: 10000 }),
  interleaved: bool,
  unmask: bool,
});

export function eventOperations(state: LogsState): Record<string, JsonOperation> {
  return {
    PutLogEvents: operation(PutLogEventsInput, (input, ctx) => {
      const group = groupByName(state, ctx, input.logGroupName);
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
          eventId: digits56(event.timestamp, ++state.counter),
        };
        stream.events.push(stored);
        stream.firstEventTimestamp = Math.min(stream.firstEventTimestamp ?? event.timestamp, event.timestamp);
        stream.lastEventTimestamp = Math.max(stream.lastEventTimestamp ?? event.timestamp, event.timestamp);
        stream.lastIngestionTime = now;
      });
      // Events of later batches may be older than earlier ones; reads are by time.
      stream.events.sort((a, b) => a.timestamp - b.timestamp);
      stream.uploadSequenceToken = digits56(++state.counter);
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
    }),

    GetLogEvents: operation(GetLogEventsInput, (input, ctx) => {
      const group = groupFromEither(state, ctx, input.logGroupName, input.logGroupIdentifier);
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
    }),

    FilterLogEvents: operation(FilterLogEventsInput, (input, ctx) => {
      if (input.logStreamNames !== undefined && input.logStreamNamePrefix !== undefined) {
        throw invalid("You cannot specify both LogStreamNames and LogStreamNamePrefix.");
      }
      const group = groupFromEither(state, ctx, input.logGroupName, input.logGroupIdentifier);
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
    }),
  };
}
