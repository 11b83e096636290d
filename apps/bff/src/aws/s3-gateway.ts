/**
 * Amazon S3: buckets and their policy, encryption and region, and the buckets destination creation
 * makes (tagged, public access blocked, objects expiring) and cleans up. Writes are sent once
 * (clients.ts); creation's "already exists" and cleanup's "already gone" are outcomes, not errors.
 */
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketPolicyCommand,
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutPublicAccessBlockCommand,
} from "@aws-sdk/client-s3";
import { z } from "zod";
import { listOf, orOnCode, outcomeOf, regionalCalls, type SdkClient, tagList } from "./call.ts";
import type { AwsClients } from "./clients.ts";
import type { Deadline } from "./deadline.ts";
import { AwsCallError } from "./errors.ts";

const ListBucketsAnswerSchema = z.object({
  Buckets: listOf(
    z.object({ Name: z.string(), BucketRegion: z.string().nullish(), CreationDate: z.date().nullish() }),
  ),
  ContinuationToken: z.string().nullish(),
});
const HeadBucketAnswerSchema = z.object({ BucketRegion: z.string().nullish() });

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

export type BucketLookup =
  | { state: "missing" }
  /**
   * Reachable with our credentials; `region` from HeadBucket's x-amz-bucket-region (null: S3 did not
   * say), or "another region" when S3 redirected (301) without naming it.
   */
  | { state: "exists"; region: string | null }
  /** Exists, but another account owns it (403). */
  | { state: "taken" };

/**
 * Every call takes the user request's deadline; without one (background work, such as a creation
 * run's steps) each call gets the clients' background budget of its own.
 */
export interface S3Gateway {
  /** HeadBucket from `region`: whether the name is free, ours (and where), or another account's. */
  headBucket(region: string, bucket: string, deadline?: Deadline): Promise<BucketLookup>;
  /**
   * The bucket's region, or null when it does not exist (or is not ours to see). A 301 without the
   * region named is thrown (AwsCallError, status 301).
   */
  bucketRegion(region: string, bucket: string, deadline?: Deadline): Promise<string | null>;
  /** One page of the account's buckets in `region` (ListBuckets with BucketRegion). */
  listBuckets(
    region: string,
    query: { continuationToken?: string; prefix?: string; limit: number },
    deadline?: Deadline,
  ): Promise<{ buckets: BucketRecord[]; continuationToken: string | null }>;
  /** CreateBucket in `region`; "exists": BucketAlreadyOwnedByYou. */
  createBucket(region: string, bucket: string, deadline?: Deadline): Promise<"created" | "exists">;
  putBucketTagging(
    region: string,
    bucket: string,
    tags: Record<string, string>,
    deadline?: Deadline,
  ): Promise<void>;
  /** PutPublicAccessBlock with all four settings on. */
  blockPublicAccess(region: string, bucket: string, deadline?: Deadline): Promise<void>;
  /** One lifecycle rule: every object expires after `days`. */
  expireObjects(region: string, bucket: string, days: number, deadline?: Deadline): Promise<void>;
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
  deleteBucketPolicy(region: string, bucket: string, deadline?: Deadline): Promise<void>;
  /** DeleteBucket; "missing": NoSuchBucket. A bucket holding objects is AWS's BucketNotEmpty. */
  deleteBucket(region: string, bucket: string, deadline?: Deadline): Promise<"deleted" | "missing">;
}

/** The region S3 names in a 301 answer's x-amz-bucket-region header, when the SDK kept the response. */
function redirectRegion(error: unknown): string | null {
  const response = (error as { $response?: { headers?: Record<string, string | undefined> } } | null)
    ?.$response;
  const region = response?.headers?.["x-amz-bucket-region"];
  return typeof region === "string" && /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region) ? region : null;
}

export function createS3Gateway(clients: AwsClients): S3Gateway {
  const { send, read, write } = regionalCalls(clients.backgroundCallBudgetMs, (region, purpose) =>
    clients.s3(region, purpose),
  );

  /** HeadBucket; a 301 also answers the region S3 named (the SDK error is mapped before we see it). */
  async function head(region: string, bucket: string, deadline: Deadline | undefined) {
    let redirectedTo: string | null = null;
    const client = read(region);
    const noting: SdkClient = {
      send: (command, options) =>
        client.send(command as HeadBucketCommand, options).catch((raw: unknown) => {
          redirectedTo = redirectRegion(raw);
          throw raw;
        }),
    };
    try {
      const { answer } = await send(
        "s3.HeadBucket",
        noting,
        new HeadBucketCommand({ Bucket: bucket }),
        deadline,
        HeadBucketAnswerSchema,
      );
      return { status: 200, region: answer.BucketRegion ?? null };
    } catch (error) {
      if (!(error instanceof AwsCallError)) throw error;
      if (error.status === 404 || error.code === "NotFound" || error.code === "NoSuchBucket")
        return { status: 404, region: null };
      if (error.status === 403) return { status: 403, region: null };
      // 301: the bucket lives in another region, which S3 names in x-amz-bucket-region.
      if (error.status === 301 && redirectedTo !== null) return { status: 301, region: redirectedTo };
      if (error.status === 301) return { status: 301, region: null, error };
      throw error;
    }
  }

  return {
    async listBuckets(region, query, deadline) {
      const command = new ListBucketsCommand({
        MaxBuckets: query.limit,
        BucketRegion: region,
        ...(query.prefix ? { Prefix: query.prefix } : {}),
        ...(query.continuationToken ? { ContinuationToken: query.continuationToken } : {}),
      });
      const listed = await send("s3.ListBuckets", read(region), command, deadline, ListBucketsAnswerSchema);
      const buckets = listed.answer.Buckets.map((b) => ({ name: b.Name, region: b.BucketRegion ?? null }));
      return { buckets, continuationToken: listed.answer.ContinuationToken ?? null };
    },

    async headBucket(region, bucket, deadline) {
      const found = await head(region, bucket, deadline);
      if (found.status === 404) return { state: "missing" };
      if (found.status === 403) return { state: "taken" };
      return { state: "exists", region: found.region ?? (found.status === 301 ? "another region" : null) };
    },

    async bucketRegion(region, bucket, deadline) {
      const found = await head(region, bucket, deadline);
      if ("error" in found) throw found.error;
      if (found.status === 404 || found.status === 403) return null;
      return found.region ?? region;
    },

    createBucket(region, bucket, deadline) {
      const command = new CreateBucketCommand({
        Bucket: bucket,
        // us-east-1 takes no location constraint (naming it is an error); every other region needs it.
        ...(region === "us-east-1"
          ? {}
          : { CreateBucketConfiguration: { LocationConstraint: region as never } }),
      });
      return outcomeOf(
        send("s3.CreateBucket", write(region), command, deadline),
        "created",
        ["BucketAlreadyOwnedByYou"],
        "exists",
      );
    },

    async putBucketTagging(region, bucket, tags, deadline) {
      const command = new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: tagList(tags) } });
      await send("s3.PutBucketTagging", write(region), command, deadline);
    },

    async blockPublicAccess(region, bucket, deadline) {
      const command = new PutPublicAccessBlockCommand({
        Bucket: bucket,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      });
      await send("s3.PutPublicAccessBlock", write(region), command, deadline);
    },

    async expireObjects(region, bucket, days, deadline) {
      const command = new PutBucketLifecycleConfigurationCommand({
        Bucket: bucket,
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
      });
      await send("s3.PutBucketLifecycleConfiguration", write(region), command, deadline);
    },

    getBucketPolicy(region, bucket, deadline) {
      const command = new GetBucketPolicyCommand({ Bucket: bucket });
      const sent = send("s3.GetBucketPolicy", read(region), command, deadline, PolicyAnswerSchema);
      return orOnCode(
        sent.then(({ answer }) => answer.Policy ?? null),
        ["NoSuchBucketPolicy"],
        null,
      );
    },

    async getBucketEncryption(region, bucket, deadline) {
      const command = new GetBucketEncryptionCommand({ Bucket: bucket });
      const sent = send("s3.GetBucketEncryption", read(region), command, deadline, EncryptionAnswerSchema);
      const answer = await orOnCode(
        sent.then((s) => s.answer),
        ["ServerSideEncryptionConfigurationNotFoundError"],
        null,
      );
      const rule = answer?.ServerSideEncryptionConfiguration?.Rules?.[0];
      const algorithm = rule?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm;
      if (!rule || !algorithm) return null;
      return {
        algorithm,
        kmsKeyId: rule.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID || null,
        bucketKeyEnabled: rule.BucketKeyEnabled ?? null,
      };
    },

    async putBucketPolicy(region, bucket, policy, deadline) {
      const command = new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy });
      const { requestId } = await send("s3.PutBucketPolicy", write(region), command, deadline);
      return { requestId };
    },

    async deleteBucketPolicy(region, bucket, deadline) {
      await send(
        "s3.DeleteBucketPolicy",
        write(region),
        new DeleteBucketPolicyCommand({ Bucket: bucket }),
        deadline,
      );
    },

    deleteBucket(region, bucket, deadline) {
      const sent = send(
        "s3.DeleteBucket",
        write(region),
        new DeleteBucketCommand({ Bucket: bucket }),
        deadline,
      );
      return outcomeOf(sent, "deleted", ["NoSuchBucket"], "missing");
    },
  };
}
