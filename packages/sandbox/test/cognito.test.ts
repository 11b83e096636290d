/** cognito-idp over real HTTP: model constraints, the Set validation order, paging, tiers, and the wire details. */
import {
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  ListUserPoolsCommand,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { awsSetLogDeliveryCheck, validateAwsLogConfigurationsRequest } from "@clc/domain/aws-request";
import { describe, expect, it } from "vitest";
import { NON_DEFAULT_PASSWORD_POLICY } from "../test-support/index.ts";
import { jsonCall, sdkClients, useSandbox } from "./support/aws.ts";

const REGION = "us-east-1";
const env = useSandbox({ seed: "none" }, REGION);

async function call(action: string, body: unknown, region = REGION) {
  const answer = await jsonCall(env.sandbox.endpoint, region, "cognito-idp", action, body);
  return {
    status: answer.status,
    headers: answer.headers,
    json: JSON.parse(answer.text || "{}") as Record<string, unknown>,
  };
}

async function createPool(body: Record<string, unknown>, region = REGION): Promise<string> {
  const answer = await call("CreateUserPool", body, region);
  expect(answer.status).toBe(200);
  return (answer.json.UserPool as { Id: string }).Id;
}

async function createLogGroup(name: string, region = REGION): Promise<string> {
  const answer = await jsonCall(env.sandbox.endpoint, region, "logs", "CreateLogGroup", {
    logGroupName: name,
  });
  expect(answer.status).toBe(200);
  return `arn:aws:logs:${region}:${env.sandbox.accountId}:log-group:${name}`;
}

describe("CreateUserPool and DescribeUserPool", () => {
  it("makes region-prefixed ids, ARNs, epoch-second dates, and ESSENTIALS by default", async () => {
    const id = await createPool({ PoolName: "defaults" });
    expect(id).toMatch(/^us-east-1_[0-9A-Za-z]{9}$/);
    const { json, headers } = await call("DescribeUserPool", { UserPoolId: id });
    const pool = json.UserPool as Record<string, unknown>;
    expect(pool.UserPoolTier).toBe("ESSENTIALS");
    expect(pool.Arn).toBe(`arn:aws:cognito-idp:us-east-1:${env.sandbox.accountId}:userpool/${id}`);
    expect(typeof pool.CreationDate).toBe("number");
    expect(Math.abs((pool.CreationDate as number) - Date.now() / 1000)).toBeLessThan(3600);
    expect(pool).not.toHaveProperty("UserPoolAddOns");
    expect(headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("collects every violated constraint into one message, in model order", async () => {
    const { status, json, headers } = await call("CreateUserPool", {
      PoolName: "bad name!",
      UserPoolTier: "GOLD",
      MfaConfiguration: "MAYBE",
    });
    expect(status).toBe(400);
    expect(headers.get("x-amzn-errortype")).toBe("InvalidParameterException");
    expect(json.__type).toBe("InvalidParameterException");
    expect(json.message).toBe(
      "3 validation errors detected: " +
        "Value 'bad name!' at 'poolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+; " +
        "Value 'MAYBE' at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]; " +
        "Value 'GOLD' at 'userPoolTier' failed to satisfy constraint: Member must satisfy enum value set: [ESSENTIALS, LITE, PLUS]",
    );
  });

  it("refuses threat protection below PLUS with AWS's tier message", async () => {
    const { status, json } = await call("CreateUserPool", {
      PoolName: "tp",
      UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" },
    });
    expect(status).toBe(400);
    expect(json).toEqual({
      __type: "FeatureUnavailableInTierException",
      message:
        "The following features need to be disabled for the ESSENTIALS pricing tier configured: Threat Protection",
    });
  });

  it("does not find a pool from another region", async () => {
    const id = await createPool({ PoolName: "eu-only" }, "eu-west-1");
    const { status, json } = await call("DescribeUserPool", { UserPoolId: id }, "us-east-1");
    expect(status).toBe(400);
    expect(json.message).toBe(`User pool ${id} does not exist.`);
  });
});

describe("UpdateUserPool and DeleteUserPool (through the SDK)", () => {
  it("turns threat protection on only for PLUS", async () => {
    const created = await env.cognito.send(
      new CreateUserPoolCommand({ PoolName: "upd", UserPoolTier: "ESSENTIALS" }),
    );
    const id = created.UserPool?.Id ?? "";
    await expect(
      env.cognito.send(
        new UpdateUserPoolCommand({ UserPoolId: id, UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" } }),
      ),
    ).rejects.toMatchObject({
      name: "FeatureUnavailableInTierException",
      message:
        "The following features need to be disabled for the ESSENTIALS pricing tier configured: Threat Protection",
    });
    await env.cognito.send(
      new UpdateUserPoolCommand({
        UserPoolId: id,
        UserPoolTier: "PLUS",
        UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
      }),
    );
    const described = await env.cognito.send(new DescribeUserPoolCommand({ UserPoolId: id }));
    expect(described.UserPool?.UserPoolTier).toBe("PLUS");
    expect(described.UserPool?.UserPoolAddOns?.AdvancedSecurityMode).toBe("ENFORCED");
    expect(described.UserPool?.CreationDate).toBeInstanceOf(Date);
  });

  it("deletes a pool unless deletion protection is on", async () => {
    const guarded = await env.cognito.send(
      new CreateUserPoolCommand({ PoolName: "guarded", DeletionProtection: "ACTIVE" }),
    );
    await expect(
      env.cognito.send(new DeleteUserPoolCommand({ UserPoolId: guarded.UserPool?.Id ?? "" })),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });
    const plain = await env.cognito.send(new CreateUserPoolCommand({ PoolName: "plain" }));
    await env.cognito.send(new DeleteUserPoolCommand({ UserPoolId: plain.UserPool?.Id ?? "" }));
    await expect(
      env.cognito.send(new DescribeUserPoolCommand({ UserPoolId: plain.UserPool?.Id ?? "" })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });
});

/** Every member UpdateUserPool can set, each different from a new pool's default. */
const CONFIGURED = {
  Policies: {
    PasswordPolicy: NON_DEFAULT_PASSWORD_POLICY,
    SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] },
  },
  DeletionProtection: "ACTIVE",
  LambdaConfig: { PreSignUp: "arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up" },
  AutoVerifiedAttributes: ["email"],
  SmsVerificationMessage: "Code: {####}",
  EmailVerificationMessage: "Your code: {####}",
  EmailVerificationSubject: "Verify",
  VerificationMessageTemplate: { DefaultEmailOption: "CONFIRM_WITH_LINK", EmailSubjectByLink: "Click" },
  SmsAuthenticationMessage: "Sign-in code {####}",
  UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
  MfaConfiguration: "OPTIONAL",
  DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
  EmailConfiguration: {
    EmailSendingAccount: "DEVELOPER",
    SourceArn: "arn:aws:ses:us-east-1:123456789012:identity/noreply@example.com",
  },
  SmsConfiguration: { SnsCallerArn: "arn:aws:iam::123456789012:role/cognito-sms", ExternalId: "x-1" },
  UserPoolTags: { team: "identity" },
  AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
  UserPoolAddOns: {
    AdvancedSecurityMode: "AUDIT",
    AdvancedSecurityAdditionalFlows: { CustomAuthMode: "AUDIT" },
  },
  AccountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: "admin_only" }] },
  UserPoolTier: "PLUS",
} as const;

/** What a pool description holds besides its identity and dates. */
function settingsOf(pool: Record<string, unknown>): Record<string, unknown> {
  const { Id, Name, Arn, CreationDate, LastModifiedDate, ...rest } = pool;
  return rest;
}

describe("UpdateUserPool replaces the whole pool (docs: omitted members are set to their default)", () => {
  it("CreateUserPool accepts every settable member and DescribeUserPool returns each as given", async () => {
    const id = await createPool({ PoolName: "configured", ...CONFIGURED });
    const pool = (await call("DescribeUserPool", { UserPoolId: id })).json.UserPool as Record<
      string,
      unknown
    >;
    expect(pool).toMatchObject(CONFIGURED);
  });

  it("an update without members resets each to what a new pool has, keeping the tier and the name", async () => {
    const id = await createPool({ PoolName: "reset-me", ...CONFIGURED });
    const update = await call("UpdateUserPool", { UserPoolId: id });
    expect(update.status).toBe(200);
    const after = (await call("DescribeUserPool", { UserPoolId: id })).json.UserPool as Record<
      string,
      unknown
    >;
    const fresh = (await call("DescribeUserPool", { UserPoolId: await createPool({ PoolName: "fresh" }) }))
      .json.UserPool as Record<string, unknown>;
    expect(after.Name).toBe("reset-me");
    expect(after.UserPoolTier).toBe("PLUS");
    // Threat protection once set reads OFF afterwards (a new pool omits the add-ons).
    expect(after.UserPoolAddOns).toEqual({ AdvancedSecurityMode: "OFF" });
    const { UserPoolTier: _t, UserPoolAddOns: _a, ...resetSettings } = settingsOf(after);
    const { UserPoolTier: _ft, ...freshSettings } = settingsOf(fresh);
    expect(resetSettings).toEqual(freshSettings);
    expect(after).toMatchObject({
      DeletionProtection: "INACTIVE",
      MfaConfiguration: "OFF",
      LambdaConfig: {},
      UserPoolTags: {},
      EmailConfiguration: { EmailSendingAccount: "COGNITO_DEFAULT" },
    });
    // The pool is no longer protected: the reset is real, not only in the description.
    expect((await call("DeleteUserPool", { UserPoolId: id })).status).toBe(200);
  });

  it("sending back what DescribeUserPool returned (less the mirrored validity days) changes nothing but what was meant", async () => {
    const id = await createPool({ PoolName: "round-trip", ...CONFIGURED, UserPoolAddOns: undefined });
    const before = (await call("DescribeUserPool", { UserPoolId: id })).json.UserPool as Record<
      string,
      unknown
    >;
    const {
      Id,
      Arn,
      CreationDate,
      LastModifiedDate,
      Name,
      EstimatedNumberOfUsers,
      SchemaAttributes,
      ...settable
    } = before;
    const refused = await call("UpdateUserPool", { UserPoolId: id, PoolName: Name, ...settable });
    expect(refused.json).toEqual({
      __type: "InvalidParameterException",
      message:
        "Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays",
    });
    const { UnusedAccountValidityDays, ...adminCreateUserConfig } = settable.AdminCreateUserConfig as Record<
      string,
      unknown
    >;
    expect(UnusedAccountValidityDays).toBe(3);
    const accepted = await call("UpdateUserPool", {
      UserPoolId: id,
      PoolName: Name,
      ...settable,
      AdminCreateUserConfig: adminCreateUserConfig,
      UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
    });
    expect(accepted.status).toBe(200);
    const after = (await call("DescribeUserPool", { UserPoolId: id })).json.UserPool as Record<
      string,
      unknown
    >;
    expect(settingsOf(after)).toEqual({
      ...settingsOf(before),
      UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
    });
  });

  it("refuses a verification template with both the code and the link message, as the model documents", async () => {
    const both = {
      PoolName: "both-messages",
      VerificationMessageTemplate: {
        DefaultEmailOption: "CONFIRM_WITH_CODE",
        EmailMessage: "Code {####}",
        EmailMessageByLink: "Click {##here##}",
      },
    };
    expect((await call("CreateUserPool", both)).json).toEqual({
      __type: "InvalidParameterException",
      message: "The message is invalid.",
    });
    const id = await createPool({ PoolName: "one-message" });
    const { PoolName, ...update } = both;
    expect((await call("UpdateUserPool", { UserPoolId: id, ...update })).status).toBe(400);
  });

  it("describes the deprecated validity days and the password policy's as one value", async () => {
    const id = await createPool({
      PoolName: "old-style",
      AdminCreateUserConfig: { UnusedAccountValidityDays: 5 },
    });
    const pool = (await call("DescribeUserPool", { UserPoolId: id })).json.UserPool as Record<
      string,
      unknown
    >;
    expect(pool).toMatchObject({
      Policies: { PasswordPolicy: { TemporaryPasswordValidityDays: 5 } },
      AdminCreateUserConfig: { UnusedAccountValidityDays: 5 },
    });
  });

  it("keeps DcrConfiguration when it is omitted, as the model documents", async () => {
    const dcr = { EnableStatus: "Enabled", OpenDcrEnabled: false };
    const id = await createPool({ PoolName: "dcr", DcrConfiguration: dcr });
    await call("UpdateUserPool", { UserPoolId: id, DeletionProtection: "ACTIVE" });
    const after = (await call("DescribeUserPool", { UserPoolId: id })).json.UserPool as Record<
      string,
      unknown
    >;
    expect(after.DcrConfiguration).toEqual(dcr);
  });
});

describe("ListUserPools", () => {
  it("requires MaxResults and pages with NextToken until every pool is seen once", async () => {
    const region = "ap-southeast-2";
    const ids = new Set<string>();
    for (let i = 0; i < 7; i++) ids.add(await createPool({ PoolName: `page-${i}` }, region));
    const missing = await call("ListUserPools", {}, region);
    expect(missing.json.message).toBe(
      "1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null",
    );
    const zero = await call("ListUserPools", { MaxResults: 0 }, region);
    expect(zero.json.message).toBe(
      "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );

    const client = sdkClients(env.sandbox.endpoint, region).cognito;
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(
        new ListUserPoolsCommand({ MaxResults: 3, ...(token ? { NextToken: token } : {}) }),
      );
      seen.push(...(page.UserPools ?? []).map((p) => p.Id ?? ""));
      token = page.NextToken;
      pages += 1;
    } while (token);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual([...ids].sort());
  });

  it("rejects a token it did not make", async () => {
    const { status, json } = await call("ListUserPools", { MaxResults: 5, NextToken: "garbage" });
    expect(status).toBe(400);
    expect(json.__type).toBe("InvalidParameterException");
  });
});

describe("SetLogDeliveryConfiguration validation order", () => {
  it("reports model constraints before looking the pool up", async () => {
    const { json } = await call("SetLogDeliveryConfiguration", {
      UserPoolId: "us-east-1_NOPOOL000",
      LogConfigurations: [{ LogLevel: "ERROR", EventSource: "nope" }, { EventSource: "userNotification" }],
    });
    expect(json).toEqual({
      __type: "InvalidParameterException",
      message:
        "2 validation errors detected: " +
        "Value 'nope' at 'logConfigurations.1.member.eventSource' failed to satisfy constraint: Member must satisfy enum value set: [userAuthEvents, userNotification]; " +
        "Value null at 'logConfigurations.2.member.logLevel' failed to satisfy constraint: Member must not be null",
    });
  });

  it("checks the ARN pattern: the :* ARN of DescribeLogGroups is refused", async () => {
    const pool = await createPool({ PoolName: "star" });
    const arn = await createLogGroup("/star/group");
    const { json } = await call("SetLogDeliveryConfiguration", {
      UserPoolId: pool,
      LogConfigurations: [
        {
          LogLevel: "ERROR",
          EventSource: "userNotification",
          CloudWatchLogsConfiguration: { LogGroupArn: `${arn}:*` },
        },
      ],
    });
    expect(json.__type).toBe("InvalidParameterException");
    expect(json.message).toContain(
      "at 'logConfigurations.1.member.cloudWatchLogsConfiguration.logGroupArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ",
    );
  });

  it("answers a missing pool after a valid request", async () => {
    const { json } = await call("SetLogDeliveryConfiguration", {
      UserPoolId: "us-east-1_NOPOOL000",
      LogConfigurations: [],
    });
    expect(json).toEqual({
      __type: "ResourceNotFoundException",
      message: "User pool us-east-1_NOPOOL000 does not exist.",
    });
  });

  it("runs the tier gate before destination checks", async () => {
    const pool = await createPool({ PoolName: "lite", UserPoolTier: "LITE" });
    const { json } = await call("SetLogDeliveryConfiguration", {
      UserPoolId: pool,
      LogConfigurations: [
        {
          LogLevel: "INFO",
          EventSource: "userAuthEvents",
          CloudWatchLogsConfiguration: { LogGroupArn: "arn:aws:logs:eu-west-1:999999999999:log-group:x" },
        },
      ],
    });
    expect(json).toEqual({
      __type: "FeatureUnavailableInTierException",
      message: "The following feature is not available for the LITE pricing tier configured: Log Streaming",
    });
  });

  it("names a log group that does not exist (our wording)", async () => {
    const pool = await createPool({ PoolName: "ghost" });
    const arn = `arn:aws:logs:us-east-1:${env.sandbox.accountId}:log-group:/no/such/group`;
    const { json } = await call("SetLogDeliveryConfiguration", {
      UserPoolId: pool,
      LogConfigurations: [
        {
          LogLevel: "ERROR",
          EventSource: "userNotification",
          CloudWatchLogsConfiguration: { LogGroupArn: arn },
        },
      ],
    });
    expect(json.message).toBe(
      `Request validation Failed. [CloudWatch log group arn ${arn} failed with the following validation errors: Log group does not exist. ]`,
    );
  });

  it("drops null entries: [null] stores an empty list", async () => {
    const pool = await createPool({ PoolName: "nulls" });
    const set = await call("SetLogDeliveryConfiguration", { UserPoolId: pool, LogConfigurations: [null] });
    expect(set.status).toBe(200);
    expect(set.json).toEqual({ LogDeliveryConfiguration: { UserPoolId: pool, LogConfigurations: [] } });
  });

  it("names each event source once per clause", async () => {
    const pool = await createPool({ PoolName: "triple", UserPoolTier: "PLUS" });
    const entry = { LogLevel: "INFO", EventSource: "userAuthEvents" };
    const { json } = await call("SetLogDeliveryConfiguration", {
      UserPoolId: pool,
      LogConfigurations: [entry, entry],
    });
    expect(json.message).toBe(
      "Request validation Failed. Following event sources in request have no destination: [userAuthEvents]. Following event sources appear more then once in a request: [userAuthEvents].",
    );
  });
});

describe("SetLogDeliveryConfiguration answers with the domain's validation", () => {
  it("answers what @clc/domain/aws-request answers, on the wire", async () => {
    const pool = await createPool({ PoolName: "shared-rules", UserPoolTier: "PLUS" });
    const stream = "arn:aws:firehose:eu-west-1:999999999999:deliverystream/elsewhere";
    const body = {
      UserPoolId: pool,
      LogConfigurations: [
        { LogLevel: "ERROR", EventSource: "userAuthEvents", FirehoseConfiguration: { StreamArn: stream } },
      ],
    };
    const request = validateAwsLogConfigurationsRequest(body);
    if (!request.ok) throw new Error("expected a request that passes the model constraints");
    const expected = awsSetLogDeliveryCheck(request.logConfigurations, {
      tier: "PLUS",
      region: REGION,
      accountId: env.sandbox.accountId,
    });
    const { status, json } = await call("SetLogDeliveryConfiguration", body);
    expect(status).toBe(400);
    expect(json).toEqual({ __type: expected?.code, message: expected?.message });
    expect(json.message).toBe(
      `Request validation Failed. Following event sources in request have an unsupported log level: [userAuthEvents]. [Firehose stream arn ${stream} failed with the following validation errors: ARN does not belong to invoking account. ARN does not belong to current region. ]`,
    );
  });
});

describe("the JSON protocol", () => {
  it("answers an unknown operation with UnknownOperationException", async () => {
    const { status, json } = await call("FlyToTheMoon", {});
    expect(status).toBe(400);
    expect(json.__type).toBe("UnknownOperationException");
  });

  it("answers malformed JSON with SerializationException", async () => {
    const answer = await jsonCall(env.sandbox.endpoint, REGION, "cognito-idp", "ListUserPools", "{not json");
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).__type).toBe("SerializationException");
  });

  it("answers a request without SigV4 with a missing-authentication error and counts it", async () => {
    env.sandbox.resetCalls();
    const response = await fetch(env.sandbox.endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "AWSCognitoIdentityProviderService.ListUserPools",
      },
      body: JSON.stringify({ MaxResults: 1 }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toBe(
      "MissingAuthenticationTokenException",
    );
    expect(env.sandbox.calls()).toEqual({ total: 1, byOperation: { "cognito-idp:ListUserPools": 1 } });
  });
});
