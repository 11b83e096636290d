/** Role sessions against a running sandbox: AssumeRole through the SDK, and clients signed with the session. */
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import {
  type AwsCredentials,
  clientConfig,
  type SdkClients,
  sdkClients,
} from "../../test-support/clients.ts";

export const ROLE = "CognitoLogConsoleRole";
export const roleArn = (accountId: string, name = ROLE) => `arn:aws:iam::${accountId}:role/${name}`;

/** Assumes `CognitoLogConsoleRole` (or `name`) in `accountId` with the sandbox's base credentials (or `as`). */
export async function assume(
  endpoint: string,
  accountId: string,
  options: { name?: string; externalId?: string; as?: AwsCredentials; session?: string } = {},
): Promise<AwsCredentials> {
  const sts = new STSClient(clientConfig(endpoint, "us-east-1", options.as));
  try {
    const answer = await sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn(accountId, options.name),
        RoleSessionName: options.session ?? "tester",
        ...(options.externalId ? { ExternalId: options.externalId } : {}),
      }),
    );
    const c = answer.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken)
      throw new Error("AssumeRole gave no credentials");
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
  } finally {
    sts.destroy();
  }
}

/** SDK clients signed with a role session's credentials. */
export function clientsAs(endpoint: string, credentials: AwsCredentials, region = "us-east-1"): SdkClients {
  return sdkClients(endpoint, region, credentials);
}

/** What a rejected SDK call carries: its error name, message and HTTP status. */
export async function failure(
  promise: Promise<unknown>,
): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return {
      name: e.name,
      message: e.message,
      ...(e.$metadata?.httpStatusCode ? { status: e.$metadata.httpStatusCode } : {}),
    };
  }
  throw new Error("expected the call to fail");
}
