/**
 * Destination-creation tests run the real app (auth, audit) against a real sandbox over HTTP, signed
 * in as an admin, and look at what the sandbox holds with the real SDK.
 */
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { FirehoseClient } from "@aws-sdk/client-firehose";
import { IAMClient } from "@aws-sdk/client-iam";
import { S3Client } from "@aws-sdk/client-s3";
import type { CreationPlan, CreationRun } from "@clc/domain";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import type { FastifyServerOptions } from "fastify";
import { afterAll, beforeAll, expect } from "vitest";
import type { CreationRunStore, Stores } from "../src/store/types.ts";
import { ADMIN, type Answer, addOperator, startTestApp, type TestApp, TestBrowser } from "./auth-support.ts";

export const REGION = "eu-west-1";

export interface CreationStack {
  sandbox: RunningSandbox;
  testApp: TestApp;
  admin: TestBrowser;
  aws: {
    logs: CloudWatchLogsClient;
    s3: S3Client;
    firehose: FirehoseClient;
    iam: IAMClient;
    cognito: CognitoIdentityProviderClient;
  };
  createPool(name: string, tier?: "ESSENTIALS" | "PLUS"): Promise<string>;
  /** The plan as the page shows it (with what exists under the planned names). */
  plan(input: unknown, runId?: string): Promise<CreationPlan>;
  /** Plans, then starts (or resumes) that plan's run with its token, and polls it until it stops running. */
  run(input: unknown, runId?: string): Promise<CreationRun>;
  close(): Promise<void>;
}

/**
 * One creation stack for a test file (or `describe`), and with `poolName` one ESSENTIALS pool in it:
 * started in `beforeAll`, closed in `afterAll`. Read `env.stack` and `env.poolId` inside the tests.
 */
export function useCreationStack(poolName?: string): { stack: CreationStack; poolId: string } {
  const env = { poolId: "" } as { stack: CreationStack; poolId: string };
  beforeAll(async () => {
    env.stack = await startCreationStack();
    if (poolName) env.poolId = await env.stack.createPool(poolName);
  });
  afterAll(async () => {
    await env.stack?.close();
  });
  return env;
}

export async function startCreationStack(
  options: {
    logger?: FastifyServerOptions["logger"];
    /** Stores over a data directory (a restart test builds the app twice on the same one). */
    stores?: Stores;
    /** A sandbox that outlives this stack (it is not closed with it). */
    sandbox?: RunningSandbox;
    /** More configuration (e.g. CLC_ACCOUNTS for an organization). */
    env?: Record<string, string>;
  } = {},
): Promise<CreationStack> {
  const sandbox = options.sandbox ?? (await startSandbox({ seed: "none" }));
  const testApp = await startTestApp({
    target: { mode: "sandbox", endpoint: sandbox.endpoint },
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.stores ? { stores: options.stores } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  if ((await testApp.stores.operators.get(ADMIN.username)) === null) await addOperator(testApp.stores, ADMIN);
  const admin = new TestBrowser(testApp.baseUrl);
  expect((await admin.signIn(ADMIN.username, ADMIN.password)).status).toBe(200);
  const config = {
    region: REGION,
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  };
  const aws = {
    logs: new CloudWatchLogsClient(config),
    s3: new S3Client({ ...config, forcePathStyle: true }),
    firehose: new FirehoseClient(config),
    iam: new IAMClient({ ...config, region: "us-east-1" }),
    cognito: new CognitoIdentityProviderClient(config),
  };

  async function plan(input: unknown, runId?: string): Promise<CreationPlan> {
    const answer = await admin.request(
      "POST",
      `/api/destinations/plan${runId === undefined ? "" : `?runId=${runId}`}`,
      { body: input },
    );
    expect(answer.status, answer.text).toBe(200);
    return (answer.body as { plan: CreationPlan }).plan;
  }

  return {
    sandbox,
    testApp,
    admin,
    aws,
    async createPool(name, tier = "PLUS") {
      const answer = await aws.cognito.send(
        new CreateUserPoolCommand({
          PoolName: name,
          UserPoolTier: tier,
          UserPoolAddOns: { AdvancedSecurityMode: tier === "PLUS" ? "AUDIT" : "OFF" },
        }),
      );
      const id = answer.UserPool?.Id;
      if (!id) throw new Error("the sandbox created a pool without an id");
      return id;
    },
    plan,
    async run(input, runId) {
      // As the page does: show the plan, then run it with the plan's token (the user's confirmation).
      const shown = await plan(input, runId);
      const started = await admin.request("POST", "/api/destinations/runs", {
        body: { input, planToken: shown.token, ...(runId === undefined ? {} : { runId }) },
      });
      expect(started.status, started.text).toBe(202);
      let run = (started.body as { run: CreationRun }).run;
      for (let i = 0; i < 500 && run.status === "running"; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        const polled = await admin.request("GET", `/api/destinations/runs/${run.id}`);
        expect(polled.status).toBe(200);
        run = (polled.body as { run: CreationRun }).run;
      }
      return run;
    },
    async close() {
      for (const client of Object.values(aws)) client.destroy();
      await testApp.close();
      if (!options.sandbox) await sandbox.close();
    },
  };
}

/**
 * Rewrites a stored run as the store holds it when its BFF stopped during the second step: that step
 * running, the later ones pending, the run running (its claim is left as it is).
 */
export async function storeAsCutOff(runs: CreationRunStore, runId: string): Promise<void> {
  const stored = await runs.get(runId);
  if (!stored) throw new Error("the run was not stored");
  const data = JSON.parse(stored.data) as { status: string; steps: Array<{ status: string }> };
  data.status = "running";
  data.steps = data.steps.map((step, i) => ({
    ...step,
    status: i === 1 ? "running" : i > 1 ? "pending" : step.status,
  }));
  await runs.save({ ...stored, status: "running", data: JSON.stringify(data) });
}

export function stepStatuses(run: CreationRun): Record<string, string> {
  return Object.fromEntries(run.steps.map((s) => [s.id, s.status]));
}

export function problemErrors(answer: Answer): Array<{ path: string; message: string }> {
  return (answer.body as { errors?: Array<{ path: string; message: string }> }).errors ?? [];
}
