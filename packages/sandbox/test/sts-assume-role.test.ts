/**
 * STS AssumeRole over HTTP with the real SDK v3 clients (issue 14): the trust policy and its external
 * ID, AWS's AccessDenied text, the model's limits, credentials that act in the role's account, and
 * ExpiredToken in each protocol once a session has expired.
 */
import { ListUserPoolsCommand } from "@aws-sdk/client-cognito-identity-provider";
import { CreateRoleCommand, GetRoleCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../src/index.ts";
import { sdkClients } from "../test-support/clients.ts";
import { assume, clientsAs, failure, ROLE, roleArn } from "./support/org.ts";

const MEMBER = "200000000001";
const MANAGEMENT = "123456789012";

describe("AssumeRole into a member account whose role requires an external ID", () => {
  let sandbox: RunningSandbox;
  let now = Date.UTC(2026, 0, 15, 12, 0, 0);
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: "org:1x0", externalId: "clc-ext-1234", clock: () => now });
  });
  afterAll(() => sandbox.close());

  it("answers credentials (ASIA…, an Expiration one hour on) and the assumed-role user", async () => {
    const { sts } = sdkClients(sandbox.endpoint);
    const answer = await sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn(MEMBER),
        RoleSessionName: "alice@example.com",
        ExternalId: "clc-ext-1234",
      }),
    );
    expect(answer.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(answer.Credentials?.SecretAccessKey).toHaveLength(40);
    expect(answer.Credentials?.SessionToken?.length).toBeGreaterThan(100);
    expect(answer.Credentials?.Expiration?.getTime()).toBe(now + 3600 * 1000);
    expect(answer.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${MEMBER}:assumed-role/${ROLE}/alice@example.com`);
    expect(answer.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z0-9]{17}:alice@example\.com$/);
  });

  it("signs calls in the role's account: GetCallerIdentity names the session, IAM answers that account's role", async () => {
    const credentials = await assume(sandbox.endpoint, MEMBER, {
      externalId: "clc-ext-1234",
      session: "bob",
    });
    const member = clientsAs(sandbox.endpoint, credentials);
    const identity = await member.sts.send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({
      Account: MEMBER,
      Arn: `arn:aws:sts::${MEMBER}:assumed-role/${ROLE}/bob`,
    });
    expect(identity.UserId).toMatch(/^AROA[A-Z0-9]{17}:bob$/);
    // The base credentials stay the sandbox's own user in the management account.
    const base = await sdkClients(sandbox.endpoint).sts.send(new GetCallerIdentityCommand({}));
    expect(base).toMatchObject({ Account: MANAGEMENT, Arn: `arn:aws:iam::${MANAGEMENT}:user/sandbox` });
  });

  it("refuses a wrong or missing external ID with AWS's AccessDenied text", async () => {
    const { sts } = sdkClients(sandbox.endpoint);
    for (const externalId of ["wrong-id", undefined]) {
      const refused = await failure(
        sts.send(
          new AssumeRoleCommand({
            RoleArn: roleArn(MEMBER),
            RoleSessionName: "alice",
            ...(externalId ? { ExternalId: externalId } : {}),
          }),
        ),
      );
      expect(refused).toEqual({
        name: "AccessDenied",
        status: 403,
        message: `User: arn:aws:iam::${MANAGEMENT}:user/sandbox is not authorized to perform: sts:AssumeRole on resource: ${roleArn(MEMBER)}`,
      });
    }
  });

  it("refuses a role that does not exist, and one whose trust policy does not name the caller", async () => {
    const { sts } = sdkClients(sandbox.endpoint);
    const missing = await failure(
      sts.send(new AssumeRoleCommand({ RoleArn: roleArn(MEMBER, "NoSuchRole"), RoleSessionName: "alice" })),
    );
    expect(missing.name).toBe("AccessDenied");
    expect(missing.message).toBe(
      `User: arn:aws:iam::${MANAGEMENT}:user/sandbox is not authorized to perform: sts:AssumeRole on resource: ${roleArn(MEMBER, "NoSuchRole")}`,
    );
    // A role session whose own policies do not allow sts:AssumeRole is refused before any trust policy is read.
    const session = await assume(sandbox.endpoint, MEMBER, { externalId: "clc-ext-1234" });
    const chained = await failure(
      clientsAs(sandbox.endpoint, session).sts.send(
        new AssumeRoleCommand({
          RoleArn: roleArn(MANAGEMENT),
          RoleSessionName: "x1",
          ExternalId: "clc-ext-1234",
        }),
      ),
    );
    expect(chained.message).toBe(
      `User: arn:aws:sts::${MEMBER}:assumed-role/${ROLE}/tester is not authorized to perform: sts:AssumeRole on resource: ${roleArn(MANAGEMENT)} because no identity-based policy allows the sts:AssumeRole action`,
    );
  });

  it("checks the model's limits: session name 2–64 of [\\w+=,.@-], DurationSeconds 900–43200 and the role's MaxSessionDuration", async () => {
    const { sts } = sdkClients(sandbox.endpoint);
    const send = (input: { RoleSessionName: string; DurationSeconds?: number }) =>
      failure(
        sts.send(new AssumeRoleCommand({ RoleArn: roleArn(MEMBER), ExternalId: "clc-ext-1234", ...input })),
      );
    expect(await send({ RoleSessionName: "a" })).toMatchObject({
      name: "ValidationError",
      message:
        "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
    });
    expect((await send({ RoleSessionName: "has space" })).message).toContain(
      "failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
    expect((await send({ RoleSessionName: "ok", DurationSeconds: 899 })).message).toContain(
      "Member must have value greater than or equal to 900",
    );
    expect(await send({ RoleSessionName: "ok", DurationSeconds: 7200 })).toMatchObject({
      name: "ValidationError",
      message: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    });
  });

  it("answers ExpiredToken in each protocol once the session's Expiration has passed", async () => {
    const credentials = await assume(sandbox.endpoint, MEMBER, { externalId: "clc-ext-1234" });
    const member = clientsAs(sandbox.endpoint, credentials);
    await member.cognito.send(new ListUserPoolsCommand({ MaxResults: 10 }));
    now += 3600 * 1000;
    expect(await failure(member.cognito.send(new ListUserPoolsCommand({ MaxResults: 10 })))).toEqual({
      name: "ExpiredTokenException",
      status: 400,
      message: "The security token included in the request is expired",
    });
    expect(await failure(member.sts.send(new GetCallerIdentityCommand({})))).toEqual({
      name: "ExpiredToken",
      status: 400,
      message: "The security token included in the request is expired",
    });
  });
});

describe("AssumeRole within one account (seed none)", () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: "none" });
  });
  afterAll(() => sandbox.close());

  it("honours a trust policy naming the caller's ARN and a role's longer MaxSessionDuration", async () => {
    const { iam, sts } = sdkClients(sandbox.endpoint);
    await iam.send(
      new CreateRoleCommand({
        RoleName: "Long",
        MaxSessionDuration: 7200,
        AssumeRolePolicyDocument: JSON.stringify({
          Statement: [
            {
              Effect: "Allow",
              Principal: { AWS: "arn:aws:iam::123456789012:user/sandbox" },
              Action: "sts:AssumeRole",
            },
          ],
        }),
      }),
    );
    const answer = await sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn(MANAGEMENT, "Long"),
        RoleSessionName: "long",
        DurationSeconds: 7200,
      }),
    );
    expect(answer.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${MANAGEMENT}:assumed-role/Long/long`);
    expect((await iam.send(new GetRoleCommand({ RoleName: "Long" }))).Role?.MaxSessionDuration).toBe(7200);
  });

  it("refuses a role whose trust policy names another account only", async () => {
    const { iam, sts } = sdkClients(sandbox.endpoint);
    await iam.send(
      new CreateRoleCommand({
        RoleName: "Foreign",
        AssumeRolePolicyDocument: JSON.stringify({
          Statement: [
            {
              Effect: "Allow",
              Principal: { AWS: "arn:aws:iam::999999999999:root" },
              Action: "sts:AssumeRole",
            },
          ],
        }),
      }),
    );
    expect(
      await failure(
        sts.send(new AssumeRoleCommand({ RoleArn: roleArn(MANAGEMENT, "Foreign"), RoleSessionName: "x1" })),
      ),
    ).toMatchObject({ name: "AccessDenied", status: 403 });
  });
});
