/**
 * Queues: CreateQueue, GetQueueUrl, GetQueueAttributes, SetQueueAttributes, ListQueueTags, DeleteQueue
 * (standard queues; FIFO queues are refused). Attribute names, ranges and defaults follow the SQS API
 * reference (CreateQueue, "Request Parameters"); the maximum message size is 1 MiB since 2025.
 */

import { epochSeconds } from "../../core/ids.ts";
import { QueryCompatibleError } from "../../core/protocols/json.ts";
import { list, map, required, str, struct } from "../../core/shapes.ts";
import type { CallContext, JsonOperation } from "../../core/types.ts";
import { scopeKey } from "../shared/arns.ts";
import { type Queue, queueArn, queueUrl, type SqsState } from "./model.ts";
import { sqsOperation } from "./shapes.ts";

/** Settable attributes: name → [min, max] for numbers, or "text" (stored as given). */
const SETTABLE: Record<string, readonly [number, number] | "text"> = {
  DelaySeconds: [0, 900],
  MaximumMessageSize: [1024, 1_048_576],
  MessageRetentionPeriod: [60, 1_209_600],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  VisibilityTimeout: [0, 43_200],
  Policy: "text",
  RedrivePolicy: "text",
  RedriveAllowPolicy: "text",
  KmsMasterKeyId: "text",
  KmsDataKeyReusePeriodSeconds: [60, 86_400],
  SqsManagedSseEnabled: "text",
};

const DEFAULTS: Record<string, string> = {
  DelaySeconds: "0",
  MaximumMessageSize: "1048576",
  MessageRetentionPeriod: "345600",
  ReceiveMessageWaitTimeSeconds: "0",
  VisibilityTimeout: "30",
  SqsManagedSseEnabled: "true",
};

/** Attributes SQS computes; GetQueueAttributes answers them beside the settable ones. */
const COMPUTED = [
  "QueueArn",
  "ApproximateNumberOfMessages",
  "ApproximateNumberOfMessagesNotVisible",
  "ApproximateNumberOfMessagesDelayed",
  "CreatedTimestamp",
  "LastModifiedTimestamp",
];

export function queueNotFound(): QueryCompatibleError {
  return new QueryCompatibleError(
    "QueueDoesNotExist",
    "AWS.SimpleQueueService.NonExistentQueue",
    "The specified queue does not exist.",
  );
}

/** Ours: SQS's InvalidParameterValue for parameters out of range (its texts for queue names are not captured). */
export function invalidParameter(message: string): QueryCompatibleError {
  return new QueryCompatibleError("InvalidParameterValue", "InvalidParameterValue", message);
}

function checkAttributes(attributes: Record<string, string>): void {
  for (const [name, value] of Object.entries(attributes)) {
    const rule = SETTABLE[name];
    if (rule === undefined) {
      throw new QueryCompatibleError(
        "InvalidAttributeName",
        "InvalidAttributeName",
        `Unknown Attribute ${name}.`,
      );
    }
    if (rule === "text") {
      if (name === "Policy" && value !== "") {
        try {
          JSON.parse(value);
        } catch {
          throw new QueryCompatibleError(
            "InvalidAttributeValue",
            "InvalidAttributeValue",
            "Invalid value for the parameter Policy.",
          );
        }
      }
      continue;
    }
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < rule[0] || n > rule[1]) {
      throw new QueryCompatibleError(
        "InvalidAttributeValue",
        "InvalidAttributeValue",
        `Invalid value for the parameter ${name}.`,
      );
    }
  }
}

/** The queue a QueueUrl names in the caller's account and region (`…/<account>/<name>`, any host). */
export function queueAt(state: SqsState, ctx: CallContext, url: string): Queue {
  const parts = url.replace(/\/+$/, "").split("/");
  const name = parts.at(-1) ?? "";
  const account = parts.at(-2) ?? "";
  if (account !== ctx.accountId) throw queueNotFound();
  const queue = state.scopes[scopeKey(ctx.accountId, ctx.region)]?.[name];
  if (!queue) throw queueNotFound();
  return queue;
}

/** Every attribute GetQueueAttributes can answer for this queue, as strings. */
export function attributesOf(queue: Queue, ctx: CallContext): Record<string, string> {
  const now = ctx.now();
  const visible = queue.messages.filter((m) => m.visibleAt <= now && m.receiveCount === 0).length;
  const inFlight = queue.messages.filter((m) => m.visibleAt > now && m.receiveCount > 0).length;
  const delayed = queue.messages.filter((m) => m.visibleAt > now && m.receiveCount === 0).length;
  const returned = queue.messages.filter((m) => m.visibleAt <= now && m.receiveCount > 0).length;
  return {
    ...DEFAULTS,
    ...queue.attributes,
    QueueArn: queueArn(ctx.accountId, ctx.region, queue.name),
    ApproximateNumberOfMessages: String(visible + returned),
    ApproximateNumberOfMessagesNotVisible: String(inFlight),
    ApproximateNumberOfMessagesDelayed: String(delayed),
    CreatedTimestamp: String(Math.floor(epochSeconds(queue.createdAt))),
    LastModifiedTimestamp: String(Math.floor(epochSeconds(queue.modifiedAt))),
  };
}

const queueName = str({ min: 1, max: 80 });
const attributeMap = map(str(), str());
const CreateQueueRequest = struct("CreateQueueRequest", {
  QueueName: required(queueName),
  Attributes: attributeMap,
  tags: map(str({ min: 1, max: 128 }), str({ max: 256 }), { max: 50 }),
});
const GetQueueUrlRequest = struct("GetQueueUrlRequest", {
  QueueName: required(str()),
  QueueOwnerAWSAccountId: str(),
});
const QueueUrlRequest = (name: string) => struct(name, { QueueUrl: required(str()) });
const GetQueueAttributesRequest = struct("GetQueueAttributesRequest", {
  QueueUrl: required(str()),
  AttributeNames: list(str()),
});
const SetQueueAttributesRequest = struct("SetQueueAttributesRequest", {
  QueueUrl: required(str()),
  Attributes: required(attributeMap),
});

export function queueOperations(state: SqsState): Record<string, JsonOperation> {
  return {
    CreateQueue: sqsOperation(CreateQueueRequest, (input, ctx) => {
      const name = input.QueueName;
      if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) {
        // FIFO queues (`.fifo`) are not simulated; their names are refused here too.
        throw invalidParameter(
          "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length",
        );
      }
      const attributes = input.Attributes ?? {};
      checkAttributes(attributes);
      const key = scopeKey(ctx.accountId, ctx.region);
      const queues = state.scopes[key] ?? {};
      state.scopes[key] = queues;
      const existing = queues[name];
      if (existing) {
        // Same name and the same attributes: SQS answers the existing queue's URL (API reference, CreateQueue).
        const current = { ...DEFAULTS, ...existing.attributes };
        const differing = Object.keys(attributes).find((k) => current[k] !== attributes[k]);
        if (differing !== undefined) {
          throw new QueryCompatibleError(
            "QueueNameExists",
            "QueueAlreadyExists",
            `A queue already exists with the same name and a different value for attribute ${differing}`,
          );
        }
        return { QueueUrl: queueUrl(ctx.accountId, ctx.region, name) };
      }
      const now = ctx.now();
      queues[name] = {
        name,
        createdAt: now,
        modifiedAt: now,
        attributes: { ...attributes },
        tags: { ...(input.tags ?? {}) },
        messages: [],
      };
      ctx.changed();
      return { QueueUrl: queueUrl(ctx.accountId, ctx.region, name) };
    }),
    GetQueueUrl: sqsOperation(GetQueueUrlRequest, (input, ctx) => {
      const owner = input.QueueOwnerAWSAccountId ?? ctx.accountId;
      if (owner !== ctx.accountId || !state.scopes[scopeKey(ctx.accountId, ctx.region)]?.[input.QueueName]) {
        throw queueNotFound();
      }
      return { QueueUrl: queueUrl(ctx.accountId, ctx.region, input.QueueName) };
    }),
    GetQueueAttributes: sqsOperation(GetQueueAttributesRequest, (input, ctx) => {
      const queue = queueAt(state, ctx, input.QueueUrl);
      const all = attributesOf(queue, ctx);
      const names = input.AttributeNames ?? [];
      for (const n of names) {
        if (n !== "All" && SETTABLE[n] === undefined && !COMPUTED.includes(n)) {
          throw new QueryCompatibleError(
            "InvalidAttributeName",
            "InvalidAttributeName",
            `Unknown Attribute ${n}.`,
          );
        }
      }
      const wanted = names.includes("All") ? Object.keys(all) : names;
      const Attributes = Object.fromEntries(
        wanted.filter((n) => all[n] !== undefined).map((n) => [n, all[n] as string]),
      );
      return Object.keys(Attributes).length > 0 ? { Attributes } : {};
    }),
    SetQueueAttributes: sqsOperation(SetQueueAttributesRequest, (input, ctx) => {
      const queue = queueAt(state, ctx, input.QueueUrl);
      checkAttributes(input.Attributes);
      for (const [k, v] of Object.entries(input.Attributes)) {
        // An empty Policy removes it (SQS API reference, SetQueueAttributes).
        if (v === "" && k === "Policy") delete queue.attributes[k];
        else queue.attributes[k] = v;
      }
      queue.modifiedAt = ctx.now();
      ctx.changed();
      return {};
    }),
    ListQueueTags: sqsOperation(QueueUrlRequest("ListQueueTagsRequest"), (input, ctx) => {
      const queue = queueAt(state, ctx, input.QueueUrl);
      return Object.keys(queue.tags).length > 0 ? { Tags: { ...queue.tags } } : {};
    }),
    DeleteQueue: sqsOperation(QueueUrlRequest("DeleteQueueRequest"), (input, ctx) => {
      const queue = queueAt(state, ctx, input.QueueUrl);
      delete state.scopes[scopeKey(ctx.accountId, ctx.region)]?.[queue.name];
      ctx.changed();
      return {};
    }),
  };
}
