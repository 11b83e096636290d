/**
 * The deadline rules in isolation: how one SDK call ends at its deadline (callAws), and how callers
 * share the account lookup without sharing each other's failures. The HTTP behaviour under a hung
 * AWS is in faults.test.ts.
 */
import { getEventListeners } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { startDeadline } from "../src/aws/deadline.ts";
import { AwsCallError, callAws, DEADLINE_EXCEEDED } from "../src/aws/errors.ts";
import type { StsGateway } from "../src/aws/sts-gateway.ts";
import { createAccountService } from "../src/lib/account.ts";
import { describeAwsFailure } from "../src/lib/aws-failures.ts";

const never = () => new Promise<never>(() => {});

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("callAws within a deadline", () => {
  it("sends nothing once the deadline has passed, and says so: a write not sent was not applied", async () => {
    // Before, a change whose request had spent its time on the reads before the write answered "AWS
    // did not answer cognito-idp.SetLogDeliveryConfiguration" with "it may have been applied".
    const deadline = startDeadline(20);
    await new Promise((resolve) => setTimeout(resolve, 40));
    const call = vi.fn(async () => "sent");
    const error = await rejectionOf(callAws("cognito-idp.SetLogDeliveryConfiguration", call, deadline));
    expect(call).not.toHaveBeenCalled();
    expect(error).toBeInstanceOf(AwsCallError);
    const failure = error as AwsCallError;
    expect(failure.code).toBe(DEADLINE_EXCEEDED);
    expect(failure.notSent).toBe(true);
    expect(failure.outcomeUnknown).toBe(false);
    expect(failure.message).toMatch(
      /before the console could send cognito-idp\.SetLogDeliveryConfiguration: it was not sent/,
    );
    const answer = describeAwsFailure(failure);
    expect(answer.kind).toBe("timeout");
    expect(answer.options.hint).not.toMatch(/may have been applied/);
  });

  it("a read cut off while under way changed nothing, and says so", async () => {
    // Before, a change whose request ran out of time in the reads before its write answered "it may
    // have been applied" of a write never sent (new-user check).
    const deadline = startDeadline(20);
    const error = (await rejectionOf(
      callAws("logs.DescribeResourcePolicies", () => never(), deadline),
    )) as AwsCallError;
    const hint = describeAwsFailure(error).options.hint;
    expect(hint).not.toMatch(/may have been applied/);
    expect(hint).toMatch(/only reads: it changed nothing/);
  });

  it("a call cut off while under way may have been applied", async () => {
    const deadline = startDeadline(20);
    const error = (await rejectionOf(
      callAws("cognito-idp.SetLogDeliveryConfiguration", () => never(), deadline),
    )) as AwsCallError;
    expect(error.notSent).toBe(false);
    expect(error.outcomeUnknown).toBe(true);
    expect(describeAwsFailure(error).options.hint).toMatch(/may have been applied/);
  });

  it("ends a call that never answers at the deadline, aborting the signal the SDK was given", async () => {
    const deadline = startDeadline(20);
    let given: AbortSignal | undefined;

    const error = await rejectionOf(
      callAws(
        "cognito-idp.DescribeUserPool",
        (abortSignal) => {
          given = abortSignal;
          return never();
        },
        deadline,
      ),
    );

    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({
      code: DEADLINE_EXCEEDED,
      kind: "timeout",
      operation: "cognito-idp.DescribeUserPool",
      message: expect.stringContaining("within the 20 ms"),
    });
    // A write cut off this way may have been applied: callers must re-read, never retry.
    expect((error as AwsCallError).outcomeUnknown).toBe(true);
    expect(given?.aborted).toBe(true);
  });

  it("sends nothing once the deadline has passed", async () => {
    const deadline = startDeadline(10_000);
    deadline.end();
    let calls = 0;

    const error = await rejectionOf(
      callAws(
        "cognito-idp.SetLogDeliveryConfiguration",
        async () => {
          calls += 1;
          return "sent";
        },
        deadline,
      ),
    );

    expect(error).toMatchObject({ code: DEADLINE_EXCEEDED });
    expect(calls).toBe(0);
  });

  it("keeps AWS's own error when AWS answered before the deadline", async () => {
    const deadline = startDeadline(10_000);
    const throttled = Object.assign(new Error("Rate exceeded"), {
      name: "TooManyRequestsException",
      $metadata: { httpStatusCode: 400, requestId: "r-1" },
    });

    const error = await rejectionOf(
      callAws("cognito-idp.GetLogDeliveryConfiguration", () => Promise.reject(throttled), deadline),
    );
    deadline.end();

    expect(error).toMatchObject({ code: "TooManyRequestsException", kind: "service", requestId: "r-1" });
  });

  // A destination search sends up to 200 calls under one request deadline; each call's race and the
  // SDK's HTTP handler listen for the abort. One listener per call on the shared signal passed Node's
  // limit of 10 (MaxListenersExceededWarning in the e2e run).
  it("adds one listener to a deadline shared by many calls, and none once they settled", async () => {
    const deadline = startDeadline(10_000);
    const answers: Array<(value: string) => void> = [];
    const given: AbortSignal[] = [];
    const calls = Array.from({ length: 20 }, () =>
      callAws(
        "firehose.DescribeDeliveryStream",
        (abortSignal) =>
          new Promise<string>((resolve) => {
            // What the SDK's HTTP handler does with the signal it is given.
            abortSignal?.addEventListener("abort", () => undefined, { once: true });
            if (abortSignal) given.push(abortSignal);
            answers.push(resolve);
          }),
        deadline,
      ),
    );

    expect(answers).toHaveLength(20);
    expect(getEventListeners(deadline.signal, "abort").length).toBeLessThanOrEqual(1);
    for (const answer of answers) answer("ok");
    expect(await Promise.all(calls)).toEqual(Array(20).fill("ok"));
    // Each call had a signal of its own, aborted with the deadline all the same.
    expect(new Set(given).size).toBe(20);
    deadline.end();
    expect(given.every((signal) => signal.aborted)).toBe(false);
  });

  it("aborts the signal each call was given when the shared deadline passes", async () => {
    const deadline = startDeadline(20);
    const given: AbortSignal[] = [];
    const errors = await Promise.all(
      Array.from({ length: 3 }, () =>
        rejectionOf(
          callAws(
            "s3.GetBucketPolicy",
            (abortSignal) => {
              if (abortSignal) given.push(abortSignal);
              return never();
            },
            deadline,
          ),
        ),
      ),
    );
    expect(errors.map((e) => (e as AwsCallError).code)).toEqual(Array(3).fill(DEADLINE_EXCEEDED));
    expect(given.map((signal) => signal.aborted)).toEqual([true, true, true]);
  });

  it("gives a call without a user deadline a budget of its own", async () => {
    let given: AbortSignal | undefined;

    const error = await rejectionOf(
      callAws(
        "cognito-idp.ListUserPools",
        (abortSignal) => {
          given = abortSignal;
          return never();
        },
        20,
      ),
    );

    expect(error).toMatchObject({ code: DEADLINE_EXCEEDED, message: expect.stringContaining("20 ms") });
    expect(given?.aborted).toBe(true);
  });
});

/** An STS stand-in whose lookups the test settles by hand, in the order they were asked. */
function manualSts() {
  const lookups: Array<{ resolve(account: string): void; reject(error: Error): void }> = [];
  const sts: Pick<StsGateway, "callerAccount"> = {
    callerAccount: () =>
      new Promise<string>((resolve, reject) => {
        lookups.push({ resolve, reject });
      }),
  };
  return { sts, lookups };
}

const timedOut = () => new AwsCallError("Timeout", "no answer", 0, null, "timeout", "sts.GetCallerIdentity");

describe("the account lookup shared by callers", () => {
  it("gives a caller that joined a lookup which then failed a lookup of its own", async () => {
    const { sts, lookups } = manualSts();
    const account = createAccountService({ sts, homeRegion: "us-east-1" });
    const first = account.accountId();
    first.catch(() => undefined);
    // Joins the lookup in flight, e.g. one sent while AWS hung and about to time out.
    const joined = account.accountId(startDeadline(10_000));

    lookups[0]?.reject(timedOut());
    await expect(first).rejects.toMatchObject({ code: "Timeout" });
    await vi.waitFor(() => expect(lookups).toHaveLength(2));
    lookups[1]?.resolve("123456789012");

    await expect(joined).resolves.toBe("123456789012");
    // Remembered from then on: no third lookup.
    await expect(account.accountId()).resolves.toBe("123456789012");
    expect(lookups).toHaveLength(2);
  });

  it("stops a caller's wait at its deadline while the lookup goes on for the others", async () => {
    const { sts, lookups } = manualSts();
    const account = createAccountService({ sts, homeRegion: "us-east-1" });

    const error = await rejectionOf(account.accountId(startDeadline(20)));
    expect(error).toMatchObject({ code: DEADLINE_EXCEEDED, operation: "sts.GetCallerIdentity" });

    const later = account.accountId();
    lookups[0]?.resolve("123456789012");
    await expect(later).resolves.toBe("123456789012");
    expect(lookups).toHaveLength(1);
  });
});
