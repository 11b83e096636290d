/** The pure construction of an UpdateUserPool that keeps everything (src/aws/user-pool-update.ts). */
import { describe, expect, it } from "vitest";
import {
  DESCRIBE_ONLY,
  membersNotKept,
  UPDATE_SOURCES,
  updateKeepingTheRest,
} from "../src/aws/user-pool-update.ts";

/** Shaped like a DescribeUserPool answer on AWS (members from the API model, values made up). */
const DESCRIBED = {
  Id: "us-east-1_Example1",
  Name: "prod",
  Arn: "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Example1",
  CreationDate: "2025-01-01T00:00:00.000Z",
  LastModifiedDate: "2025-02-01T00:00:00.000Z",
  Policies: {
    PasswordPolicy: { MinimumLength: 12, RequireSymbols: true, TemporaryPasswordValidityDays: 3 },
    SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] },
  },
  DeletionProtection: "ACTIVE",
  LambdaConfig: { PreSignUp: "arn:aws:lambda:us-east-1:123456789012:function:f" },
  SchemaAttributes: [{ Name: "sub", AttributeDataType: "String" }],
  AutoVerifiedAttributes: ["email"],
  UsernameAttributes: ["email"],
  EmailVerificationMessage: "Code {####}",
  VerificationMessageTemplate: { DefaultEmailOption: "CONFIRM_WITH_CODE", EmailMessage: "Code {####}" },
  MfaConfiguration: "OPTIONAL",
  EstimatedNumberOfUsers: 42,
  EmailConfiguration: { EmailSendingAccount: "COGNITO_DEFAULT" },
  SmsConfiguration: { SnsCallerArn: "arn:aws:iam::123456789012:role/sms", ExternalId: "e" },
  UserPoolTags: { team: "identity" },
  Domain: "prod-login",
  AdminCreateUserConfig: { AllowAdminCreateUserOnly: true, UnusedAccountValidityDays: 3 },
  UsernameConfiguration: { CaseSensitive: false },
  AccountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: "verified_email" }] },
  UserPoolTier: "PLUS",
};

describe("updateKeepingTheRest", () => {
  it("sends back every settable member as described, the name as PoolName, and nothing describe-only", () => {
    const plan = updateKeepingTheRest(DESCRIBED, { UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" } });
    expect(plan).toEqual({
      ok: true,
      request: {
        PoolName: "prod",
        Policies: DESCRIBED.Policies,
        DeletionProtection: "ACTIVE",
        LambdaConfig: DESCRIBED.LambdaConfig,
        AutoVerifiedAttributes: ["email"],
        EmailVerificationMessage: "Code {####}",
        VerificationMessageTemplate: DESCRIBED.VerificationMessageTemplate,
        MfaConfiguration: "OPTIONAL",
        EmailConfiguration: DESCRIBED.EmailConfiguration,
        SmsConfiguration: DESCRIBED.SmsConfiguration,
        UserPoolTags: { team: "identity" },
        // The mirror of TemporaryPasswordValidityDays is left out: AWS refuses both together.
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        AccountRecoverySetting: DESCRIBED.AccountRecoverySetting,
        UserPoolTier: "PLUS",
        UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" },
      },
    });
  });

  it("keeps UnusedAccountValidityDays when the password policy has no TemporaryPasswordValidityDays", () => {
    const plan = updateKeepingTheRest(
      { ...DESCRIBED, Policies: { PasswordPolicy: { MinimumLength: 8 } } },
      {},
    );
    expect(plan.ok && plan.request.AdminCreateUserConfig).toEqual(DESCRIBED.AdminCreateUserConfig);
  });

  it("sends only the verification message of the template's email option, as the model requires", () => {
    const template = {
      DefaultEmailOption: "CONFIRM_WITH_LINK",
      EmailMessage: "Code {####}",
      EmailMessageByLink: "Click {##here##}",
      EmailSubjectByLink: "Verify",
      SmsMessage: "Code {####}",
    };
    const byLink = updateKeepingTheRest({ ...DESCRIBED, VerificationMessageTemplate: template }, {});
    expect(byLink.ok && byLink.request.VerificationMessageTemplate).toEqual({
      DefaultEmailOption: "CONFIRM_WITH_LINK",
      EmailMessageByLink: "Click {##here##}",
      EmailSubjectByLink: "Verify",
      SmsMessage: "Code {####}",
    });
    expect(byLink.ok && "EmailVerificationMessage" in byLink.request).toBe(false);
    const byCode = updateKeepingTheRest(
      { ...DESCRIBED, VerificationMessageTemplate: { ...template, DefaultEmailOption: "CONFIRM_WITH_CODE" } },
      {},
    );
    expect(byCode.ok && byCode.request.VerificationMessageTemplate).toEqual({
      DefaultEmailOption: "CONFIRM_WITH_CODE",
      EmailMessage: "Code {####}",
      EmailSubjectByLink: "Verify",
      SmsMessage: "Code {####}",
    });
    expect(byCode.ok && byCode.request.EmailVerificationMessage).toBe("Code {####}");
  });

  it("refuses a pool with a member it does not know, naming it", () => {
    const plan = updateKeepingTheRest({ ...DESCRIBED, PasskeyConfiguration: { Enabled: true } }, {});
    expect(plan).toEqual({
      ok: false,
      problems: [
        "DescribeUserPool returned PasskeyConfiguration, which the console does not know how to send back; UpdateUserPool could reset it.",
      ],
    });
  });

  it("sorts 24 update members and 14 describe-only members (the SDK model types check them at compile time)", () => {
    expect(Object.keys(UPDATE_SOURCES)).toHaveLength(24);
    expect(DESCRIBE_ONLY).toHaveLength(14);
  });
});

describe("membersNotKept", () => {
  const plan = updateKeepingTheRest(DESCRIBED, { UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" } });
  const sent = plan.ok ? plan.request : {};
  const afterUpdate = {
    ...DESCRIBED,
    LastModifiedDate: "2025-03-01T00:00:00.000Z",
    UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" },
  };

  it("is empty when the pool read back holds every member as sent, in any list order", () => {
    const reordered = {
      ...afterUpdate,
      Policies: {
        ...DESCRIBED.Policies,
        SignInPolicy: { AllowedFirstAuthFactors: ["EMAIL_OTP", "PASSWORD"] },
      },
    };
    expect(membersNotKept(sent, reordered, ["UserPoolAddOns"])).toEqual([]);
  });

  it("ignores what AWS filled in beside what was sent", () => {
    const filled = {
      ...afterUpdate,
      Policies: {
        ...DESCRIBED.Policies,
        PasswordPolicy: { ...DESCRIBED.Policies.PasswordPolicy, PasswordHistorySize: 0 },
      },
    };
    expect(membersNotKept(sent, filled, ["UserPoolAddOns"])).toEqual([]);
  });

  it("names each member that was reset, with what was sent and what is there now", () => {
    const { LambdaConfig, ...withoutTrigger } = afterUpdate;
    const reset = { ...withoutTrigger, DeletionProtection: "INACTIVE", MfaConfiguration: "OFF" };
    expect(membersNotKept(sent, reset, ["UserPoolAddOns"])).toEqual([
      { member: "DeletionProtection", sent: "ACTIVE", now: "INACTIVE" },
      { member: "LambdaConfig", sent: LambdaConfig, now: undefined },
      { member: "MfaConfiguration", sent: "OPTIONAL", now: "OFF" },
    ]);
  });
});
