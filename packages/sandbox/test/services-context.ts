/** A CallContext for calling service operations directly in unit tests (logs, firehose, s3, delivery), and the error they throw. */
import { AwsError, type CallContext } from "../src/core/types.ts";

export interface FakeContext extends CallContext {
  /** How many times a handler reported a state change. */
  readonly changes: number;
  /** Move the clock (milliseconds). */
  advance(ms: number): void;
  /** The same clock and counters seen from another region or account. */
  as(overrides: { region?: string; accountId?: string }): FakeContext;
}

export function fakeContext(
  options: { region?: string; accountId?: string; now?: number } = {},
  clock = { now: options.now ?? Date.UTC(2025, 0, 15, 12, 0, 0), changes: 0 },
): FakeContext {
  let requests = 0;
  return {
    region: options.region ?? "us-east-1",
    accountId: options.accountId ?? "123456789012",
    get requestId() {
      requests += 1;
      return `00000000-0000-4000-8000-${String(requests).padStart(12, "0")}`;
    },
    now: () => clock.now,
    changed: () => {
      clock.changes += 1;
    },
    get changes() {
      return clock.changes;
    },
    advance(ms: number) {
      clock.now += ms;
    },
    as(overrides) {
      return fakeContext(
        {
          region: overrides.region ?? options.region ?? "us-east-1",
          accountId: overrides.accountId ?? options.accountId ?? "123456789012",
        },
        clock,
      );
    },
  };
}

/** The AwsError an operation throws; fails the test when it answers instead. */
export function awsErrorOf(run: () => unknown): AwsError {
  try {
    run();
  } catch (error) {
    if (error instanceof AwsError) return error;
    throw error;
  }
  throw new Error("expected an AwsError, got an answer");
}
