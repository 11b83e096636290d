import type { AuditListResponse, AuditRecord } from "@clc/domain";
import { cleanup, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AuditPage, changedMembers } from "../src/pages/audit/audit-page.tsx";
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

beforeEach(() => {
  stubBff((url) =>
    url.pathname === "/api/audit"
      ? Response.json({ items: [SUCCESS], nextCursor: null } satisfies AuditListResponse)
      : undefined,
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
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
});
