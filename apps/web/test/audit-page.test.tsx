import type { AuditListResponse, AuditRecord } from "@clc/domain";
import { cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TIME_ZONE_STORAGE_KEY } from "../src/components/time-format.ts";
import { AuditPage, changedMembers, filterFromParams } from "../src/pages/audit/audit-page.tsx";
import { renderRoutes, stubBff } from "./helpers.tsx";

const SUCCESS: AuditRecord = {
  id: "8",
  at: "2026-01-01T00:00:05.000Z",
  operator: "alice",
  role: "admin",
  action: "fix.apply",
  region: "us-east-1",
  poolId: "us-east-1_Example1",
  resource: "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Example1",
  before: { DeletionProtection: "ACTIVE", MfaConfiguration: "OPTIONAL" },
  after: {
    DeletionProtection: "ACTIVE",
    MfaConfiguration: "OPTIONAL",
    UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" },
  },
  outcome: "success",
  attemptId: "7",
  error: null,
  requestId: "req-1",
  awsRequestId: "aws-1",
};

let requested: URL[] = [];
beforeEach(() => {
  requested = [];
  stubBff((url) => {
    if (url.pathname !== "/api/audit") return undefined;
    requested.push(url);
    return Response.json({ items: [SUCCESS], nextCursor: null } satisfies AuditListResponse);
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.localStorage.clear();
});

describe("the audit page", () => {
  it("shows a success row's before and after, and which members changed", async () => {
    renderRoutes([{ path: "/audit", element: <AuditPage /> }], "/audit", { role: null });
    expect(await screen.findByText("(changed: UserPoolAddOns)")).toBeTruthy();
    const change = screen.getByText(/^before: /);
    expect(change.textContent).toContain('"MfaConfiguration": "OPTIONAL"');
    expect(change.textContent).toContain('after:  {\n  "DeletionProtection": "ACTIVE"');
    expect(change.textContent).toContain('"AdvancedSecurityMode": "AUDIT"');
  });

  it("names the changed top-level members only when both sides are objects", () => {
    expect(changedMembers({ a: 1, b: [1] }, { a: 1, b: [2], c: null })).toEqual(["b", "c"]);
    expect(changedMembers(null, { a: 1 })).toEqual([]);
    expect(changedMembers("OFF", "AUDIT")).toEqual([]);
  });

  it("shows each time with its zone, in UTC once UTC is chosen", async () => {
    window.localStorage.setItem(TIME_ZONE_STORAGE_KEY, "utc");
    renderRoutes([{ path: "/audit", element: <AuditPage /> }], "/audit", { role: null });
    const time = await screen.findByText(/00:00:05 UTC$/);
    expect(time.getAttribute("dateTime")).toBe(SUCCESS.at);
    expect(screen.getByLabelText("From (UTC)")).toBeTruthy();
  });

  it("hides sign-ins until asked, one click away", async () => {
    renderRoutes([{ path: "/audit", element: <AuditPage /> }], "/audit", { role: null });
    await screen.findByText("(changed: UserPoolAddOns)");
    expect(requested.at(-1)?.searchParams.get("signIns")).toBe("exclude");
    const show = screen.getByRole("button", { name: "Show sign-ins" });
    expect(show.getAttribute("aria-pressed")).toBe("false");
    fireEvent.click(show);
    await vi.waitFor(() => expect(requested.at(-1)?.searchParams.get("signIns")).toBe("include"));
    expect(screen.getByRole("button", { name: "Show sign-ins" }).getAttribute("aria-pressed")).toBe("true");
  });

  it("refuses a time range that ends before it starts, saying so, and keeps the last good filter", async () => {
    window.localStorage.setItem(TIME_ZONE_STORAGE_KEY, "utc");
    renderRoutes([{ path: "/audit", element: <AuditPage /> }], "/audit", { role: null });
    await screen.findByText("(changed: UserPoolAddOns)");
    const before = requested.length;
    fireEvent.change(screen.getByLabelText("From (UTC)"), { target: { value: "2026-02-02T10:00" } });
    fireEvent.change(screen.getByLabelText("Until (UTC)"), { target: { value: "2026-02-01T10:00" } });
    fireEvent.click(screen.getByRole("button", { name: "Filter" }));
    expect((await screen.findByRole("alert")).textContent).toContain("“From” must be before “Until”");
    expect(screen.getByLabelText("From (UTC)").getAttribute("aria-invalid")).toBe("true");
    expect(requested.length).toBe(before);
  });

  it("takes a From equal to Until as that whole day, in the chosen zone", async () => {
    window.localStorage.setItem(TIME_ZONE_STORAGE_KEY, "utc");
    renderRoutes([{ path: "/audit", element: <AuditPage /> }], "/audit", { role: null });
    await screen.findByText("(changed: UserPoolAddOns)");
    fireEvent.change(screen.getByLabelText("From (UTC)"), { target: { value: "2026-02-01T10:00" } });
    fireEvent.change(screen.getByLabelText("Until (UTC)"), { target: { value: "2026-02-01T10:00" } });
    fireEvent.click(screen.getByRole("button", { name: "Filter" }));
    await vi.waitFor(() =>
      expect(requested.at(-1)?.searchParams.get("from")).toBe("2026-02-01T00:00:00.000Z"),
    );
    expect(requested.at(-1)?.searchParams.get("to")).toBe("2026-02-02T00:00:00.000Z");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("ignores a range in the URL that ends before it starts", () => {
    const filter = filterFromParams(
      new URLSearchParams("from=2026-02-02T00:00:00Z&to=2026-02-01T00:00:00Z&pool=x"),
    );
    expect(filter).toEqual({ pool: "x", signIns: "exclude" });
  });
});
