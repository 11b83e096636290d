import { describe, expect, it } from "vitest";
import { AccountPoolParamsSchema, poolKey, poolPath, roleSessionName } from "../src/index.ts";

describe("roleSessionName", () => {
  it("names the operator within STS's pattern and length, or clc-fleet for background reads", () => {
    expect(roleSessionName(null)).toBe("clc-fleet");
    expect(roleSessionName("alice")).toBe("clc-alice");
    expect(roleSessionName("Bob Smith/ü:x")).toBe("clc-Bob-Smith---x");
    const long = roleSessionName("a".repeat(100));
    expect(long).toHaveLength(64);
    expect(long).toMatch(/^[\w+=,.@-]{2,64}$/);
  });
});

describe("pool identity", () => {
  it("keys and paths name the account and the pool", () => {
    const ref = { accountId: "111122223333", region: "us-east-1", poolId: "us-east-1_Ab" };
    expect(poolKey(ref)).toBe("111122223333/us-east-1_Ab");
    expect(poolPath(ref)).toBe("/accounts/111122223333/pools/us-east-1_Ab");
    expect(AccountPoolParamsSchema.safeParse({ accountId: "1111", poolId: "us-east-1_Ab" }).success).toBe(
      false,
    );
  });
});
