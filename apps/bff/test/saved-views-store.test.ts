/**
 * The saved-view store's contract (schema version 15), the same on SQLite and a real PostgreSQL.
 */
import { afterEach, describe, expect, it } from "vitest";
import { SavedViewNameTakenError, type StoredSavedView } from "../src/store/saved-views.ts";
import type { Stores } from "../src/store/types.ts";
import { BACKENDS, type FreshDatabase } from "./store-support.ts";

function view(id: string, owner: string, name: string, visibility: "private" | "shared"): StoredSavedView {
  return { id, owner, name, visibility, paramsJson: '{"tier":"PLUS"}', createdAt: 1, updatedAt: 1 };
}

describe.each(BACKENDS)("the $name saved-view store", (backend) => {
  const opened: Stores[] = [];
  const databases: FreshDatabase[] = [];
  afterEach(async () => {
    for (const stores of opened.splice(0)) await stores.close();
    for (const database of databases.splice(0)) await database.dispose();
  });
  async function open(): Promise<Stores> {
    const database = await backend.fresh();
    databases.push(database);
    const stores = await database.open();
    opened.push(stores);
    return stores;
  }
  if (backend.skip) {
    it.skip(`skipped: ${backend.skip}`, () => {});
    return;
  }

  it("lists an owner's views and everyone's shared ones, by name without case", async () => {
    const { savedViews } = await open();
    await savedViews.create(view("00000000-0000-0000-0000-000000000001", "ann", "zeta", "private"));
    await savedViews.create(view("00000000-0000-0000-0000-000000000002", "bob", "Alpha", "shared"));
    await savedViews.create(view("00000000-0000-0000-0000-000000000003", "bob", "beta", "private"));
    expect((await savedViews.listVisibleTo("ann")).map((v) => v.name)).toEqual(["Alpha", "zeta"]);
    expect((await savedViews.listVisibleTo("bob")).map((v) => v.name)).toEqual(["Alpha", "beta"]);
    expect(await savedViews.countOwnedBy("bob")).toBe(2);
    expect(await savedViews.get("00000000-0000-0000-0000-000000000002")).toMatchObject({
      owner: "bob",
      visibility: "shared",
      paramsJson: '{"tier":"PLUS"}',
      createdAt: 1,
    });
  });

  it("refuses a second name of one owner that differs only in case, on create and on rename", async () => {
    const { savedViews } = await open();
    await savedViews.create(view("00000000-0000-0000-0000-000000000001", "ann", "Prod", "private"));
    await savedViews.create(view("00000000-0000-0000-0000-000000000002", "ann", "Dev", "private"));
    // Another owner may use the name.
    await savedViews.create(view("00000000-0000-0000-0000-000000000003", "bob", "prod", "shared"));
    await expect(
      savedViews.create(view("00000000-0000-0000-0000-000000000004", "ann", "PROD", "shared")),
    ).rejects.toBeInstanceOf(SavedViewNameTakenError);
    await expect(savedViews.rename("00000000-0000-0000-0000-000000000002", "prod", 2)).rejects.toBeInstanceOf(
      SavedViewNameTakenError,
    );
    expect(await savedViews.rename("00000000-0000-0000-0000-000000000002", "Staging", 2)).toBe(true);
    expect(await savedViews.rename("00000000-0000-0000-0000-00000000dead", "x", 2)).toBe(false);
    expect(await savedViews.remove("00000000-0000-0000-0000-000000000002")).toBe(true);
    expect(await savedViews.remove("00000000-0000-0000-0000-000000000002")).toBe(false);
    expect((await savedViews.listVisibleTo("ann")).map((v) => v.name)).toEqual(["Prod", "prod"]);
  });
});
