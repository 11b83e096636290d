/**
 * Records: PutRecord, PutRecordBatch (base64 data, AWS's size limits; only into an ACTIVE DirectPut
 * stream), and the sandbox-only SandboxListDeliveries. Each put is delivered at once (`delivery.ts`).
 */
import { randomBytes } from "node:crypto";
import { list, required, str, struct } from "../../core/shapes.ts";
import { AwsError, type CallContext, type JsonOperation, type RestService } from "../../core/types.ts";
import { type DeliveryObservers, deliver } from "./delivery.ts";
import { invalidArgument, notFound, statusOf, streamNamed } from "./lookup.ts";
import { firehoseOperation, streamName } from "./members.ts";
import type { FirehoseState, Stream } from "./model.ts";

const MAX_RECORD_BYTES = 1_024_000;
const MAX_BATCH_BYTES = 4 * 1024 * 1024;

const NameInput = struct("DeliveryStreamNameInput", { DeliveryStreamName: required(streamName) });
const recordShape = struct("Record", { Data: required(str()) });
const PutRecordInput = struct("PutRecordInput", {
  DeliveryStreamName: required(streamName),
  Record: required(recordShape),
});
const PutRecordBatchInput = struct("PutRecordBatchInput", {
  DeliveryStreamName: required(streamName),
  Records: required(list(recordShape, { min: 1, max: 500 })),
});

function decodeData(data: string): Buffer {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 === 1) {
    throw new AwsError("SerializationException", "Record Data must be base64-encoded.");
  }
  return Buffer.from(data, "base64");
}

/** Firehose's record ids are long opaque base64 strings. */
function newRecordId(): string {
  return randomBytes(84).toString("base64").replace(/[+/=]/g, "").slice(0, 112);
}

export function recordOperations(
  state: FirehoseState,
  s3: () => RestService | undefined,
  observers: () => DeliveryObservers = () => ({}),
): Record<string, JsonOperation> {
  const writableStream = (ctx: CallContext, name: string): Stream => {
    const stream = streamNamed(state, ctx, name);
    if (statusOf(stream, ctx) !== "ACTIVE") {
      // Ours: AWS refuses puts until the stream is ACTIVE; its exact text is not captured.
      throw notFound(name, ctx);
    }
    if (stream.type !== "DirectPut") {
      throw invalidArgument(`This operation is not permitted on ${stream.type} delivery stream type.`);
    }
    return stream;
  };

  return {
    PutRecord: firehoseOperation(PutRecordInput, (input, ctx) => {
      const data = decodeData(input.Record.Data);
      if (data.length > MAX_RECORD_BYTES) {
        throw new AwsError(
          "ValidationException",
          `1 validation error detected: Value at 'record.data' failed to satisfy constraint: Member must have length less than or equal to ${MAX_RECORD_BYTES}`,
        );
      }
      const stream = writableStream(ctx, input.DeliveryStreamName);
      deliver(s3(), stream, [data], ctx, observers());
      ctx.changed();
      return { RecordId: newRecordId(), Encrypted: stream.encryption !== undefined };
    }),

    PutRecordBatch: firehoseOperation(PutRecordBatchInput, (input, ctx) => {
      const records = input.Records.map((r) => decodeData(r.Data));
      records.forEach((data, i) => {
        if (data.length > MAX_RECORD_BYTES) {
          throw new AwsError(
            "ValidationException",
            `1 validation error detected: Value at 'records.${i + 1}.member.data' failed to satisfy constraint: Member must have length less than or equal to ${MAX_RECORD_BYTES}`,
          );
        }
      });
      const total = records.reduce((n, r) => n + r.length, 0);
      if (total > MAX_BATCH_BYTES) {
        throw invalidArgument(`Records size exceeds 4 MiB limit (${total} bytes).`);
      }
      const stream = writableStream(ctx, input.DeliveryStreamName);
      deliver(s3(), stream, records, ctx, observers());
      ctx.changed();
      return {
        FailedPutCount: 0,
        Encrypted: stream.encryption !== undefined,
        RequestResponses: records.map(() => ({ RecordId: newRecordId() })),
      };
    }),

    /**
     * Sandbox-only (not an AWS operation): what each stream delivered and where, for diagnostics
     * and tests. Answers `{ Deliveries: [...] }`, newest last.
     */
    SandboxListDeliveries: firehoseOperation(NameInput, (input, ctx) => ({
      Deliveries: streamNamed(state, ctx, input.DeliveryStreamName).deliveries,
    })),
  };
}
