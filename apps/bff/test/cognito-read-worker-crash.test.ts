/**
 * Issue 14, review-s10: a Cognito read worker that dies, or workers closed, while a call waits on the
 * main thread (for its read token, for its credentials). Against the sandbox; the Worker class is
 * wrapped only to see which workers were made and whether they still run.
 */
import type { Worker as NodeWorker } from "node:worker_threads";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const made: { worker: NodeWorker; exited: boolean }[] = [];
vi.mock("node:worker_threads", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:worker_threads")>();
  class RecordedWorker extends actual.Worker {
    constructor(...args: ConstructorParameters<typeof actual.Worker>) {
      super(...args);
      const record = { worker: this as NodeWorker, exited: false };
      made.push(record);
      this.on("exit", () => {
        record.exited = true;
      });
    }
  }
  return { ...actual, Worker: RecordedWorker, default: { ...actual, Worker: RecordedWorker } };
});

const { createAwsClients } = await import("../src/aws/clients.ts");
const { createCognitoGateway } = await import("../src/aws/cognito-gateway.ts");
const { startCognitoReadWorkers } = await import("../src/aws/cognito-read-workers.ts");
const { startDeadline } = await import("../src/aws/deadline.ts");
const { createReadPacer } = await import("../src/lib/read-pacer.ts");
const { createPool } = await import("./helpers.ts");
const { READ_WORKER_STOPPED } = await import("../src/aws/errors.ts");
const { describeAwsFailure } = await import("../src/lib/aws-failures.ts");
type AwsCallError = import("../src/aws/errors.ts").AwsCallError;

const REGION = "us-east-1";
let sandbox: RunningSandbox;
let poolId: string;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: "none" });
  poolId = await createPool(sandbox, REGION, "crash");
});
afterAll(async () => {
  await sandbox.close();
});

/** A gate a hook waits at: `entered` once the hook is there, `open()` lets it go on. */
function gate() {
  let open: () => void = () => undefined;
  let entered: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const reached = new Promise<void>((resolve) => {
    entered = resolve;
  });
  return { opened, reached, entered, open };
}

describe("Cognito read workers when a worker dies or they close while a call waits", () => {
  it("a worker that dies while a call waits for its token is started again, and the call is made", async () => {
    const workers = startCognitoReadWorkers(1);
    await workers.ready();
    const tokenGate = gate();
    let gated = true;
    let tokens = 0;
    const clients = createAwsClients({
      target: { mode: "sandbox", endpoint: sandbox.endpoint },
      callTimeoutMs: 5_000,
      backgroundCallBudgetMs: 5_000,
      beforeCognitoReadAttempt: async () => {
        tokens += 1;
        if (!gated) return;
        tokenGate.entered();
        await tokenGate.opened;
      },
      cognitoReadWorkers: workers,
    });
    const cognito = createCognitoGateway(
      clients,
      createReadPacer({ requestsPerSecond: 1000, maxConcurrency: 8 }),
    );
    const before = made.length;
    const deadline = startDeadline(30_000);
    const read = cognito.describeUserPool(REGION, poolId, deadline);
    await tokenGate.reached;
    await made.at(-1)?.worker.terminate();
    gated = false;
    tokenGate.open();
    // Before the fix the call went to no worker and ended only at its deadline.
    await expect(read).resolves.toMatchObject({ id: poolId });
    expect(made.length).toBe(before + 1);
    // Its token was kept through the restart, or went back (stale) for a new one.
    expect(tokens).toBeGreaterThanOrEqual(1);
    expect(workers.inFlight()).toBe(0);
    deadline.end();
    clients.destroy();
    await workers.close();
  });

  it("workers closed while a call waits for its credentials refuse it and start no worker", async () => {
    const workers = startCognitoReadWorkers(1);
    await workers.ready();
    const credentialsGate = gate();
    const clients = createAwsClients({
      target: { mode: "sandbox", endpoint: sandbox.endpoint },
      callTimeoutMs: 5_000,
      backgroundCallBudgetMs: 5_000,
      credentials: async () => {
        credentialsGate.entered();
        await credentialsGate.opened;
        return { accessKeyId: "test-key", secretAccessKey: "test-secret" };
      },
      cognitoReadWorkers: workers,
    });
    const cognito = createCognitoGateway(
      clients,
      createReadPacer({ requestsPerSecond: 1000, maxConcurrency: 8 }),
    );
    const before = made.length;
    const read = cognito.describeUserPool(REGION, poolId);
    await credentialsGate.reached;
    await workers.close();
    credentialsGate.open();
    const error = await read.catch((e: unknown) => e);
    // The console's own failure, in its terms: before, it was "NetworkingError", "Could not reach
    // AWS", "check the network", which worked.
    expect(error).toMatchObject({
      code: READ_WORKER_STOPPED,
      message: expect.stringMatching(/workers are closed/),
    });
    expect(describeAwsFailure(error as AwsCallError)).toMatchObject({
      slug: "read-worker-stopped",
      title: "The console's Cognito read worker stopped",
    });
    // Before the fix a worker was started after close, and ran until the process ended.
    expect(made.length).toBe(before);
    clients.destroy();
  });
});
