/** Talking to a running sandbox the way clients do: real SDK clients, or raw SigV4-signed HTTP. */
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";

export const CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test" };

export function clientConfig(endpoint: string, region = "us-east-1") {
  return { endpoint, region, credentials: CREDENTIALS, maxAttempts: 1 };
}

export const TARGET_PREFIX: Record<string, string> = {
  "cognito-idp": "AWSCognitoIdentityProviderService",
  logs: "Logs_20140328",
  firehose: "Firehose_20150804",
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
  return signedFetch({
    endpoint,
    region,
    service,
    method: "POST",
    path: "/",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `${prefix}.${action}` },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
