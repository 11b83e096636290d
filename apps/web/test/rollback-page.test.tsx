import type { RollbackPreview } from "@clc/domain";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RollbackPage } from "../src/pages/audit/rollback-page.tsx";
import { poolDetail, renderRoutes, stubBff } from "./helpers.tsx";

const MEMBER = "222222222222";
const POOL_ID = "us-east-1_SLLvWQmyr";
const STREAM = `arn:aws:firehose:us-east-1:${MEMBER}:deliverystream/identity-siem`;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the rollback page of a member account's pool", () => {
  it("runs a finding's fix in the record's account, not the console's own", async () => {
    const preview: RollbackPreview = {
      recordId: "46",
      accountId: MEMBER,
      region: "us-east-1",
      poolId: POOL_ID,
      poolName: "identity-partners",
      recorded: {
        before: { userNotification: null, userAuthEvents: { kind: "firehose", arn: STREAM } },
        after: { userNotification: null, userAuthEvents: null },
      },
      movedOn: [],
      desired: { userNotification: null, userAuthEvents: { kind: "firehose", arn: STREAM } },
      diff: [],
      errors: [],
      findings: [
        {
          id: "firehose-missing-tag",
          severity: "block",
          eventSource: "userAuthEvents",
          message: "The Firehose stream identity-siem lacks the LogDeliveryEnabled tag.",
          fix: { action: "tag-firehose-stream", label: "Add the LogDeliveryEnabled tag", target: STREAM },
        },
      ],
      canApply: false,
      sendsNothing: false,
      version: '"v1"',
    };
    const detail = poolDetail(POOL_ID, { pool: { accountId: MEMBER, name: "identity-partners" } });
    const fetchMock = stubBff((url, init) => {
      if (url.pathname === "/api/audit/46/rollback") return Response.json(preview);
      if (url.pathname === `/api/accounts/${MEMBER}/pools/${POOL_ID}`) return Response.json(detail);
      if (url.pathname === `/api/accounts/${MEMBER}/pools/${POOL_ID}/fixes` && init?.method === "POST")
        return Response.json({ pool: detail, fixed: true });
      return undefined;
    });
    renderRoutes([{ path: "/audit/:recordId/rollback", element: <RollbackPage /> }], "/audit/46/rollback");
    fireEvent.click(await screen.findByRole("button", { name: "Add the LogDeliveryEnabled tag…" }));
    // The confirmation's button carries the fix's label.
    fireEvent.click(await screen.findByRole("button", { name: "Add the LogDeliveryEnabled tag" }));
    await waitFor(() =>
      expect(
        fetchMock.mock.calls.map(([input]) => new URL(String(input), "http://console.test").pathname),
      ).toContain(`/api/accounts/${MEMBER}/pools/${POOL_ID}/fixes`),
    );
    // Before, it asked the console's own account for the pool (404) and ran the fix there (400).
    const paths = fetchMock.mock.calls.map(
      ([input]) => new URL(String(input), "http://console.test").pathname,
    );
    expect(paths.filter((p) => p.includes("/api/accounts/") && !p.includes(MEMBER))).toEqual([]);
  });
});
