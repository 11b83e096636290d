import {
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutBucketPolicyCommand,
} from "@aws-sdk/client-s3";
import { z } from "zod";
import type { AwsClients } from "./clients.ts";
import type { Deadline } from "./deadline.ts";
import { AwsCallError, callAws, parseAwsAnswer } from "./errors.ts";

const ListBucketsAnswerSchema = z.object({
  Buckets: z
    .array(
      z.object({ Name: z.string(), BucketRegion: z.string().nullish(), CreationDate: z.date().nullish() }),
    )
    .nullish()
    .transform((v) => v ?? []),
  ContinuationToken: z.string().nullish(),
});

const PolicyAnswerSchema = z.object({ Policy: z.string().nullish() });
const EncryptionAnswerSchema = z.object({
  ServerSideEncryptionConfiguration: z
    .object({
      Rules: z
        .array(
          z.object({
            ApplyServerSideEncryptionByDefault: z
              .object({ SSEAlgorithm: z.string().nullish(), KMSMasterKeyID: z.string().nullish() })
              .nullish(),
            BucketKeyEnabled: z.boolean().nullish(),
          }),
        )
        .nullish(),
    })
    .nullish(),
});

/** A bucket's default encryption, every member GetBucketEncryption answers (first rule: S3 has one). */
export interface BucketEncryption {
  /** `AES256`, `aws:kms` or `aws:kms:dsse`. */
  algorithm: string;
  /** `KMSMasterKeyID` as set (key id, key ARN, alias or alias ARN); null: none named (`aws/s3`). */
  kmsKeyId: string | null;
  bucketKeyEnabled: boolean | null;
}

export interface BucketRecord {
  name: string;
  region: string | null;
}

export interface S3Gateway {
  listBuckets(
    region: string,
    query: { continuationToken?: string; prefix?: string; limit: number },
    deadline?: Deadline,
  ): Promise<{ buckets: BucketRecord[]; continuationToken: string | null }>;
  /** The bucket's region, or null when it does not exist (or is not ours to see). */
  bucketRegion(region: string, bucket: string, deadline?: Deadline): Promise<string | null>;
  /** The policy text, or null when the bucket has none. */
  getBucketPolicy(region: string, bucket: string, deadline?: Deadline): Promise<string | null>;
  /** The default encryption with its key, or null when the bucket has none configured. */
  getBucketEncryption(region: string, bucket: string, deadline?: Deadline): Promise<BucketEncryption | null>;
  putBucketPolicy(
    region: string,
    bucket: string,
    policy: string,
    deadline?: Deadline,
  ): Promise<{ requestId: string | null }>;
}

/** Each call takes the user request's deadline; without one it gets the background budget of its own. */
export function createS3Gateway(clients: AwsClients): S3Gateway {
  const within = (deadline: Deadline | undefined) => deadline ?? clients.backgroundCallBudgetMs;
  return {
    async listBuckets(region, query, deadline) {
      const op = "s3.ListBuckets";
      const answer = await callAws(
        op,
        (abortSignal) =>
          clients.s3(region, "read").send(
            new ListBucketsCommand({
              MaxBuckets: query.limit,
              BucketRegion: region,
              ...(query.prefix ? { Prefix: query.prefix } : {}),
              ...(query.continuationToken ? { ContinuationToken: query.continuationToken } : {}),
            }),
            { abortSignal },
          ),
        within(deadline),
      );
      const page = parseAwsAnswer(ListBucketsAnswerSchema, answer, op);
      return {
        buckets: page.Buckets.map((b) => ({ name: b.Name, region: b.BucketRegion ?? null })),
        continuationToken: page.ContinuationToken ?? null,
      };
    },

    async bucketRegion(region, bucket, deadline) {
      try {
        const answer = await callAws(
          "s3.HeadBucket",
          (abortSignal) =>
            clients.s3(region, "read").send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal }),
          within(deadline),
        );
        return answer.BucketRegion ?? region;
      } catch (error) {
        if (error instanceof AwsCallError && (error.status === 404 || error.status === 403)) return null;
        throw error;
      }
    },

    async getBucketPolicy(region, bucket, deadline) {
      const op = "s3.GetBucketPolicy";
      try {
        const answer = await callAws(
          op,
          (abortSignal) =>
            clients.s3(region, "read").send(new GetBucketPolicyCommand({ Bucket: bucket }), { abortSignal }),
          within(deadline),
        );
        return parseAwsAnswer(PolicyAnswerSchema, answer, op).Policy ?? null;
      } catch (error) {
        if (error instanceof AwsCallError && error.code === "NoSuchBucketPolicy") return null;
        throw error;
      }
    },

    async getBucketEncryption(region, bucket, deadline) {
      const op = "s3.GetBucketEncryption";
      try {
        const answer = await callAws(
          op,
          (abortSignal) =>
            clients
              .s3(region, "read")
              .send(new GetBucketEncryptionCommand({ Bucket: bucket }), { abortSignal }),
          within(deadline),
        );
        const rules =
          parseAwsAnswer(EncryptionAnswerSchema, answer, op).ServerSideEncryptionConfiguration?.Rules ?? [];
        const rule = rules[0];
        const algorithm = rule?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm;
        if (!rule || !algorithm) return null;
        return {
          algorithm,
          kmsKeyId: rule.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID || null,
          bucketKeyEnabled: rule.BucketKeyEnabled ?? null,
        };
      } catch (error) {
        if (error instanceof AwsCallError && error.code === "ServerSideEncryptionConfigurationNotFoundError")
          return null;
        throw error;
      }
    },

    async putBucketPolicy(region, bucket, policy, deadline) {
      const answer = await callAws(
        "s3.PutBucketPolicy",
        (abortSignal) =>
          clients
            .s3(region, "write")
            .send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy }), { abortSignal }),
        within(deadline),
      );
      return { requestId: answer.$metadata.requestId ?? null };
    },
  };
}
