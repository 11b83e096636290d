/**
 * The read pacer's order of service (pure logic; the HTTP behaviour is in quota-limits.test.ts):
 * an admin's change ("write") goes before viewers' reads, which go before the background fleet read.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Lane } from "../src/aws/deadline.ts";
import { createReadPacer } from "../src/lib/read-pacer.ts";

describe("the read pacer's lanes", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("grants tokens to the most urgent lane first, whatever the order of arrival", async () => {
    // The clock stands still until every call below is waiting for a token.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    // requestsPerSecond 2: a bucket of 1, taken by the first call before the others arrive.
    const pacer = createReadPacer({ requestsPerSecond: 2, maxConcurrency: 10 });
    const served: string[] = [];
    const call = (lane: Lane, name: string) => {
      const signal = new AbortController().signal;
      return pacer.inSlot(
        "us-east-1",
        async () => {
          await pacer.takeToken("us-east-1", signal);
          served.push(name);
        },
        { lane, signal },
      );
    };

    await call("background", "first");
    const calls = Promise.all([
      call("background", "fleet-1"),
      call("background", "fleet-2"),
      call("read", "viewer-1"),
      call("background", "fleet-3"),
      call("read", "viewer-2"),
      call("write", "admin"),
    ]);
    await vi.advanceTimersByTimeAsync(5000);
    await calls;

    expect(served).toEqual(["first", "admin", "viewer-1", "viewer-2", "fleet-1", "fleet-2", "fleet-3"]);
  });

  it("hands a freed slot to the most urgent waiting call, and skips calls that gave up", async () => {
    const pacer = createReadPacer({ requestsPerSecond: 50, maxConcurrency: 1 });
    const served: string[] = [];
    let release = () => {};
    let holding = () => {};
    const held = new Promise<void>((resolve) => (holding = resolve));
    const holder = pacer.inSlot(
      "eu-west-1",
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
          holding();
        }),
    );
    await held;
    const gaveUp = new AbortController();
    const waiting = [
      pacer.inSlot("eu-west-1", async () => served.push("fleet"), { lane: "background" }),
      pacer.inSlot("eu-west-1", async () => served.push("viewer"), { lane: "read" }),
      pacer
        .inSlot("eu-west-1", async () => served.push("viewer who left"), {
          lane: "read",
          signal: gaveUp.signal,
        })
        .catch((reason: unknown) => `rejected: ${String(reason)}`),
      pacer.inSlot("eu-west-1", async () => served.push("admin"), { lane: "write" }),
    ];
    gaveUp.abort("gone");
    release();
    await holder;
    const results = await Promise.all(waiting);

    expect(served).toEqual(["admin", "viewer", "fleet"]);
    expect(results[2]).toBe("rejected: gone");
  });

  it("ends a call's wait for the shared budget at its deadline, when the database does not answer", async () => {
    const errors: unknown[] = [];
    const pacer = createReadPacer({
      requestsPerSecond: 10,
      maxConcurrency: 4,
      // Every connection busy: the replicas' budget does not answer.
      shared: {
        take: () => new Promise<number>(() => {}),
        giveBack: async () => {},
      },
      onSharedError: (error) => errors.push(error),
    });
    const deadline = new AbortController();
    const reason = new Error("the call's deadline passed");
    setTimeout(() => deadline.abort(reason), 100);
    // Before: the take waited for the database however long the call's deadline was.
    const outcome = await Promise.race([
      pacer.takeToken("us-east-1", deadline.signal).then(
        () => "took a token",
        (error: unknown) => error,
      ),
      new Promise((resolve) => setTimeout(() => resolve("still waiting"), 2_000)),
    ]);
    expect(outcome).toBe(reason);
    // Not reported as the budget failing: the call ended, the budget did not fail.
    expect(errors).toEqual([]);
  });
});
