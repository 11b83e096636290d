/** Test setup for the demo organization's member roles (sandbox seed `demo`). */
import { IAMClient, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { Stack } from "./helpers.ts";

/** acme-playground: eu-south-1 not enabled. */
export const PLAYGROUND = "333333333333";
export const ROLE = "CognitoLogConsoleRole";

/** The BFF's configuration to read the demo organization, in `regions`. */
export function orgEnv(regions: string): Record<string, string> {
  return { CLC_ACCOUNTS: "organization", CLC_ORGANIZATION_ROLE_NAME: ROLE, CLC_REGIONS: regions };
}

/**
 * Adds an inline policy denying `actions` to a member account's console role (default: the demo's
 * acme-playground), through IAM signed as that role, as an operator editing the role would.
 */
export async function denyToMemberRole(s: Stack, actions: string[], account = PLAYGROUND): Promise<void> {
  const setup = { accessKeyId: "test-setup-access-key", secretAccessKey: "test-setup" };
  const sts = new STSClient({ region: "us-east-1", endpoint: s.sandbox.endpoint, credentials: setup });
  const assumed = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${account}:role/${ROLE}`,
      RoleSessionName: "test-setup",
    }),
  );
  const c = assumed.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error("AssumeRole gave no credentials");
  const iam = new IAMClient({
    region: "us-east-1",
    endpoint: s.sandbox.endpoint,
    credentials: {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
    },
  });
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: ROLE,
      PolicyName: "test-deny",
      PolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Deny", Action: actions, Resource: "*" }],
      }),
    }),
  );
  sts.destroy();
  iam.destroy();
}
