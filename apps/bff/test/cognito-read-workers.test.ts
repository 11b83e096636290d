/**
 * Issue 14: Cognito reads made in a worker thread (aws/cognito-read-workers.ts) answer, fail, pace
 * and stop as reads made on the main thread do. Against the sandbox over real HTTP; each case runs
 * the same gateway calls both ways and compares.
 */
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type AwsClients, createAwsClients } from "../src/aws/clients.ts";
import { createCognitoGateway } from "../src/aws/cognito-gateway.ts";
import { type CognitoReadWorkers, startCognitoReadWorkers } from "../src/aws/cognito-read-workers.ts";
import { startDeadline } from "../src/aws/deadline.ts";
import { AwsCallError } from "../src/aws/errors.ts";
import { createReadPacer } from "../src/lib/read-pacer.ts";
import { createLogGroup, createPool, setLogDelivery, startStack } from "./helpers.ts";

const REGION = "us-east-1";
const NO_FAULTS = { throttleRate: 0, errorRate: 0, hangRate: 0 };

let sandbox: RunningSandbox;
let workers: CognitoReadWorkers;
let poolId: string;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: "none" });
  workers = startCognitoReadWorkers(1);
  poolId = await createPool(sandbox, REGION, "in-a-worker");
  const logGroupArn = await createLogGroup(sandbox, REGION, "/aws/cognito/in-a-worker");
  await setLogDelivery(sandbox, REGION, poolId, [
    {
      EventSource: "userNotification",
      LogLevel: "ERROR",
      CloudWatchLogsConfiguration: { LogGroupArn: logGroupArn },
    },
  ]);
});
afterAll(async () => {
  await workers.close();
  await sandbox.close();
});
afterEach(() => {
  sandbox.setRealism({ faults: NO_FAULTS });
});

/**
 * A gateway over clients that read in a worker (`worker`: the shared one, or `pool`) or on this
 * thread, counting read tokens.
 */
function gatewayOf(mode: "worker" | "main", pool: CognitoReadWorkers = workers) {
  const counts = { tokens: 0, refused: 0 };
  const clients: AwsClients = createAwsClients({
    target: { mode: "sandbox", endpoint: sandbox.endpoint },
    callTimeoutMs: 5_000,
    backgroundCallBudgetMs: 5_000,
    beforeCognitoReadAttempt: async () => {
      counts.tokens += 1;
    },
    afterRefusedCognitoReadAttempt: () => {
      counts.refused += 1;
    },
    ...(mode === "worker" ? { cognitoReadWorkers: pool } : {}),
  });
  const cognito = createCognitoGateway(
    clients,
    createReadPacer({ requestsPerSecond: 1000, maxConcurrency: 8 }),
  );
  return { cognito, counts, clients };
}

const withoutRequestId = <T extends { requestId?: unknown }>(answer: T) => ({ ...answer, requestId: "-" });

describe("Cognito reads in a worker thread", () => {
  it("answer as the same reads made on the main thread", async () => {
    const worker = gatewayOf("worker");
    const main = gatewayOf("main");
    const callsBefore = sandbox.calls().total;
    for (const gateway of [worker, main]) {
      expect(await gateway.cognito.listUserPools(REGION)).toEqual([{ id: poolId, name: "in-a-worker" }]);
    }
    const described = await worker.cognito.describeUserPool(REGION, poolId);
    expect(described).toMatchObject({
      id: poolId,
      name: "in-a-worker",
      tier: "PLUS",
      requestId: expect.any(String),
    });
    expect(withoutRequestId(described)).toEqual(
      withoutRequestId(await main.cognito.describeUserPool(REGION, poolId)),
    );
    const delivery = await worker.cognito.getLogDeliveryConfiguration(REGION, poolId);
    expect(delivery.logConfigurations).toHaveLength(1);
    expect(withoutRequestId(delivery)).toEqual(
      withoutRequestId(await main.cognito.getLogDeliveryConfiguration(REGION, poolId)),
    );
    // The whole pool, dates included (UpdateUserPool sends it back: aws/user-pool-update.ts).
    const settings = await worker.cognito.describeUserPoolSettings(REGION, poolId);
    expect(settings.pool).toEqual((await main.cognito.describeUserPoolSettings(REGION, poolId)).pool);
    // Every read reached AWS (here the sandbox), each took one token on either side.
    expect(sandbox.calls().total - callsBefore).toBe(8);
    expect(worker.counts).toEqual({ tokens: 4, refused: 0 });
    expect(main.counts).toEqual({ tokens: 4, refused: 0 });
    worker.clients.destroy();
    main.clients.destroy();
  });

  it("keep AWS's error: its code, HTTP status and request id", async () => {
    const failures = await Promise.all(
      [gatewayOf("worker"), gatewayOf("main")].map((g) =>
        g.cognito.describeUserPool(REGION, "us-east-1_missing").then(
          () => null,
          (error: unknown) => error,
        ),
      ),
    );
    for (const error of failures) {
      expect(error).toBeInstanceOf(AwsCallError);
      expect(error).toMatchObject({ code: "ResourceNotFoundException", status: 400, kind: "service" });
      expect((error as AwsCallError).requestId).toEqual(expect.any(String));
    }
    expect((failures[0] as AwsCallError).message).toBe((failures[1] as AwsCallError).message);
  });

  it("take a read token before every attempt and give back each one AWS refused", async () => {
    sandbox.setRealism({ faults: { ...NO_FAULTS, throttleRate: 1 } });
    for (const mode of ["worker", "main"] as const) {
      const gateway = gatewayOf(mode);
      await expect(gateway.cognito.describeUserPool(REGION, poolId)).rejects.toMatchObject({
        code: "TooManyRequestsException",
      });
      // Five attempts (aws/clients.ts READ_MAX_ATTEMPTS), each paced, each refused.
      expect(gateway.counts, mode).toEqual({ tokens: 5, refused: 5 });
      gateway.clients.destroy();
    }
  });

  it("give back a token that went stale before the worker got the call, and wait for a new one", async () => {
    // Every token stale (0 ms): each call's first token goes back and its first attempt takes another.
    const stale = startCognitoReadWorkers(1, { staleTokenMs: 0 });
    const { cognito, counts, clients } = gatewayOf("worker", stale);
    await expect(cognito.describeUserPool(REGION, poolId)).resolves.toMatchObject({ id: poolId });
    expect(counts).toEqual({ tokens: 2, refused: 1 });
    clients.destroy();
    await stale.close();
  });

  it("stop at the deadline, and the worker lets go of the call", async () => {
    sandbox.setRealism({ faults: { ...NO_FAULTS, hangRate: 1 } });
    const gateway = gatewayOf("worker");
    const deadline = startDeadline(300);
    await expect(gateway.cognito.describeUserPool(REGION, poolId, deadline)).rejects.toMatchObject({
      code: "RequestDeadlineExceeded",
      kind: "timeout",
    });
    deadline.end();
    expect(workers.inFlight()).toBe(0);
    // The worker still serves the next read.
    sandbox.setRealism({ faults: NO_FAULTS });
    await expect(gateway.cognito.describeUserPool(REGION, poolId)).resolves.toMatchObject({ id: poolId });
    gateway.clients.destroy();
  });

  it("start before the first read when asked, and the readiness probe waits for them", async () => {
    const own = startCognitoReadWorkers(2);
    expect(own.started()).toBe(0);
    await own.ready();
    expect(own.started()).toBe(2);
    await own.close();
    await expect(own.ready()).rejects.toThrow(/workers are closed/);

    const stack = await startStack({ seed: "none", env: { COGNITO_READ_WORKERS: "1" } });
    try {
      expect(stack.config.cognitoReadWorkers).toBe(1);
      const ready = await stack.call("GET", "/readyz");
      expect(ready.status).toBe(200);
      expect(ready.json).toEqual({ status: "ready", mode: "sandbox" });
    } finally {
      await stack.close();
    }
  });

  it("are refused with a clear error once the workers are closed", async () => {
    const own = startCognitoReadWorkers(1);
    const clients = createAwsClients({
      target: { mode: "sandbox", endpoint: sandbox.endpoint },
      callTimeoutMs: 5_000,
      backgroundCallBudgetMs: 5_000,
      cognitoReadWorkers: own,
    });
    const cognito = createCognitoGateway(
      clients,
      createReadPacer({ requestsPerSecond: 1000, maxConcurrency: 8 }),
    );
    await expect(cognito.describeUserPool(REGION, poolId)).resolves.toMatchObject({ id: poolId });
    await own.close();
    await expect(cognito.describeUserPool(REGION, poolId)).rejects.toThrow(/workers are closed/);
    clients.destroy();
  });
});
