/**
 * Amazon EventBridge: the console's freshness rule on the default bus (features/freshness): read it,
 * its targets and tags, and create it with its queue target. A missing rule is an outcome (null).
 */
import {
  DeleteRuleCommand,
  DescribeRuleCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from "@aws-sdk/client-eventbridge";
import { z } from "zod";
import { listOf, orOnCode, regionalCalls, tagList } from "./call.ts";
import type { AwsClients } from "./clients.ts";
import type { Deadline } from "./deadline.ts";

export interface RuleDescription {
  arn: string;
  eventPattern: string | null;
  state: string;
}

export interface EventBridgeGateway {
  /** DescribeRule; null when the rule does not exist. */
  describeRule(region: string, name: string, deadline?: Deadline): Promise<RuleDescription | null>;
  /** The rule's target ARNs (ListTargetsByRule, first page: a rule has at most 5 targets). */
  ruleTargets(region: string, name: string, deadline?: Deadline): Promise<string[]>;
  /** The rule's tags (ListTagsForResource); null when the rule is gone. */
  ruleTags(region: string, ruleArn: string, deadline?: Deadline): Promise<Record<string, string> | null>;
  /** PutRule with a pattern and tags (tags apply only when it creates the rule); answers the rule's ARN. */
  putRule(
    region: string,
    rule: { name: string; eventPattern: string; description: string; tags: Record<string, string> },
    deadline?: Deadline,
  ): Promise<string>;
  /**
   * PutTargets of one target (with the role EventBridge assumes for it, needed by a Firehose target);
   * throws when EventBridge reports the entry as failed.
   */
  putQueueTarget(
    region: string,
    rule: string,
    target: { id: string; arn: string; roleArn?: string },
    deadline?: Deadline,
  ): Promise<void>;
  /** RemoveTargets by id; "missing" when the rule is gone. */
  removeTargets(
    region: string,
    rule: string,
    ids: string[],
    deadline?: Deadline,
  ): Promise<"removed" | "missing">;
  /** DeleteRule (AWS answers success for a rule that does not exist; a rule with targets is refused). */
  deleteRule(region: string, name: string, deadline?: Deadline): Promise<void>;
}

const NOT_FOUND = ["ResourceNotFoundException"];

export function createEventBridgeGateway(clients: AwsClients): EventBridgeGateway {
  const { send, read, write } = regionalCalls(clients.backgroundCallBudgetMs, clients.events);
  return {
    describeRule(region, name, deadline) {
      return orOnCode(
        send(
          "events.DescribeRule",
          read(region),
          new DescribeRuleCommand({ Name: name }),
          deadline,
          z.object({ Arn: z.string(), EventPattern: z.string().nullish(), State: z.string().nullish() }),
        ).then(({ answer }) => ({
          arn: answer.Arn,
          eventPattern: answer.EventPattern ?? null,
          state: answer.State ?? "ENABLED",
        })),
        NOT_FOUND,
        null,
      );
    },
    async ruleTargets(region, name, deadline) {
      const answer = await orOnCode(
        send(
          "events.ListTargetsByRule",
          read(region),
          new ListTargetsByRuleCommand({ Rule: name }),
          deadline,
          z.object({ Targets: listOf(z.object({ Arn: z.string() })) }),
        ).then((s) => s.answer.Targets.map((t) => t.Arn)),
        NOT_FOUND,
        [] as string[],
      );
      return answer;
    },
    ruleTags(region, ruleArn, deadline) {
      return orOnCode(
        send(
          "events.ListTagsForResource",
          read(region),
          new ListTagsForResourceCommand({ ResourceARN: ruleArn }),
          deadline,
          z.object({ Tags: listOf(z.object({ Key: z.string(), Value: z.string() })) }),
        ).then((s) => Object.fromEntries(s.answer.Tags.map((t) => [t.Key, t.Value]))),
        NOT_FOUND,
        null,
      );
    },
    async putRule(region, rule, deadline) {
      const { answer } = await send(
        "events.PutRule",
        write(region),
        new PutRuleCommand({
          Name: rule.name,
          EventPattern: rule.eventPattern,
          Description: rule.description,
          State: "ENABLED",
          Tags: tagList(rule.tags),
        }),
        deadline,
        z.object({ RuleArn: z.string() }),
      );
      return answer.RuleArn;
    },
    async putQueueTarget(region, rule, target, deadline) {
      const { answer } = await send(
        "events.PutTargets",
        write(region),
        new PutTargetsCommand({
          Rule: rule,
          Targets: [
            { Id: target.id, Arn: target.arn, ...(target.roleArn ? { RoleArn: target.roleArn } : {}) },
          ],
        }),
        deadline,
        z.object({
          FailedEntryCount: z.number().nullish(),
          FailedEntries: listOf(
            z.object({ ErrorCode: z.string().nullish(), ErrorMessage: z.string().nullish() }),
          ),
        }),
      );
      const failed = answer.FailedEntries[0];
      if ((answer.FailedEntryCount ?? 0) > 0 && failed) {
        throw new Error(
          `EventBridge did not add the target: ${failed.ErrorCode ?? ""} ${failed.ErrorMessage ?? ""}`.trim(),
        );
      }
    },
    async removeTargets(region, rule, ids, deadline) {
      return orOnCode(
        send(
          "events.RemoveTargets",
          write(region),
          new RemoveTargetsCommand({ Rule: rule, Ids: ids }),
          deadline,
          z.object({ FailedEntryCount: z.number().nullish() }),
        ).then(() => "removed" as const),
        NOT_FOUND,
        "missing" as const,
      );
    },
    async deleteRule(region, name, deadline) {
      await send(
        "events.DeleteRule",
        write(region),
        new DeleteRuleCommand({ Name: name }),
        deadline,
        z.object({}),
      );
    },
  };
}
