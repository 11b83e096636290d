/**
 * Amazon Data Firehose (awsJson1_1, `Firehose_20150804.<Op>`): delivery streams with S3, extended-S3
 * and HTTP-endpoint destinations, tags, and records. A new stream is CREATING until
 * `activationDelayMs` after its creation (computed from the clock, no timers). Records put into an
 * S3-backed stream are written on to the bucket when it exists in the sandbox; HTTP endpoints are
 * never called: records are kept as "delivered to endpoint" for diagnostics and tests.
 *
 * One file per group of operations; this table says where each operation lives.
 */
import type { JsonService, RestService, StatefulService } from "../../core/types.ts";
import type { DeliveryObservers } from "./delivery.ts";
import { FirehoseSnapshotSchema, type FirehoseState } from "./model.ts";
import { recordOperations } from "./records.ts";
import { streamOperations } from "./streams.ts";
import { tagOperations } from "./tags.ts";

export interface FirehoseOptions {
  /** CREATING → ACTIVE delay of new streams (default 0: active at once). */
  activationDelayMs?: number;
  /** The name the core's options use for the same delay. */
  firehoseActivationDelayMs?: number;
  /** Where S3-backed streams write their records (the sandbox's S3 service), looked up at delivery time. */
  s3?: () => RestService | undefined;
  /** Where deliveries publish AWS/Firehose metrics, and the HTTP-endpoint failure switch. */
  observers?: () => DeliveryObservers;
}

/** Firehose as this module builds it: the service plus a late hook to reach the sandbox's S3. */
export type FirehoseService = JsonService &
  StatefulService & { connectS3(s3: () => RestService | undefined): void };

/** True for a firehose service from this module (the core's types know only JsonService). */
export function canConnectS3(service: unknown): service is FirehoseService {
  return (
    typeof service === "object" &&
    service !== null &&
    typeof (service as { connectS3?: unknown }).connectS3 === "function"
  );
}

export function createFirehoseService(options: FirehoseOptions = {}): FirehoseService {
  let s3Source = options.s3;
  const activationDelayMs = Math.max(0, options.activationDelayMs ?? options.firehoseActivationDelayMs ?? 0);
  const state: FirehoseState = { scopes: {} };
  return {
    targetPrefix: "Firehose_20150804",
    signingName: "firehose",
    operations: {
      // CreateDeliveryStream, DeleteDeliveryStream, DescribeDeliveryStream, ListDeliveryStreams
      ...streamOperations(state, activationDelayMs),
      // TagDeliveryStream, UntagDeliveryStream, ListTagsForDeliveryStream
      ...tagOperations(state),
      // PutRecord, PutRecordBatch, SandboxListDeliveries (sandbox-only)
      ...recordOperations(
        state,
        () => s3Source?.(),
        () => options.observers?.() ?? {},
      ),
    },
    connectS3(s3) {
      s3Source = s3;
    },
    snapshot() {
      return { version: 1, scopes: state.scopes };
    },
    restore(snapshot) {
      const parsed = FirehoseSnapshotSchema.safeParse(snapshot);
      if (!parsed.success) {
        throw new Error(
          `firehose: the saved state is not a firehose snapshot (version 1): ${parsed.error.message}`,
        );
      }
      state.scopes = parsed.data.scopes;
    },
  };
}
