/**
 * Saved views of the fleet over HTTP, on the real app with sign-in (issue 19): a private view is
 * seen by its owner only, a shared one by everyone; names and parameters are checked (a view can
 * only hold what the fleet's URL accepts); only the owner renames, the owner or an admin (for a
 * shared view) deletes; every write is in the audit trail.
 */
import type { AuditListResponse, SavedView, SavedViewList } from "@clc/domain";
import { afterEach, describe, expect, it } from "vitest";
import { createSqliteStores } from "../src/store/sqlite/index.ts";
import {
  ADMIN,
  addOperator,
  problemType,
  startTestApp,
  type TestApp,
  TestBrowser,
  VIEWER,
} from "./auth-support.ts";

const OTHER_VIEWER = { username: "olga", password: "another viewer password", role: "viewer" } as const;

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function start() {
  const stores = createSqliteStores(":memory:");
  t = await startTestApp({ stores });
  const browsers: Record<string, TestBrowser> = {};
  for (const operator of [ADMIN, VIEWER, OTHER_VIEWER]) {
    await addOperator(stores, operator);
    const browser = new TestBrowser(t.baseUrl);
    expect((await browser.signIn(operator.username, operator.password)).status).toBe(200);
    browsers[operator.username] = browser;
  }
  return {
    admin: browsers[ADMIN.username] as TestBrowser,
    victor: browsers[VIEWER.username] as TestBrowser,
    olga: browsers[OTHER_VIEWER.username] as TestBrowser,
  };
}

async function names(browser: TestBrowser): Promise<string[]> {
  const answer = await browser.request("GET", "/api/views");
  expect(answer.status).toBe(200);
  return (answer.body as SavedViewList).items.map((view) => view.name);
}

async function save(
  browser: TestBrowser,
  name: string,
  visibility: "private" | "shared",
  params: Record<string, string> = { tier: "PLUS", sort: "-name" },
): Promise<SavedView> {
  const answer = await browser.request("POST", "/api/views", { body: { name, visibility, params } });
  expect(answer.status, answer.text).toBe(201);
  return answer.body as SavedView;
}

describe("saved views", () => {
  it("shows a private view to its owner only and a shared one to every operator", async () => {
    const { victor, olga, admin } = await start();
    const mine = await save(victor, "My Plus pools", "private", { tier: "PLUS", region: "eu-west-1" });
    expect(mine).toMatchObject({
      name: "My Plus pools",
      visibility: "private",
      owner: VIEWER.username,
      params: { tier: "PLUS", region: "eu-west-1" },
      canRename: true,
      canDelete: true,
    });
    await save(victor, "Not exporting", "shared", { exporting: "none" });

    expect(await names(victor)).toEqual(["My Plus pools", "Not exporting"]);
    expect(await names(olga)).toEqual(["Not exporting"]);
    expect(await names(admin)).toEqual(["Not exporting"]);
    // Another operator cannot even learn that the private view exists.
    expect((await olga.request("PATCH", `/api/views/${mine.id}`, { body: { name: "x" } })).status).toBe(404);
    expect((await admin.request("DELETE", `/api/views/${mine.id}`)).status).toBe(404);

    const shared = (await olga.request("GET", "/api/views")).body as SavedViewList;
    expect(shared.items[0]).toMatchObject({ owner: VIEWER.username, canRename: false, canDelete: false });
  });

  it("refuses names and parameters the fleet would not accept, naming the field", async () => {
    const { victor } = await start();
    const cases: Array<{ body: unknown; path: string }> = [
      { body: { name: "   ", visibility: "private", params: {} }, path: "body.name" },
      { body: { name: "x".repeat(81), visibility: "private", params: {} }, path: "body.name" },
      { body: { name: "ok", visibility: "public", params: {} }, path: "body.visibility" },
      { body: { name: "ok", visibility: "private", params: { tier: "GOLD" } }, path: "body.params.tier" },
      { body: { name: "ok", visibility: "private", params: { sort: "colour" } }, path: "body.params.sort" },
      { body: { name: "ok", visibility: "private", params: { region: "mars" } }, path: "body.params.region" },
      { body: { name: "ok", visibility: "private", params: { evil: "1" } }, path: "body.params.evil" },
      { body: { name: "ok", visibility: "private", params: { limit: "5" } }, path: "body.params.limit" },
    ];
    for (const { body, path } of cases) {
      const answer = await victor.request("POST", "/api/views", { body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      const errors = (answer.body as { errors?: Array<{ path: string; message: string }> }).errors ?? [];
      expect(
        errors.map((e) => e.path),
        JSON.stringify(body),
      ).toContain(path);
      for (const error of errors) expect(error.message).not.toMatch(/Invalid input|expected string/);
    }
    expect(await names(victor)).toEqual([]);

    // One owner's names differ by more than case.
    await save(victor, "Prod", "private");
    const twice = await victor.request("POST", "/api/views", {
      body: { name: "PROD", visibility: "shared", params: {} },
    });
    expect(twice.status).toBe(409);
    expect(problemType(twice)).toBe("urn:clc:problem:view-name-taken");
  });

  it("lets only the owner rename, and the owner or an admin delete a shared view", async () => {
    const { victor, olga, admin } = await start();
    const shared = await save(victor, "Shared one", "shared");
    const privateOne = await save(victor, "Private one", "private");

    const notOwner = await olga.request("PATCH", `/api/views/${shared.id}`, { body: { name: "Mine now" } });
    expect(notOwner.status).toBe(403);
    expect(problemType(notOwner)).toBe("urn:clc:problem:view-not-yours");
    expect(
      (await admin.request("PATCH", `/api/views/${shared.id}`, { body: { name: "Admin's" } })).status,
    ).toBe(403);
    // A viewer who does not own a shared view may not delete it; an admin may.
    expect((await olga.request("DELETE", `/api/views/${shared.id}`)).status).toBe(403);
    expect(await names(olga)).toEqual(["Shared one"]);

    const renamed = await victor.request("PATCH", `/api/views/${shared.id}`, { body: { name: "Renamed" } });
    expect(renamed.status).toBe(200);
    expect((renamed.body as SavedView).name).toBe("Renamed");
    expect(await names(olga)).toEqual(["Renamed"]);

    expect((await admin.request("DELETE", `/api/views/${shared.id}`)).status).toBe(204);
    expect(await names(olga)).toEqual([]);
    expect((await victor.request("DELETE", `/api/views/${privateOne.id}`)).status).toBe(204);
    expect(await names(victor)).toEqual([]);
    expect((await victor.request("DELETE", `/api/views/${privateOne.id}`)).status).toBe(404);
  });

  it("records every write in the audit trail with before and after", async () => {
    const { victor, admin } = await start();
    const view = await save(victor, "Audited", "shared", { hasWarnings: "true" });
    await victor.request("PATCH", `/api/views/${view.id}`, { body: { name: "Audited too" } });
    await admin.request("DELETE", `/api/views/${view.id}`);
    const answer = await admin.request("GET", "/api/audit");
    const records = (answer.body as AuditListResponse).items.filter((r) => r.resource === `view:${view.id}`);
    expect(records.map((r) => [r.action, r.operator, r.outcome])).toEqual([
      ["view.delete", ADMIN.username, "success"],
      ["view.rename", VIEWER.username, "success"],
      ["view.save", VIEWER.username, "success"],
    ]);
    expect(records[1]?.before).toMatchObject({ name: "Audited" });
    expect(records[1]?.after).toMatchObject({ name: "Audited too", params: { hasWarnings: "true" } });
  });

  it("needs a session and a CSRF token", async () => {
    const { victor } = await start();
    const anonymous = new TestBrowser((t as TestApp).baseUrl);
    expect((await anonymous.request("GET", "/api/views")).status).toBe(401);
    const noCsrf = await victor.request("POST", "/api/views", {
      body: { name: "x", visibility: "private", params: {} },
      csrf: false,
    });
    expect(noCsrf.status).toBe(403);
  });
});
