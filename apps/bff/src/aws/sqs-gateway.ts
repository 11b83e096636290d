/**
 * Amazon SQS: the console's freshness queue (features/freshness). Long polls (ReceiveMessage with
 * WaitTimeSeconds up to 20 s) need a deadline longer than a plain call's: the caller gives one.
 * "Does not exist" answers are outcomes (null), not errors: the reader then falls back to the sweep.
 */
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueueTagsCommand,
  ReceiveMessageCommand,
  SetQueueAttributesCommand,
} from "@aws-sdk/client-sqs";
import { z } from "zod";
import { listOf, orOnCode, regionalCalls } from "./call.ts";
import type { AwsClients } from "./clients.ts";
import type { Deadline } from "./deadline.ts";

/** SQS's code for a missing queue (JSON `__type` QueueDoesNotExist; the SDK names the error so). */
const MISSING = ["QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue"];

export interface QueueMessage {
  body: string;
  receiptHandle: string;
  messageId: string;
}

export interface QueueAttributes {
  arn: string;
  policy: string | null;
  /** Milliseconds since the epoch; null when AWS gives none. */
  createdAt: number | null;
  retentionSeconds: number;
}

/** SQS's default MessageRetentionPeriod (SQS API reference, CreateQueue): 4 days. */
const DEFAULT_RETENTION_SECONDS = 345_600;

export interface SqsGateway {
  /** The queue's URL, or null when it does not exist (GetQueueUrl). */
  queueUrl(region: string, name: string, deadline?: Deadline): Promise<string | null>;
  /**
   * GetQueueAttributes: its ARN, policy, when it was created (CreatedTimestamp, epoch seconds, as
   * ms) and how long it keeps a message (MessageRetentionPeriod, seconds; SQS's default 345,600 when
   * AWS gives none). Null when the queue is gone.
   */
  queueAttributes(region: string, url: string, deadline?: Deadline): Promise<QueueAttributes | null>;
  /** Its tags (ListQueueTags); null when the queue is gone. */
  queueTags(region: string, url: string, deadline?: Deadline): Promise<Record<string, string> | null>;
  /** CreateQueue with tags; answers the URL (an existing queue with other attributes: QueueNameExists). */
  createQueue(
    region: string,
    name: string,
    tags: Record<string, string>,
    deadline?: Deadline,
  ): Promise<string>;
  /** SetQueueAttributes Policy (replaces the whole policy: the caller merges and reads back). */
  setQueuePolicy(region: string, url: string, policy: string, deadline?: Deadline): Promise<void>;
  /**
   * One long poll: up to `max` (1..10) messages, waiting up to `waitSeconds` (0..20) for the first;
   * received messages stay invisible for `visibilitySeconds`. The deadline must exceed the wait.
   */
  receive(
    region: string,
    url: string,
    options: { max: number; waitSeconds: number; visibilitySeconds: number },
    deadline: Deadline,
  ): Promise<QueueMessage[]>;
  /** DeleteMessageBatch (≤ 10 handles); answers the handles SQS did not delete. */
  deleteBatch(
    region: string,
    url: string,
    receiptHandles: readonly string[],
    deadline?: Deadline,
  ): Promise<string[]>;
}

export function createSqsGateway(clients: AwsClients): SqsGateway {
  const { send, read, write } = regionalCalls(clients.backgroundCallBudgetMs, clients.sqs);
  return {
    async queueUrl(region, name, deadline) {
      return orOnCode(
        send(
          "sqs.GetQueueUrl",
          read(region),
          new GetQueueUrlCommand({ QueueName: name }),
          deadline,
          z.object({ QueueUrl: z.string() }),
        ).then((s) => s.answer.QueueUrl),
        MISSING,
        null,
      );
    },
    async queueAttributes(region, url, deadline) {
      return orOnCode(
        send(
          "sqs.GetQueueAttributes",
          read(region),
          new GetQueueAttributesCommand({
            QueueUrl: url,
            AttributeNames: ["QueueArn", "Policy", "CreatedTimestamp", "MessageRetentionPeriod"],
          }),
          deadline,
          z.object({ Attributes: z.record(z.string(), z.string()).nullish() }),
        ).then((s) => {
          const attributes = s.answer.Attributes ?? {};
          const created = Number(attributes.CreatedTimestamp);
          const retention = Number(attributes.MessageRetentionPeriod);
          return {
            arn: attributes.QueueArn ?? "",
            policy: attributes.Policy ?? null,
            createdAt: Number.isFinite(created) && created > 0 ? created * 1000 : null,
            // SQS allows 60 s to 14 days; anything else is not an answer to rely on.
            retentionSeconds:
              Number.isInteger(retention) && retention >= 60 && retention <= 1_209_600
                ? retention
                : DEFAULT_RETENTION_SECONDS,
          };
        }),
        MISSING,
        null,
      );
    },
    async queueTags(region, url, deadline) {
      return orOnCode(
        send(
          "sqs.ListQueueTags",
          read(region),
          new ListQueueTagsCommand({ QueueUrl: url }),
          deadline,
          z.object({ Tags: z.record(z.string(), z.string()).nullish() }),
        ).then((s) => s.answer.Tags ?? {}),
        MISSING,
        null,
      );
    },
    async createQueue(region, name, tags, deadline) {
      const { answer } = await send(
        "sqs.CreateQueue",
        write(region),
        new CreateQueueCommand({ QueueName: name, tags }),
        deadline,
        z.object({ QueueUrl: z.string() }),
      );
      return answer.QueueUrl;
    },
    async setQueuePolicy(region, url, policy, deadline) {
      await send(
        "sqs.SetQueueAttributes",
        write(region),
        new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: policy } }),
        deadline,
      );
    },
    async receive(region, url, options, deadline) {
      const { answer } = await send(
        "sqs.ReceiveMessage",
        read(region),
        new ReceiveMessageCommand({
          QueueUrl: url,
          MaxNumberOfMessages: options.max,
          WaitTimeSeconds: options.waitSeconds,
          VisibilityTimeout: options.visibilitySeconds,
        }),
        deadline,
        z.object({
          Messages: listOf(
            z.object({
              Body: z.string().nullish(),
              ReceiptHandle: z.string(),
              MessageId: z.string().nullish(),
            }),
          ),
        }),
      );
      return answer.Messages.map((m) => ({
        body: m.Body ?? "",
        receiptHandle: m.ReceiptHandle,
        messageId: m.MessageId ?? "",
      }));
    },
    async deleteBatch(region, url, receiptHandles, deadline) {
      if (receiptHandles.length === 0) return [];
      const entries = receiptHandles.map((ReceiptHandle, i) => ({ Id: `m${i}`, ReceiptHandle }));
      const { answer } = await send(
        "sqs.DeleteMessageBatch",
        write(region),
        new DeleteMessageBatchCommand({ QueueUrl: url, Entries: entries }),
        deadline,
        z.object({ Failed: listOf(z.object({ Id: z.string() })) }),
      );
      const failed = new Set(answer.Failed.map((f) => f.Id));
      return entries.filter((e) => failed.has(e.Id)).map((e) => e.ReceiptHandle);
    },
  };
}
