/**
 * "Turn on threat protection" over HTTP against the sandbox, whose UpdateUserPool resets every member
 * it is not sent (as AWS documents): the fix must keep every other setting of the pool, and the audit
 * must show the whole pool before and after.
 */
import {
  type CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  DescribeUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { AuditListResponse, AuditRecord } from "@clc/domain";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import { NON_DEFAULT_PASSWORD_POLICY } from "@clc/sandbox/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteStores } from "../src/store/sqlite/index.ts";
import { ADMIN, addOperator, startTestApp, type TestApp, TestBrowser } from "./auth-support.ts";
import { callsOf, sandboxCognito } from "./helpers.ts";

const REGION = "us-east-1";
const UPDATE = "cognito-idp:UpdateUserPool";

let sandbox: RunningSandbox;
let app: TestApp;
let admin: TestBrowser;
let cognito: CognitoIdentityProviderClient;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: "none" });
  const stores = createSqliteStores(":memory:");
  app = await startTestApp({
    stores,
    target: { mode: "sandbox", endpoint: sandbox.endpoint },
    env: { COGNITO_READ_RPS: "200" },
  });
  await addOperator(stores, ADMIN);
  admin = new TestBrowser(app.baseUrl);
  expect((await admin.signIn(ADMIN.username, ADMIN.password)).status).toBe(200);
  cognito = sandboxCognito(sandbox, REGION);
});
afterAll(async () => {
  cognito.destroy();
  await app.close();
  await sandbox.close();
});

/** A PLUS pool with a PreSignUp trigger, deletion protection, optional MFA, and non-default everything else. */
const CONFIGURED: Omit<CreateUserPoolCommandInput, "PoolName"> = {
  UserPoolTier: "PLUS",
  DeletionProtection: "ACTIVE",
  MfaConfiguration: "OPTIONAL",
  LambdaConfig: { PreSignUp: "arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up" },
  Policies: {
    PasswordPolicy: NON_DEFAULT_PASSWORD_POLICY,
  },
  EmailConfiguration: {
    EmailSendingAccount: "DEVELOPER",
    SourceArn: "arn:aws:ses:us-east-1:123456789012:identity/noreply@example.com",
    ReplyToEmailAddress: "support@example.com",
  },
  SmsConfiguration: { SnsCallerArn: "arn:aws:iam::123456789012:role/cognito-sms", ExternalId: "x-1" },
  SmsAuthenticationMessage: "Sign-in code {####}",
  AutoVerifiedAttributes: ["email"],
  VerificationMessageTemplate: { DefaultEmailOption: "CONFIRM_WITH_LINK", EmailSubjectByLink: "Click" },
  AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
  DeviceConfiguration: { ChallengeRequiredOnNewDevice: true },
  AccountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: "admin_only" }] },
  UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
  UserPoolTags: { team: "identity" },
};

async function describePool(id: string): Promise<Record<string, unknown>> {
  const answer = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: id }));
  return JSON.parse(JSON.stringify(answer.UserPool)) as Record<string, unknown>;
}

function withoutTimes(pool: Record<string, unknown>): Record<string, unknown> {
  const { LastModifiedDate, ...rest } = pool;
  return rest;
}

const fix = (poolId: string) =>
  admin.request("POST", `/api/pools/${poolId}/fixes`, {
    body: {
      action: "enable-threat-protection",
      target: `arn:aws:cognito-idp:${REGION}:${sandbox.accountId}:userpool/${poolId}`,
    },
  });

describe("enable-threat-protection keeps every other setting of the pool", () => {
  it("keeps the trigger, deletion protection, MFA, password policy, email and the rest; the audit has the whole pool", async () => {
    const created = await cognito.send(new CreateUserPoolCommand({ PoolName: "keep-me", ...CONFIGURED }));
    const id = created.UserPool?.Id ?? "";
    const before = await describePool(id);
    expect(before.UserPoolAddOns).toBeUndefined();

    const answer = await fix(id);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toMatchObject({ changed: true, pool: { pool: { threatProtection: "AUDIT" } } });

    const after = await describePool(id);
    expect(after).toMatchObject({
      LambdaConfig: CONFIGURED.LambdaConfig,
      DeletionProtection: "ACTIVE",
      MfaConfiguration: "OPTIONAL",
      Policies: CONFIGURED.Policies,
      EmailConfiguration: CONFIGURED.EmailConfiguration,
    });
    // Not only those: the whole pool is as it was, but for the add-on.
    expect(withoutTimes(after)).toEqual({
      ...withoutTimes(before),
      UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" },
    });

    const records = (
      (await admin.request("GET", `/api/audit?pool=${id}&action=fix.apply`)).body as AuditListResponse
    ).items;
    expect(records.map((r) => r.outcome)).toEqual(["success", "attempt"]);
    const [done, attempt] = records as [AuditRecord, AuditRecord];
    expect(attempt.before).toEqual(before);
    expect(attempt.after).toMatchObject({ ...before, UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" } });
    expect(done.before).toEqual(before);
    expect(done.after).toEqual(after);
    expect(done.awsRequestId).toEqual(expect.any(String));
  });

  it("keeps the other add-on members, and does nothing to a pool that already has threat protection", async () => {
    const created = await cognito.send(
      new CreateUserPoolCommand({
        PoolName: "flows",
        UserPoolTier: "PLUS",
        UserPoolAddOns: {
          AdvancedSecurityMode: "OFF",
          AdvancedSecurityAdditionalFlows: { CustomAuthMode: "AUDIT" },
        },
      }),
    );
    const id = created.UserPool?.Id ?? "";
    expect((await fix(id)).status).toBe(200);
    expect((await describePool(id)).UserPoolAddOns).toEqual({
      AdvancedSecurityMode: "AUDIT",
      AdvancedSecurityAdditionalFlows: { CustomAuthMode: "AUDIT" },
    });
    const updates = callsOf(sandbox, UPDATE);
    const again = await fix(id);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ changed: false });
    expect(callsOf(sandbox, UPDATE)).toBe(updates);
  });

  it("refuses a pool below Plus before sending anything", async () => {
    const created = await cognito.send(new CreateUserPoolCommand({ PoolName: "essentials" }));
    const updates = callsOf(sandbox, UPDATE);
    const refused = await fix(created.UserPool?.Id ?? "");
    expect(refused.status).toBe(422);
    expect(callsOf(sandbox, UPDATE)).toBe(updates);
  });
});
