/**
 * The organization seeds (issue 14): `demo` adds a demo organization around the demo's pools, and
 * `org:ACCOUNTSxPOOLS` a management account plus ACCOUNTS member accounts for benchmarks. Every
 * account the console can reach holds the role `CognitoLogConsoleRole`, trusting the management
 * account (`arn:aws:iam::<management>:root`), with a condition on `sts:ExternalId` only when the seed
 * is given an external ID (`--external-id`). Made through the services' own operations where AWS has
 * one (CreateOrganization, CreateOrganizationalUnit, CreateRole, PutRolePolicy, CreateUserPool…);
 * accounts join through the setup path (AWS's CreateAccount is asynchronous and picks the id).
 */
import { seededRandom } from "../core/ids.ts";
import type { CallContext } from "../core/types.ts";
import type { AccountService } from "../services/account/index.ts";
import type { IamService } from "../services/iam/index.ts";
import type { OrganizationsService } from "../services/organizations/index.ts";
import { DEMO_REGIONS, seedContext } from "./context.ts";
import {
  activityToFirehose,
  activityToLogs,
  activityToS3,
  allowDelivery,
  createPool,
  deliveryBucket,
  notifications,
  type PoolPlan,
  type SeedServices,
  vendedGroup,
} from "./demo.ts";
import { createDeliveryStream, createLogGroup } from "./destinations.ts";
import { createFleetPool, fleetDestinations } from "./fleet.ts";

export type OrgSeedServices = SeedServices & {
  iam: IamService;
  organizations: OrganizationsService;
  account: AccountService;
};

/** The role the console assumes in every account. */
export const CONSOLE_ROLE_NAME = "CognitoLogConsoleRole";
/** Its inline policy's name. */
export const CONSOLE_POLICY_NAME = "CognitoLogConsoleAccess";

/**
 * What the console calls in a member account, as IAM actions: every SDK command apps/bff sends
 * (reads, log-delivery changes, the destinations it creates and takes back) plus the log-delivery
 * permissions AWS requires of SetLogDeliveryConfiguration's caller (rules doc §3), and the account's
 * enabled regions.
 */
export const CONSOLE_ACTIONS = [
  "cognito-idp:ListUserPools",
  "cognito-idp:DescribeUserPool",
  "cognito-idp:GetLogDeliveryConfiguration",
  "cognito-idp:SetLogDeliveryConfiguration",
  "cognito-idp:UpdateUserPool",
  "logs:DescribeLogGroups",
  "logs:DescribeResourcePolicies",
  "logs:PutResourcePolicy",
  "logs:DeleteResourcePolicy",
  "logs:CreateLogGroup",
  "logs:DeleteLogGroup",
  "logs:PutRetentionPolicy",
  "logs:DeleteRetentionPolicy",
  "logs:CreateLogDelivery",
  "logs:GetLogDelivery",
  "logs:UpdateLogDelivery",
  "logs:DeleteLogDelivery",
  "logs:ListLogDeliveries",
  "sqs:GetQueueUrl",
  "sqs:GetQueueAttributes",
  "sqs:ListQueueTags",
  "sqs:ReceiveMessage",
  "sqs:DeleteMessage",
  "sqs:CreateQueue",
  "sqs:TagQueue",
  "sqs:SetQueueAttributes",
  "events:DescribeRule",
  "events:ListTargetsByRule",
  "events:ListTagsForResource",
  "events:PutRule",
  "events:TagResource",
  "events:PutTargets",
  "cloudtrail:DescribeTrails",
  "cloudtrail:GetTrailStatus",
  "cloudtrail:GetEventSelectors",
  "firehose:ListDeliveryStreams",
  "firehose:DescribeDeliveryStream",
  "firehose:ListTagsForDeliveryStream",
  "firehose:CreateDeliveryStream",
  "firehose:DeleteDeliveryStream",
  "firehose:TagDeliveryStream",
  "s3:ListAllMyBuckets",
  "s3:ListBucket",
  "s3:GetBucketPolicy",
  "s3:PutBucketPolicy",
  "s3:DeleteBucketPolicy",
  "s3:GetEncryptionConfiguration",
  "s3:CreateBucket",
  "s3:DeleteBucket",
  "s3:PutBucketPublicAccessBlock",
  "s3:PutBucketTagging",
  "s3:PutLifecycleConfiguration",
  "iam:GetRole",
  "iam:CreateRole",
  "iam:PutRolePolicy",
  "iam:DeleteRole",
  "iam:DeleteRolePolicy",
  "iam:PassRole",
  "iam:CreateServiceLinkedRole",
  "sts:GetCallerIdentity",
  // Delivery verification (issue 15): metrics, log streams and events, delivered objects.
  "cloudwatch:ListMetrics",
  "cloudwatch:GetMetricData",
  "logs:DescribeLogStreams",
  "logs:FilterLogEvents",
  "s3:GetObject",
  // The enabled regions of the account (issue 14), read from inside it.
  "account:ListRegions",
  "account:GetRegionOptStatus",
  // Their fallback when account:ListRegions is refused (issue 14).
  "ec2:DescribeRegions",
] as const;

/** The management account's pools live in these regions, the members' in these and eu-south-1 (opt-in). */
export const DEMO_OPT_IN_REGION = "eu-south-1";

/** The demo organization: member accounts, their OU and what is wrong with each (README, "Seeds"). */
export const DEMO_MEMBERS = {
  payments: { id: "111111111111", name: "acme-payments", ou: "Production" },
  identity: { id: "222222222222", name: "acme-identity", ou: "Production" },
  playground: { id: "333333333333", name: "acme-playground", ou: "Sandbox" },
  dataLake: { id: "444444444444", name: "acme-data-lake", ou: undefined },
  marketing: { id: "555555555555", name: "acme-old-marketing", ou: "Sandbox" },
} as const;

export interface OrgSeedOptions {
  /** Roles' trust policies require this `sts:ExternalId` when set. */
  externalId?: string;
  now?: number;
}

function trustPolicy(managementAccountId: string, externalId: string | undefined): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${managementAccountId}:root` },
        Action: "sts:AssumeRole",
        ...(externalId ? { Condition: { StringEquals: { "sts:ExternalId": externalId } } } : {}),
      },
    ],
  });
}

/** `CognitoLogConsoleRole` in `accountId`, allowed `actions` (default: all the console needs). */
export function createConsoleRole(
  services: OrgSeedServices,
  accountId: string,
  managementAccountId: string,
  options: { externalId?: string; actions?: readonly string[] } = {},
): void {
  const ctx = seedContext("us-east-1", accountId);
  services.iam.operations.CreateRole?.(
    {
      RoleName: CONSOLE_ROLE_NAME,
      AssumeRolePolicyDocument: trustPolicy(managementAccountId, options.externalId),
      Description: "Cognito Log Console: reads and log-delivery changes",
    },
    ctx,
  );
  services.iam.operations.PutRolePolicy?.(
    {
      RoleName: CONSOLE_ROLE_NAME,
      PolicyName: CONSOLE_POLICY_NAME,
      PolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: [...(options.actions ?? CONSOLE_ACTIONS)],
            Resource: "*",
          },
        ],
      }),
    },
    ctx,
  );
}

function createOrganization(services: OrgSeedServices, managementAccountId: string, name: string): string {
  const ctx = seedContext("us-east-1", managementAccountId);
  services.organizations.operations.CreateOrganization?.({ FeatureSet: "ALL" }, ctx);
  services.organizations.renameAccount(managementAccountId, name);
  const rootId = services.organizations.organization()?.rootId;
  if (!rootId) throw new Error("seed: CreateOrganization made no root");
  return rootId;
}

function createOu(
  services: OrgSeedServices,
  managementAccountId: string,
  parentId: string,
  name: string,
): string {
  const answer = services.organizations.operations.CreateOrganizationalUnit?.(
    { ParentId: parentId, Name: name },
    seedContext("us-east-1", managementAccountId),
  ) as { OrganizationalUnit: { Id: string } };
  return answer.OrganizationalUnit.Id;
}

/**
 * Seeds an organization. `"demo"`: around the demo seed's pools (call after `seedDemo`); returns its
 * regions. `{ accounts, pools }`: `org:ACCOUNTSxPOOLS`, member accounts `200000000001`… alternating
 * between OUs Production and Development, POOLS fleet-shaped pools in each of us-east-1 and eu-west-1.
 */
export function seedOrganization(
  services: OrgSeedServices,
  managementAccountId: string,
  plan: "demo" | { accounts: number; pools: number },
  options: OrgSeedOptions = {},
): string[] {
  const now = options.now ?? Date.now();
  if (plan === "demo") return seedDemoOrganization(services, managementAccountId, options, now);
  const rootId = createOrganization(services, managementAccountId, "management");
  const ous = [
    createOu(services, managementAccountId, rootId, "Production"),
    createOu(services, managementAccountId, rootId, "Development"),
  ];
  createConsoleRole(services, managementAccountId, managementAccountId, options);
  const regions = [...DEMO_REGIONS];
  for (let i = 0; i < plan.accounts; i++) {
    const accountId = String(200_000_000_001 + i);
    if (accountId === managementAccountId) continue;
    services.organizations.addAccount({
      id: accountId,
      name: `member-${String(i + 1).padStart(3, "0")}`,
      parentId: ous[i % ous.length],
      joinedMs: now,
    });
    createConsoleRole(services, accountId, managementAccountId, options);
    const random = seededRandom(i + 7);
    for (const region of regions) {
      const dest = fleetDestinations(services, seedContext(region, accountId));
      for (let p = 0; p < plan.pools; p++)
        createFleetPool(
          services,
          { region, accountId },
          p,
          random,
          dest,
          now,
          `m${String(i + 1).padStart(3, "0")}`,
        );
    }
  }
  return regions;
}

const DAY = 86_400_000;

function seedDemoOrganization(
  services: OrgSeedServices,
  managementAccountId: string,
  options: OrgSeedOptions,
  now: number,
): string[] {
  const rootId = createOrganization(services, managementAccountId, "acme-management");
  const production = createOu(services, managementAccountId, rootId, "Production");
  const sandbox = createOu(services, managementAccountId, rootId, "Sandbox");
  const ouIds: Record<string, string> = { Production: production, Sandbox: sandbox };
  const { payments, identity, playground, dataLake, marketing } = DEMO_MEMBERS;
  for (const member of [payments, identity, playground, dataLake, marketing]) {
    if (member.id === managementAccountId)
      throw new Error(`seed demo: --account must not be ${member.id}, a member's id`);
    services.organizations.addAccount({
      id: member.id,
      name: member.name,
      ...(member.ou ? { parentId: ouIds[member.ou] } : {}),
      ...(member === marketing ? { status: "SUSPENDED" as const } : {}),
      joinedMs: now - 400 * DAY,
    });
  }
  const role = { ...(options.externalId ? { externalId: options.externalId } : {}) };
  createConsoleRole(services, managementAccountId, managementAccountId, role);
  createConsoleRole(services, payments.id, managementAccountId, role);
  createConsoleRole(services, playground.id, managementAccountId, role);
  // acme-identity's role lacks firehose:ListDeliveryStreams, a permission the console needs.
  createConsoleRole(services, identity.id, managementAccountId, {
    ...role,
    actions: CONSOLE_ACTIONS.filter((a) => a !== "firehose:ListDeliveryStreams"),
  });
  // acme-data-lake has no CognitoLogConsoleRole (never deployed there): AssumeRole is denied.
  // acme-old-marketing is SUSPENDED (ListAccounts still lists it) and has no role either.

  // eu-south-1 is enabled everywhere but in acme-playground.
  for (const id of [managementAccountId, payments.id, identity.id, dataLake.id])
    services.account.setRegionStatus(id, DEMO_OPT_IN_REGION, "ENABLED");

  let age = 150;
  const clock = () => now - age-- * DAY;
  const at = (region: string, accountId: string) => seedContext(region, accountId, clock);
  const allow = (ctx: CallContext, ...arns: (string | undefined)[]) =>
    allowDelivery(
      services,
      ctx,
      arns.filter((a): a is string => a !== undefined),
    );
  const plant = (ctx: CallContext, plans: PoolPlan[], d: Record<string, string | undefined>) => {
    for (const plan of plans) createPool(services, ctx, plan, d);
  };

  {
    const ctx = at("us-east-1", payments.id);
    const d = {
      notifications: vendedGroup(services, ctx, "payments/notifications", 30),
      stream: createDeliveryStream(services, ctx, "payments-cognito-activity", { tagged: true }),
    };
    allow(ctx, d.notifications);
    plant(
      ctx,
      [
        {
          name: "payments-checkout",
          tier: "PLUS",
          mode: "ENFORCED",
          deletionProtection: true,
          logs: (x) => [notifications(x.notifications), activityToFirehose(x.stream)],
        },
        {
          name: "payments-merchant-portal",
          tier: "ESSENTIALS",
          logs: (x) => [notifications(x.notifications)],
        },
        { name: "payments-ledger-admin", tier: "LITE" },
      ],
      d,
    );
  }
  {
    const ctx = at("eu-west-1", payments.id);
    const d = { bucket: deliveryBucket(services, ctx, `acme-payments-eu-activity-${payments.id}`) };
    plant(
      ctx,
      [
        // Quiet (no demo traffic): its user activity is configured and idle.
        {
          name: "payments-eu-checkout",
          tier: "PLUS",
          mode: "AUDIT",
          quiet: true,
          logs: (x) => [activityToS3(x.bucket)],
        },
        { name: "payments-eu-staging", tier: "ESSENTIALS" },
      ],
      d,
    );
  }
  {
    const ctx = at("us-east-1", identity.id);
    const d = {
      notifications: vendedGroup(services, ctx, "identity/notifications", 90),
      activity: vendedGroup(services, ctx, "identity/activity", 90),
      untagged: createDeliveryStream(services, ctx, "identity-siem", { tagged: false }),
    };
    allow(ctx, d.notifications, d.activity);
    plant(
      ctx,
      [
        {
          name: "identity-workforce",
          tier: "PLUS",
          mode: "ENFORCED",
          logs: (x) => [notifications(x.notifications), activityToLogs(x.activity)],
        },
        { name: "identity-customer-sso", tier: "ESSENTIALS", logs: (x) => [notifications(x.notifications)] },
        {
          name: "identity-partners",
          tier: "PLUS",
          mode: "OFF",
          logs: (x) => [activityToFirehose(x.untagged)],
        },
      ],
      d,
    );
  }
  {
    const ctx = at(DEMO_OPT_IN_REGION, identity.id);
    const d = { notifications: vendedGroup(services, ctx, "identity-eu-south/notifications", 30) };
    allow(ctx, d.notifications);
    plant(
      ctx,
      [
        {
          name: "identity-eu-south-residents",
          tier: "ESSENTIALS",
          logs: (x) => [notifications(x.notifications)],
        },
        { name: "identity-eu-south-kiosk", tier: "LITE" },
      ],
      d,
    );
  }
  {
    const ctx = at("us-east-1", playground.id);
    // Imperfect: outside /aws/vendedlogs/ and without a delivery policy.
    const d = { plain: createLogGroup(services, ctx, "/playground/cognito") };
    plant(
      ctx,
      [
        { name: "playground-hackathon", tier: "ESSENTIALS" },
        { name: "playground-load-test", tier: "LITE" },
        { name: "playground-new-login", tier: "PLUS", mode: "AUDIT", logs: (x) => [notifications(x.plain)] },
      ],
      d,
    );
  }
  plant(at("eu-west-1", playground.id), [{ name: "playground-eu-demo", tier: "ESSENTIALS" }], {});
  plant(
    at("us-east-1", dataLake.id),
    [
      { name: "data-lake-analysts", tier: "ESSENTIALS" },
      { name: "data-lake-etl", tier: "LITE" },
    ],
    {},
  );
  return [...DEMO_REGIONS, DEMO_OPT_IN_REGION];
}
