import type { PoolDetail, PreviewResponse } from "@clc/domain";
import { cleanup, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { kindOptions } from "../src/editor/kind-options.ts";
import { EditPage } from "../src/pages/edit-page.tsx";
import { applyBlockedReason } from "../src/pages/review-page.tsx";
import { poolDetail, renderRoutes, stubBff } from "./helpers.tsx";

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
    sendsNothing: false,
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
  const detail: PoolDetail = poolDetail("us-east-1_Wizard1");

  beforeEach(() => {
    stubBff((url) => {
      if (url.pathname === `/api/accounts/123456789012/pools/${detail.pool.id}`) return Response.json(detail);
      if (url.pathname === "/api/destinations") return Response.json({ items: [], nextCursor: null });
      return undefined;
    });
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("preselects the destination just created (?selected=<arn>) and its kind", async () => {
    const created = "arn:aws:firehose:us-east-1:123456789012:deliverystream/new-stream";
    const router = renderRoutes(
      [{ path: "/accounts/:accountId/pools/:poolId/edit/:eventSource", element: <EditPage /> }],
      `/accounts/123456789012/pools/${detail.pool.id}/edit/userAuthEvents?kind=logGroup&selected=${encodeURIComponent(created)}`,
    );
    const arnInput = (await screen.findByLabelText("Destination ARN")) as HTMLInputElement;
    await waitFor(() => expect(arnInput.value).toBe(created));
    expect((screen.getByLabelText("Firehose stream") as HTMLInputElement).checked).toBe(true);
    expect(router.state.location.search).not.toContain("selected=");
    expect((screen.getByRole("button", { name: "Review changes" }) as HTMLButtonElement).disabled).toBe(
      false,
    );
  });

  it("lists the destinations of the pool's own account, not the console's", async () => {
    // Before, the picker never named the account: a member account's pool was offered only the
    // management account's log groups, each marked as not choosable.
    const member: PoolDetail = poolDetail("us-east-1_Member1", { pool: { accountId: "111111111111" } });
    const asked: URLSearchParams[] = [];
    stubBff((url) => {
      if (url.pathname === `/api/accounts/111111111111/pools/${member.pool.id}`) return Response.json(member);
      if (url.pathname === "/api/destinations") {
        asked.push(url.searchParams);
        return Response.json({ items: [], nextCursor: null });
      }
      return undefined;
    });
    renderRoutes(
      [{ path: "/accounts/:accountId/pools/:poolId/edit/:eventSource", element: <EditPage /> }],
      `/accounts/111111111111/pools/${member.pool.id}/edit/userNotification`,
    );
    await waitFor(() => expect(asked.length).toBeGreaterThan(0));
    expect(asked.map((q) => [q.get("account"), q.get("region")])).toContainEqual([
      "111111111111",
      "us-east-1",
    ]);
    expect(asked.every((q) => q.get("account") === "111111111111")).toBe(true);
  });
});
