/**
 * The logging standard's store (schema version 10) in both dialects, as two replicas share it: a
 * write names the revision it was made on, and of two writes on the same revision exactly one wins.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Stores } from "../src/store/types.ts";
import { BACKENDS, type FreshDatabase } from "./store-support.ts";

describe.each(BACKENDS)("the standard on a $name store", (backend) => {
  let database: FreshDatabase | undefined;
  const opened: Stores[] = [];
  async function twoReplicas(): Promise<[Stores, Stores]> {
    database = await backend.fresh();
    const a = await database.open();
    const b = await database.open();
    opened.push(a, b);
    return [a, b];
  }
  afterEach(async () => {
    for (const stores of opened.splice(0)) await stores.close();
    await database?.dispose();
  });
  if (backend.skip) {
    it.skip(`skipped: ${backend.skip}`, () => {});
    return;
  }

  it("keeps one standard: revisions count up, and of two writes on one revision one wins", async () => {
    const [a, b] = await twoReplicas();
    expect(await a.standard.get()).toEqual({
      documentJson: null,
      revision: 0,
      updatedAt: null,
      updatedBy: null,
    });
    const first = await Promise.all([
      a.standard.put('{"rules":[]}', 0, "alice", 1_000),
      b.standard.put('{"rules":[1]}', 0, "bob", 1_001),
    ]);
    expect(first.filter((r) => r === 1)).toHaveLength(1);
    expect(first.filter((r) => r === null)).toHaveLength(1);
    const second = await Promise.all([
      a.standard.put('{"a":1}', 1, "alice", 2_000),
      b.standard.put('{"b":1}', 1, "bob", 2_001),
    ]);
    expect(second.sort()).toEqual([2, null]);
    const stored = await b.standard.get();
    expect(stored.revision).toBe(2);
    expect(["alice", "bob"]).toContain(stored.updatedBy);
    expect(typeof stored.updatedAt).toBe("number");
  });

  it("keeps exemptions, each changed and removed only on its current revision", async () => {
    const [a, b] = await twoReplicas();
    await a.standard.createExemption({ id: "e1", dataJson: '{"x":1}', by: "alice", now: 5_000 });
    expect(await b.standard.getExemption("e1")).toEqual({
      id: "e1",
      dataJson: '{"x":1}',
      revision: 1,
      createdAt: 5_000,
      createdBy: "alice",
      updatedAt: 5_000,
      updatedBy: "alice",
    });
    const updates = await Promise.all([
      a.standard.updateExemption("e1", '{"x":2}', 1, "alice", 6_000),
      b.standard.updateExemption("e1", '{"x":3}', 1, "bob", 6_001),
    ]);
    expect(updates.sort()).toEqual([false, true]);
    expect(await b.standard.deleteExemption("e1", 1)).toBe(false);
    expect(await b.standard.deleteExemption("e1", 2)).toBe(true);
    expect(await a.standard.listExemptions()).toEqual([]);
  });
});
