/**
 * SDK v3 clients against a sandbox, for every test that talks to one: the sandbox's and the BFF's
 * tests and the e2e journeys (imported as `@clc/sandbox/test-support/clients`). Free of vitest, so a
 * Playwright process can load it too.
 */
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { FirehoseClient } from "@aws-sdk/client-firehose";
import { IAMClient } from "@aws-sdk/client-iam";
import { S3Client } from "@aws-sdk/client-s3";
import { STSClient } from "@aws-sdk/client-sts";

/** Any key signs for the sandbox: it checks the SigV4 form, not the secret. */
export const CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test" };

/**
 * One attempt per call: the sandbox answers a fault only when a test asks for one, and a retry would
 * hide it.
 */
export function clientConfig(
  endpoint: string,
  region = "us-east-1",
  credentials: AwsCredentials = CREDENTIALS,
) {
  return { endpoint, region, credentials, maxAttempts: 1 };
}

/** Credentials as the SDK takes them: the sandbox's any-key pair, or a role session's from AssumeRole. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** One SDK v3 client per service the console calls, all against one sandbox endpoint and region. */
export interface SdkClients {
  cognito: CognitoIdentityProviderClient;
  logs: CloudWatchLogsClient;
  firehose: FirehoseClient;
  s3: S3Client;
  iam: IAMClient;
  sts: STSClient;
}

/** The clients a test talks through; S3 is path-style, as it must be against one local endpoint. */
export function sdkClients(
  endpoint: string,
  region = "us-east-1",
  credentials: AwsCredentials = CREDENTIALS,
): SdkClients {
  const config = clientConfig(endpoint, region, credentials);
  return {
    cognito: new CognitoIdentityProviderClient(config),
    logs: new CloudWatchLogsClient(config),
    firehose: new FirehoseClient(config),
    s3: new S3Client({ ...config, forcePathStyle: true }),
    iam: new IAMClient(config),
    sts: new STSClient(config),
  };
}
