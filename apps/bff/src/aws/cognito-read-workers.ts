/**
 * The main thread's side of the Cognito read workers (aws/cognito-read-worker.ts): a client that
 * looks like an SDK client to the Cognito gateway (`send(command, { abortSignal })`) and makes its
 * reads in a worker thread. The read pacer, the deadlines and the validation of answers stay here;
 * the worker asks this side for a pacer token before each HTTP attempt.
 */
import { Worker } from "node:worker_threads";
import {
  DescribeUserPoolCommand,
  GetLogDeliveryConfigurationCommand,
  ListUserPoolsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { SdkClient } from "./call.ts";
import type {
  ToMain,
  ToWorker,
  WorkerClientSettings,
  WorkerCredentials,
  WorkerOperation,
} from "./cognito-read-protocol.ts";
import { excludingQuotaWait, raceSignal } from "./deadline.ts";
import { READ_WORKER_STOPPED } from "./errors.ts";

const COMMANDS: ReadonlyArray<readonly [WorkerOperation, abstract new (...args: never[]) => object]> = [
  ["DescribeUserPool", DescribeUserPoolCommand],
  ["GetLogDeliveryConfiguration", GetLogDeliveryConfigurationCommand],
  ["ListUserPools", ListUserPoolsCommand],
];

/** A read client whose calls run in a worker; `destroy` closes its sockets there once its calls are done. */
export interface WorkerReadClient extends SdkClient {
  destroy(): void;
}

export interface CognitoReadWorkers {
  /**
   * A client of `settings.key` (one per account's client set and region). `credentials` is asked
   * before each call (null: the worker's SDK default chain); `beforeAttempt` is awaited before each
   * HTTP attempt (the read pacer's token; it rejects when the call's signal aborts); `afterRefused`
   * hears of an attempt AWS refused.
   */
  client(
    settings: WorkerClientSettings,
    hooks: {
      credentials: (() => Promise<WorkerCredentials>) | null;
      beforeAttempt?: (signal: AbortSignal | undefined) => Promise<void>;
      afterRefused?: () => void;
    },
  ): WorkerReadClient;
  /**
   * Starts every worker now instead of at the first read (the app does when it is ready): loading
   * the SDK in a worker takes ~0.5 s, which the first fleet read waited for. Never throws; a worker
   * that cannot start is started again by the next read, which then fails with the reason.
   */
  start(): void;
  /**
   * Starts the workers not running and resolves once every one takes calls (the readiness probe,
   * /readyz, waits for it); rejects with the reason when one cannot start.
   */
  ready(): Promise<void>;
  /** Workers that take calls now. */
  started(): number;
  /** Calls sent to a worker and not yet answered (tests; a call whose deadline passed is not among them). */
  inFlight(): number;
  /** Stops the workers; calls under way fail, later ones are refused. */
  close(): Promise<void>;
}

interface PendingCall {
  resolve(output: unknown): void;
  reject(error: unknown): void;
  signal: AbortSignal | undefined;
  beforeAttempt?: (signal: AbortSignal | undefined) => Promise<void>;
}

interface Slot {
  worker: Worker | null;
  /** Settles when the worker has loaded (its first message); rejects when it could not start. */
  ready: Promise<void> | null;
  isReady: boolean;
  calls: Map<number, PendingCall>;
  /** Messages for the worker, sent in one batch per turn of the event loop (see the worker's outbox). */
  outbox: ToWorker[];
  /** Each client's give-back of a read token (its afterRefused hook), by client key. */
  giveBack: Map<string, () => void>;
}

function send(slot: Slot, message: ToWorker): void {
  const worker = slot.worker;
  if (!worker) return;
  if (slot.outbox.length === 0)
    setImmediate(() => {
      const batch = slot.outbox;
      slot.outbox = [];
      if (slot.worker === worker) worker.postMessage(batch);
    });
  slot.outbox.push(message);
}

/** A call the workers will not answer: named so that it reads as the console's failure (toAwsCallError). */
function workerError(message: string): Error {
  const error = new Error(message);
  error.name = READ_WORKER_STOPPED;
  return error;
}

function closedError(): Error {
  return workerError("The Cognito read workers are closed (the console is shutting down).");
}

function abortError(signal: AbortSignal): unknown {
  if (signal.reason !== undefined) return signal.reason;
  const error = new Error("The call was aborted.");
  error.name = "AbortError";
  return error;
}

/**
 * The worker's entry: the built file beside the bundle (apps/bff/scripts/bundle.ts), or the source
 * through ./ts-worker.mjs (tsx's loader) in development and tests.
 */
function startWorker(): Worker {
  const bundle = (globalThis as { __clcBundleUrl?: string }).__clcBundleUrl;
  if (bundle) return new Worker(new URL("./cognito-read-worker.js", bundle));
  return new Worker(new URL("./ts-worker.mjs", import.meta.url), {
    workerData: { entry: new URL("./cognito-read-worker.ts", import.meta.url).href },
  });
}

/**
 * Starts `count` (≥ 1) workers, each on first use or at `start()`; a worker that dies fails its
 * calls and is started again by the next one.
 */
export function startCognitoReadWorkers(
  count: number,
  options: {
    /**
     * How long after the main thread took a call's first read token the worker may still send it
     * (ms; default 250). Later (the worker was busy), the token goes back and the call waits for a
     * new one, so calls held up together do not reach AWS as one burst: the pacer's bucket allows
     * half a second's worth, AWS's a second's.
     */
    staleTokenMs?: number;
  } = {},
): CognitoReadWorkers {
  const staleTokenMs = options.staleTokenMs ?? 250;
  if (!(Number.isInteger(count) && count >= 1))
    throw new RangeError(`count must be a whole number ≥ 1, got ${count}`);
  const slots: Slot[] = Array.from({ length: count }, () => ({
    worker: null,
    ready: null,
    isReady: false,
    calls: new Map(),
    outbox: [],
    giveBack: new Map(),
  }));
  let nextId = 1;
  let nextSlot = 0;
  let closed = false;

  /** The slot's worker, started if it is not running; resolves once it takes calls. */
  function workerOf(slot: Slot): Promise<void> {
    if (closed) return Promise.reject(closedError());
    if (slot.ready) return slot.ready;
    const worker = startWorker();
    worker.unref();
    let started: () => void = () => undefined;
    let failedToStart: (error: Error) => void = () => undefined;
    slot.ready = new Promise<void>((resolve, reject) => {
      started = resolve;
      failedToStart = reject;
    });
    slot.ready.catch(() => undefined);
    worker.on("message", (batch: ToMain[]) => {
      for (const message of batch) {
        if (message.kind === "ready") {
          slot.isReady = true;
          started();
        } else onMessage(slot, worker, message);
      }
    });
    const fail = (why: string) => {
      if (slot.worker !== worker) return;
      const error = workerError(`The Cognito read worker stopped (${why}); the read can be tried again.`);
      slot.worker = null;
      slot.ready = null;
      slot.isReady = false;
      slot.outbox = [];
      failedToStart(error);
      for (const pending of slot.calls.values()) pending.reject(error);
      slot.calls.clear();
    };
    worker.on("error", (error) => fail(error.message));
    // A batch that cannot be read leaves its calls without an answer: the worker is replaced.
    worker.on("messageerror", (error) => {
      fail(`a message from it could not be read: ${error.message}`);
      void worker.terminate();
    });
    worker.on("exit", (code) => fail(`exit code ${code}`));
    slot.worker = worker;
    return slot.ready;
  }

  function onMessage(slot: Slot, worker: Worker, message: Exclude<ToMain, { kind: "ready" }>): void {
    // A worker that died is succeeded by one whose ids start again: its late messages are dropped.
    if (slot.worker !== worker) return;
    const pending = slot.calls.get(message.id);
    switch (message.kind) {
      case "token": {
        // Only to the worker that asked (token ids start again in each worker).
        const answer = (ok: boolean) => {
          if (slot.worker === worker) send(slot, { kind: "token", tokenId: message.tokenId, ok });
        };
        // A call that is gone (its deadline passed) gets no token: its retry is not sent.
        if (!pending) answer(false);
        else if (!pending.beforeAttempt) answer(true);
        else
          pending.beforeAttempt(pending.signal).then(
            () => answer(true),
            () => answer(false),
          );
        return;
      }
      case "refused":
        // The token goes back even when the call is gone (its deadline passed meanwhile).
        slot.giveBack.get(message.key)?.();
        return;
      case "done":
        slot.calls.delete(message.id);
        pending?.resolve(message.output);
        return;
      case "failed": {
        slot.calls.delete(message.id);
        const { name, message: text, ...fields } = message.error;
        const error = Object.assign(new Error(text), fields);
        error.name = name;
        pending?.reject(error);
        return;
      }
    }
  }

  return {
    client(settings, hooks) {
      // Each client stays in one worker (clients spread over them in turn): its sockets and warm
      // state stay in one place.
      const slot = slots[nextSlot++ % slots.length] as Slot;
      let inFlight = 0;
      let destroyed = false;
      if (hooks.afterRefused) slot.giveBack.set(settings.key, hooks.afterRefused);
      const forget = () => {
        slot.giveBack.delete(settings.key);
        send(slot, { kind: "forget", key: settings.key });
      };
      return {
        async send(command, options) {
          const operation = COMMANDS.find(([, Command]) => command instanceof Command)?.[0];
          if (!operation)
            throw new TypeError(
              "This client makes DescribeUserPool, GetLogDeliveryConfiguration and ListUserPools only.",
            );
          if (closed) throw closedError();
          const signal = options.abortSignal;
          const credentials = hooks.credentials ? await hooks.credentials() : null;
          if (signal?.aborted) throw abortError(signal);
          /** The slot's worker, started (again) if it is not running; rejects once closed. */
          const started = async () => {
            if (slot.isReady) return;
            // Starting the worker (loading the SDK) is not AWS's time: a background budget leaves it out.
            const starting = workerOf(slot);
            await (signal ? raceSignal(excludingQuotaWait(signal, starting), signal) : starting);
          };
          await started();
          // The first attempt's token is taken here, right before the call goes: one round trip to
          // the worker less per read. Retries ask the worker's way (`token` messages).
          await hooks.beforeAttempt?.(signal);
          const tokenAt = Date.now();
          try {
            // The worker may have died while the call waited for its token: it is started again
            // (the token goes back if it went stale meanwhile).
            await started();
            if (signal?.aborted) throw abortError(signal);
          } catch (error) {
            // Nothing was sent with the token: it goes back.
            hooks.afterRefused?.();
            throw error;
          }
          // From here on synchronous up to the post: the worker is running and takes the call.
          const id = nextId++;
          inFlight += 1;
          try {
            return await new Promise<unknown>((resolve, reject) => {
              const onAbort = () => {
                slot.calls.delete(id);
                send(slot, { kind: "abort", id });
                reject(abortError(signal as AbortSignal));
              };
              signal?.addEventListener("abort", onAbort, { once: true });
              const settle =
                <A>(then: (value: A) => void) =>
                (value: A) => {
                  signal?.removeEventListener("abort", onAbort);
                  then(value);
                };
              slot.calls.set(id, {
                resolve: settle(resolve),
                reject: settle(reject),
                signal,
                ...(hooks.beforeAttempt ? { beforeAttempt: hooks.beforeAttempt } : {}),
              });
              send(slot, {
                kind: "call",
                id,
                client: settings,
                credentials,
                operation,
                input: (command as { input?: unknown }).input,
                tokenAt,
                staleTokenMs,
              });
            });
          } finally {
            inFlight -= 1;
            if (destroyed && inFlight === 0) forget();
          }
        },
        destroy() {
          destroyed = true;
          if (inFlight === 0) forget();
        },
      };
    },
    start() {
      if (closed) return;
      for (const slot of slots) void workerOf(slot);
    },
    async ready() {
      if (closed) throw closedError();
      await Promise.all(slots.map((slot) => workerOf(slot)));
    },
    started: () => slots.filter((slot) => slot.isReady).length,
    inFlight: () => slots.reduce((n, slot) => n + slot.calls.size, 0),
    async close() {
      closed = true;
      const error = closedError();
      for (const slot of slots) {
        for (const pending of slot.calls.values()) pending.reject(error);
        slot.calls.clear();
      }
      await Promise.all(slots.map((slot) => slot.worker?.terminate()));
    },
  };
}
