/**
 * cognito-idp (awsJson1_1, `AWSCognitoIdentityProviderService.<Op>`): the user pool operations the
 * console touches, with the service model's constraints and the log-delivery validation order of
 * shared/docs/aws-log-delivery.md §2. Messages marked "ours" are not AWS's measured text.
 */
import { epochSeconds, randomAlnum } from "../../core/ids.ts";
import type { DestinationLookup } from "../../core/lookups.ts";
import { bool, doc, int, list, map, parseInput, required, str, struct } from "../../core/shapes.ts";
import { AwsError, type CallContext, type JsonService, type StatefulService } from "../../core/types.ts";

export type Tier = "LITE" | "ESSENTIALS" | "PLUS";
export type SecurityMode = "OFF" | "AUDIT" | "ENFORCED";
export const EVENT_SOURCES = ["userNotification", "userAuthEvents"] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

export interface LogConfiguration {
  LogLevel: "ERROR" | "INFO";
  EventSource: EventSource;
  CloudWatchLogsConfiguration?: { LogGroupArn?: string };
  S3Configuration?: { BucketArn?: string };
  FirehoseConfiguration?: { StreamArn?: string };
}

export interface PoolRecord {
  id: string;
  name: string;
  region: string;
  accountId: string;
  createdMs: number;
  modifiedMs: number;
  tier: Tier;
  /** Absent until a caller sets UserPoolAddOns (DescribeUserPool then omits it; clients treat it as OFF). */
  securityMode?: SecurityMode;
  /**
   * A pool from before feature plans that kept its threat protection on a LITE tier (AWS keeps what
   * such pools had; rules doc §1). Only the sandbox's setup path makes one (AWS's API cannot create
   * it today); UpdateUserPool lets it keep its mode until it is turned off or the tier changes.
   */
  legacyThreatProtection?: true;
  deletionProtection: "ACTIVE" | "INACTIVE";
  mfaConfiguration: "OFF" | "ON" | "OPTIONAL";
  lambdaConfig: Record<string, unknown>;
  tags: Record<string, string>;
  /** Other members given at creation/update that we store and echo but do not interpret. */
  extra: Record<string, unknown>;
  logConfigurations: LogConfiguration[];
}

// ---- Service-model shapes (botocore cognito-idp) ----------------------------------------------

const USER_POOL_ID = str({ min: 1, max: 55, pattern: "[\\w-]+_[0-9a-zA-Z]+" });
const ARN_PATTERN =
  "arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?";
const S3_ARN_PATTERN = "arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:::[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?";
const TIER = str({ enum: ["LITE", "ESSENTIALS", "PLUS"] });
const ADD_ONS = struct("UserPoolAddOnsType", {
  AdvancedSecurityMode: required(str({ enum: ["OFF", "AUDIT", "ENFORCED"] })),
  AdvancedSecurityAdditionalFlows: doc,
});
const TAGS = map(str({ min: 1, max: 128 }), str({ min: 0, max: 256 }), { max: 50 });
const ATTRIBUTE_LIST = (values: string[]) => list(str({ enum: values }));

// The members UpdateUserPool can set, in the model's order (botocore cognito-idp 2016-04-18, plus the
// members the AWS SDK v3 model added since: DcrConfiguration, KeyConfiguration, IssuerConfiguration,
// AcrConfiguration).
const POOL_SETTINGS = {
  Policies: doc,
  DeletionProtection: str({ enum: ["ACTIVE", "INACTIVE"] }),
  LambdaConfig: doc,
  AutoVerifiedAttributes: ATTRIBUTE_LIST(["phone_number", "email"]),
  SmsVerificationMessage: str({ min: 6, max: 140 }),
  EmailVerificationMessage: str({ min: 6, max: 20000 }),
  EmailVerificationSubject: str({ min: 1, max: 140 }),
  VerificationMessageTemplate: doc,
  SmsAuthenticationMessage: str({ min: 6, max: 140 }),
  MfaConfiguration: str({ enum: ["OFF", "ON", "OPTIONAL"] }),
  UserAttributeUpdateSettings: doc,
  DeviceConfiguration: doc,
  EmailConfiguration: doc,
  SmsConfiguration: doc,
  UserPoolTags: TAGS,
  AdminCreateUserConfig: doc,
  UserPoolAddOns: ADD_ONS,
  DcrConfiguration: doc,
  AccountRecoverySetting: doc,
  UserPoolTier: TIER,
  KeyConfiguration: doc,
  IssuerConfiguration: doc,
  AcrConfiguration: doc,
};
const POOL_NAME = str({ min: 1, max: 128, pattern: "[\\w\\s+=,.@-]+" });

// Member order follows the service model: AWS reports violations in that order.
const CreateUserPoolRequest = struct("CreateUserPoolRequest", {
  PoolName: required(POOL_NAME),
  ...POOL_SETTINGS,
  AliasAttributes: ATTRIBUTE_LIST(["phone_number", "email", "preferred_username"]),
  UsernameAttributes: ATTRIBUTE_LIST(["phone_number", "email"]),
  UsernameConfiguration: struct("UsernameConfigurationType", { CaseSensitive: required(bool) }),
  Schema: list(doc, { min: 1, max: 50 }),
});
const UpdateUserPoolRequest = struct("UpdateUserPoolRequest", {
  UserPoolId: required(USER_POOL_ID),
  ...POOL_SETTINGS,
  PoolName: POOL_NAME,
});
const UserPoolIdRequest = (name: string) => struct(name, { UserPoolId: required(USER_POOL_ID) });
const ListUserPoolsRequest = struct("ListUserPoolsRequest", {
  NextToken: str({ min: 1, max: 131072, pattern: "[\\S]+" }),
  MaxResults: required(int({ min: 1, max: 60 })),
});
const LogConfigurationType = struct("LogConfigurationType", {
  LogLevel: required(str({ enum: ["ERROR", "INFO"] })),
  EventSource: required(str({ enum: [...EVENT_SOURCES] })),
  CloudWatchLogsConfiguration: struct("CloudWatchLogsConfigurationType", {
    LogGroupArn: str({ min: 20, max: 2048, pattern: ARN_PATTERN }),
  }),
  S3Configuration: struct("S3ConfigurationType", {
    BucketArn: str({ min: 3, max: 1024, pattern: S3_ARN_PATTERN }),
  }),
  FirehoseConfiguration: struct("FirehoseConfigurationType", {
    StreamArn: str({ min: 20, max: 2048, pattern: ARN_PATTERN }),
  }),
});
const SetLogDeliveryConfigurationRequest = struct("SetLogDeliveryConfigurationRequest", {
  UserPoolId: required(USER_POOL_ID),
  LogConfigurations: required(list(LogConfigurationType, { max: 2 })),
});

// ---- Helpers ----------------------------------------------------------------------------------

const poolNotFound = (id: string) =>
  new AwsError("ResourceNotFoundException", `User pool ${id} does not exist.`);

function threatProtectionOn(mode: SecurityMode | undefined): boolean {
  return mode === "AUDIT" || mode === "ENFORCED";
}

/**
 * Threat protection needs PLUS (measured message for ESSENTIALS; LITE assumed alike), except on a
 * legacy LITE pool that already runs it (`legacy`): AWS kept those pools' threat protection, and
 * deployments that send a pool's settings back keep working (field reports: aws/aws-cdk#36023, whose
 * fix #36027 removed CDK's check because CloudFormation deploys such LITE pools with it).
 */
function assertTierAllows(tier: Tier, mode: SecurityMode | undefined, legacy = false): void {
  if (legacy && tier === "LITE") return;
  if (tier !== "PLUS" && threatProtectionOn(mode)) {
    throw new AwsError(
      "FeatureUnavailableInTierException",
      `The following features need to be disabled for the ${tier} pricing tier configured: Threat Protection`,
    );
  }
}

interface PageToken {
  region: string;
  after: string;
}

function encodeToken(token: PageToken): string {
  return Buffer.from(JSON.stringify(token)).toString("base64url");
}

function decodeToken(raw: string, region: string): PageToken {
  try {
    const parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Partial<PageToken>;
    if (typeof parsed.after === "string" && parsed.region === region) return { region, after: parsed.after };
  } catch {
    // fall through
  }
  // Ours: AWS rejects a foreign or corrupt token, wording not captured.
  throw new AwsError(
    "InvalidParameterException",
    "Invalid pagination token: use the NextToken of a previous ListUserPools answer.",
  );
}

function destinationsOf(c: LogConfiguration): { kind: "logs" | "s3" | "firehose"; arn: string }[] {
  const out: { kind: "logs" | "s3" | "firehose"; arn: string }[] = [];
  if (c.CloudWatchLogsConfiguration?.LogGroupArn !== undefined)
    out.push({ kind: "logs", arn: c.CloudWatchLogsConfiguration.LogGroupArn });
  if (c.S3Configuration?.BucketArn !== undefined) out.push({ kind: "s3", arn: c.S3Configuration.BucketArn });
  if (c.FirehoseConfiguration?.StreamArn !== undefined)
    out.push({ kind: "firehose", arn: c.FirehoseConfiguration.StreamArn });
  return out;
}

const unique = <T>(xs: T[]): T[] => [...new Set(xs)];
const REQUIRED_LEVEL: Record<EventSource, "ERROR" | "INFO"> = {
  userNotification: "ERROR",
  userAuthEvents: "INFO",
};

/** One destination's sentences (`ARN does not belong to invoking account.` …), empty when it is fine. */
function destinationProblems(
  dest: { kind: "logs" | "s3" | "firehose"; arn: string },
  ctx: CallContext,
  lookup: DestinationLookup,
): string[] {
  const problems: string[] = [];
  if (dest.kind === "s3") {
    const bucket = dest.arn.split(":::")[1]?.split("/")[0] ?? "";
    const region = lookup.bucketRegion(bucket, ctx);
    if (region === undefined)
      problems.push("Bucket does not exist"); // ours
    else if (region !== ctx.region) problems.push("ARN does not belong to current region"); // ours for S3
    return problems;
  }
  const [, , , region, account, ...rest] = dest.arn.split(":");
  const resource = rest.join(":");
  // Measured for log groups; applied alike to Firehose (ours).
  if (account !== ctx.accountId) problems.push("ARN does not belong to invoking account");
  if (region !== ctx.region) problems.push("ARN does not belong to current region");
  if (problems.length > 0) return problems;
  if (dest.kind === "logs") {
    if (!resource.startsWith("log-group:"))
      problems.push("ARN is not a log group ARN"); // ours
    else if (!lookup.logGroupExists(resource.slice("log-group:".length), ctx))
      problems.push("Log group does not exist"); // ours
  } else {
    if (!resource.startsWith("deliverystream/"))
      problems.push("ARN is not a Firehose stream ARN"); // ours
    else if (!lookup.deliveryStreamExists(resource.slice("deliverystream/".length), ctx))
      problems.push("Delivery stream does not exist"); // ours
  }
  return problems;
}

const DEST_LABEL = {
  logs: "CloudWatch log group",
  s3: "S3 bucket",
  firehose: "Firehose delivery stream",
} as const;

/** AWS does not keep request order (measured); we answer in a fixed order that differs from the usual request order. */
const storedOrder = (a: LogConfiguration, b: LogConfiguration) => a.EventSource.localeCompare(b.EventSource);

const passwordPolicyOf = (input: Record<string, unknown>) =>
  (input.Policies as { PasswordPolicy?: { TemporaryPasswordValidityDays?: unknown } } | undefined)
    ?.PasswordPolicy;
const unusedDaysOf = (input: Record<string, unknown>) =>
  (input.AdminCreateUserConfig as { UnusedAccountValidityDays?: unknown } | undefined)
    ?.UnusedAccountValidityDays;

/** How long a temporary password lasts: the password policy's, else the deprecated member's, else 7. */
function temporaryPasswordDays(stored: Record<string, unknown>): unknown {
  return passwordPolicyOf(stored)?.TemporaryPasswordValidityDays ?? unusedDaysOf(stored) ?? 7;
}

/**
 * AWS refuses the deprecated member beside its replacement, even with equal values (text from public
 * reports: Terraform's provider, Pulumi, aws-sdk-js #3817; it is what a caller gets who sends back
 * DescribeUserPool's answer unchanged).
 */
function assertOneValidityDays(input: Record<string, unknown>): void {
  if (
    passwordPolicyOf(input)?.TemporaryPasswordValidityDays !== undefined &&
    unusedDaysOf(input) !== undefined
  ) {
    throw new AwsError(
      "InvalidParameterException",
      "Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays",
    );
  }
}

/**
 * "When you supply both parameters [EmailMessage and EmailMessageByLink] with either choice, Amazon
 * Cognito returns an error" (VerificationMessageTemplate, API model). The text is AWS's answer to an
 * invalid template in public reports (aws-cli #8280, aws-cdk #6811).
 */
function assertOneEmailMessage(input: Record<string, unknown>): void {
  const template = input.VerificationMessageTemplate as Record<string, unknown> | undefined;
  if (template?.EmailMessage !== undefined && template.EmailMessageByLink !== undefined) {
    throw new AwsError("InvalidParameterException", "The message is invalid.");
  }
}

// ---- The service ------------------------------------------------------------------------------

export interface CognitoService extends JsonService, StatefulService {
  /** All pools, for seeds, diagnostics and the delivery simulator. */
  pools(): PoolRecord[];
  /**
   * Setup path (seeds, tests; no AWS operation does this): makes a LITE pool hold threat protection
   * as pools from before feature plans still do. Throws for a pool that does not exist or is not LITE.
   */
  holdLegacyThreatProtection(poolId: string, mode: "AUDIT" | "ENFORCED"): void;
}

export function createCognitoService(
  lookup: DestinationLookup,
  random: () => number = Math.random,
): CognitoService {
  const pools = new Map<string, PoolRecord>();

  function poolIn(id: string, ctx: CallContext): PoolRecord {
    const pool = pools.get(id);
    if (!pool || pool.region !== ctx.region || pool.accountId !== ctx.accountId) throw poolNotFound(id);
    return pool;
  }

  function describe(pool: PoolRecord) {
    return {
      Id: pool.id,
      Name: pool.name,
      Policies: pool.extra.Policies ?? {
        PasswordPolicy: {
          MinimumLength: 8,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: temporaryPasswordDays(pool.extra),
        },
        SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD"] },
      },
      DeletionProtection: pool.deletionProtection,
      LambdaConfig: pool.lambdaConfig,
      LastModifiedDate: epochSeconds(pool.modifiedMs),
      CreationDate: epochSeconds(pool.createdMs),
      SchemaAttributes: [
        {
          Name: "sub",
          AttributeDataType: "String",
          DeveloperOnlyAttribute: false,
          Mutable: false,
          Required: true,
          StringAttributeConstraints: { MinLength: "1", MaxLength: "2048" },
        },
        {
          Name: "email",
          AttributeDataType: "String",
          DeveloperOnlyAttribute: false,
          Mutable: true,
          Required: false,
          StringAttributeConstraints: { MinLength: "0", MaxLength: "2048" },
        },
      ],
      ...echo(pool, "AutoVerifiedAttributes", "AliasAttributes", "UsernameAttributes"),
      ...echo(pool, "SmsVerificationMessage", "EmailVerificationMessage", "EmailVerificationSubject"),
      VerificationMessageTemplate: pool.extra.VerificationMessageTemplate ?? {
        DefaultEmailOption: "CONFIRM_WITH_CODE",
      },
      ...echo(pool, "SmsAuthenticationMessage"),
      UserAttributeUpdateSettings: pool.extra.UserAttributeUpdateSettings ?? {
        AttributesRequireVerificationBeforeUpdate: [],
      },
      MfaConfiguration: pool.mfaConfiguration,
      ...echo(pool, "DeviceConfiguration"),
      EstimatedNumberOfUsers: 0,
      EmailConfiguration: pool.extra.EmailConfiguration ?? { EmailSendingAccount: "COGNITO_DEFAULT" },
      ...echo(pool, "SmsConfiguration"),
      UserPoolTags: pool.tags,
      // The deprecated UnusedAccountValidityDays mirrors the password policy's
      // TemporaryPasswordValidityDays in AWS's answers (default 7).
      AdminCreateUserConfig: {
        AllowAdminCreateUserOnly: false,
        ...(pool.extra.AdminCreateUserConfig as Record<string, unknown> | undefined),
        UnusedAccountValidityDays: temporaryPasswordDays(pool.extra),
      },
      ...(pool.securityMode
        ? {
            UserPoolAddOns: {
              ...(pool.extra.UserPoolAddOns as Record<string, unknown> | undefined),
              AdvancedSecurityMode: pool.securityMode,
            },
          }
        : {}),
      ...echo(pool, "DcrConfiguration", "UsernameConfiguration"),
      Arn: `arn:aws:cognito-idp:${pool.region}:${pool.accountId}:userpool/${pool.id}`,
      AccountRecoverySetting: pool.extra.AccountRecoverySetting ?? {
        RecoveryMechanisms: [
          { Priority: 1, Name: "verified_email" },
          { Priority: 2, Name: "verified_phone_number" },
        ],
      },
      UserPoolTier: pool.tier,
      ...echo(pool, "KeyConfiguration", "IssuerConfiguration", "AcrConfiguration"),
    };
  }

  /** The stored members among `keys`, as given (absent ones stay absent, as AWS omits them). */
  function echo(pool: PoolRecord, ...keys: string[]): Record<string, unknown> {
    return Object.fromEntries(keys.filter((k) => pool.extra[k] !== undefined).map((k) => [k, pool.extra[k]]));
  }

  /** Members UpdateUserPool sets (or resets, when omitted) that live in `extra`. */
  const UPDATABLE_EXTRA_KEYS = [
    "Policies",
    "AutoVerifiedAttributes",
    "SmsVerificationMessage",
    "EmailVerificationMessage",
    "EmailVerificationSubject",
    "VerificationMessageTemplate",
    "SmsAuthenticationMessage",
    "UserAttributeUpdateSettings",
    "DeviceConfiguration",
    "EmailConfiguration",
    "SmsConfiguration",
    "AdminCreateUserConfig",
    "UserPoolAddOns",
    "AccountRecoverySetting",
    "KeyConfiguration",
    "IssuerConfiguration",
    "AcrConfiguration",
  ];
  /** Set once by CreateUserPool: UpdateUserPool has no member for them, so it keeps them. */
  const CREATE_ONLY_KEYS = ["AliasAttributes", "UsernameAttributes", "UsernameConfiguration", "Schema"];
  /**
   * Documented as kept when UpdateUserPool omits it ("If you omit this parameter, Amazon Cognito keeps
   * the existing configuration", AWS SDK v3 model, UpdateUserPoolRequest.DcrConfiguration).
   */
  const KEPT_WHEN_OMITTED = ["DcrConfiguration"];
  const pick = (input: Record<string, unknown>, keys: readonly string[]) =>
    Object.fromEntries(keys.filter((k) => input[k] !== undefined).map((k) => [k, input[k]]));
  const EXTRA_KEYS = [...UPDATABLE_EXTRA_KEYS, ...CREATE_ONLY_KEYS, ...KEPT_WHEN_OMITTED];

  const operations: JsonService["operations"] = {
    CreateUserPool(raw, ctx) {
      const input = parseInput<Record<string, unknown> & { PoolName: string }>(CreateUserPoolRequest, raw);
      const tier = (input.UserPoolTier as Tier | undefined) ?? "ESSENTIALS";
      const securityMode = (input.UserPoolAddOns as { AdvancedSecurityMode?: SecurityMode } | undefined)
        ?.AdvancedSecurityMode;
      assertTierAllows(tier, securityMode);
      assertOneValidityDays(input);
      assertOneEmailMessage(input);
      let id: string;
      do id = `${ctx.region}_${randomAlnum(9, random)}`;
      while (pools.has(id));
      const now = ctx.now();
      const pool: PoolRecord = {
        id,
        name: input.PoolName,
        region: ctx.region,
        accountId: ctx.accountId,
        createdMs: now,
        modifiedMs: now,
        tier,
        ...(securityMode ? { securityMode } : {}),
        deletionProtection:
          (input.DeletionProtection as PoolRecord["deletionProtection"] | undefined) ?? "INACTIVE",
        mfaConfiguration: (input.MfaConfiguration as PoolRecord["mfaConfiguration"] | undefined) ?? "OFF",
        lambdaConfig: (input.LambdaConfig as Record<string, unknown> | undefined) ?? {},
        tags: (input.UserPoolTags as Record<string, string> | undefined) ?? {},
        extra: pick(input, EXTRA_KEYS),
        logConfigurations: [],
      };
      pools.set(id, pool);
      ctx.changed();
      return { UserPool: describe(pool) };
    },

    UpdateUserPool(raw, ctx) {
      const input = parseInput<Record<string, unknown> & { UserPoolId: string }>(UpdateUserPoolRequest, raw);
      const pool = poolIn(input.UserPoolId, ctx);
      const tier = (input.UserPoolTier as Tier | undefined) ?? pool.tier;
      // AWS resets settings the caller leaves out to their defaults (documented for UpdateUserPool);
      // the tier is kept, since dropping a paid tier silently would be worse than AWS.
      const securityMode = (input.UserPoolAddOns as { AdvancedSecurityMode?: SecurityMode } | undefined)
        ?.AdvancedSecurityMode;
      assertTierAllows(tier, securityMode, pool.legacyThreatProtection === true);
      // Once a legacy pool's threat protection is off (or the tier changes), it cannot come back.
      if (pool.legacyThreatProtection && (tier !== "LITE" || !threatProtectionOn(securityMode)))
        delete pool.legacyThreatProtection;
      assertOneValidityDays(input);
      assertOneEmailMessage(input);
      if (tier !== "PLUS" && pool.logConfigurations.some((c) => c.EventSource === "userAuthEvents")) {
        // Ours: AWS refuses leaving PLUS while user-activity logs are streamed; exact text not captured.
        throw new AwsError(
          "FeatureUnavailableInTierException",
          `The following features need to be disabled for the ${tier} pricing tier configured: Log Streaming`,
        );
      }
      // "With the exception of UserPoolTier, if you don't provide a value for an attribute, Amazon
      // Cognito sets it to its default value" (UpdateUserPool, botocore cognito-idp 2016-04-18 and the
      // AWS SDK v3 model): every member below is replaced by what was sent, or by the default a new
      // pool describes. moto 5 does the same (tags included). Kept: the tier, the name (a pool always
      // has one; PoolName is "the updated name"), what only CreateUserPool sets, and DcrConfiguration.
      pool.tier = tier;
      if (securityMode) pool.securityMode = securityMode;
      else if (pool.securityMode) pool.securityMode = "OFF";
      pool.deletionProtection =
        (input.DeletionProtection as PoolRecord["deletionProtection"] | undefined) ?? "INACTIVE";
      pool.mfaConfiguration = (input.MfaConfiguration as PoolRecord["mfaConfiguration"] | undefined) ?? "OFF";
      pool.lambdaConfig = (input.LambdaConfig as Record<string, unknown> | undefined) ?? {};
      pool.tags = (input.UserPoolTags as Record<string, string> | undefined) ?? {};
      if (typeof input.PoolName === "string") pool.name = input.PoolName;
      pool.extra = {
        ...pick(pool.extra, [...CREATE_ONLY_KEYS, ...KEPT_WHEN_OMITTED]),
        ...pick(input, [...UPDATABLE_EXTRA_KEYS, ...KEPT_WHEN_OMITTED]),
      };
      pool.modifiedMs = ctx.now();
      ctx.changed();
      return {};
    },

    DeleteUserPool(raw, ctx) {
      const input = parseInput<{ UserPoolId: string }>(UserPoolIdRequest("DeleteUserPoolRequest"), raw);
      const pool = poolIn(input.UserPoolId, ctx);
      if (pool.deletionProtection === "ACTIVE") {
        throw new AwsError(
          "InvalidParameterException",
          "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.",
        );
      }
      pools.delete(pool.id);
      ctx.changed();
      return {};
    },

    ListUserPools(raw, ctx) {
      const input = parseInput<{ MaxResults: number; NextToken?: string }>(ListUserPoolsRequest, raw);
      const after =
        input.NextToken === undefined ? undefined : decodeToken(input.NextToken, ctx.region).after;
      // Sorted by id so a cursor stays valid while pools are created or deleted between pages.
      const inRegion = [...pools.values()]
        .filter(
          (p) =>
            p.region === ctx.region && p.accountId === ctx.accountId && (after === undefined || p.id > after),
        )
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const page = inRegion.slice(0, input.MaxResults);
      const last = page.at(-1);
      return {
        UserPools: page.map((p) => ({
          Id: p.id,
          Name: p.name,
          LambdaConfig: p.lambdaConfig,
          LastModifiedDate: epochSeconds(p.modifiedMs),
          CreationDate: epochSeconds(p.createdMs),
        })),
        ...(inRegion.length > page.length && last
          ? { NextToken: encodeToken({ region: ctx.region, after: last.id }) }
          : {}),
      };
    },

    DescribeUserPool(raw, ctx) {
      const input = parseInput<{ UserPoolId: string }>(UserPoolIdRequest("DescribeUserPoolRequest"), raw);
      return { UserPool: describe(poolIn(input.UserPoolId, ctx)) };
    },

    GetLogDeliveryConfiguration(raw, ctx) {
      const input = parseInput<{ UserPoolId: string }>(
        UserPoolIdRequest("GetLogDeliveryConfigurationRequest"),
        raw,
      );
      const pool = poolIn(input.UserPoolId, ctx);
      return { LogDeliveryConfiguration: { UserPoolId: pool.id, LogConfigurations: pool.logConfigurations } };
    },

    SetLogDeliveryConfiguration(raw, ctx) {
      // 1–2: deserialization, then every model constraint in one message, before the pool lookup.
      const input = parseInput<{ UserPoolId: string; LogConfigurations: LogConfiguration[] }>(
        SetLogDeliveryConfigurationRequest,
        raw,
      );
      // 3: pool lookup.
      const pool = poolIn(input.UserPoolId, ctx);
      const entries = input.LogConfigurations;
      // 4: tier gate, before any destination check.
      if (pool.tier !== "PLUS" && entries.some((c) => c.EventSource === "userAuthEvents")) {
        throw new AwsError(
          "FeatureUnavailableInTierException",
          `The following feature is not available for the ${pool.tier} pricing tier configured: Log Streaming`,
        );
      }
      // 5: request validation, one message.
      const sources = entries.map((c) => c.EventSource);
      const noDestination = unique(
        entries.filter((c) => destinationsOf(c).length === 0).map((c) => c.EventSource),
      );
      const duplicated = unique(sources.filter((s, i) => sources.indexOf(s) !== i));
      const manyDestinations = unique(
        entries.filter((c) => destinationsOf(c).length > 1).map((c) => c.EventSource),
      );
      const wrongLevel = unique(
        entries.filter((c) => REQUIRED_LEVEL[c.EventSource] !== c.LogLevel).map((c) => c.EventSource),
      );
      const wrongDestination = unique(
        entries
          .filter(
            (c) => c.EventSource === "userNotification" && destinationsOf(c).some((d) => d.kind !== "logs"),
          )
          .map((c) => c.EventSource),
      );
      const arnEntries: string[] = [];
      for (const c of entries) {
        for (const dest of destinationsOf(c)) {
          const problems = destinationProblems(dest, ctx, lookup);
          if (problems.length > 0) {
            arnEntries.push(
              `${DEST_LABEL[dest.kind]} arn ${dest.arn} failed with the following validation errors: ${problems.map((p) => `${p}. `).join("")}`,
            );
          }
        }
      }
      let message = "Request validation Failed.";
      if (noDestination.length)
        message += ` Following event sources in request have no destination: [${noDestination.join(", ")}].`;
      if (duplicated.length)
        message += ` Following event sources appear more then once in a request: [${duplicated.join(", ")}].`;
      // The next three clauses are ours (rules doc §2.6: AWS's wording not captured).
      if (manyDestinations.length)
        message += ` Following event sources in request have more than one destination: [${manyDestinations.join(", ")}].`;
      if (wrongLevel.length)
        message += ` Following event sources in request have an unsupported log level: [${wrongLevel.join(", ")}].`;
      if (wrongDestination.length)
        message += ` Following event sources in request have an unsupported destination type: [${wrongDestination.join(", ")}].`;
      if (arnEntries.length) message += ` [${unique(arnEntries).join(", ")}]`;
      if (message !== "Request validation Failed.") throw new AwsError("InvalidParameterException", message);

      pool.logConfigurations = entries
        .map((c): LogConfiguration => {
          const d = destinationsOf(c)[0];
          return {
            LogLevel: c.LogLevel,
            EventSource: c.EventSource,
            ...(d?.kind === "logs" ? { CloudWatchLogsConfiguration: { LogGroupArn: d.arn } } : {}),
            ...(d?.kind === "s3" ? { S3Configuration: { BucketArn: d.arn } } : {}),
            ...(d?.kind === "firehose" ? { FirehoseConfiguration: { StreamArn: d.arn } } : {}),
          };
        })
        .sort(storedOrder);
      pool.modifiedMs = ctx.now();
      ctx.changed();
      return { LogDeliveryConfiguration: { UserPoolId: pool.id, LogConfigurations: pool.logConfigurations } };
    },
  };

  return {
    targetPrefix: "AWSCognitoIdentityProviderService",
    signingName: "cognito-idp",
    operations,
    pools: () => [...pools.values()],
    holdLegacyThreatProtection(poolId, mode) {
      const pool = pools.get(poolId);
      if (!pool) throw new AwsError("ResourceNotFoundException", `User pool ${poolId} does not exist.`);
      if (pool.tier !== "LITE") {
        throw new Error(
          `Only a LITE pool can hold legacy threat protection; ${poolId} is ${pool.tier} (use UpdateUserPool on PLUS).`,
        );
      }
      pool.securityMode = mode;
      pool.legacyThreatProtection = true;
    },
    snapshot: () => ({ pools: [...pools.values()] }),
    restore(snapshot) {
      const saved = (snapshot as { pools?: unknown } | null)?.pools;
      if (!Array.isArray(saved)) throw new Error("cognito snapshot: expected { pools: [...] }");
      pools.clear();
      for (const p of saved as PoolRecord[]) {
        if (
          typeof p?.id !== "string" ||
          typeof p.region !== "string" ||
          !Array.isArray(p.logConfigurations)
        ) {
          throw new Error("cognito snapshot: a pool lacks id, region or logConfigurations");
        }
        pools.set(p.id, p);
      }
    },
  };
}
