/**
 * Messages: SendMessage, ReceiveMessage (long polling with WaitTimeSeconds, VisibilityTimeout),
 * DeleteMessage, DeleteMessageBatch; and `enqueue`, how other services (EventBridge) send into a
 * queue in-process. Standard-queue semantics: a received message is invisible for the visibility
 * timeout, then visible again with its receive count raised; deleting takes any receipt handle the
 * message was given (SQS API reference, DeleteMessage). Long polls wait on real timers and end when a
 * message arrives, when the wait is over, or when the sandbox closes.
 */
import { createHash, randomUUID } from "node:crypto";
import { QueryCompatibleError } from "../../core/protocols/json.ts";
import { int, list, required, str, struct } from "../../core/shapes.ts";
import type { CallContext, JsonOperation } from "../../core/types.ts";
import type { Message, Queue, SqsState } from "./model.ts";
import { attributesOf, invalidParameter, queueAt } from "./queues.ts";
import { sqsOperation } from "./shapes.ts";

export const md5Hex = (text: string): string => createHash("md5").update(text, "utf8").digest("hex");

const SendMessageRequest = struct("SendMessageRequest", {
  QueueUrl: required(str()),
  MessageBody: required(str()),
  DelaySeconds: int(),
});
const ReceiveMessageRequest = struct("ReceiveMessageRequest", {
  QueueUrl: required(str()),
  MaxNumberOfMessages: int(),
  VisibilityTimeout: int(),
  WaitTimeSeconds: int(),
  AttributeNames: list(str()),
  MessageSystemAttributeNames: list(str()),
  MessageAttributeNames: list(str()),
  ReceiveRequestAttemptId: str(),
});
const DeleteMessageRequest = struct("DeleteMessageRequest", {
  QueueUrl: required(str()),
  ReceiptHandle: required(str()),
});
const DeleteMessageBatchRequest = struct("DeleteMessageBatchRequest", {
  QueueUrl: required(str()),
  Entries: required(
    list(struct("DeleteMessageBatchRequestEntry", { Id: required(str()), ReceiptHandle: required(str()) })),
  ),
});

/** A receipt handle: opaque to clients, the message id and a nonce inside. */
function receiptFor(message: Message, nonce: string): string {
  return Buffer.from(JSON.stringify({ m: message.id, n: nonce }), "utf8").toString("base64");
}

function messageIdOf(handle: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(handle, "base64").toString("utf8"));
    const id = (parsed as { m?: unknown }).m;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}

function invalidReceipt(handle: string): QueryCompatibleError {
  return new QueryCompatibleError(
    "ReceiptHandleIsInvalid",
    "ReceiptHandleIsInvalid",
    `The input receipt handle "${handle.slice(0, 200)}" is not a valid receipt handle.`,
  );
}

function dropExpired(queue: Queue, now: number): void {
  const retentionMs = Number(queue.attributes.MessageRetentionPeriod ?? "345600") * 1000;
  queue.messages = queue.messages.filter((m) => now - m.sentAt < retentionMs);
}

export interface MessageWaits {
  /** Wake every long poll of this queue (a message arrived). */
  notify(queueKey: string): void;
  /** End every long poll now (the sandbox closes). */
  close(): void;
}

export function messageOperations(state: SqsState): {
  operations: Record<string, JsonOperation>;
  waits: MessageWaits;
  enqueue(queue: Queue, body: string, senderId: string, now: number, queueKey: string): Message;
} {
  const waiters = new Map<string, Set<() => void>>();
  let closed = false;
  const keyOf = (ctx: CallContext, queue: Queue) => `${ctx.accountId}/${ctx.region}/${queue.name}`;

  const waits: MessageWaits = {
    notify(queueKey) {
      for (const wake of waiters.get(queueKey) ?? []) wake();
    },
    close() {
      closed = true;
      for (const set of waiters.values()) for (const wake of set) wake();
      waiters.clear();
    },
  };

  function enqueue(queue: Queue, body: string, senderId: string, now: number, queueKey: string): Message {
    const delayMs = Number(queue.attributes.DelaySeconds ?? "0") * 1000;
    const message: Message = {
      id: randomUUID(),
      body,
      md5: md5Hex(body),
      sentAt: now,
      senderId,
      visibleAt: now + delayMs,
      receiveCount: 0,
    };
    queue.messages.push(message);
    waits.notify(queueKey);
    return message;
  }

  /** Take up to `max` visible messages now, making them invisible for `visibilityMs`. */
  function take(queue: Queue, now: number, max: number, visibilityMs: number, systemNames: string[]) {
    dropExpired(queue, now);
    const out: Record<string, unknown>[] = [];
    for (const m of queue.messages) {
      if (out.length >= max) break;
      if (m.visibleAt > now) continue;
      m.receiveCount += 1;
      m.firstReceivedAt ??= now;
      m.visibleAt = now + visibilityMs;
      m.receipt = randomUUID();
      const all: Record<string, string> = {
        SenderId: m.senderId,
        SentTimestamp: String(m.sentAt),
        ApproximateReceiveCount: String(m.receiveCount),
        ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt),
      };
      const wanted = systemNames.includes("All") ? Object.keys(all) : systemNames.filter((n) => n in all);
      out.push({
        MessageId: m.id,
        ReceiptHandle: receiptFor(m, m.receipt),
        MD5OfBody: m.md5,
        Body: m.body,
        ...(wanted.length > 0 ? { Attributes: Object.fromEntries(wanted.map((n) => [n, all[n]])) } : {}),
      });
    }
    return out;
  }

  /** When the next invisible message of the queue turns visible, if any. */
  const nextVisibleAt = (queue: Queue, now: number): number | undefined =>
    queue.messages.reduce<number | undefined>(
      (soonest, m) =>
        m.visibleAt > now && (soonest === undefined || m.visibleAt < soonest) ? m.visibleAt : soonest,
      undefined,
    );

  const operations: Record<string, JsonOperation> = {
    SendMessage: sqsOperation(SendMessageRequest, (input, ctx) => {
      const queue = queueAt(state, ctx, input.QueueUrl);
      const maxBytes = Number(attributesOf(queue, ctx).MaximumMessageSize);
      if (Buffer.byteLength(input.MessageBody, "utf8") > maxBytes) {
        throw invalidParameter(
          `One or more parameters are invalid. Reason: Message must be shorter than ${maxBytes} bytes.`,
        );
      }
      if (input.DelaySeconds !== undefined && (input.DelaySeconds < 0 || input.DelaySeconds > 900)) {
        throw invalidParameter(
          `Value ${input.DelaySeconds} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.`,
        );
      }
      const message = enqueue(
        queue,
        input.MessageBody,
        ctx.principal?.userId ?? ctx.accountId,
        ctx.now(),
        keyOf(ctx, queue),
      );
      if (input.DelaySeconds !== undefined) message.visibleAt = message.sentAt + input.DelaySeconds * 1000;
      ctx.changed();
      return { MessageId: message.id, MD5OfMessageBody: message.md5 };
    }),
    ReceiveMessage: sqsOperation(ReceiveMessageRequest, async (input, ctx) => {
      const queue = queueAt(state, ctx, input.QueueUrl);
      const max = input.MaxNumberOfMessages ?? 1;
      if (max < 1 || max > 10) {
        throw invalidParameter(
          `Value ${max} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`,
        );
      }
      const waitSeconds =
        input.WaitTimeSeconds ?? Number(queue.attributes.ReceiveMessageWaitTimeSeconds ?? "0");
      if (waitSeconds < 0 || waitSeconds > 20) {
        throw invalidParameter(
          `Value ${waitSeconds} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.`,
        );
      }
      const visibilitySeconds = input.VisibilityTimeout ?? Number(attributesOf(queue, ctx).VisibilityTimeout);
      if (visibilitySeconds < 0 || visibilitySeconds > 43_200) {
        throw invalidParameter(
          `Value ${visibilitySeconds} for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided.`,
        );
      }
      const systemNames = [...(input.MessageSystemAttributeNames ?? []), ...(input.AttributeNames ?? [])];
      const deadline = Date.now() + waitSeconds * 1000;
      const key = keyOf(ctx, queue);
      for (;;) {
        const messages = take(queue, ctx.now(), max, visibilitySeconds * 1000, systemNames);
        if (messages.length > 0) {
          ctx.changed();
          return { Messages: messages };
        }
        const left = deadline - Date.now();
        if (left <= 0 || closed) return {};
        const until = nextVisibleAt(queue, ctx.now());
        const waitMs = Math.max(1, Math.min(left, until === undefined ? left : until - ctx.now()));
        await new Promise<void>((resolve) => {
          const set = waiters.get(key) ?? new Set();
          waiters.set(key, set);
          const done = () => {
            clearTimeout(timer);
            set.delete(done);
            resolve();
          };
          const timer = setTimeout(done, waitMs);
          timer.unref();
          set.add(done);
        });
      }
    }),
    DeleteMessage: sqsOperation(DeleteMessageRequest, (input, ctx) => {
      const queue = queueAt(state, ctx, input.QueueUrl);
      const id = messageIdOf(input.ReceiptHandle);
      if (id === undefined) throw invalidReceipt(input.ReceiptHandle);
      queue.messages = queue.messages.filter((m) => m.id !== id);
      ctx.changed();
      return {};
    }),
    DeleteMessageBatch: sqsOperation(DeleteMessageBatchRequest, (input, ctx) => {
      const queue = queueAt(state, ctx, input.QueueUrl);
      if (input.Entries.length === 0) {
        throw new QueryCompatibleError(
          "EmptyBatchRequest",
          "AWS.SimpleQueueService.EmptyBatchRequest",
          "There should be at least one DeleteMessageBatchRequestEntry in the request.",
        );
      }
      if (input.Entries.length > 10) {
        throw new QueryCompatibleError(
          "TooManyEntriesInBatchRequest",
          "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
          `Maximum number of entries per request are 10. You have sent ${input.Entries.length}.`,
        );
      }
      const ids = input.Entries.map((e) => e.Id);
      if (new Set(ids).size !== ids.length) {
        throw new QueryCompatibleError(
          "BatchEntryIdsNotDistinct",
          "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
          "Two or more batch entries in the request have the same Id.",
        );
      }
      const Successful: { Id: string }[] = [];
      const Failed: { Id: string; Code: string; Message: string; SenderFault: boolean }[] = [];
      for (const entry of input.Entries) {
        const id = messageIdOf(entry.ReceiptHandle);
        if (id === undefined) {
          Failed.push({
            Id: entry.Id,
            Code: "ReceiptHandleIsInvalid",
            Message: invalidReceipt(entry.ReceiptHandle).message,
            SenderFault: true,
          });
          continue;
        }
        queue.messages = queue.messages.filter((m) => m.id !== id);
        Successful.push({ Id: entry.Id });
      }
      ctx.changed();
      return { Successful, Failed };
    }),
  };
  return { operations, waits, enqueue };
}
