/**
 * CloudWatch Logs: log groups, their retention, and the resource policies that let Cognito deliver
 * to them (account-level policies and a log group's own). Writes are sent once (clients.ts); the
 * "already exists" and "already gone" answers of creation and cleanup are outcomes, not errors.
 */
import {
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DeleteResourcePolicyCommand,
  DeleteRetentionPolicyCommand,
  DescribeLogGroupsCommand,
  DescribeResourcePoliciesCommand,
  ListTagsForResourceCommand,
  PutResourcePolicyCommand,
  PutRetentionPolicyCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import type { LogGroupPolicy, ResourcePolicy } from "@clc/domain";
import { z } from "zod";
import { listOf, outcomeOf, regionalCalls } from "./call.ts";
import type { AwsClients } from "./clients.ts";
import type { Deadline } from "./deadline.ts";

const DescribeLogGroupsAnswerSchema = z.object({
  logGroups: listOf(
    z.object({
      logGroupName: z.string().min(1),
      // `arn` ends in `:*`, which Cognito rejects; `logGroupArn` is the one to use (rules doc §2).
      logGroupArn: z.string().optional(),
      arn: z.string().optional(),
      kmsKeyId: z.string().nullish(),
      retentionInDays: z.number().int().nullish(),
      logGroupClass: z.string().nullish(),
      creationTime: z.number().nullish(),
      dataProtectionStatus: z.string().nullish(),
    }),
  ),
  nextToken: z.string().nullish(),
});

const DescribeResourcePoliciesAnswerSchema = z.object({
  resourcePolicies: listOf(z.object({ policyName: z.string(), policyDocument: z.string().nullish() })),
  nextToken: z.string().nullish(),
});

/** DescribeResourcePolicies with `resourceArn`: the log group's own policy (0 or 1), with its revision. */
const TagsAnswerSchema = z.object({ tags: z.record(z.string(), z.string()).optional() });

const LogGroupPolicyAnswerSchema = z.object({
  resourcePolicies: listOf(
    z.object({
      policyDocument: z.string().nullish(),
      resourceArn: z.string().nullish(),
      revisionId: z.string().nullish(),
    }),
  ),
});
const PutLogGroupPolicyAnswerSchema = z.object({
  revisionId: z.string().nullish(),
  resourcePolicy: z.object({ revisionId: z.string().nullish() }).nullish(),
});

export interface LogGroupRecord {
  name: string;
  arn: string;
  kmsKeyId: string | null;
  retentionInDays: number | null;
  logGroupClass: string | null;
  createdAt: string | null;
  dataProtectionStatus: string | null;
}

/** A log group's ARN without the `:*` DescribeLogGroups' `arn` ends in (the form resource policies name). */
const bareArn = (logGroupArn: string) => logGroupArn.replace(/:\*$/, "");

/**
 * Every call takes the user request's deadline; without one (background work, such as a creation
 * run's steps) each call gets the clients' background budget of its own.
 */
export interface LogsGateway {
  /** One page of log groups whose name starts with `prefix` (prefix search keeps `kmsKeyId`; a pattern search drops it). */
  describeLogGroups(
    region: string,
    query: { prefix?: string; nextToken?: string; limit: number },
    deadline?: Deadline,
  ): Promise<{ groups: LogGroupRecord[]; nextToken: string | null }>;
  /** CreateLogGroup with tags; "exists": ResourceAlreadyExistsException. */
  createLogGroup(
    region: string,
    name: string,
    tags: Record<string, string>,
    deadline?: Deadline,
  ): Promise<"created" | "exists">;
  /** PutRetentionPolicy with `days`, or DeleteRetentionPolicy (events never expire) when null. */
  setRetention(region: string, name: string, days: number | null, deadline?: Deadline): Promise<void>;
  /** ListTagsForResource of a log group (its ARN, without `:*`): its tags, {} when it has none. */
  listLogGroupTags(region: string, logGroupArn: string, deadline?: Deadline): Promise<Record<string, string>>;
  /** DeleteLogGroup; "missing": ResourceNotFoundException. */
  deleteLogGroup(region: string, name: string, deadline?: Deadline): Promise<"deleted" | "missing">;
  /** The account's account-level CloudWatch Logs resource policies in the region (all pages). */
  describeResourcePolicies(region: string, deadline?: Deadline): Promise<ResourcePolicy[]>;
  /**
   * The policy attached to one log group (DescribeResourcePolicies with `resourceArn`, `policyScope:
   * RESOURCE`), null when it has none. A missing log group is AWS's ResourceNotFoundException.
   */
  describeLogGroupPolicy(
    region: string,
    logGroupArn: string,
    deadline?: Deadline,
  ): Promise<LogGroupPolicy | null>;
  /** Creates or replaces an account-level policy by name (no revision: AWS has none for them). */
  putResourcePolicy(
    region: string,
    policyName: string,
    policyDocument: string,
    deadline?: Deadline,
  ): Promise<{ requestId: string | null }>;
  /** DeleteResourcePolicy of an account-level policy; "missing": ResourceNotFoundException. */
  deleteResourcePolicy(
    region: string,
    policyName: string,
    deadline?: Deadline,
  ): Promise<"deleted" | "missing">;
  /**
   * Creates (`expectedRevisionId` null) or replaces the policy attached to a log group. AWS refuses a
   * replacement whose revision is not the current one (OperationAbortedException).
   */
  putLogGroupPolicy(
    region: string,
    logGroupArn: string,
    policyDocument: string,
    expectedRevisionId: string | null,
    deadline?: Deadline,
  ): Promise<{ requestId: string | null; revisionId: string | null }>;
  /** Deletes a log group's own policy at `expectedRevisionId`; "missing": ResourceNotFoundException. */
  deleteLogGroupPolicy(
    region: string,
    logGroupArn: string,
    expectedRevisionId: string,
    deadline?: Deadline,
  ): Promise<"deleted" | "missing">;
}

export function createLogsGateway(clients: AwsClients): LogsGateway {
  const { send, read, write } = regionalCalls(clients.backgroundCallBudgetMs, (region, purpose) =>
    clients.logs(region, purpose),
  );
  const NOT_FOUND = ["ResourceNotFoundException"];
  return {
    async describeLogGroups(region, query, deadline) {
      const command = new DescribeLogGroupsCommand({
        ...(query.prefix ? { logGroupNamePrefix: query.prefix } : {}),
        ...(query.nextToken ? { nextToken: query.nextToken } : {}),
        limit: query.limit,
      });
      const described = await send(
        "logs.DescribeLogGroups",
        read(region),
        command,
        deadline,
        DescribeLogGroupsAnswerSchema,
      );
      const groups = described.answer.logGroups.map((g) => ({
        name: g.logGroupName,
        arn: g.logGroupArn ?? bareArn(g.arn ?? ""),
        kmsKeyId: g.kmsKeyId ?? null,
        retentionInDays: g.retentionInDays ?? null,
        logGroupClass: g.logGroupClass ?? null,
        createdAt: typeof g.creationTime === "number" ? new Date(g.creationTime).toISOString() : null,
        dataProtectionStatus: g.dataProtectionStatus ?? null,
      }));
      return { groups, nextToken: described.answer.nextToken ?? null };
    },

    createLogGroup(region, name, tags, deadline) {
      const command = new CreateLogGroupCommand({ logGroupName: name, tags });
      const sent = send("logs.CreateLogGroup", write(region), command, deadline);
      return outcomeOf(sent, "created", ["ResourceAlreadyExistsException"], "exists");
    },

    async listLogGroupTags(region, logGroupArn, deadline) {
      const command = new ListTagsForResourceCommand({ resourceArn: bareArn(logGroupArn) });
      const listed = await send(
        "logs.ListTagsForResource",
        read(region),
        command,
        deadline,
        TagsAnswerSchema,
      );
      return listed.answer.tags ?? {};
    },

    async setRetention(region, name, days, deadline) {
      if (days === null) {
        await send(
          "logs.DeleteRetentionPolicy",
          write(region),
          new DeleteRetentionPolicyCommand({ logGroupName: name }),
          deadline,
        );
        return;
      }
      await send(
        "logs.PutRetentionPolicy",
        write(region),
        new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: days }),
        deadline,
      );
    },

    deleteLogGroup(region, name, deadline) {
      const command = new DeleteLogGroupCommand({ logGroupName: name });
      return outcomeOf(
        send("logs.DeleteLogGroup", write(region), command, deadline),
        "deleted",
        NOT_FOUND,
        "missing",
      );
    },

    async describeResourcePolicies(region, deadline) {
      const all: ResourcePolicy[] = [];
      let nextToken: string | undefined;
      // At most 10 policies exist per region; the page guard only stops a misbehaving endpoint.
      for (let page = 0; page < 20; page++) {
        const { answer } = await send(
          "logs.DescribeResourcePolicies",
          read(region),
          new DescribeResourcePoliciesCommand({ nextToken, limit: 50, policyScope: "ACCOUNT" }),
          deadline,
          DescribeResourcePoliciesAnswerSchema,
        );
        for (const p of answer.resourcePolicies)
          all.push({ policyName: p.policyName, policyDocument: p.policyDocument ?? "" });
        nextToken = answer.nextToken ?? undefined;
        if (!nextToken) break;
      }
      return all;
    },

    async describeLogGroupPolicy(region, logGroupArn, deadline) {
      const resourceArn = bareArn(logGroupArn);
      const { answer } = await send(
        "logs.DescribeResourcePolicies",
        read(region),
        new DescribeResourcePoliciesCommand({ resourceArn, policyScope: "RESOURCE" }),
        deadline,
        LogGroupPolicyAnswerSchema,
      );
      const policy = answer.resourcePolicies[0];
      if (!policy) return null;
      return {
        resourceArn: policy.resourceArn ?? resourceArn,
        policyDocument: policy.policyDocument ?? "",
        revisionId: policy.revisionId ?? null,
      };
    },

    async putResourcePolicy(region, policyName, policyDocument, deadline) {
      const command = new PutResourcePolicyCommand({ policyName, policyDocument });
      const { requestId } = await send("logs.PutResourcePolicy", write(region), command, deadline);
      return { requestId };
    },

    deleteResourcePolicy(region, policyName, deadline) {
      const command = new DeleteResourcePolicyCommand({ policyName });
      const sent = send("logs.DeleteResourcePolicy", write(region), command, deadline);
      return outcomeOf(sent, "deleted", NOT_FOUND, "missing");
    },

    async putLogGroupPolicy(region, logGroupArn, policyDocument, expectedRevisionId, deadline) {
      const { answer, requestId } = await send(
        "logs.PutResourcePolicy",
        write(region),
        new PutResourcePolicyCommand({
          resourceArn: bareArn(logGroupArn),
          policyDocument,
          ...(expectedRevisionId === null ? {} : { expectedRevisionId }),
        }),
        deadline,
        PutLogGroupPolicyAnswerSchema,
      );
      return { requestId, revisionId: answer.revisionId ?? answer.resourcePolicy?.revisionId ?? null };
    },

    deleteLogGroupPolicy(region, logGroupArn, expectedRevisionId, deadline) {
      const command = new DeleteResourcePolicyCommand({
        resourceArn: bareArn(logGroupArn),
        expectedRevisionId,
      });
      const sent = send("logs.DeleteResourcePolicy", write(region), command, deadline);
      return outcomeOf(sent, "deleted", NOT_FOUND, "missing");
    },
  };
}
