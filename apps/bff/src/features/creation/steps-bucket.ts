/** The steps of an S3 bucket (a destination, or a Firehose stream's target or backup). */
import type { CreationInput, StepId } from "@clc/domain";
import type { BucketPolicyStore } from "../../lib/delivery-policies.ts";
import {
  asStepFailure,
  createdEarlier,
  recorded,
  reused,
  type StepContext,
  StepFailure,
  type StepFn,
} from "./step-kit.ts";

export function bucketOf(
  input: CreationInput,
): { name: string; create: boolean; expirationDays: number | null } | null {
  if (input.kind === "s3")
    return { name: input.bucket.name, create: true, expirationDays: input.bucket.expirationDays };
  if (input.kind === "firehose") {
    const choice = input.target.type === "s3" ? input.target.bucket : input.target.backupBucket;
    return choice.mode === "create"
      ? { name: choice.name, create: true, expirationDays: choice.expirationDays }
      : { name: choice.name, create: false, expirationDays: null };
  }
  return null;
}

export function requireBucket(ctx: StepContext) {
  const bucket = bucketOf(ctx.input);
  if (!bucket) throw new StepFailure("PlanMismatch", "This step needs a bucket, but the request names none.");
  return bucket;
}

async function checkBucketPlace(ctx: StepContext, name: string): Promise<"missing" | "exists"> {
  const lookup = await ctx.aws.s3.headBucket(ctx.region, name, ctx.deadline);
  if (lookup.state === "taken") {
    throw new StepFailure(
      "BucketNameTaken",
      `The bucket name ${name} is taken by another AWS account (bucket names are global).`,
      "Choose another bucket name and run again.",
    );
  }
  if (lookup.state === "exists" && lookup.region !== null && lookup.region !== ctx.region) {
    throw new StepFailure(
      "BucketInOtherRegion",
      `The bucket ${name} exists in ${lookup.region}, but log delivery needs it in the pool's region ${ctx.region}.`,
      "Choose another bucket name, or a bucket in the pool's region.",
    );
  }
  return lookup.state;
}

export const bucketSteps = {
  async "check-bucket"(ctx) {
    const bucket = requireBucket(ctx);
    const state = await checkBucketPlace(ctx, bucket.name);
    if (state === "missing") {
      throw new StepFailure(
        "NoSuchBucket",
        `The bucket ${bucket.name} does not exist.`,
        "Choose an existing bucket, or let the console create one.",
      );
    }
    return {
      status: "skipped",
      message: `Bucket ${bucket.name} exists in ${ctx.region}; it will be used as it is.`,
    };
  },

  async "create-bucket"(ctx) {
    const bucket = requireBucket(ctx);
    const state = await checkBucketPlace(ctx, bucket.name);
    if (state === "exists") return reused(ctx, "bucket", bucket.name, `Bucket ${bucket.name}`);
    const result = await ctx.aws.s3.createBucket(ctx.region, bucket.name, ctx.deadline);
    if (result === "exists") return reused(ctx, "bucket", bucket.name, `Bucket ${bucket.name}`);
    ctx.ledger.push({ type: "bucket", stepId: "create-bucket", region: ctx.region, name: bucket.name });
    await ctx.aws.s3.putBucketTagging(ctx.region, bucket.name, ctx.tags, ctx.deadline);
    return { status: "done", message: `Created bucket ${bucket.name} in ${ctx.region}.` };
  },

  async "block-public-access"(ctx) {
    const bucket = requireBucket(ctx);
    if (!createdEarlier(ctx, "bucket", bucket.name)) {
      return {
        status: "skipped",
        message: "The bucket existed before; its public access settings were left as they are.",
      };
    }
    await ctx.aws.s3.blockPublicAccess(ctx.region, bucket.name, ctx.deadline);
    return { status: "done", message: "All public access is blocked." };
  },

  async "bucket-lifecycle"(ctx) {
    const bucket = requireBucket(ctx);
    if (bucket.expirationDays === null) return { status: "skipped", message: "Objects are kept." };
    if (!createdEarlier(ctx, "bucket", bucket.name)) {
      return {
        status: "skipped",
        message: "The bucket existed before; its lifecycle rules were left as they are.",
      };
    }
    await ctx.aws.s3.expireObjects(ctx.region, bucket.name, bucket.expirationDays, ctx.deadline);
    return { status: "done", message: `Objects expire after ${bucket.expirationDays} days.` };
  },

  async "bucket-policy"(ctx) {
    const bucket = requireBucket(ctx);
    const store: BucketPolicyStore = {
      bucketPolicy: () => ctx.aws.s3.getBucketPolicy(ctx.region, bucket.name, ctx.deadline),
      putBucketPolicy: async (document) =>
        (await ctx.aws.s3.putBucketPolicy(ctx.region, bucket.name, document, ctx.deadline)).requestId,
    };
    const written = await ctx.policies
      .ensureBucketDelivery(store, {
        accountId: ctx.accountId,
        region: ctx.region,
        bucket: `arn:${ctx.partition}:s3:::${bucket.name}`,
      })
      .catch((error: unknown) => {
        throw asStepFailure(error, "BucketPolicyUnusable");
      });
    if (!written.changed) {
      return ctx.ledger.some((r) => r.type === "bucketPolicy" && r.bucket === bucket.name)
        ? { status: "done", message: "Log delivery was allowed by an earlier attempt of this run." }
        : { status: "skipped", message: written.message };
    }
    return recorded(
      ctx,
      {
        type: "bucketPolicy",
        stepId: "bucket-policy",
        region: ctx.region,
        bucket: bucket.name,
        addition: written.addition,
      },
      written.message,
    );
  },
} satisfies Partial<Record<StepId, StepFn>>;
