/**
 * Amazon EventBridge (awsJson1_1, `AWSEvents.<Op>`): rules with an event pattern on the default bus,
 * their targets and tags (PutRule, DescribeRule, ListRules, DeleteRule, PutTargets,
 * ListTargetsByRule, RemoveTargets, ListTagsForResource), and `matchingTargets`, how the sandbox's
 * event sources (CloudTrail's management events, `delivery/api-events.ts`) find where an event goes.
 * Only the default bus exists; schedule expressions are stored but never fire. Constraints from the
 * EventBridge API reference (PutRule, PutTargets); a rule has at most 5 targets (EventBridge quotas).
 */
import { z } from "zod";
import { bool, int, list, operationWith, required, str, struct } from "../../core/shapes.ts";
import { AwsError, type CallContext, type JsonService, type StatefulService } from "../../core/types.ts";
import { partitionOf, scopeKey } from "../shared/arns.ts";
import { decodeToken, encodeToken } from "../shared/paging.ts";
import { parsePattern, patternMatches } from "./pattern.ts";

const TargetSchema = z.object({
  Id: z.string(),
  Arn: z.string(),
  RoleArn: z.string().optional(),
  Input: z.string().optional(),
});
const RuleSchema = z.object({
  name: z.string(),
  eventPattern: z.string().optional(),
  scheduleExpression: z.string().optional(),
  state: z.string(),
  description: z.string().optional(),
  createdAt: z.number(),
  tags: z.record(z.string(), z.string()),
  targets: z.array(TargetSchema),
});
const DeliverySchema = z.object({
  at: z.number(),
  rule: z.string(),
  target: z.string(),
  ok: z.boolean(),
  reason: z.string().optional(),
});
const EventsSnapshotSchema = z.object({
  version: z.literal(1),
  scopes: z.record(z.string(), z.record(z.string(), RuleSchema)),
  deliveries: z.record(z.string(), z.array(DeliverySchema)).default({}),
});
export type Rule = z.infer<typeof RuleSchema>;
export type EventTarget = z.infer<typeof TargetSchema>;
export type EventDelivery = z.infer<typeof DeliverySchema>;

const MAX_TARGETS = 5;
const KEPT_DELIVERIES = 200;

export const ruleArn = (accountId: string, region: string, name: string): string =>
  `arn:${partitionOf(region)}:events:${region}:${accountId}:rule/${name}`;

const ruleName = str({ min: 1, max: 64, pattern: "[\\.\\-_A-Za-z0-9]+" });
const busName = str({ min: 1, max: 1600 });
const tagList = list(
  struct("Tag", { Key: required(str({ min: 1, max: 128 })), Value: required(str({ max: 256 })) }),
  {
    max: 50,
  },
);
const PutRuleRequest = struct("PutRuleRequest", {
  Name: required(ruleName),
  ScheduleExpression: str({ max: 256 }),
  EventPattern: str({ max: 4096 }),
  State: str({ enum: ["ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"] }),
  Description: str({ max: 512 }),
  RoleArn: str({ min: 1, max: 1600 }),
  Tags: tagList,
  EventBusName: busName,
});
const DescribeRuleRequest = struct("DescribeRuleRequest", {
  Name: required(ruleName),
  EventBusName: busName,
});
const DeleteRuleRequest = struct("DeleteRuleRequest", { Name: required(ruleName), EventBusName: busName });
const ListRulesRequest = struct("ListRulesRequest", {
  NamePrefix: str({ min: 1, max: 64 }),
  EventBusName: busName,
  NextToken: str({ min: 1, max: 2048 }),
  Limit: int({ min: 1, max: 100 }),
});
const targetShape = struct("Target", {
  Id: required(str({ min: 1, max: 64, pattern: "[\\.\\-_A-Za-z0-9]+" })),
  Arn: required(str({ min: 1, max: 1600 })),
  RoleArn: str({ min: 1, max: 1600 }),
  Input: str({ max: 8192 }),
});
const PutTargetsRequest = struct("PutTargetsRequest", {
  Rule: required(ruleName),
  EventBusName: busName,
  Targets: required(list(targetShape, { min: 1, max: 10 })),
});
const ListTargetsByRuleRequest = struct("ListTargetsByRuleRequest", {
  Rule: required(ruleName),
  EventBusName: busName,
  NextToken: str({ min: 1, max: 2048 }),
  Limit: int({ min: 1, max: 100 }),
});
const RemoveTargetsRequest = struct("RemoveTargetsRequest", {
  Rule: required(ruleName),
  EventBusName: busName,
  Ids: required(list(str({ min: 1, max: 64 }), { min: 1, max: 100 })),
  Force: bool,
});
const ListTagsRequest = struct("ListTagsForResourceRequest", {
  ResourceARN: required(str({ min: 1, max: 1600 })),
});

const op = operationWith("ValidationException");

export interface EventsService extends JsonService, StatefulService {
  /** Enabled rules of the account's default bus in the region whose pattern matches, with their targets. */
  matchingTargets(accountId: string, region: string, event: unknown): { rule: Rule; arn: string }[];
  /** Note a delivery attempt for diagnostics (`/_sandbox/diagnostics?events=…`). */
  recordDelivery(accountId: string, region: string, delivery: EventDelivery): void;
  deliveries(accountId: string, region: string): EventDelivery[];
}

export function createEventsService(): EventsService {
  let scopes: Record<string, Record<string, Rule>> = {};
  let deliveries: Record<string, EventDelivery[]> = {};
  const rulesIn = (ctx: Pick<CallContext, "accountId" | "region">) => {
    const key = scopeKey(ctx.accountId, ctx.region);
    scopes[key] ??= {};
    return scopes[key] as Record<string, Rule>;
  };
  const checkBus = (name: string | undefined) => {
    if (name !== undefined && name !== "default" && !/:event-bus\/default$/.test(name)) {
      throw new AwsError("ResourceNotFoundException", `Event bus ${name} does not exist.`);
    }
  };
  const ruleNamed = (ctx: CallContext, name: string): Rule => {
    const rule = rulesIn(ctx)[name];
    if (!rule)
      throw new AwsError("ResourceNotFoundException", `Rule ${name} does not exist on EventBus default.`);
    return rule;
  };
  const describe = (ctx: CallContext, rule: Rule) => ({
    Name: rule.name,
    Arn: ruleArn(ctx.accountId, ctx.region, rule.name),
    ...(rule.eventPattern !== undefined ? { EventPattern: rule.eventPattern } : {}),
    ...(rule.scheduleExpression !== undefined ? { ScheduleExpression: rule.scheduleExpression } : {}),
    State: rule.state,
    ...(rule.description !== undefined ? { Description: rule.description } : {}),
    EventBusName: "default",
  });
  const page = <T>(items: T[], token: string | undefined, limit: number | undefined) => {
    const start = token === undefined ? 0 : Number(decodeToken(token));
    if (!Number.isInteger(start) || start < 0)
      throw new AwsError("ValidationException", "The NextToken is not valid.");
    const size = limit ?? 100;
    const slice = items.slice(start, start + size);
    return { slice, next: start + size < items.length ? encodeToken(start + size) : undefined };
  };

  return {
    targetPrefix: "AWSEvents",
    signingName: "events",
    operations: {
      PutRule: op(PutRuleRequest, (input, ctx) => {
        checkBus(input.EventBusName);
        if (input.EventPattern === undefined && input.ScheduleExpression === undefined) {
          throw new AwsError(
            "ValidationException",
            "Parameter(s) EventPattern or ScheduleExpression must be specified.",
          );
        }
        if (input.EventPattern !== undefined) parsePattern(input.EventPattern);
        const rules = rulesIn(ctx);
        const existing = rules[input.Name];
        // PutRule on an existing rule replaces its definition and keeps its targets and tags (API reference).
        rules[input.Name] = {
          name: input.Name,
          ...(input.EventPattern !== undefined ? { eventPattern: input.EventPattern } : {}),
          ...(input.ScheduleExpression !== undefined ? { scheduleExpression: input.ScheduleExpression } : {}),
          state: input.State ?? "ENABLED",
          ...(input.Description !== undefined ? { description: input.Description } : {}),
          createdAt: existing?.createdAt ?? ctx.now(),
          tags: existing?.tags ?? Object.fromEntries((input.Tags ?? []).map((t) => [t.Key, t.Value])),
          targets: existing?.targets ?? [],
        };
        ctx.changed();
        return { RuleArn: ruleArn(ctx.accountId, ctx.region, input.Name) };
      }),
      DescribeRule: op(DescribeRuleRequest, (input, ctx) => {
        checkBus(input.EventBusName);
        const rule = ruleNamed(ctx, input.Name);
        return { ...describe(ctx, rule), CreatedBy: ctx.accountId };
      }),
      ListRules: op(ListRulesRequest, (input, ctx) => {
        checkBus(input.EventBusName);
        const all = Object.values(rulesIn(ctx))
          .filter((r) => input.NamePrefix === undefined || r.name.startsWith(input.NamePrefix))
          .sort((a, b) => a.name.localeCompare(b.name));
        const { slice, next } = page(all, input.NextToken, input.Limit);
        return { Rules: slice.map((r) => describe(ctx, r)), ...(next ? { NextToken: next } : {}) };
      }),
      DeleteRule: op(DeleteRuleRequest, (input, ctx) => {
        checkBus(input.EventBusName);
        const rules = rulesIn(ctx);
        const rule = rules[input.Name];
        if (!rule) return {};
        if (rule.targets.length > 0)
          throw new AwsError("ValidationException", "Rule can't be deleted since it has targets.");
        delete rules[input.Name];
        ctx.changed();
        return {};
      }),
      PutTargets: op(PutTargetsRequest, (input, ctx) => {
        checkBus(input.EventBusName);
        const rule = ruleNamed(ctx, input.Rule);
        const merged = new Map(rule.targets.map((t) => [t.Id, t]));
        for (const t of input.Targets) merged.set(t.Id, { ...t });
        if (merged.size > MAX_TARGETS) {
          throw new AwsError(
            "LimitExceededException",
            `The requested resource exceeds the maximum number allowed (${MAX_TARGETS} targets per rule).`,
          );
        }
        rule.targets = [...merged.values()];
        ctx.changed();
        return { FailedEntryCount: 0, FailedEntries: [] };
      }),
      ListTargetsByRule: op(ListTargetsByRuleRequest, (input, ctx) => {
        checkBus(input.EventBusName);
        const rule = ruleNamed(ctx, input.Rule);
        const { slice, next } = page(rule.targets, input.NextToken, input.Limit);
        return { Targets: slice.map((t) => ({ ...t })), ...(next ? { NextToken: next } : {}) };
      }),
      RemoveTargets: op(RemoveTargetsRequest, (input, ctx) => {
        checkBus(input.EventBusName);
        const rule = ruleNamed(ctx, input.Rule);
        rule.targets = rule.targets.filter((t) => !input.Ids.includes(t.Id));
        ctx.changed();
        return { FailedEntryCount: 0, FailedEntries: [] };
      }),
      ListTagsForResource: op(ListTagsRequest, (input, ctx) => {
        const m = /^arn:[^:]+:events:([^:]+):(\d{12}):rule\/(.+)$/.exec(input.ResourceARN);
        const rule =
          m && m[2] === ctx.accountId ? scopes[scopeKey(m[2], m[1] ?? "")]?.[m[3] ?? ""] : undefined;
        if (!rule)
          throw new AwsError(
            "ResourceNotFoundException",
            `Rule ${m?.[3] ?? input.ResourceARN} does not exist.`,
          );
        return { Tags: Object.entries(rule.tags).map(([Key, Value]) => ({ Key, Value })) };
      }),
    },
    matchingTargets(accountId, region, event) {
      const rules = Object.values(scopes[scopeKey(accountId, region)] ?? {});
      return rules
        .filter((r) => r.state !== "DISABLED" && r.eventPattern !== undefined)
        .filter((r) => patternMatches(parsePattern(r.eventPattern as string), event))
        .map((rule) => ({ rule, arn: ruleArn(accountId, region, rule.name) }));
    },
    recordDelivery(accountId, region, delivery) {
      const key = scopeKey(accountId, region);
      const kept = deliveries[key] ?? [];
      kept.push(delivery);
      if (kept.length > KEPT_DELIVERIES) kept.splice(0, kept.length - KEPT_DELIVERIES);
      deliveries[key] = kept;
    },
    deliveries: (accountId, region) => [...(deliveries[scopeKey(accountId, region)] ?? [])],
    snapshot: () => ({ version: 1, scopes, deliveries }),
    restore(snapshot) {
      const parsed = EventsSnapshotSchema.safeParse(snapshot);
      if (!parsed.success) {
        throw new Error(
          `events: the saved state is not an events snapshot (version 1): ${parsed.error.message}`,
        );
      }
      scopes = parsed.data.scopes;
      deliveries = parsed.data.deliveries;
    },
  };
}
