/**
 * How CloudWatch Logs operations find what they name: the caller's scope, a log group by name, by ARN
 * or by either, and AWS's not-found and invalid-parameter errors; ids and paging shared by the groups
 * of operations.
 */
import { AwsError, type CallContext } from "../../core/types.ts";
import { partitionOf, scopeKey } from "../shared/arns.ts";
import { isObject } from "../shared/json.ts";
import { decodeToken, encodeToken } from "../shared/paging.ts";
import type { LogGroup, LogsScope, LogsState } from "./model.ts";

export const GROUP_NOT_FOUND = "The specified log group does not exist.";
export const BAD_TOKEN = "The specified nextToken is invalid.";

export function notFound(message = GROUP_NOT_FOUND): AwsError {
  return new AwsError("ResourceNotFoundException", message);
}
export function invalid(message: string): AwsError {
  return new AwsError("InvalidParameterException", message);
}

/** CloudWatch Logs ids are long digit strings; ours embed a counter so they are unique and ordered. */
export function digits56(...parts: number[]): string {
  return parts
    .map((p) => String(Math.max(0, Math.trunc(p))))
    .join("")
    .padStart(56, "0")
    .slice(-56);
}

export function logGroupArn(ctx: Pick<CallContext, "region" | "accountId">, name: string): string {
  return `arn:${partitionOf(ctx.region)}:logs:${ctx.region}:${ctx.accountId}:log-group:${name}`;
}

/** The caller's account+region state, created empty on first use. */
export function scopeOf(state: LogsState, ctx: CallContext): LogsScope {
  const key = scopeKey(ctx.accountId, ctx.region);
  let scope = state.scopes[key];
  if (!scope) {
    scope = { groups: {}, policies: {}, groupPolicies: {} };
    state.scopes[key] = scope;
  }
  return scope;
}

/** The log group of that name, or ResourceNotFoundException. */
export function groupByName(state: LogsState, ctx: CallContext, name: string): LogGroup {
  const group = scopeOf(state, ctx).groups[name];
  if (!group) throw notFound();
  return group;
}

/** A log group named by name or by ARN (with or without the trailing `:*`), in the caller's account and region. */
export function resolveIdentifier(
  state: LogsState,
  ctx: CallContext,
  identifier: string,
): LogGroup | undefined {
  if (!identifier.startsWith("arn:")) return scopeOf(state, ctx).groups[identifier];
  const prefix = `${logGroupArn(ctx, "")}`;
  if (!identifier.startsWith(prefix)) return undefined;
  const name = identifier.slice(prefix.length).replace(/:\*$/, "");
  return scopeOf(state, ctx).groups[name];
}

/** Operations on streams/events name the group by `logGroupName` or `logGroupIdentifier`, exactly one. */
export function groupFromEither(
  state: LogsState,
  ctx: CallContext,
  name?: string,
  identifier?: string,
): LogGroup {
  if (name !== undefined && identifier !== undefined) {
    throw invalid("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
  }
  if (name === undefined && identifier === undefined) {
    throw invalid("Should provide either logGroupName or logGroupIdentifier.");
  }
  const group =
    name !== undefined ? scopeOf(state, ctx).groups[name] : resolveIdentifier(state, ctx, identifier ?? "");
  if (!group) throw notFound();
  return group;
}

/** One page of `items` (sorted by `keyOf`) after the token's key; the token names the last key given. */
export function pageAfter<T>(items: T[], keyOf: (t: T) => string, token: string | undefined, limit: number) {
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
}

/** `{ nextToken }` when there is one, else nothing (AWS omits the member on the last page). */
export const withNextToken = (next: string | undefined) => (next !== undefined ? { nextToken: next } : {});

/** A log group named by ARN in the caller's account and region, for a resource-scoped policy. */
export function logGroupTarget(
  state: LogsState,
  ctx: CallContext,
  arn: string,
): { arn: string; group: LogGroup } {
  if (!/^arn:[^:]+:logs:[^:]*:\d{12}:log-group:[^:]+(:\*)?$/.test(arn)) {
    // Ours: the model says only log group ARNs are supported; AWS's text is not captured.
    throw invalid(
      `resourceArn must be a log group ARN (arn:aws:logs:<region>:<account>:log-group:<name>), not ${arn}.`,
    );
  }
  const group = resolveIdentifier(state, ctx, arn);
  if (!group) throw notFound();
  return { arn: logGroupArn(ctx, group.name), group };
}
