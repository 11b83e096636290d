import { afterEach, describe, expect, it, vi } from "vitest";
import { createCallPacer } from "../src/features/delivery/pacing.ts";

describe("the delivery reads' pacer", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("spaces one operation's calls in a region at its rate, and lets other operations and regions through", async () => {
    vi.useFakeTimers();
    const pacer = createCallPacer({ now: () => Date.now() });
    const passed: string[] = [];
    const go = (label: string, op: "logs.FilterLogEvents" | "cloudwatch.GetMetricData", region: string) =>
      pacer.wait(op, region).then(() => passed.push(label));
    // FilterLogEvents is paced at 4/s: the second call waits 250 ms, the third 500 ms.
    void go("filter-1", "logs.FilterLogEvents", "us-east-1");
    void go("filter-2", "logs.FilterLogEvents", "us-east-1");
    void go("filter-3", "logs.FilterLogEvents", "us-east-1");
    void go("other-region", "logs.FilterLogEvents", "eu-west-1");
    void go("metrics", "cloudwatch.GetMetricData", "us-east-1");
    await vi.advanceTimersByTimeAsync(0);
    expect(passed).toEqual(["filter-1", "other-region", "metrics"]);
    await vi.advanceTimersByTimeAsync(249);
    expect(passed).not.toContain("filter-2");
    await vi.advanceTimersByTimeAsync(1);
    expect(passed).toContain("filter-2");
    expect(passed).not.toContain("filter-3");
    await vi.advanceTimersByTimeAsync(250);
    expect(passed).toContain("filter-3");
  });

  it("stops waiting when the request's deadline aborts", async () => {
    vi.useFakeTimers();
    const pacer = createCallPacer({ now: () => Date.now() });
    await pacer.wait("logs.FilterLogEvents", "us-east-1");
    const controller = new AbortController();
    const waiting = pacer.wait("logs.FilterLogEvents", "us-east-1", controller.signal);
    controller.abort(new Error("deadline"));
    await expect(waiting).rejects.toThrow();
  });
});
