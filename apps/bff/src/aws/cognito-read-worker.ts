/**
 * A worker thread that makes Cognito reads with SDK v3 for the main thread (aws/cognito-read-workers.ts).
 * Why: the SDK's own CPU (signing, middleware, serde, HTTP) is about 1–1.4 ms per call (bench `sdk`),
 * and an organization read makes thousands; on the main thread it held the fleet read above its
 * quota floor (issue 14). Here the calls run beside the main thread, which keeps pacing, deadlines,
 * answer validation and everything else.
 *
 * Protocol (structured clone over the worker's port; types in ./cognito-read-protocol.ts):
 * - in `call`: make `operation` with `input` on the client `client.key` (created on first use with
 *   `client`'s settings; `credentials` signs this call and later ones of that client).
 * - out `token`: before each HTTP attempt, the worker asks the main thread for a token of the read
 *   pacer, which answers `token` (ok or not); retries ask again.
 * - out `refused`: AWS refused an attempt (throttling, 5xx): the main thread gives the token back.
 * - in `abort`: the call's deadline passed; its HTTP request is aborted.
 * - out `done` / `failed`: the answer, or the error's fields that aws/errors.ts reads.
 * - in `forget`: the client's account is gone; its sockets are closed.
 */
import { parentPort } from "node:worker_threads";
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
  GetLogDeliveryConfigurationCommand,
  ListUserPoolsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { ToMain, ToWorker, WorkerClientSettings, WorkerCredentials } from "./cognito-read-protocol.ts";
import { createReadRetryStrategy } from "./read-retry.ts";
import { callSignalOf, refusedByAws, SignalledHttpHandler, withCallSignals } from "./sdk-context.ts";

const COMMANDS = {
  DescribeUserPool: DescribeUserPoolCommand,
  GetLogDeliveryConfiguration: GetLogDeliveryConfigurationCommand,
  ListUserPools: ListUserPoolsCommand,
} as const;

const port = parentPort;
if (!port) throw new Error("cognito-read-worker.ts runs as a worker thread only");
/**
 * Messages go out in batches, one per turn of the event loop: a postMessage costs ~0.1 ms whatever
 * it carries (measured in the org bench), and answers arrive in bursts.
 */
let outbox: ToMain[] = [];
const post = (message: ToMain) => {
  if (outbox.length === 0) setImmediate(flush);
  outbox.push(message);
};
function flush(): void {
  const batch = outbox;
  outbox = [];
  port?.postMessage(batch);
}

interface WorkerClient {
  client: CognitoIdentityProviderClient;
  credentials: WorkerCredentials | null;
}
const clients = new Map<string, WorkerClient>();
/** Each call's abort controller, and its id by its signal (the pacing middleware sees the signal only). */
const calls = new Map<number, AbortController>();
const callOf = new WeakMap<AbortSignal, number>();
/** Calls whose first attempt went out. */
const attempted = new Set<number>();
/** Token requests waiting for the main thread's answer. */
const tokens = new Map<number, { resolve(): void; reject(error: Error): void }>();
let nextTokenId = 1;

function clientFor(
  settings: WorkerClientSettings,
  credentials: WorkerCredentials | null,
): CognitoIdentityProviderClient {
  let entry = clients.get(settings.key);
  if (!entry) {
    const holder: WorkerClient = {
      client: undefined as unknown as CognitoIdentityProviderClient,
      credentials,
    };
    const client = new CognitoIdentityProviderClient({
      region: settings.region,
      maxAttempts: settings.maxAttempts,
      retryStrategy: createReadRetryStrategy({ maxAttempts: settings.maxAttempts }),
      // Each command's middleware resolved once; the call's signal rides with its input (sdk-context.ts).
      cacheMiddleware: true,
      requestHandler: new SignalledHttpHandler({
        connectionTimeout: settings.callTimeoutMs,
        requestTimeout: settings.callTimeoutMs,
        throwOnRequestTimeout: true,
      }),
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      // Without credentials from the main thread (aws mode, the console's own): the SDK's default chain.
      ...(credentials
        ? {
            credentials: async () => {
              const c = holder.credentials as WorkerCredentials;
              return {
                accessKeyId: c.accessKeyId,
                secretAccessKey: c.secretAccessKey,
                ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
                ...(c.expiration ? { expiration: new Date(c.expiration) } : {}),
              };
            },
          }
        : {}),
    });
    // As aws/clients.ts: no logger, so no walk of every answer through the sensitive-data filter.
    client.middlewareStack.remove("loggerMiddleware");
    withCallSignals(client);
    const pacing =
      <A, R>(next: (args: A) => Promise<R>) =>
      async (args: A): Promise<R> => {
        const signal = callSignalOf(args);
        const callId = signal ? callOf.get(signal) : undefined;
        // The first attempt's token came with the call; each retry asks for one.
        if (signal && callId !== undefined && attempted.has(callId)) await askToken(callId, signal);
        if (callId !== undefined) attempted.add(callId);
        try {
          return await next(args);
        } catch (error) {
          if (callId !== undefined && refusedByAws(error))
            post({ kind: "refused", id: callId, key: settings.key });
          throw error;
        }
      };
    client.middlewareStack.addRelativeTo(pacing, {
      relation: "after",
      toMiddleware: "retryMiddleware",
      name: "clcCognitoReadPacing",
    });
    holder.client = client;
    entry = holder;
    clients.set(settings.key, entry);
  }
  if (credentials) entry.credentials = credentials;
  return entry.client;
}

function askToken(callId: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(abortError());
  const tokenId = nextTokenId++;
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      tokens.delete(tokenId);
      reject(abortError());
    };
    signal.addEventListener("abort", onAbort, { once: true });
    tokens.set(tokenId, {
      resolve: () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      },
      reject: (error) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    });
    post({ kind: "token", id: callId, tokenId });
  });
}

function abortError(): Error {
  const error = new Error("The call was aborted (its deadline passed).");
  error.name = "AbortError";
  return error;
}

/** The fields of an SDK error that aws/errors.ts toAwsCallError reads. */
function errorFields(error: unknown): Extract<ToMain, { kind: "failed" }>["error"] {
  const e = (typeof error === "object" && error !== null ? error : {}) as Record<string, unknown>;
  const response = e.$response as { statusCode?: unknown; headers?: unknown } | undefined;
  return {
    name: typeof e.name === "string" ? e.name : "UnknownError",
    message: typeof e.message === "string" ? e.message : String(error),
    ...(typeof e.code === "string" ? { code: e.code } : {}),
    ...(typeof e.$fault === "string" ? { $fault: e.$fault } : {}),
    ...(typeof e.$metadata === "object" && e.$metadata !== null
      ? { $metadata: { ...(e.$metadata as Record<string, unknown>) } }
      : {}),
    ...(typeof response === "object" && response !== null
      ? {
          $response: {
            statusCode: typeof response.statusCode === "number" ? response.statusCode : 0,
            headers:
              typeof response.headers === "object" && response.headers !== null
                ? Object.fromEntries(
                    Object.entries(response.headers as Record<string, unknown>).filter(
                      ([, v]) => typeof v === "string",
                    ),
                  )
                : {},
          },
        }
      : {}),
  };
}

async function call(message: Extract<ToWorker, { kind: "call" }>): Promise<void> {
  const controller = new AbortController();
  calls.set(message.id, controller);
  callOf.set(controller.signal, message.id);
  // The token came long before the call (this thread was busy): sent now, it would go out with the
  // others that waited, a burst AWS throttles. It goes back, and the call waits for a new one.
  if (Date.now() - message.tokenAt >= message.staleTokenMs) {
    post({ kind: "refused", id: message.id, key: message.client.key });
    attempted.add(message.id);
  }
  try {
    const Command = COMMANDS[message.operation] as unknown as new (input: unknown) => DescribeUserPoolCommand;
    const client = clientFor(message.client, message.credentials);
    const output = await client.send(new Command(message.input), { abortSignal: controller.signal });
    post({ kind: "done", id: message.id, output });
  } catch (error) {
    post({ kind: "failed", id: message.id, error: errorFields(error) });
  } finally {
    calls.delete(message.id);
    attempted.delete(message.id);
  }
}

port.on("message", (batch: ToWorker[]) => {
  for (const message of batch) receive(message);
});

function receive(message: ToWorker): void {
  switch (message.kind) {
    case "call":
      void call(message);
      return;
    case "abort":
      calls.get(message.id)?.abort();
      return;
    case "token": {
      const waiting = tokens.get(message.tokenId);
      tokens.delete(message.tokenId);
      if (!waiting) return;
      if (message.ok) waiting.resolve();
      else waiting.reject(abortError());
      return;
    }
    case "forget": {
      const entry = clients.get(message.key);
      clients.delete(message.key);
      entry?.client.destroy();
      return;
    }
  }
}

post({ kind: "ready" });
