/** Talking to a running sandbox the way clients do: real SDK clients, or raw SigV4-signed HTTP. */
import { Sha256 } from "@aws-crypto/sha256-js";
import { CreateDeliveryStreamCommand, type FirehoseClient } from "@aws-sdk/client-firehose";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterAll, beforeAll } from "vitest";
import { type RunningSandbox, type SandboxOptions, startSandbox } from "../../src/index.ts";
import { CREDENTIALS, clientConfig, type SdkClients, sdkClients } from "../../test-support/clients.ts";

export { CREDENTIALS, clientConfig, type SdkClients, sdkClients };

/** Starts a sandbox (empty unless `options` seed it) with its clients, for a file's `beforeAll`. */
export async function startWithClients(
  options: SandboxOptions = { seed: "none" },
  region = "us-east-1",
): Promise<{ sandbox: RunningSandbox } & SdkClients> {
  const sandbox = await startSandbox(options);
  return { sandbox, ...sdkClients(sandbox.endpoint, region) };
}

/** Creates a Firehose stream that archives to the bucket named, through role `firehose`; answers its ARN. */
export async function createArchiveStream(
  firehose: FirehoseClient,
  accountId: string,
  name: string,
  bucket: string,
): Promise<string> {
  const created = await firehose.send(
    new CreateDeliveryStreamCommand({
      DeliveryStreamName: name,
      ExtendedS3DestinationConfiguration: {
        RoleARN: `arn:aws:iam::${accountId}:role/firehose`,
        BucketARN: `arn:aws:s3:::${bucket}`,
      },
    }),
  );
  return created.DeliveryStreamARN ?? "";
}

/**
 * One sandbox with its clients for a whole test file (or `describe`): started in `beforeAll`, closed
 * in `afterAll`. Read `env.sandbox`, `env.cognito`, … inside the tests, once `beforeAll` has run.
 */
export function useSandbox(
  options: SandboxOptions = { seed: "none" },
  region = "us-east-1",
): { sandbox: RunningSandbox } & SdkClients {
  const env = {} as { sandbox: RunningSandbox } & SdkClients;
  beforeAll(async () => {
    Object.assign(env, await startWithClients(options, region));
  });
  afterAll(async () => {
    for (const client of [env.cognito, env.logs, env.firehose, env.s3, env.iam, env.sts, env.cloudwatch])
      client?.destroy();
    await env.sandbox?.close();
  });
  return env;
}

export const TARGET_PREFIX: Record<string, string> = {
  "cognito-idp": "AWSCognitoIdentityProviderService",
  logs: "Logs_20140328",
  firehose: "Firehose_20150804",
  monitoring: "GraniteServiceVersion20100801",
};

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export interface SignedRequest {
  endpoint: string;
  region: string;
  service: string;
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
}

/** A SigV4-signed request over real HTTP (for bodies the SDK cannot send, and S3 by method/path). */
export async function signedFetch(request: SignedRequest): Promise<RawAnswer> {
  const url = new URL(request.endpoint);
  const signer = new SignatureV4({
    service: request.service,
    region: request.region,
    credentials: CREDENTIALS,
    sha256: Sha256,
  });
  const [rawPath, rawQuery] = request.path.split("?");
  const query: Record<string, string> = {
    ...Object.fromEntries(new URLSearchParams(rawQuery ?? "")),
    ...(request.query ?? {}),
  };
  const signed = await signer.sign({
    method: request.method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: rawPath ?? "/",
    query,
    headers: { host: url.host, ...(request.headers ?? {}) },
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  const search = new URLSearchParams(query).toString();
  const response = await fetch(`${request.endpoint}${rawPath ?? "/"}${search ? `?${search}` : ""}`, {
    method: request.method,
    headers: signed.headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** An awsJson1_1 call, signed, with exactly the body given (even one the SDK would refuse to send). */
export function jsonCall(
  endpoint: string,
  region: string,
  service: string,
  action: string,
  body: unknown,
): Promise<RawAnswer> {
  const prefix = TARGET_PREFIX[service];
  if (!prefix) throw new Error(`no JSON target prefix known for ${service}`);
  const headers = { "content-type": "application/x-amz-json-1.1", "x-amz-target": `${prefix}.${action}` };
  return post({ endpoint, region, service }, headers, typeof body === "string" ? body : JSON.stringify(body));
}

/** An awsQuery call (IAM, STS), signed, with exactly the form body given. */
export function queryCall(
  endpoint: string,
  service: string,
  body: string,
  region = "us-east-1",
): Promise<RawAnswer> {
  return post({ endpoint, region, service }, { "content-type": "application/x-www-form-urlencoded" }, body);
}

/** A signed POST to the root path, where the JSON and query protocols take every action. */
function post(
  to: { endpoint: string; region: string; service: string },
  headers: Record<string, string>,
  body: string,
): Promise<RawAnswer> {
  return signedFetch({ ...to, method: "POST", path: "/", headers, body });
}
