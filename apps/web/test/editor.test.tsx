import type { PoolDetail, PreviewResponse } from "@clc/domain";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SessionContext } from "../src/auth/session-context.tsx";
import { kindOptions } from "../src/editor/kind-options.ts";
import { EditPage } from "../src/pages/edit-page.tsx";
import { applyBlockedReason } from "../src/pages/review-page.tsx";

describe("destination kinds offered", () => {
  it("allows only a log group for message-delivery errors, saying why the others are off", () => {
    const options = kindOptions("userNotification", "ESSENTIALS");
    expect(options.map((option) => [option.kind, option.disabledReason === null])).toEqual([
      ["logGroup", true],
      ["firehose", false],
      ["s3", false],
    ]);
    expect(options[1]?.disabledReason).toMatch(/can only go to a CloudWatch log group/);
  });

  it("turns every kind off for user activity below the Plus plan, with the tier as the reason", () => {
    for (const option of kindOptions("userAuthEvents", "ESSENTIALS")) {
      expect(option.disabledReason).toBe(
        "User activity export needs the Plus plan; this pool is Essentials.",
      );
    }
    expect(kindOptions("userAuthEvents", "PLUS").every((option) => option.disabledReason === null)).toBe(
      true,
    );
  });
});

describe("when Apply is allowed", () => {
  const base: PreviewResponse = {
    desired: { userNotification: null, userAuthEvents: null },
    diff: [],
    errors: [],
    findings: [],
    canApply: true,
    version: '"v1aaaaaaaa"',
  };
  const warning = { id: "log-group-policy-missing", severity: "warn" as const, message: "No policy yet." };

  it("goes ahead with nothing to acknowledge", () => {
    expect(applyBlockedReason(base, null)).toBeNull();
  });

  it("needs the warnings acknowledged, and an acknowledgement of other warnings does not count", () => {
    const preview = { ...base, findings: [warning] };
    expect(applyBlockedReason(preview, null)).toMatch(/I understand the warnings/);
    expect(applyBlockedReason(preview, "some-other-warning:")).toMatch(/I understand the warnings/);
    expect(applyBlockedReason(preview, "log-group-policy-missing:")).toBeNull();
  });

  it("is blocked by a blocking finding or a field error, whatever was acknowledged", () => {
    const blocking = {
      id: "log-group-kms",
      severity: "block" as const,
      message: "The log group is KMS-encrypted.",
    };
    expect(applyBlockedReason({ ...base, findings: [blocking], canApply: false }, null)).toBe(
      "Blocked: The log group is KMS-encrypted.",
    );
    expect(
      applyBlockedReason(
        { ...base, errors: [{ path: "userNotification.destination.arn", message: "x" }] },
        null,
      ),
    ).toMatch(/Fix the errors/);
  });
});

describe("coming back from the creation wizard", () => {
  const detail: PoolDetail = {
    pool: {
      id: "us-east-1_Wizard1",
      name: "shop",
      region: "us-east-1",
      accountId: "123456789012",
      arn: "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Wizard1",
      tier: "PLUS",
      threatProtection: "AUDIT",
    },
    configuration: { userNotification: null, userAuthEvents: null },
    version: '"v1aaaaaaaa"',
    destinations: { userNotification: null, userAuthEvents: null },
    findings: [],
    readAt: "2026-01-01T00:00:00.000Z",
  };

  beforeEach(() => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: RequestInfo | URL) => {
        const url = new URL(String(input), "http://console.test");
        if (url.pathname === `/api/pools/${detail.pool.id}`) return Response.json(detail);
        if (url.pathname === "/api/destinations") return Response.json({ items: [], nextCursor: null });
        return Response.json({ type: "about:blank", title: "Not found", status: 404 }, { status: 404 });
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("preselects the destination just created (?selected=<arn>) and its kind", async () => {
    const created = "arn:aws:firehose:us-east-1:123456789012:deliverystream/new-stream";
    const router = createMemoryRouter([{ path: "/pools/:poolId/edit/:eventSource", element: <EditPage /> }], {
      initialEntries: [
        `/pools/${detail.pool.id}/edit/userAuthEvents?kind=logGroup&selected=${encodeURIComponent(created)}`,
      ],
    });
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <SessionContext.Provider value={{ username: "ada", role: "admin" }}>
          <RouterProvider router={router} />
        </SessionContext.Provider>
      </QueryClientProvider>,
    );
    const arnInput = (await screen.findByLabelText("Destination ARN")) as HTMLInputElement;
    await waitFor(() => expect(arnInput.value).toBe(created));
    expect((screen.getByLabelText("Firehose stream") as HTMLInputElement).checked).toBe(true);
    expect(router.state.location.search).not.toContain("selected=");
    expect((screen.getByRole("button", { name: "Review changes" }) as HTMLButtonElement).disabled).toBe(
      false,
    );
  });
});
