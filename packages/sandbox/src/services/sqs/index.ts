/**
 * Amazon SQS (awsJson1_0, `AmazonSQS.<Op>`, query-compatible errors: the SDK v3 client's protocol
 * since 2023, checked against @aws-sdk/client-sqs 3.1169: `AwsJson1_0Protocol`, serviceTarget
 * `AmazonSQS`, `awsQueryCompatible: true`). Standard queues with attributes, tags, a queue policy,
 * messages with visibility timeouts and long polling. `deliverFromService` is how an AWS service
 * principal (EventBridge) sends into a queue: only when the queue policy allows it, as in AWS.
 *
 * One file per group of operations; this table says where each operation lives.
 */
import type { JsonService, StatefulService } from "../../core/types.ts";
import { allows } from "../../delivery/policy.ts";
import { scopeKey } from "../shared/arns.ts";
import { messageOperations } from "./messages.ts";
import { queueArn, SqsSnapshotSchema, type SqsState } from "./model.ts";
import { queueOperations } from "./queues.ts";

export interface ServiceSend {
  /** The queue's ARN (`arn:aws:sqs:<region>:<account>:<name>`). */
  readonly queueArn: string;
  readonly body: string;
  /** The service principal sending, e.g. `events.amazonaws.com`. */
  readonly principal: string;
  /** `aws:SourceArn` / `aws:SourceAccount` of the request (the rule's ARN and account). */
  readonly sourceArn: string;
  readonly sourceAccount: string;
  readonly now: number;
}

export type SqsService = JsonService &
  StatefulService & {
    /** Send as an AWS service would; answers why not when the queue is missing or its policy refuses. */
    deliverFromService(send: ServiceSend): { ok: true; messageId: string } | { ok: false; reason: string };
    /** End every long poll (the sandbox closes). */
    close(): void;
  };

export function createSqsService(): SqsService {
  const state: SqsState = { scopes: {} };
  const messages = messageOperations(state);
  return {
    targetPrefix: "AmazonSQS",
    signingName: "sqs",
    operations: {
      // CreateQueue, GetQueueUrl, GetQueueAttributes, SetQueueAttributes, ListQueueTags, DeleteQueue
      ...queueOperations(state),
      // SendMessage, ReceiveMessage, DeleteMessage, DeleteMessageBatch
      ...messages.operations,
    },
    deliverFromService(send) {
      const [, , , region = "", accountId = "", name = ""] = send.queueArn.split(":");
      const queue = state.scopes[scopeKey(accountId, region)]?.[name];
      if (!queue) return { ok: false, reason: `queue ${send.queueArn} does not exist` };
      const policy = queue.attributes.Policy;
      // A service principal needs the queue policy's grant, even in the queue's own account
      // (EventBridge user guide, "Using resource-based policies for Amazon EventBridge": Amazon SQS permissions).
      const allowed =
        policy !== undefined &&
        allows([policy], {
          principal: send.principal,
          actions: ["sqs:SendMessage"],
          resource: queueArn(accountId, region, name),
          context: { "aws:SourceArn": send.sourceArn, "aws:SourceAccount": send.sourceAccount },
        });
      if (!allowed) {
        return {
          ok: false,
          reason: `the policy of queue ${send.queueArn} does not allow ${send.principal} to sqs:SendMessage from ${send.sourceArn}`,
        };
      }
      const message = messages.enqueue(
        queue,
        send.body,
        send.principal,
        send.now,
        `${accountId}/${region}/${name}`,
      );
      return { ok: true, messageId: message.id };
    },
    close() {
      messages.waits.close();
    },
    snapshot() {
      return { version: 1, scopes: state.scopes };
    },
    restore(snapshot) {
      const parsed = SqsSnapshotSchema.safeParse(snapshot);
      if (!parsed.success) {
        throw new Error(`sqs: the saved state is not an sqs snapshot (version 1): ${parsed.error.message}`);
      }
      state.scopes = parsed.data.scopes;
    },
  };
}
