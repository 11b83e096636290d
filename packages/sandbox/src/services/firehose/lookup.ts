/** How Firehose operations find a stream, its ARN and status, and AWS's not-found and invalid-argument errors. */
import { AwsError, type CallContext } from "../../core/types.ts";
import { partitionOf, scopeKey } from "../shared/arns.ts";
import type { FirehoseState, Stream } from "./model.ts";

export function notFound(name: string, ctx: CallContext): AwsError {
  return new AwsError(
    "ResourceNotFoundException",
    `Firehose ${name} under account ${ctx.accountId} not found.`,
  );
}
export function invalidArgument(message: string): AwsError {
  return new AwsError("InvalidArgumentException", message);
}

export function deliveryStreamArn(ctx: Pick<CallContext, "region" | "accountId">, name: string): string {
  return `arn:${partitionOf(ctx.region)}:firehose:${ctx.region}:${ctx.accountId}:deliverystream/${name}`;
}

/** The caller's streams by name (account+region), created empty on first use. */
export function streamsOf(state: FirehoseState, ctx: CallContext): Record<string, Stream> {
  const key = scopeKey(ctx.accountId, ctx.region);
  let streams = state.scopes[key];
  if (!streams) {
    streams = {};
    state.scopes[key] = streams;
  }
  return streams;
}

/** The stream of that name, or ResourceNotFoundException. */
export function streamNamed(state: FirehoseState, ctx: CallContext, name: string): Stream {
  const stream = streamsOf(state, ctx)[name];
  if (!stream) throw notFound(name, ctx);
  return stream;
}

/** CREATING until its activation time (computed from the clock, no timers), then ACTIVE. */
export const statusOf = (stream: Stream, ctx: CallContext) =>
  ctx.now() >= stream.activeAt ? "ACTIVE" : "CREATING";
