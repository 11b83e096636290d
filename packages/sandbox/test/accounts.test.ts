/**
 * Several accounts over HTTP with the real SDK v3 clients (issue 14): the account of a call comes
 * from its credentials, every service's state is per account, role sessions are held to their role's
 * policies, the quota switch counts per (account, region), a region the account has not enabled
 * refuses the credentials, and delivery writes into the pool's own account. Seed: the demo organization.
 */
import {
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  GetLogEventsCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { CreateUserPoolCommand, ListUserPoolsCommand } from "@aws-sdk/client-cognito-identity-provider";
import { ListDeliveryStreamsCommand } from "@aws-sdk/client-firehose";
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  GetRoleCommand,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { CreateBucketCommand, ListBucketsCommand } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../src/index.ts";
import { sdkClients } from "../test-support/clients.ts";
import { assume, clientsAs, failure, ROLE } from "./support/org.ts";

const MANAGEMENT = "123456789012";
const PAYMENTS = "111111111111";
const IDENTITY = "222222222222";
const PLAYGROUND = "333333333333";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: "demo" });
});
afterAll(() => sandbox.close());

const names = (pools: { Name?: string }[] | undefined) => (pools ?? []).map((p) => p.Name).sort();

describe("the account of a call comes from its credentials", () => {
  it("lists each account's own pools: base keys see the management account's, a role session its account's", async () => {
    const base = sdkClients(sandbox.endpoint);
    const mine = names((await base.cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools);
    expect(mine).toContain("acme-prod-customers");
    expect(mine).not.toContain("payments-checkout");
    const payments = clientsAs(sandbox.endpoint, await assume(sandbox.endpoint, PAYMENTS));
    expect(
      names((await payments.cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools),
    ).toEqual(["payments-checkout", "payments-ledger-admin", "payments-merchant-portal"]);
    // Any key the sandbox did not issue is the management account, whatever it is.
    const other = sdkClients(sandbox.endpoint, "us-east-1", {
      accessKeyId: "AKIAOTHERKEY",
      secretAccessKey: "x",
    });
    expect((await other.sts.send(new GetCallerIdentityCommand({}))).Account).toBe(MANAGEMENT);
  });

  it("keeps logs, S3 buckets (global names, owned by an account) and IAM roles per account", async () => {
    const base = sdkClients(sandbox.endpoint);
    const payments = clientsAs(sandbox.endpoint, await assume(sandbox.endpoint, PAYMENTS));
    const groups = async (c: typeof base) =>
      ((await c.logs.send(new DescribeLogGroupsCommand({}))).logGroups ?? []).map((g) => g.logGroupName);
    expect(await groups(payments)).toEqual(["/aws/vendedlogs/cognito/payments/notifications"]);
    expect(await groups(base)).not.toContain("/aws/vendedlogs/cognito/payments/notifications");

    await payments.s3.send(new CreateBucketCommand({ Bucket: "payments-only-bucket" }));
    const bucketsOf = async (c: typeof base) =>
      ((await c.s3.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name);
    expect(await bucketsOf(payments)).toContain("payments-only-bucket");
    expect(await bucketsOf(base)).not.toContain("payments-only-bucket");
    expect(
      await failure(base.s3.send(new CreateBucketCommand({ Bucket: "payments-only-bucket" }))),
    ).toMatchObject({
      name: "BucketAlreadyExists",
    });

    // The management account has its own CognitoLogConsoleRole, with another id.
    const memberRole = (await payments.iam.send(new GetRoleCommand({ RoleName: ROLE }))).Role;
    const ownRole = (await base.iam.send(new GetRoleCommand({ RoleName: ROLE }))).Role;
    expect(memberRole?.Arn).toBe(`arn:aws:iam::${PAYMENTS}:role/${ROLE}`);
    expect(ownRole?.Arn).toBe(`arn:aws:iam::${MANAGEMENT}:role/${ROLE}`);
    expect(memberRole?.RoleId).not.toBe(ownRole?.RoleId);
  });

  it("delivers a member pool's logs into that member's log group (found by pool id)", async () => {
    const payments = clientsAs(sandbox.endpoint, await assume(sandbox.endpoint, PAYMENTS));
    const pool = (await payments.cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools?.find(
      (p) => p.Name === "payments-checkout",
    );
    const emitted = (await (
      await fetch(`${sandbox.endpoint}/_sandbox/emit`, {
        method: "POST",
        body: JSON.stringify({ userPoolId: pool?.Id, eventSource: "userNotification", count: 2 }),
      })
    ).json()) as { emitted: unknown[] };
    expect(emitted.emitted[0]).toMatchObject({ delivered: true, deliveredCount: 2 });
    // The console's role may not read events: let this session read them, through its own IAM rights.
    await payments.iam.send(
      new PutRolePolicyCommand({
        RoleName: ROLE,
        PolicyName: "ReadEvents",
        PolicyDocument: JSON.stringify({
          Statement: [
            { Effect: "Allow", Action: ["logs:DescribeLogStreams", "logs:GetLogEvents"], Resource: "*" },
          ],
        }),
      }),
    );
    const group = "/aws/vendedlogs/cognito/payments/notifications";
    const streams =
      (await payments.logs.send(new DescribeLogStreamsCommand({ logGroupName: group }))).logStreams ?? [];
    const events = await payments.logs.send(
      new GetLogEventsCommand({ logGroupName: group, logStreamName: streams[0]?.logStreamName ?? "" }),
    );
    expect(events.events?.length).toBeGreaterThanOrEqual(2);
  });
});

describe("role sessions are held to their role's policies", () => {
  it("lets acme-identity's session list pools but not Firehose streams, with AWS's AccessDeniedException text", async () => {
    const identity = clientsAs(
      sandbox.endpoint,
      await assume(sandbox.endpoint, IDENTITY, { session: "probe" }),
    );
    expect(
      names((await identity.cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools),
    ).toContain("identity-workforce");
    expect(await failure(identity.firehose.send(new ListDeliveryStreamsCommand({})))).toEqual({
      name: "AccessDeniedException",
      status: 400,
      message: `User: arn:aws:sts::${IDENTITY}:assumed-role/${ROLE}/probe is not authorized to perform: firehose:ListDeliveryStreams on resource: * because no identity-based policy allows the firehose:ListDeliveryStreams action`,
    });
    // GetCallerIdentity needs no permission.
    expect((await identity.sts.send(new GetCallerIdentityCommand({}))).Account).toBe(IDENTITY);
    // The base credentials are allowed everything, as before.
    await sdkClients(sandbox.endpoint).firehose.send(new ListDeliveryStreamsCommand({}));
  });

  it("applies explicit Deny, NotAction-free wildcards and attached managed policies", async () => {
    const base = sdkClients(sandbox.endpoint);
    const trust = JSON.stringify({
      Statement: [
        { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${MANAGEMENT}:root` }, Action: "sts:AssumeRole" },
      ],
    });
    await base.iam.send(new CreateRoleCommand({ RoleName: "Reader", AssumeRolePolicyDocument: trust }));
    const policy = await base.iam.send(
      new CreatePolicyCommand({
        PolicyName: "ReadPools",
        PolicyDocument: JSON.stringify({
          Statement: [
            {
              Effect: "Allow",
              Action: ["cognito-idp:List*", "cognito-idp:Describe*", "s3:*"],
              Resource: "*",
            },
          ],
        }),
      }),
    );
    await base.iam.send(new AttachRolePolicyCommand({ RoleName: "Reader", PolicyArn: policy.Policy?.Arn }));
    await base.iam.send(
      new PutRolePolicyCommand({
        RoleName: "Reader",
        PolicyName: "NoBuckets",
        PolicyDocument: JSON.stringify({
          Statement: [{ Effect: "Deny", Action: "s3:ListAllMyBuckets", Resource: "*" }],
        }),
      }),
    );
    const reader = clientsAs(
      sandbox.endpoint,
      await assume(sandbox.endpoint, MANAGEMENT, { name: "Reader", session: "rd" }),
    );
    await reader.cognito.send(new ListUserPoolsCommand({ MaxResults: 1 }));
    expect(await failure(reader.cognito.send(new CreateUserPoolCommand({ PoolName: "nope" })))).toMatchObject(
      {
        name: "AccessDeniedException",
        message: `User: arn:aws:sts::${MANAGEMENT}:assumed-role/Reader/rd is not authorized to perform: cognito-idp:CreateUserPool on resource: * because no identity-based policy allows the cognito-idp:CreateUserPool action`,
      },
    );
    expect(await failure(reader.s3.send(new ListBucketsCommand({})))).toEqual({
      name: "AccessDenied",
      status: 403,
      message: `User: arn:aws:sts::${MANAGEMENT}:assumed-role/Reader/rd is not authorized to perform: s3:ListAllMyBuckets with an explicit deny in an identity-based policy`,
    });
  });
});

describe("regions and quotas per account", () => {
  it("refuses the credentials in a region the account has not enabled, and serves it where enabled", async () => {
    const playground = await assume(sandbox.endpoint, PLAYGROUND);
    const inSouth = clientsAs(sandbox.endpoint, playground, "eu-south-1");
    expect(await failure(inSouth.cognito.send(new ListUserPoolsCommand({ MaxResults: 10 })))).toEqual({
      name: "UnrecognizedClientException",
      status: 400,
      message: "The security token included in the request is invalid.",
    });
    expect(await failure(inSouth.sts.send(new GetCallerIdentityCommand({})))).toMatchObject({
      name: "InvalidClientTokenId",
      status: 403,
    });
    const identity = clientsAs(sandbox.endpoint, await assume(sandbox.endpoint, IDENTITY), "eu-south-1");
    expect(
      names((await identity.cognito.send(new ListUserPoolsCommand({ MaxResults: 10 }))).UserPools),
    ).toEqual(["identity-eu-south-kiosk", "identity-eu-south-residents"]);
  });

  it("counts the Cognito read quota per (account, region): one account over quota leaves another's reads alone", async () => {
    const payments = clientsAs(sandbox.endpoint, await assume(sandbox.endpoint, PAYMENTS));
    const identity = clientsAs(sandbox.endpoint, await assume(sandbox.endpoint, IDENTITY));
    sandbox.setRealism({ quotas: { enabled: true, userPoolReadRps: 1, userPoolUpdateRps: 1 } });
    try {
      let throttled: { name: string } | undefined;
      for (let i = 0; i < 20 && !throttled; i++) {
        try {
          await payments.cognito.send(new ListUserPoolsCommand({ MaxResults: 1 }));
        } catch (error) {
          throttled = error as { name: string };
        }
      }
      expect(throttled?.name).toBe("TooManyRequestsException");
      // Right after payments was throttled, identity's own bucket is full.
      await identity.cognito.send(new ListUserPoolsCommand({ MaxResults: 1 }));
    } finally {
      sandbox.setRealism({ quotas: { enabled: false } });
    }
  });
});
