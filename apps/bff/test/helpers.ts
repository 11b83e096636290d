import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CloudWatchLogsClient, CreateLogGroupCommand } from "@aws-sdk/client-cloudwatch-logs";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  SetLogDeliveryConfigurationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { CreateDeliveryStreamCommand, FirehoseClient } from "@aws-sdk/client-firehose";
import { type BucketLocationConstraint, CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { type RunningSandbox, type SandboxOptions, startSandbox } from "@clc/sandbox";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll } from "vitest";
import { buildApp } from "../src/app.ts";
import { SANDBOX_CREDENTIALS } from "../src/aws/clients.ts";
import { type Config, loadConfig } from "../src/config.ts";
import { createSqliteStores, databasePath } from "../src/store/sqlite/index.ts";
import type { Stores } from "../src/store/types.ts";

export interface Stack {
  sandbox: RunningSandbox;
  app: FastifyInstance;
  base: string;
  config: Config;
  /** fetch against the BFF; JSON body parsed when there is one. */
  call(
    method: string,
    url: string,
    init?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<Answer>;
  close(): Promise<void>;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test answers are inspected loosely; the API schemas are checked elsewhere.
  json: any;
}

/** A built SPA stand-in, so static serving can be tested without building the web app. */
export function fakeWebDist(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "clc-web-"));
  writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>Cognito Log Console</title>");
  writeFileSync(path.join(dir, "app.js"), "console.log('app')");
  return dir;
}

export async function startStack(
  options: {
    seed?: NonNullable<SandboxOptions["seed"]>;
    env?: Record<string, string>;
    config?: Partial<Config>;
    /** More of the sandbox's options (an external id its roles require, realism). */
    sandbox?: Omit<SandboxOptions, "seed">;
  } = {},
): Promise<Stack> {
  const sandbox = await startSandbox({ ...options.sandbox, seed: options.seed ?? "none" });
  const config: Config = {
    // The console's own account unless a test asks for the organization (accounts-*.test.ts): the
    // demo seed has one, and these tests are about one account's pools.
    ...loadConfig({
      CLC_MODE: "sandbox",
      LOG_LEVEL: "silent",
      COGNITO_READ_RPS: "200",
      CLC_ACCOUNTS: "own",
      // Freshness by events makes background calls of its own; its tests turn it on (freshness.test.ts).
      CLC_FRESHNESS: "off",
      ...options.env,
    }),
    ...options.config,
  };
  const app = await buildApp({
    config,
    target: { mode: "sandbox", endpoint: sandbox.endpoint },
    // These tests are about the API's logic; access control has its own (auth-*, routes-access).
    auth: "none",
    logger: false,
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const base = `http://127.0.0.1:${port}`;
  const bodies: string[] = [];
  return {
    sandbox,
    app,
    base,
    config,
    async call(method, url, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      let body: string | undefined;
      if (init.body !== undefined) {
        body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
        headers["content-type"] ??= "application/json";
      }
      const response = await fetch(`${base}${url}`, { method, headers, body });
      const text = await response.text();
      bodies.push(text);
      for (const value of response.headers.values()) bodies.push(value);
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = null;
      }
      return { status: response.status, headers: response.headers, text, json };
    },
    async close() {
      // Every answer of every test went through here: none may carry the credentials we sign with.
      for (const secret of Object.values(SANDBOX_CREDENTIALS)) {
        if (bodies.some((b) => b.includes(secret))) throw new Error("a response carried an AWS credential");
      }
      await app.close();
      await sandbox.close();
    },
  };
}

/**
 * The API over the demo seed for a test file (or `describe`): started, its fleet read and every pool
 * listed in `beforeAll`, closed in `afterAll`. `env.poolIds` maps each demo pool's name to its id.
 */
export function useDemoStack(): { stack: Stack; account: string; poolIds: Map<string, string> } {
  const env = { account: "", poolIds: new Map<string, string>() } as {
    stack: Stack;
    account: string;
    poolIds: Map<string, string>;
  };
  beforeAll(async () => {
    env.stack = await startStack({ seed: "demo" });
    env.account = env.stack.sandbox.accountId;
    await env.stack.call("GET", "/api/pools");
    await waitForFleet(env.stack);
    const list = await env.stack.call("GET", "/api/pools?limit=500");
    for (const pool of list.json.items as Array<{ id: string; name: string }>)
      env.poolIds.set(pool.name, pool.id);
  });
  afterAll(async () => {
    await env.stack?.close();
  });
  return env;
}

/** One console process over the SQLite store in a folder, as a restart finds it again. */
export interface StoredConsole {
  app: FastifyInstance;
  stores: Stores;
  call(method: string, url: string): Promise<{ status: number; json: Answer["json"] }>;
  get(url: string): Promise<{ status: number; json: Answer["json"] }>;
  stop(): Promise<void>;
}

/**
 * Starts a console (listening, no auth) over the SQLite store in `dir`, calling AWS at `endpoint`
 * (the sandbox, or a fault proxy in front of it); `env` adds to the sandbox defaults.
 * `replica`: over these stores instead (PostgreSQL), as one of several replicas sharing them (their
 * read budget, and following one another's fleet rows every `followMs`).
 */
export async function startStoredConsole(
  dir: string,
  endpoint: string,
  env: Record<string, string> = {},
  replica?: { stores: Stores; followMs: number },
): Promise<StoredConsole> {
  const stores = replica?.stores ?? createSqliteStores(databasePath(dir));
  const config = loadConfig({
    CLC_MODE: "sandbox",
    LOG_LEVEL: "silent",
    COGNITO_READ_RPS: "200",
    CLC_ACCOUNTS: "own",
    ...env,
  });
  const app = await buildApp({
    config,
    target: { mode: "sandbox", endpoint },
    auth: "none",
    logger: false,
    fleetSnapshot: stores.fleetSnapshot,
    freshnessMarks: stores.freshnessMarks,
    ...(replica && stores.readBudget
      ? { readBudget: stores.readBudget, fleetFollowMs: replica.followMs, batchStores: stores }
      : {}),
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const call = async (method: string, url: string) => {
    const response = await fetch(`${base}${url}`, { method });
    return { status: response.status, json: await response.json() };
  };
  return {
    app,
    stores,
    call,
    get: (url) => call("GET", url),
    async stop() {
      await app.close();
      await stores.close();
    },
  };
}

/** Polls the fleet status until the current read has finished. */
export async function waitForFleet(stack: Stack): Promise<void> {
  for (let i = 0; i < 1500; i++) {
    const status = await stack.call("GET", "/api/fleet/status");
    if (status.json.state === "ready") return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("fleet read did not finish");
}

/** A Cognito client talking straight to the sandbox (test setup only). */
export function sandboxCognito(sandbox: RunningSandbox, region: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region,
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: "test-setup-access-key", secretAccessKey: "test-setup" },
  });
}

export async function createPool(
  sandbox: RunningSandbox,
  region: string,
  name: string,
  tier: "LITE" | "ESSENTIALS" | "PLUS" = "PLUS",
): Promise<string> {
  const client = sandboxCognito(sandbox, region);
  const answer = await client.send(new CreateUserPoolCommand({ PoolName: name, UserPoolTier: tier }));
  client.destroy();
  const id = answer.UserPool?.Id;
  if (!id) throw new Error("sandbox created no pool");
  return id;
}

export async function setLogDelivery(
  sandbox: RunningSandbox,
  region: string,
  poolId: string,
  logConfigurations: NonNullable<
    ConstructorParameters<typeof SetLogDeliveryConfigurationCommand>[0]["LogConfigurations"]
  >,
): Promise<void> {
  const client = sandboxCognito(sandbox, region);
  await client.send(
    new SetLogDeliveryConfigurationCommand({ UserPoolId: poolId, LogConfigurations: logConfigurations }),
  );
  client.destroy();
}

const setupCredentials = { accessKeyId: "test-setup-access-key", secretAccessKey: "test-setup" };

/** Creates a log group straight in the sandbox; answers the ARN Cognito takes (no `:*`). */
export async function createLogGroup(
  sandbox: RunningSandbox,
  region: string,
  name: string,
  kmsKeyId?: string,
): Promise<string> {
  const client = new CloudWatchLogsClient({
    region,
    endpoint: sandbox.endpoint,
    credentials: setupCredentials,
  });
  await client.send(new CreateLogGroupCommand({ logGroupName: name, ...(kmsKeyId ? { kmsKeyId } : {}) }));
  client.destroy();
  return `arn:aws:logs:${region}:${sandbox.accountId}:log-group:${name}`;
}

export async function createBucket(sandbox: RunningSandbox, region: string, name: string): Promise<string> {
  const client = new S3Client({
    region,
    endpoint: sandbox.endpoint,
    credentials: setupCredentials,
    forcePathStyle: true,
  });
  await client.send(
    new CreateBucketCommand({
      Bucket: name,
      ...(region === "us-east-1"
        ? {}
        : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
    }),
  );
  client.destroy();
  return `arn:aws:s3:::${name}`;
}

export async function createStream(
  sandbox: RunningSandbox,
  region: string,
  name: string,
  tagged: boolean,
): Promise<string> {
  const client = new FirehoseClient({ region, endpoint: sandbox.endpoint, credentials: setupCredentials });
  const roleArn = `arn:aws:iam::${sandbox.accountId}:role/firehose`;
  const answer = await client.send(
    new CreateDeliveryStreamCommand({
      DeliveryStreamName: name,
      DeliveryStreamType: "DirectPut",
      ExtendedS3DestinationConfiguration: { RoleARN: roleArn, BucketARN: `arn:aws:s3:::${name}-archive` },
      ...(tagged ? { Tags: [{ Key: "LogDeliveryEnabled", Value: "true" }] } : {}),
    }),
  );
  client.destroy();
  return answer.DeliveryStreamARN ?? `arn:aws:firehose:${region}:${sandbox.accountId}:deliverystream/${name}`;
}

/** Calls of one operation the sandbox has served so far (e.g. `cognito-idp:SetLogDeliveryConfiguration`). */
export function callsOf(sandbox: RunningSandbox, operation: string): number {
  return sandbox.calls().byOperation[operation] ?? 0;
}
