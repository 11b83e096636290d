import {
  DescribeLogGroupsCommand,
  DescribeResourcePoliciesCommand,
  PutResourcePolicyCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import type { LogGroupPolicy, ResourcePolicy } from "@clc/domain";
import { z } from "zod";
import type { AwsClients } from "./clients.ts";
import type { Deadline } from "./deadline.ts";
import { callAws, parseAwsAnswer } from "./errors.ts";

const DescribeLogGroupsAnswerSchema = z.object({
  logGroups: z
    .array(
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
    )
    .nullish()
    .transform((v) => v ?? []),
  nextToken: z.string().nullish(),
});

const DescribeResourcePoliciesAnswerSchema = z.object({
  resourcePolicies: z
    .array(z.object({ policyName: z.string(), policyDocument: z.string().nullish() }))
    .nullish()
    .transform((v) => v ?? []),
  nextToken: z.string().nullish(),
});

/** DescribeResourcePolicies with `resourceArn`: the log group's own policy (0 or 1), with its revision. */
const LogGroupPolicyAnswerSchema = z.object({
  resourcePolicies: z
    .array(
      z.object({
        policyDocument: z.string().nullish(),
        resourceArn: z.string().nullish(),
        revisionId: z.string().nullish(),
      }),
    )
    .nullish()
    .transform((v) => v ?? []),
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

export interface LogsGateway {
  /** One page of log groups whose name starts with `prefix` (prefix search keeps `kmsKeyId`; a pattern search drops it). */
  describeLogGroups(
    region: string,
    query: { prefix?: string; nextToken?: string; limit: number },
    deadline?: Deadline,
  ): Promise<{ groups: LogGroupRecord[]; nextToken: string | null }>;
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
}

/** Each call takes the user request's deadline; without one it gets the background budget of its own. */
export function createLogsGateway(clients: AwsClients): LogsGateway {
  const within = (deadline: Deadline | undefined) => deadline ?? clients.backgroundCallBudgetMs;
  return {
    async describeLogGroups(region, query, deadline) {
      const op = "logs.DescribeLogGroups";
      const answer = await callAws(
        op,
        (abortSignal) =>
          clients.logs(region, "read").send(
            new DescribeLogGroupsCommand({
              ...(query.prefix ? { logGroupNamePrefix: query.prefix } : {}),
              ...(query.nextToken ? { nextToken: query.nextToken } : {}),
              limit: query.limit,
            }),
            { abortSignal },
          ),
        within(deadline),
      );
      const page = parseAwsAnswer(DescribeLogGroupsAnswerSchema, answer, op);
      return {
        groups: page.logGroups.map((g) => ({
          name: g.logGroupName,
          arn: g.logGroupArn ?? (g.arn ?? "").replace(/:\*$/, ""),
          kmsKeyId: g.kmsKeyId ?? null,
          retentionInDays: g.retentionInDays ?? null,
          logGroupClass: g.logGroupClass ?? null,
          createdAt: typeof g.creationTime === "number" ? new Date(g.creationTime).toISOString() : null,
          dataProtectionStatus: g.dataProtectionStatus ?? null,
        })),
        nextToken: page.nextToken ?? null,
      };
    },

    async describeResourcePolicies(region, deadline) {
      const op = "logs.DescribeResourcePolicies";
      const all: ResourcePolicy[] = [];
      let nextToken: string | undefined;
      // At most 10 policies exist per region; the page guard only stops a misbehaving endpoint.
      for (let page = 0; page < 20; page++) {
        const answer = await callAws(
          op,
          (abortSignal) =>
            clients
              .logs(region, "read")
              .send(new DescribeResourcePoliciesCommand({ nextToken, limit: 50, policyScope: "ACCOUNT" }), {
                abortSignal,
              }),
          within(deadline),
        );
        const parsed = parseAwsAnswer(DescribeResourcePoliciesAnswerSchema, answer, op);
        for (const p of parsed.resourcePolicies)
          all.push({ policyName: p.policyName, policyDocument: p.policyDocument ?? "" });
        nextToken = parsed.nextToken ?? undefined;
        if (!nextToken) break;
      }
      return all;
    },

    async describeLogGroupPolicy(region, logGroupArn, deadline) {
      const op = "logs.DescribeResourcePolicies";
      const resourceArn = logGroupArn.replace(/:\*$/, "");
      const answer = await callAws(
        op,
        (abortSignal) =>
          clients
            .logs(region, "read")
            .send(new DescribeResourcePoliciesCommand({ resourceArn, policyScope: "RESOURCE" }), {
              abortSignal,
            }),
        within(deadline),
      );
      const policy = parseAwsAnswer(LogGroupPolicyAnswerSchema, answer, op).resourcePolicies[0];
      if (!policy) return null;
      return {
        resourceArn: policy.resourceArn ?? resourceArn,
        policyDocument: policy.policyDocument ?? "",
        revisionId: policy.revisionId ?? null,
      };
    },

    async putLogGroupPolicy(region, logGroupArn, policyDocument, expectedRevisionId, deadline) {
      const op = "logs.PutResourcePolicy";
      const answer = await callAws(
        op,
        (abortSignal) =>
          clients.logs(region, "write").send(
            new PutResourcePolicyCommand({
              resourceArn: logGroupArn.replace(/:\*$/, ""),
              policyDocument,
              ...(expectedRevisionId === null ? {} : { expectedRevisionId }),
            }),
            { abortSignal },
          ),
        within(deadline),
      );
      const parsed = parseAwsAnswer(PutLogGroupPolicyAnswerSchema, answer, op);
      return {
        requestId: answer.$metadata.requestId ?? null,
        revisionId: parsed.revisionId ?? parsed.resourcePolicy?.revisionId ?? null,
      };
    },

    async putResourcePolicy(region, policyName, policyDocument, deadline) {
      const answer = await callAws(
        "logs.PutResourcePolicy",
        (abortSignal) =>
          clients
            .logs(region, "write")
            .send(new PutResourcePolicyCommand({ policyName, policyDocument }), { abortSignal }),
        within(deadline),
      );
      return { requestId: answer.$metadata.requestId ?? null };
    },
  };
}
