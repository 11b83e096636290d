/**
 * `--seed demo`: two regions of a plausible company, some pools configured and some not, and
 * destinations both good and deliberately imperfect, so the console has true things to warn about:
 * a KMS-encrypted log group, a log group outside /aws/vendedlogs/ without a delivery policy, a
 * Firehose stream without the LogDeliveryEnabled tag, a bucket without a delivery policy, a PLUS
 * pool streaming user activity while threat protection is OFF, and a LITE pool from before feature
 * plans that still runs threat protection (a state only the setup path can make).
 */
import type { CallContext, SandboxServices } from "../core/types.ts";
import type { CognitoService, LogConfiguration, SecurityMode, Tier } from "../services/cognito/index.ts";
import {
  DEMO_REGIONS,
  DEMO_TRAFFIC_TAG,
  deliveryBucketPolicy,
  deliveryLogPolicy,
  seedContext,
} from "./context.ts";
import { createBucket, createDeliveryStream, createLogGroup, putLogResourcePolicy } from "./destinations.ts";

export type SeedServices = { cognito: CognitoService } & Partial<
  Pick<SandboxServices, "logs" | "firehose" | "s3">
>;

export interface PoolPlan {
  name: string;
  tier: Tier;
  mode?: SecurityMode;
  deletionProtection?: boolean;
  /** A LITE pool that kept its threat protection from before feature plans (setup path only). */
  legacyMode?: "AUDIT" | "ENFORCED";
  /** No sign-ins: the demo trickle leaves the pool alone, so its configured delivery is idle. */
  quiet?: boolean;
  logs?: (d: Record<string, string | undefined>) => (LogConfiguration | undefined)[];
}

const DAY = 86_400_000;

export function createPool(
  services: SeedServices,
  ctx: CallContext,
  plan: PoolPlan,
  destinations: Record<string, string | undefined>,
): void {
  const created = services.cognito.operations.CreateUserPool?.(
    {
      PoolName: plan.name,
      UserPoolTier: plan.tier,
      ...(plan.mode ? { UserPoolAddOns: { AdvancedSecurityMode: plan.mode } } : {}),
      ...(plan.deletionProtection ? { DeletionProtection: "ACTIVE" } : {}),
      UserPoolTags: {
        team: plan.name.split("-")[1] ?? "platform",
        "managed-by": "sandbox-demo",
        ...(plan.quiet ? { [DEMO_TRAFFIC_TAG]: "none" } : {}),
      },
    },
    ctx,
  ) as { UserPool: { Id: string } };
  if (plan.legacyMode) services.cognito.holdLegacyThreatProtection(created.UserPool.Id, plan.legacyMode);
  const entries = (plan.logs?.(destinations) ?? []).filter((e): e is LogConfiguration => e !== undefined);
  if (entries.length > 0) {
    services.cognito.operations.SetLogDeliveryConfiguration?.(
      { UserPoolId: created.UserPool.Id, LogConfigurations: entries },
      ctx,
    );
  }
}

export const notifications = (arn: string | undefined): LogConfiguration | undefined =>
  arn
    ? {
        LogLevel: "ERROR",
        EventSource: "userNotification",
        CloudWatchLogsConfiguration: { LogGroupArn: arn },
      }
    : undefined;
export const activityToLogs = (arn: string | undefined): LogConfiguration | undefined =>
  arn
    ? { LogLevel: "INFO", EventSource: "userAuthEvents", CloudWatchLogsConfiguration: { LogGroupArn: arn } }
    : undefined;
export const activityToFirehose = (arn: string | undefined): LogConfiguration | undefined =>
  arn
    ? { LogLevel: "INFO", EventSource: "userAuthEvents", FirehoseConfiguration: { StreamArn: arn } }
    : undefined;
export const activityToS3 = (arn: string | undefined): LogConfiguration | undefined =>
  arn ? { LogLevel: "INFO", EventSource: "userAuthEvents", S3Configuration: { BucketArn: arn } } : undefined;

/** A log group where Cognito's vended logs go: `/aws/vendedlogs/cognito/<path>`. */
export const vendedGroup = (
  services: SeedServices,
  ctx: CallContext,
  path: string,
  retentionInDays: number,
) => createLogGroup(services, ctx, `/aws/vendedlogs/cognito/${path}`, { retentionInDays });

/** A bucket whose policy lets log delivery write into it. */
export const deliveryBucket = (services: SeedServices, ctx: CallContext, name: string) =>
  createBucket(services, ctx, name, deliveryBucketPolicy(ctx.accountId, ctx.region, name));

/** The account-level resource policy that lets log delivery write into these log groups (none: no policy). */
export function allowDelivery(services: SeedServices, ctx: CallContext, logGroupArns: string[]): void {
  if (logGroupArns.length === 0) return;
  putLogResourcePolicy(
    services,
    ctx,
    "AWSLogDeliveryWrite20150319",
    deliveryLogPolicy(ctx.accountId, ctx.region, logGroupArns),
  );
}

export function seedDemo(services: SeedServices, accountId: string, now = Date.now()): string[] {
  // Pools created over the past months, so dates in the console look lived-in.
  let age = 200;
  const clock = () => now - age-- * DAY;

  {
    const ctx = seedContext("us-east-1", accountId, clock);
    const good = {
      prodNotifications: vendedGroup(services, ctx, "acme-prod-customers/notifications", 30),
      stagingNotifications: vendedGroup(services, ctx, "acme-staging/notifications", 7),
      mobileActivity: vendedGroup(services, ctx, "acme-mobile-app/activity", 90),
      // Imperfect: KMS-encrypted, which log delivery cannot write to.
      kmsGroup: createLogGroup(services, ctx, "/acme/security/cognito-notifications", {
        kmsKeyId: `arn:aws:kms:us-east-1:${accountId}:key/1f2e3d4c-5b6a-4789-9abc-def012345678`,
      }),
      // Good Firehose stream: DirectPut, tagged, forwarding to an observability service.
      observeStream: createDeliveryStream(services, ctx, "cognito-activity-to-openobserve", {
        tagged: true,
        httpEndpoint: "https://api.openobserve.example/aws/default/cognito/_kinesis_firehose",
      }),
      // Imperfect: missing the LogDeliveryEnabled tag.
      untaggedStream: createDeliveryStream(services, ctx, "security-events-firehose", { tagged: false }),
      goodBucket: deliveryBucket(services, ctx, `acme-cognito-activity-${accountId}`),
      // Imperfect: no delivery policy.
      bareBucket: createBucket(services, ctx, `acme-audit-archive-${accountId}`),
    };
    const vended = [good.prodNotifications, good.stagingNotifications, good.mobileActivity].filter(
      (a): a is string => a !== undefined,
    );
    allowDelivery(services, ctx, vended);

    const plans: PoolPlan[] = [
      {
        name: "acme-prod-customers",
        tier: "PLUS",
        mode: "ENFORCED",
        deletionProtection: true,
        logs: (d) => [notifications(d.prodNotifications), activityToFirehose(d.observeStream)],
      },
      { name: "acme-prod-partners", tier: "PLUS", mode: "AUDIT", logs: (d) => [activityToS3(d.goodBucket)] },
      { name: "acme-staging", tier: "ESSENTIALS", logs: (d) => [notifications(d.stagingNotifications)] },
      { name: "acme-mobile-app", tier: "PLUS", mode: "OFF", logs: (d) => [activityToLogs(d.mobileActivity)] },
      { name: "acme-security-sandbox", tier: "ESSENTIALS", logs: (d) => [notifications(d.kmsGroup)] },
      { name: "acme-internal-tools", tier: "LITE", legacyMode: "AUDIT" },
      { name: "acme-legacy-portal", tier: "ESSENTIALS" },
    ];
    for (const plan of plans) createPool(services, ctx, plan, good);
  }

  {
    const ctx = seedContext("eu-west-1", accountId, clock);
    const d = {
      euNotifications: vendedGroup(services, ctx, "acme-eu-customers/notifications", 30),
      // Imperfect: outside /aws/vendedlogs/ and not covered by a delivery policy.
      euPlainGroup: createLogGroup(services, ctx, "/acme/eu/cognito-notifications"),
      euStream: createDeliveryStream(services, ctx, "eu-cognito-activity", { tagged: true }),
      euUntagged: createDeliveryStream(services, ctx, "eu-siem-ingest", { tagged: false }),
      euBucket: deliveryBucket(services, ctx, `acme-eu-cognito-activity-${accountId}`),
    };
    allowDelivery(
      services,
      ctx,
      [d.euNotifications].filter((a): a is string => a !== undefined),
    );
    const plans: PoolPlan[] = [
      {
        name: "acme-eu-customers",
        tier: "PLUS",
        mode: "ENFORCED",
        logs: (x) => [notifications(x.euNotifications), activityToFirehose(x.euStream)],
      },
      {
        name: "acme-eu-partners",
        tier: "PLUS",
        mode: "AUDIT",
        logs: (x) => [activityToFirehose(x.euUntagged)],
      },
      { name: "acme-eu-staging", tier: "ESSENTIALS", logs: (x) => [notifications(x.euPlainGroup)] },
      { name: "acme-eu-b2b", tier: "PLUS", mode: "OFF" },
      { name: "acme-eu-lite", tier: "LITE" },
    ];
    for (const plan of plans) createPool(services, ctx, plan, d);
  }
  return [...DEMO_REGIONS];
}
