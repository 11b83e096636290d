/**
 * The SDK clients (all but S3's) resolve their middleware once per command class (`cacheMiddleware`),
 * and each call's abort signal rides with its input instead of `send`'s options (aws/sdk-context.ts).
 * These cases check, over real HTTP against a server that holds its requests, that a call's deadline
 * still closes its own request and no other, for Cognito reads on the main thread and in a read
 * worker and for another service's read, and that the SDK really resolves the middleware once.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type AwsClients, createAwsClients } from "../src/aws/clients.ts";
import { createCognitoGateway } from "../src/aws/cognito-gateway.ts";
import { type CognitoReadWorkers, startCognitoReadWorkers } from "../src/aws/cognito-read-workers.ts";
import { startDeadline } from "../src/aws/deadline.ts";
import { callAws } from "../src/aws/errors.ts";
import { createReadPacer } from "../src/lib/read-pacer.ts";

const REGION = "us-east-1";

/** A request the server holds: its pool id, when its connection closed, and how to answer it. */
interface Held {
  poolId: string;
  closed: Promise<void>;
  answer(): void;
}

let server: Server;
let endpoint: string;
const arrivals: Array<(held: Held) => void> = [];
const early: Held[] = [];
/** The next request the server receives. */
const nextRequest = () =>
  new Promise<Held>((resolve) => {
    const held = early.shift();
    if (held) resolve(held);
    else arrivals.push(resolve);
  });

let workers: CognitoReadWorkers;
beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    req.on("end", () => {
      const input = JSON.parse(body) as { UserPoolId?: string; logGroupNamePrefix?: string };
      const poolId = input.UserPoolId ?? input.logGroupNamePrefix ?? "";
      const held: Held = {
        poolId,
        // The response's "close" comes when the client drops the connection before an answer.
        closed: new Promise((resolve) => res.on("close", () => resolve())),
        answer: () => {
          res.writeHead(200, { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "r-1" });
          res.end(
            JSON.stringify(
              input.logGroupNamePrefix !== undefined
                ? { logGroups: [] }
                : {
                    UserPool: {
                      Id: poolId,
                      Name: poolId,
                      Arn: `arn:aws:cognito-idp:${REGION}:111122223333:userpool/${poolId}`,
                    },
                  },
            ),
          );
        },
      };
      const waiting = arrivals.shift();
      if (waiting) waiting(held);
      else early.push(held);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  workers = startCognitoReadWorkers(1);
  await workers.ready();
});
afterAll(async () => {
  await workers.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function gatewayOf(mode: "main" | "worker") {
  const clients: AwsClients = createAwsClients({
    target: { mode: "sandbox", endpoint },
    // Far past any test: only an abort can end a held request.
    callTimeoutMs: 600_000,
    backgroundCallBudgetMs: 600_000,
    beforeCognitoReadAttempt: async () => {},
    ...(mode === "worker" ? { cognitoReadWorkers: workers } : {}),
  });
  const cognito = createCognitoGateway(
    clients,
    createReadPacer({ requestsPerSecond: 1000, maxConcurrency: 8 }),
  );
  return { clients, cognito };
}

describe.each(["main", "worker"] as const)("Cognito reads on the %s thread", (mode) => {
  it("close their own request when their deadline passes, and only theirs", async () => {
    const { clients, cognito } = gatewayOf(mode);
    const first = startDeadline(600_000);
    const second = startDeadline(600_000);
    const one = cognito.describeUserPool(REGION, "us-east-1_aaaaaaaaa", first).then(
      () => null,
      (error: unknown) => error,
    );
    const two = cognito.describeUserPool(REGION, "us-east-1_bbbbbbbbb", second);
    const held = [await nextRequest(), await nextRequest()];
    const heldOne = held.find((h) => h.poolId === "us-east-1_aaaaaaaaa") as Held;
    const heldTwo = held.find((h) => h.poolId === "us-east-1_bbbbbbbbb") as Held;
    let twoClosed = false;
    void heldTwo.closed.then(() => {
      twoClosed = true;
    });

    // Both requests are at the server: the first call's deadline now ends (its signal aborts).
    first.end();
    expect(await one).toMatchObject({ code: "RequestDeadlineExceeded" });
    // The SDK dropped the first call's connection (without its signal it would hold it 10 minutes).
    await heldOne.closed;
    expect(twoClosed).toBe(false);
    heldTwo.answer();
    await expect(two).resolves.toMatchObject({ id: "us-east-1_bbbbbbbbb" });
    second.end();
    clients.destroy();
  });
});

describe("A read that joined another caller's identical read", () => {
  it("gets a call of its own when that read runs out of its first caller's time, not of its own", async () => {
    // Before, the later caller failed with the first caller's deadline ("within the 2000 ms").
    // The first caller's time must outlast its request's way to the server, on a busy machine too.
    const { clients, cognito } = gatewayOf("main");
    const short = startDeadline(2_000);
    const long = startDeadline(600_000);
    const first = cognito.describeUserPool(REGION, "us-east-1_joined000", short).then(
      () => null,
      (error: unknown) => error,
    );
    const firstHeld = await nextRequest();
    const second = cognito.describeUserPool(REGION, "us-east-1_joined000", long);
    expect(await first).toMatchObject({ code: "RequestDeadlineExceeded" });
    // The shared call ended with the first caller's time; the second caller's own call goes.
    await firstHeld.closed;
    const own = await nextRequest();
    expect(own.poolId).toBe("us-east-1_joined000");
    own.answer();
    await expect(second).resolves.toMatchObject({ id: "us-east-1_joined000" });
    long.end();
    clients.destroy();
  });
});

describe("The read pacer on the main thread", () => {
  it("gets each attempt's signal, so a wait for a token ends at the call's deadline and sends nothing", async () => {
    const seen: AbortSignal[] = [];
    const clients = createAwsClients({
      target: { mode: "sandbox", endpoint },
      callTimeoutMs: 600_000,
      backgroundCallBudgetMs: 600_000,
      // A token that never comes: only the call's signal can end the wait.
      beforeCognitoReadAttempt: (_region, signal) => {
        if (signal) seen.push(signal);
        return new Promise<void>(() => {});
      },
    });
    const cognito = createCognitoGateway(
      clients,
      createReadPacer({ requestsPerSecond: 1000, maxConcurrency: 8 }),
    );
    const deadline = startDeadline(600_000);
    const read = cognito.describeUserPool(REGION, "us-east-1_waiting00", deadline).then(
      () => null,
      (error: unknown) => error,
    );
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    deadline.end();
    expect(await read).toMatchObject({ code: "RequestDeadlineExceeded" });
    expect(seen[0]?.aborted).toBe(true);
    expect(early).toHaveLength(0);
    clients.destroy();
  });
});

describe("Other services' clients", () => {
  it("close a read's request at its deadline too", async () => {
    const { clients } = gatewayOf("main");
    const deadline = startDeadline(600_000);
    const read = callAws(
      "logs.DescribeLogGroups",
      (abortSignal) =>
        clients
          .logs(REGION, "read")
          .send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/held" }), { abortSignal }),
      deadline,
    ).then(
      () => null,
      (error: unknown) => error,
    );
    const held = await nextRequest();
    deadline.end();
    expect(await read).toMatchObject({ code: "RequestDeadlineExceeded" });
    await held.closed;
    clients.destroy();
  });
});

describe("Cognito clients", () => {
  it("resolve a command's middleware once, however many calls it makes", async () => {
    const resolving = vi.spyOn(DescribeUserPoolCommand.prototype, "resolveMiddleware");
    const { clients, cognito } = gatewayOf("main");
    for (const poolId of ["us-east-1_aaaaaaaaa", "us-east-1_bbbbbbbbb", "us-east-1_ccccccccc"]) {
      const read = cognito.describeUserPool(REGION, poolId, startDeadline(600_000));
      (await nextRequest()).answer();
      await read;
    }
    expect(resolving).toHaveBeenCalledTimes(1);
    resolving.mockRestore();
    clients.destroy();
  });
});
