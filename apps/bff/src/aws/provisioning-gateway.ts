/**
 * The AWS calls that create (and clean up) destinations: log groups, resource policies, buckets,
 * IAM roles, Firehose streams. Only this file touches the SDK for them; every answer is validated
 * and every error leaves as AwsCallError. Writes never retry by themselves (clients.ts): the step
 * runner re-reads instead, which is what makes a rerun safe.
 */
import {
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DeleteResourcePolicyCommand,
  DeleteRetentionPolicyCommand,
  DescribeLogGroupsCommand,
  DescribeResourcePoliciesCommand,
  PutResourcePolicyCommand,
  PutRetentionPolicyCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  CreateDeliveryStreamCommand,
  type CreateDeliveryStreamCommandInput,
  DeleteDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  ListTagsForDeliveryStreamCommand,
  TagDeliveryStreamCommand,
} from "@aws-sdk/client-firehose";
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketPolicyCommand,
  GetBucketPolicyCommand,
  HeadBucketCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutPublicAccessBlockCommand,
} from "@aws-sdk/client-s3";
import type { LogGroupPolicy, ObservedStreamDestination, ResourcePolicy } from "@clc/domain";
import { z } from "zod";
import type { AwsClients } from "./clients.ts";
import { AwsCallError, callAws, parseAwsAnswer, toAwsCallError } from "./errors.ts";

export type Tags = Record<string, string>;

export interface LogGroupFacts {
  name: string;
  arn: string;
  kmsKeyId: string | null;
  retentionInDays: number | null;
}

export type BucketLookup =
  | { state: "missing" }
  /** Reachable with our credentials; `region` from HeadBucket's x-amz-bucket-region. */
  | { state: "exists"; region: string | null }
  /** Exists, but another account owns it (403). */
  | { state: "taken" };

export interface RoleFacts {
  arn: string;
  assumeRolePolicyDocument: string;
}

export interface StreamFacts {
  arn: string;
  status: string;
  type: string;
  /** Where it delivers (the endpoint URL may carry a secret: mask it before showing it). */
  destination: ObservedStreamDestination;
}

export interface ProvisioningGateway {
  findLogGroup(region: string, name: string): Promise<LogGroupFacts | null>;
  createLogGroup(region: string, name: string, tags: Tags): Promise<"created" | "exists">;
  setRetention(region: string, name: string, days: number | null): Promise<void>;
  deleteLogGroup(region: string, name: string): Promise<"deleted" | "missing">;
  listResourcePolicies(region: string): Promise<ResourcePolicy[]>;
  putResourcePolicy(region: string, policy: ResourcePolicy): Promise<void>;
  deleteResourcePolicy(region: string, name: string): Promise<"deleted" | "missing">;
  /** The policy attached to a log group (null: none); a missing log group is ResourceNotFoundException. */
  getLogGroupPolicy(region: string, logGroupArn: string): Promise<LogGroupPolicy | null>;
  /** Creates (`expectedRevisionId` null) or replaces a log group's policy; AWS checks the revision. */
  putLogGroupPolicy(
    region: string,
    logGroupArn: string,
    policyDocument: string,
    expectedRevisionId: string | null,
  ): Promise<void>;
  deleteLogGroupPolicy(
    region: string,
    logGroupArn: string,
    expectedRevisionId: string,
  ): Promise<"deleted" | "missing">;

  headBucket(region: string, name: string): Promise<BucketLookup>;
  createBucket(region: string, name: string): Promise<"created" | "exists">;
  tagBucket(region: string, name: string, tags: Tags): Promise<void>;
  blockPublicAccess(region: string, name: string): Promise<void>;
  expireObjects(region: string, name: string, days: number): Promise<void>;
  getBucketPolicy(region: string, name: string): Promise<string | null>;
  putBucketPolicy(region: string, name: string, policy: string): Promise<void>;
  deleteBucketPolicy(region: string, name: string): Promise<void>;
  deleteBucket(region: string, name: string): Promise<"deleted" | "missing">;

  getRole(name: string): Promise<RoleFacts | null>;
  createRole(
    name: string,
    trustPolicy: string,
    description: string,
    tags: Tags,
  ): Promise<RoleFacts | "exists">;
  putRolePolicy(roleName: string, policyName: string, document: string): Promise<void>;
  deleteRolePolicy(roleName: string, policyName: string): Promise<"deleted" | "missing">;
  deleteRole(name: string): Promise<"deleted" | "missing">;

  describeStream(region: string, name: string): Promise<StreamFacts | null>;
  streamTags(region: string, name: string): Promise<Tags>;
  createStream(region: string, input: CreateDeliveryStreamCommandInput): Promise<{ arn: string } | "exists">;
  tagStream(region: string, name: string, tags: Tags): Promise<void>;
  deleteStream(region: string, name: string): Promise<"deleted" | "missing">;
}

const tagList = (tags: Tags) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

function isCode(error: unknown, ...codes: string[]): boolean {
  return error instanceof AwsCallError && codes.includes(error.code);
}

const LogGroupsAnswer = z.object({
  logGroups: z
    .array(
      z.object({
        logGroupName: z.string(),
        logGroupArn: z.string().nullish(),
        arn: z.string().nullish(),
        kmsKeyId: z.string().nullish(),
        retentionInDays: z.number().nullish(),
      }),
    )
    .nullish(),
  nextToken: z.string().nullish(),
});
const ResourcePoliciesAnswer = z.object({
  resourcePolicies: z
    .array(z.object({ policyName: z.string().nullish(), policyDocument: z.string().nullish() }))
    .nullish(),
  nextToken: z.string().nullish(),
});
const LogGroupPolicyAnswer = z.object({
  resourcePolicies: z
    .array(
      z.object({
        policyDocument: z.string().nullish(),
        resourceArn: z.string().nullish(),
        revisionId: z.string().nullish(),
      }),
    )
    .nullish(),
});
const HeadBucketAnswer = z.object({ BucketRegion: z.string().nullish() });
const BucketPolicyAnswer = z.object({ Policy: z.string().nullish() });
const RoleAnswer = z.object({
  Role: z.object({ Arn: z.string(), AssumeRolePolicyDocument: z.string().nullish() }),
});
const StreamDestinationAnswer = z.looseObject({
  ExtendedS3DestinationDescription: z
    .looseObject({ BucketARN: z.string().nullish(), RoleARN: z.string().nullish() })
    .nullish(),
  S3DestinationDescription: z
    .looseObject({ BucketARN: z.string().nullish(), RoleARN: z.string().nullish() })
    .nullish(),
  HttpEndpointDestinationDescription: z
    .looseObject({
      EndpointConfiguration: z.looseObject({ Url: z.string().nullish() }).nullish(),
      RoleARN: z.string().nullish(),
      S3DestinationDescription: z.looseObject({ BucketARN: z.string().nullish() }).nullish(),
    })
    .nullish(),
});
const StreamAnswer = z.object({
  DeliveryStreamDescription: z.object({
    DeliveryStreamARN: z.string(),
    DeliveryStreamStatus: z.string(),
    DeliveryStreamType: z.string().nullish(),
    Destinations: z.array(StreamDestinationAnswer).nullish(),
  }),
});

/** Where a stream delivers, from its first destination (log delivery streams have one). */
function streamDestination(
  destinations: z.infer<typeof StreamDestinationAnswer>[] | null | undefined,
): ObservedStreamDestination {
  const first = destinations?.[0];
  if (!first) return { kind: "other", what: "no destination" };
  const http = first.HttpEndpointDestinationDescription;
  if (http) {
    return {
      kind: "http",
      url: http.EndpointConfiguration?.Url ?? null,
      roleArn: http.RoleARN ?? null,
      backupBucketArn: http.S3DestinationDescription?.BucketARN ?? null,
    };
  }
  const s3 = first.ExtendedS3DestinationDescription ?? first.S3DestinationDescription;
  if (s3) return { kind: "s3", bucketArn: s3.BucketARN ?? null, roleArn: s3.RoleARN ?? null };
  const other = Object.keys(first).find((k) => k.endsWith("DestinationDescription"));
  return {
    kind: "other",
    what: other ? other.replace(/DestinationDescription$/, "") : "another destination",
  };
}
const StreamTagsAnswer = z.object({
  Tags: z.array(z.object({ Key: z.string(), Value: z.string().nullish() })).nullish(),
  HasMoreTags: z.boolean().nullish(),
});
const CreateStreamAnswer = z.object({ DeliveryStreamARN: z.string() });

/** The region S3 names in a 301 answer's x-amz-bucket-region header, when the SDK kept the response. */
function redirectRegion(error: unknown): string | null {
  const response = (error as { $response?: { headers?: Record<string, string | undefined> } } | null)
    ?.$response;
  const region = response?.headers?.["x-amz-bucket-region"];
  return typeof region === "string" && /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region) ? region : null;
}

/** IAM answers the trust policy URL-encoded. */
function decodePolicy(text: string | null | undefined): string {
  if (!text) return "";
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function createProvisioningGateway(clients: AwsClients): ProvisioningGateway {
  const logs = (region: string, purpose: "read" | "write" = "write") => clients.logs(region, purpose);
  const s3 = (region: string, purpose: "read" | "write" = "write") => clients.s3(region, purpose);
  const firehose = (region: string, purpose: "read" | "write" = "write") => clients.firehose(region, purpose);

  return {
    async findLogGroup(region, name) {
      let nextToken: string | undefined;
      do {
        const op = "logs.DescribeLogGroups";
        const answer = parseAwsAnswer(
          LogGroupsAnswer,
          await callAws(op, () =>
            logs(region, "read").send(
              new DescribeLogGroupsCommand({ logGroupNamePrefix: name, limit: 50, nextToken }),
            ),
          ),
          op,
        );
        const match = answer.logGroups?.find((g) => g.logGroupName === name);
        if (match) {
          const arn = match.logGroupArn ?? (match.arn ?? "").replace(/:\*$/, "");
          return {
            name,
            arn,
            kmsKeyId: match.kmsKeyId ?? null,
            retentionInDays: match.retentionInDays ?? null,
          };
        }
        nextToken = answer.nextToken ?? undefined;
      } while (nextToken);
      return null;
    },
    async createLogGroup(region, name, tags) {
      try {
        await callAws("logs.CreateLogGroup", () =>
          logs(region).send(new CreateLogGroupCommand({ logGroupName: name, tags })),
        );
        return "created";
      } catch (error) {
        if (isCode(error, "ResourceAlreadyExistsException")) return "exists";
        throw error;
      }
    },
    async setRetention(region, name, days) {
      if (days === null) {
        await callAws("logs.DeleteRetentionPolicy", () =>
          logs(region).send(new DeleteRetentionPolicyCommand({ logGroupName: name })),
        );
        return;
      }
      await callAws("logs.PutRetentionPolicy", () =>
        logs(region).send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: days })),
      );
    },
    async deleteLogGroup(region, name) {
      try {
        await callAws("logs.DeleteLogGroup", () =>
          logs(region).send(new DeleteLogGroupCommand({ logGroupName: name })),
        );
        return "deleted";
      } catch (error) {
        if (isCode(error, "ResourceNotFoundException")) return "missing";
        throw error;
      }
    },
    async listResourcePolicies(region) {
      const policies: ResourcePolicy[] = [];
      let nextToken: string | undefined;
      do {
        const op = "logs.DescribeResourcePolicies";
        const answer = parseAwsAnswer(
          ResourcePoliciesAnswer,
          await callAws(op, () =>
            logs(region, "read").send(
              new DescribeResourcePoliciesCommand({ limit: 50, nextToken, policyScope: "ACCOUNT" }),
            ),
          ),
          op,
        );
        for (const p of answer.resourcePolicies ?? []) {
          if (p.policyName)
            policies.push({ policyName: p.policyName, policyDocument: p.policyDocument ?? "" });
        }
        nextToken = answer.nextToken ?? undefined;
      } while (nextToken);
      return policies;
    },
    async putResourcePolicy(region, policy) {
      await callAws("logs.PutResourcePolicy", () =>
        logs(region).send(
          new PutResourcePolicyCommand({
            policyName: policy.policyName,
            policyDocument: policy.policyDocument,
          }),
        ),
      );
    },
    async getLogGroupPolicy(region, logGroupArn) {
      const op = "logs.DescribeResourcePolicies";
      const resourceArn = logGroupArn.replace(/:\*$/, "");
      const answer = parseAwsAnswer(
        LogGroupPolicyAnswer,
        await callAws(op, () =>
          logs(region, "read").send(
            new DescribeResourcePoliciesCommand({ resourceArn, policyScope: "RESOURCE" }),
          ),
        ),
        op,
      );
      const policy = answer.resourcePolicies?.[0];
      if (!policy) return null;
      return {
        resourceArn: policy.resourceArn ?? resourceArn,
        policyDocument: policy.policyDocument ?? "",
        revisionId: policy.revisionId ?? null,
      };
    },
    async putLogGroupPolicy(region, logGroupArn, policyDocument, expectedRevisionId) {
      await callAws("logs.PutResourcePolicy", () =>
        logs(region).send(
          new PutResourcePolicyCommand({
            resourceArn: logGroupArn.replace(/:\*$/, ""),
            policyDocument,
            ...(expectedRevisionId === null ? {} : { expectedRevisionId }),
          }),
        ),
      );
    },
    async deleteLogGroupPolicy(region, logGroupArn, expectedRevisionId) {
      try {
        await callAws("logs.DeleteResourcePolicy", () =>
          logs(region).send(
            new DeleteResourcePolicyCommand({
              resourceArn: logGroupArn.replace(/:\*$/, ""),
              expectedRevisionId,
            }),
          ),
        );
        return "deleted";
      } catch (error) {
        if (isCode(error, "ResourceNotFoundException")) return "missing";
        throw error;
      }
    },
    async deleteResourcePolicy(region, name) {
      try {
        await callAws("logs.DeleteResourcePolicy", () =>
          logs(region).send(new DeleteResourcePolicyCommand({ policyName: name })),
        );
        return "deleted";
      } catch (error) {
        if (isCode(error, "ResourceNotFoundException")) return "missing";
        throw error;
      }
    },

    async headBucket(region, name) {
      const op = "s3.HeadBucket";
      let answer: unknown;
      try {
        answer = await s3(region, "read").send(new HeadBucketCommand({ Bucket: name }));
      } catch (raw) {
        const error = toAwsCallError(raw, op);
        if (error.status === 404 || error.code === "NotFound" || error.code === "NoSuchBucket") {
          return { state: "missing" };
        }
        if (error.status === 403) return { state: "taken" };
        // 301: the bucket lives in another region, which S3 names in x-amz-bucket-region.
        if (error.status === 301) return { state: "exists", region: redirectRegion(raw) ?? "another region" };
        throw error;
      }
      return { state: "exists", region: parseAwsAnswer(HeadBucketAnswer, answer, op).BucketRegion ?? null };
    },
    async createBucket(region, name) {
      try {
        await callAws("s3.CreateBucket", () =>
          s3(region).send(
            new CreateBucketCommand({
              Bucket: name,
              // us-east-1 takes no location constraint (naming it is an error); every other region needs it.
              ...(region === "us-east-1"
                ? {}
                : { CreateBucketConfiguration: { LocationConstraint: region as never } }),
            }),
          ),
        );
        return "created";
      } catch (error) {
        if (isCode(error, "BucketAlreadyOwnedByYou")) return "exists";
        throw error;
      }
    },
    async tagBucket(region, name, tags) {
      await callAws("s3.PutBucketTagging", () =>
        s3(region).send(new PutBucketTaggingCommand({ Bucket: name, Tagging: { TagSet: tagList(tags) } })),
      );
    },
    async blockPublicAccess(region, name) {
      await callAws("s3.PutPublicAccessBlock", () =>
        s3(region).send(
          new PutPublicAccessBlockCommand({
            Bucket: name,
            PublicAccessBlockConfiguration: {
              BlockPublicAcls: true,
              IgnorePublicAcls: true,
              BlockPublicPolicy: true,
              RestrictPublicBuckets: true,
            },
          }),
        ),
      );
    },
    async expireObjects(region, name, days) {
      await callAws("s3.PutBucketLifecycleConfiguration", () =>
        s3(region).send(
          new PutBucketLifecycleConfigurationCommand({
            Bucket: name,
            LifecycleConfiguration: {
              Rules: [
                {
                  ID: "cognito-log-console-expiry",
                  Status: "Enabled",
                  Filter: { Prefix: "" },
                  Expiration: { Days: days },
                },
              ],
            },
          }),
        ),
      );
    },
    async getBucketPolicy(region, name) {
      try {
        const op = "s3.GetBucketPolicy";
        const answer = parseAwsAnswer(
          BucketPolicyAnswer,
          await callAws(op, () => s3(region, "read").send(new GetBucketPolicyCommand({ Bucket: name }))),
          op,
        );
        return answer.Policy ?? null;
      } catch (error) {
        if (isCode(error, "NoSuchBucketPolicy")) return null;
        throw error;
      }
    },
    async putBucketPolicy(region, name, policy) {
      await callAws("s3.PutBucketPolicy", () =>
        s3(region).send(new PutBucketPolicyCommand({ Bucket: name, Policy: policy })),
      );
    },
    async deleteBucketPolicy(region, name) {
      await callAws("s3.DeleteBucketPolicy", () =>
        s3(region).send(new DeleteBucketPolicyCommand({ Bucket: name })),
      );
    },
    async deleteBucket(region, name) {
      try {
        await callAws("s3.DeleteBucket", () => s3(region).send(new DeleteBucketCommand({ Bucket: name })));
        return "deleted";
      } catch (error) {
        if (isCode(error, "NoSuchBucket")) return "missing";
        throw error;
      }
    },

    async getRole(name) {
      try {
        const op = "iam.GetRole";
        const answer = parseAwsAnswer(
          RoleAnswer,
          await callAws(op, () => clients.iam("read").send(new GetRoleCommand({ RoleName: name }))),
          op,
        );
        return {
          arn: answer.Role.Arn,
          assumeRolePolicyDocument: decodePolicy(answer.Role.AssumeRolePolicyDocument),
        };
      } catch (error) {
        if (isCode(error, "NoSuchEntity", "NoSuchEntityException")) return null;
        throw error;
      }
    },
    async createRole(name, trustPolicy, description, tags) {
      try {
        const op = "iam.CreateRole";
        const answer = parseAwsAnswer(
          RoleAnswer,
          await callAws(op, () =>
            clients.iam("write").send(
              new CreateRoleCommand({
                RoleName: name,
                AssumeRolePolicyDocument: trustPolicy,
                Description: description,
                Tags: tagList(tags),
              }),
            ),
          ),
          op,
        );
        return { arn: answer.Role.Arn, assumeRolePolicyDocument: trustPolicy };
      } catch (error) {
        if (isCode(error, "EntityAlreadyExists", "EntityAlreadyExistsException")) return "exists";
        throw error;
      }
    },
    async putRolePolicy(roleName, policyName, document) {
      await callAws("iam.PutRolePolicy", () =>
        clients.iam("write").send(
          new PutRolePolicyCommand({
            RoleName: roleName,
            PolicyName: policyName,
            PolicyDocument: document,
          }),
        ),
      );
    },
    async deleteRolePolicy(roleName, policyName) {
      try {
        await callAws("iam.DeleteRolePolicy", () =>
          clients
            .iam("write")
            .send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: policyName })),
        );
        return "deleted";
      } catch (error) {
        if (isCode(error, "NoSuchEntity", "NoSuchEntityException")) return "missing";
        throw error;
      }
    },
    async deleteRole(name) {
      try {
        await callAws("iam.DeleteRole", () =>
          clients.iam("write").send(new DeleteRoleCommand({ RoleName: name })),
        );
        return "deleted";
      } catch (error) {
        if (isCode(error, "NoSuchEntity", "NoSuchEntityException")) return "missing";
        throw error;
      }
    },

    async describeStream(region, name) {
      try {
        const op = "firehose.DescribeDeliveryStream";
        const answer = parseAwsAnswer(
          StreamAnswer,
          await callAws(op, () =>
            firehose(region, "read").send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name })),
          ),
          op,
        );
        const d = answer.DeliveryStreamDescription;
        return {
          arn: d.DeliveryStreamARN,
          status: d.DeliveryStreamStatus,
          type: d.DeliveryStreamType ?? "DirectPut",
          destination: streamDestination(d.Destinations),
        };
      } catch (error) {
        if (isCode(error, "ResourceNotFoundException")) return null;
        throw error;
      }
    },
    async streamTags(region, name) {
      const tags: Tags = {};
      let start: string | undefined;
      for (;;) {
        const op = "firehose.ListTagsForDeliveryStream";
        const answer = parseAwsAnswer(
          StreamTagsAnswer,
          await callAws(op, () =>
            firehose(region, "read").send(
              new ListTagsForDeliveryStreamCommand({
                DeliveryStreamName: name,
                ExclusiveStartTagKey: start,
                Limit: 50,
              }),
            ),
          ),
          op,
        );
        const page = answer.Tags ?? [];
        for (const tag of page) tags[tag.Key] = tag.Value ?? "";
        const last = page.at(-1)?.Key;
        if (!answer.HasMoreTags || !last) return tags;
        start = last;
      }
    },
    async createStream(region, input) {
      try {
        const op = "firehose.CreateDeliveryStream";
        const answer = parseAwsAnswer(
          CreateStreamAnswer,
          await callAws(op, () => firehose(region).send(new CreateDeliveryStreamCommand(input))),
          op,
        );
        return { arn: answer.DeliveryStreamARN };
      } catch (error) {
        if (isCode(error, "ResourceInUseException")) return "exists";
        throw error;
      }
    },
    async tagStream(region, name, tags) {
      await callAws("firehose.TagDeliveryStream", () =>
        firehose(region).send(
          new TagDeliveryStreamCommand({ DeliveryStreamName: name, Tags: tagList(tags) }),
        ),
      );
    },
    async deleteStream(region, name) {
      try {
        await callAws("firehose.DeleteDeliveryStream", () =>
          firehose(region).send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: name })),
        );
        return "deleted";
      } catch (error) {
        if (isCode(error, "ResourceNotFoundException")) return "missing";
        throw error;
      }
    },
  };
}
