/**
 * User pools: CreateUserPool, UpdateUserPool (replaces every member it can set, rules doc §1),
 * DeleteUserPool, ListUserPools, DescribeUserPool; the tier gate for threat protection.
 */
import { epochSeconds, randomAlnum } from "../../core/ids.ts";
import { bool, doc, int, list, map, operation, required, str, struct } from "../../core/shapes.ts";
import { AwsError, type JsonOperation } from "../../core/types.ts";
import { given } from "../shared/json.ts";
import { poolIn, USER_POOL_ID, UserPoolIdRequest } from "./members.ts";
import type { CognitoState, PoolRecord, SecurityMode, Tier } from "./model.ts";

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
const ListUserPoolsRequest = struct("ListUserPoolsRequest", {
  NextToken: str({ min: 1, max: 131072, pattern: "[\\S]+" }),
  MaxResults: required(int({ min: 1, max: 60 })),
});
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
const echo = (pool: PoolRecord, ...keys: string[]) => given(pool.extra, ...keys);

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
const pick = (input: Record<string, unknown>, keys: readonly string[]) => given(input, ...keys);
const EXTRA_KEYS = [...UPDATABLE_EXTRA_KEYS, ...CREATE_ONLY_KEYS, ...KEPT_WHEN_OMITTED];

export function poolOperations(state: CognitoState, random: () => number): Record<string, JsonOperation> {
  return {
    CreateUserPool: operation(CreateUserPoolRequest, (input, ctx) => {
      const tier = input.UserPoolTier ?? "ESSENTIALS";
      const securityMode = input.UserPoolAddOns?.AdvancedSecurityMode;
      assertTierAllows(tier, securityMode);
      assertOneValidityDays(input);
      assertOneEmailMessage(input);
      let id: string;
      do id = `${ctx.region}_${randomAlnum(9, random)}`;
      while (state.pools.has(id));
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
        deletionProtection: input.DeletionProtection ?? "INACTIVE",
        mfaConfiguration: input.MfaConfiguration ?? "OFF",
        lambdaConfig: (input.LambdaConfig as Record<string, unknown> | undefined) ?? {},
        tags: input.UserPoolTags ?? {},
        extra: pick(input, EXTRA_KEYS),
        logConfigurations: [],
      };
      state.pools.set(id, pool);
      ctx.changed();
      return { UserPool: describe(pool) };
    }),

    UpdateUserPool: operation(UpdateUserPoolRequest, (input, ctx) => {
      const pool = poolIn(state, input.UserPoolId, ctx);
      const tier = input.UserPoolTier ?? pool.tier;
      // AWS resets settings the caller leaves out to their defaults (documented for UpdateUserPool);
      // the tier is kept, since dropping a paid tier silently would be worse than AWS.
      const securityMode = input.UserPoolAddOns?.AdvancedSecurityMode;
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
      pool.deletionProtection = input.DeletionProtection ?? "INACTIVE";
      pool.mfaConfiguration = input.MfaConfiguration ?? "OFF";
      pool.lambdaConfig = (input.LambdaConfig as Record<string, unknown> | undefined) ?? {};
      pool.tags = input.UserPoolTags ?? {};
      if (typeof input.PoolName === "string") pool.name = input.PoolName;
      pool.extra = {
        ...pick(pool.extra, [...CREATE_ONLY_KEYS, ...KEPT_WHEN_OMITTED]),
        ...pick(input, [...UPDATABLE_EXTRA_KEYS, ...KEPT_WHEN_OMITTED]),
      };
      pool.modifiedMs = ctx.now();
      ctx.changed();
      return {};
    }),

    DeleteUserPool: operation(UserPoolIdRequest("DeleteUserPoolRequest"), (input, ctx) => {
      const pool = poolIn(state, input.UserPoolId, ctx);
      if (pool.deletionProtection === "ACTIVE") {
        throw new AwsError(
          "InvalidParameterException",
          "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.",
        );
      }
      state.pools.delete(pool.id);
      ctx.changed();
      return {};
    }),

    ListUserPools: operation(ListUserPoolsRequest, (input, ctx) => {
      const after =
        input.NextToken === undefined ? undefined : decodeToken(input.NextToken, ctx.region).after;
      // Sorted by id so a cursor stays valid while pools are created or deleted between pages.
      const inRegion = [...state.pools.values()]
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
    }),

    DescribeUserPool: operation(UserPoolIdRequest("DescribeUserPoolRequest"), (input, ctx) => {
      return { UserPool: describe(poolIn(state, input.UserPoolId, ctx)) };
    }),
  };
}
