/**
 * Spaces the delivery reads of each AWS operation per region below its quota. Unlike Cognito's
 * (lib/read-pacer.ts), these quotas are per operation and the calls few, so one schedule per
 * operation and region is enough: each call takes the next free slot, `1/rate` s after the last.
 *
 * Rates (a share of each documented quota, leaving room for every other tool of the account):
 * CloudWatch Logs FilterLogEvents 5 TPS → 4/s, DescribeLogStreams 25 TPS → 10/s; CloudWatch
 * GetMetricData 50 TPS → 10/s, ListMetrics 25 TPS → 10/s; S3 ListObjectsV2/GetObject (thousands
 * per prefix) → 20/s.
 */

export const DELIVERY_READ_RATES = {
  "logs.FilterLogEvents": 4,
  "logs.DescribeLogStreams": 10,
  "cloudwatch.GetMetricData": 10,
  "cloudwatch.ListMetrics": 10,
  "s3.ListObjectsV2": 20,
  "s3.GetObject": 20,
  "firehose.DescribeDeliveryStream": 10,
} as const;
export type PacedOperation = keyof typeof DELIVERY_READ_RATES;

export interface CallPacer {
  /** Waits for the operation's next slot in the region; rejects with the signal's reason if it aborts first. */
  wait(operation: PacedOperation, region: string, signal?: AbortSignal): Promise<void>;
}

/** Resolves after `ms`, or rejects with the signal's reason once it aborts (the timer is cleared). */
function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** `maxKeys` bounds the schedules kept (operation × region); the least recently used go first. */
export function createCallPacer(options: { now?: () => number; maxKeys?: number } = {}): CallPacer {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 256;
  const nextFree = new Map<string, number>();
  return {
    async wait(operation, region, signal) {
      const key = `${operation}:${region}`;
      const at = Math.max(now(), nextFree.get(key) ?? 0);
      nextFree.delete(key);
      nextFree.set(key, at + 1000 / DELIVERY_READ_RATES[operation]);
      if (nextFree.size > maxKeys) {
        const oldest = nextFree.keys().next().value;
        if (oldest !== undefined) nextFree.delete(oldest);
      }
      const wait = at - now();
      if (wait > 0) await delay(wait, signal);
    },
  };
}
