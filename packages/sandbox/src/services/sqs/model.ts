/**
 * SQS's state, per account+region: standard queues by name with their attributes, tags and
 * messages. JSON-serialisable; validated on restore because it comes from disk.
 */
import { z } from "zod";

const MessageSchema = z.object({
  id: z.string(),
  body: z.string(),
  md5: z.string(),
  sentAt: z.number(),
  senderId: z.string(),
  /** Epoch ms when the message is next visible (sent: sentAt + DelaySeconds; received: + VisibilityTimeout). */
  visibleAt: z.number(),
  receiveCount: z.number(),
  firstReceivedAt: z.number().optional(),
  /** The nonce of the latest receipt handle; DeleteMessage accepts any handle of the message, as SQS does. */
  receipt: z.string().optional(),
});
const QueueSchema = z.object({
  name: z.string(),
  createdAt: z.number(),
  modifiedAt: z.number(),
  /** Settable attributes as SQS answers them (all strings). */
  attributes: z.record(z.string(), z.string()),
  tags: z.record(z.string(), z.string()),
  messages: z.array(MessageSchema),
});
export const SqsSnapshotSchema = z.object({
  version: z.literal(1),
  scopes: z.record(z.string(), z.record(z.string(), QueueSchema)),
});

export type Queue = z.infer<typeof QueueSchema>;
export type Message = z.infer<typeof MessageSchema>;

/** Queues by name, under `<account>/<region>`. */
export interface SqsState {
  scopes: Record<string, Record<string, Queue>>;
}

/** `arn:aws:sqs:<region>:<account>:<name>` */
export const queueArn = (accountId: string, region: string, name: string): string =>
  `arn:aws:sqs:${region}:${accountId}:${name}`;

/**
 * The URL SQS answers (`https://sqs.<region>.amazonaws.com/<account>/<name>`, the form SDK v3 sees
 * from AWS). The JSON protocol carries it in the body, so clients reach the sandbox whatever its host.
 */
export const queueUrl = (accountId: string, region: string, name: string): string =>
  `https://sqs.${region}.amazonaws.com/${accountId}/${name}`;
