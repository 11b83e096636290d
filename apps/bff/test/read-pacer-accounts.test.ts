/**
 * One token bucket per (account, region) (issue 14): AWS counts Cognito's read quota per account and
 * region, so one account's queue must not hold back another's reads.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createReadPacer, scopedPacer } from "../src/lib/read-pacer.ts";
import type { ReadBudgetStore } from "../src/store/types.ts";

describe("the read pacer across accounts", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("serves another account's token while one account waits for its bucket", async () => {
    // The clock stands still: a token that must wait for the bucket never comes during the test.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance", "Date"] });
    // 2/s: a bucket of 1 token per place.
    const pacer = createReadPacer({ requestsPerSecond: 2, maxConcurrency: 10 });
    const a = scopedPacer(pacer, "111111111111");
    const b = scopedPacer(pacer, "222222222222");
    const served: string[] = [];
    await a.takeToken("us-east-1");
    const aSecond = a.takeToken("us-east-1").then(() => served.push("a-second"));
    await b.takeToken("us-east-1").then(() => served.push("b-first"));
    // Another region of the same account has its own bucket too; the own account's is the region's.
    await a.takeToken("eu-west-1").then(() => served.push("a-eu"));
    await pacer.takeToken("us-east-1").then(() => served.push("own-first"));
    expect(served).toEqual(["b-first", "a-eu", "own-first"]);
    await vi.advanceTimersByTimeAsync(1000);
    await aSecond;
    expect(served).toEqual(["b-first", "a-eu", "own-first", "a-second"]);
  });

  it("names each (account, region) in the budget the replicas share", async () => {
    const names: string[] = [];
    const shared: ReadBudgetStore = {
      async take(name: string) {
        names.push(name);
        return 0;
      },
      async giveBack() {},
    } as unknown as ReadBudgetStore;
    const pacer = createReadPacer({ requestsPerSecond: 10, maxConcurrency: 4, shared });
    await scopedPacer(pacer, "111122223333").takeToken("eu-west-1");
    await pacer.takeToken("eu-west-1");
    expect(names).toEqual(["cognito-read:111122223333:eu-west-1", "cognito-read:eu-west-1"]);
  });
});
