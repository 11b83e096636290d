/**
 * How every gateway sends one AWS call, so no gateway repeats it: the command goes out under the
 * caller's deadline (none: a budget of its own, as background work gets, see ./deadline.ts
 * `startBackgroundBudget`) with the deadline's abort signal, whatever fails leaves as AwsCallError
 * (./errors.ts), and the answer is validated with a zod schema before anyone reads it.
 */
import { z } from "zod";
import type { Deadline } from "./deadline.ts";
import { AwsCallError, callAws, parseAwsAnswer } from "./errors.ts";

/**
 * The part of an SDK v3 client a gateway uses. Typed loosely (each client's generics differ); method
 * syntax, so every client's `send` fits. The answer is `unknown` until a schema has checked it.
 */
export interface SdkClient {
  send(command: object, options: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/** A validated answer and the request id AWS gave it (`$metadata.requestId`; null when absent). */
export interface Sent<T> {
  answer: T;
  requestId: string | null;
}

/**
 * Sends `command` with `client`. `operation` names the call in errors and logs
 * (`logs.CreateLogGroup`); `deadline` is the user request's (undefined: background work, the call
 * gets a budget of its own); `schema` validates the answer (omitted: the answer is not read).
 * Throws AwsCallError: AWS's error code and status, a timeout at the deadline, or a shape error.
 */
export type AwsSend = <S extends z.ZodType = z.ZodUnknown>(
  operation: string,
  client: SdkClient,
  command: object,
  deadline: Deadline | undefined,
  schema?: S,
) => Promise<Sent<z.infer<S>>>;

/** The sender of gateways whose background calls get `backgroundBudgetMs` each (AwsClients.backgroundCallBudgetMs). */
export function createSend(backgroundBudgetMs: number): AwsSend {
  return async (operation, client, command, deadline, schema) => {
    const answer = await callAws(
      operation,
      (abortSignal) => client.send(command, { abortSignal }),
      deadline ?? backgroundBudgetMs,
    );
    return {
      answer: schema ? parseAwsAnswer(schema, answer, operation) : answer,
      requestId: requestIdOf(answer),
    } as Sent<z.infer<NonNullable<typeof schema>>>;
  };
}

/**
 * What a regional gateway starts with: its sender, and its service's clients for reads (retried,
 * clients.ts) and for writes (sent once).
 */
export function regionalCalls<C extends SdkClient>(
  backgroundBudgetMs: number,
  client: (region: string, purpose: "read" | "write") => C,
): { send: AwsSend; read(region: string): C; write(region: string): C } {
  return {
    send: createSend(backgroundBudgetMs),
    read: (region) => client(region, "read"),
    write: (region) => client(region, "write"),
  };
}

/** `$metadata.requestId` of an SDK answer, null when it has none. */
export function requestIdOf(answer: unknown): string | null {
  const metadata = (answer as { $metadata?: { requestId?: unknown } } | null)?.$metadata;
  return typeof metadata?.requestId === "string" ? metadata.requestId : null;
}

/** Whether `error` is AWS's answer with one of `codes`. */
export function isAwsCode(error: unknown, ...codes: string[]): boolean {
  return error instanceof AwsCallError && codes.includes(error.code);
}

/**
 * `work`'s result, or `value` when AWS answers with one of `codes`: the calls whose "already there"
 * or "already gone" answer is an outcome, not a failure (a rerun of a creation step, a cleanup).
 */
export async function orOnCode<T, V>(work: Promise<T>, codes: readonly string[], value: V): Promise<T | V> {
  try {
    return await work;
  } catch (error) {
    if (isAwsCode(error, ...codes)) return value;
    throw error;
  }
}

/**
 * `done` once `work` succeeds, or `instead` when AWS answers with one of `codes`: a create that
 * finds the resource there ("created" | "exists"), a delete that finds it gone ("deleted" | "missing").
 */
export function outcomeOf<A extends string, B extends string>(
  work: Promise<unknown>,
  done: A,
  codes: readonly string[],
  instead: B,
): Promise<A | B> {
  return orOnCode(
    work.then(() => done),
    codes,
    instead,
  );
}

/** A list member AWS may leave out: validated as `item[]`, absent → []. */
export function listOf<S extends z.ZodType>(item: S) {
  return z
    .array(item)
    .nullish()
    .transform((v): z.infer<S>[] => v ?? []);
}

/** Tags as the `[{ Key, Value }]` list S3, IAM and Firehose take. */
export function tagList(tags: Record<string, string>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
