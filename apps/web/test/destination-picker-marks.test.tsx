/**
 * The editor's destination picker marks where the event source goes now and refuses candidates the
 * preflight blocks for a reason no fix removes, saying why (issue 19).
 */
import type { DestinationInfo } from "@clc/domain";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { candidateStatus } from "../src/editor/candidate-status.ts";
import { DestinationPicker } from "../src/editor/destination-picker.tsx";
import { PLUS_POOL_FACTS } from "./helpers.tsx";

function logGroup(name: string, kmsKeyId: string | null = null): DestinationInfo {
  return {
    kind: "logGroup",
    arn: `arn:aws:logs:us-east-1:123456789012:log-group:${name}`,
    name,
    region: "us-east-1",
    accountId: "123456789012",
    kmsKeyId,
    retentionInDays: null,
    logGroupClass: "STANDARD",
    deliveryPolicy: "present",
    deliveryPolicyScope: "log-group",
    createdAt: null,
  };
}

const CURRENT = logGroup("/aws/vendedlogs/current");
const ENCRYPTED = logGroup("/aws/vendedlogs/encrypted", "arn:aws:kms:us-east-1:123456789012:key/abc");
const FREE = logGroup("/aws/vendedlogs/free");
const CONFIGURATION = {
  // As AWS may hand it back: with ":*".
  userNotification: { kind: "logGroup" as const, arn: `${CURRENT.arn}:*` },
  userAuthEvents: null,
};

describe("candidate status", () => {
  it("marks the current destination and blocks a KMS-encrypted log group with the reason", () => {
    const context = {
      pool: PLUS_POOL_FACTS,
      eventSource: "userNotification" as const,
      configuration: CONFIGURATION,
    };
    expect(candidateStatus(CURRENT, context)).toEqual({ current: true, blockedBecause: [], needsFix: [] });
    const encrypted = candidateStatus(ENCRYPTED, context);
    expect(encrypted.current).toBe(false);
    expect(encrypted.blockedBecause.join(" ")).toMatch(/encrypted with a KMS key/);
    expect(candidateStatus(FREE, context)).toEqual({ current: false, blockedBecause: [], needsFix: [] });
  });

  it("keeps a candidate the console can fix selectable, saying what needs fixing", () => {
    const stream: DestinationInfo = {
      kind: "firehose",
      arn: "arn:aws:firehose:us-east-1:123456789012:deliverystream/untagged",
      name: "untagged",
      region: "us-east-1",
      accountId: "123456789012",
      status: "ACTIVE",
      deliveryStreamType: "DirectPut",
      logDeliveryEnabledTag: false,
      tags: {},
      destinationSummary: "S3",
    } as unknown as DestinationInfo;
    const status = candidateStatus(stream, {
      pool: PLUS_POOL_FACTS,
      eventSource: "userAuthEvents",
      configuration: { userNotification: null, userAuthEvents: null },
    });
    expect(status.blockedBecause).toEqual([]);
    expect(status.needsFix.join(" ")).toMatch(/LogDeliveryEnabled=true/);
  });
});

describe("the destination picker", () => {
  beforeEach(() => {
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(JSON.stringify({ items: [CURRENT, ENCRYPTED, FREE], nextCursor: null }), {
            status: 200,
            headers: { "content-type": "application/json" },
          }),
      ),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("says which one is current and why a blocked one cannot be picked", async () => {
    const onSelect = vi.fn();
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <DestinationPicker
          region="us-east-1"
          kind="logGroup"
          selectedArn=""
          onSelect={onSelect}
          pool={PLUS_POOL_FACTS}
          eventSource="userNotification"
          configuration={CONFIGURATION}
        />
      </QueryClientProvider>,
    );
    const current = await screen.findByRole("radio", { name: CURRENT.name });
    expect(current.getAttribute("aria-describedby")).toBeTruthy();
    expect(screen.getByText("Current")).toBeTruthy();
    expect((current as HTMLInputElement).disabled).toBe(false);

    const encrypted = screen.getByRole("radio", { name: ENCRYPTED.name }) as HTMLInputElement;
    expect(encrypted.disabled).toBe(true);
    const why = document.getElementById(encrypted.getAttribute("aria-describedby") ?? "");
    expect(why?.textContent).toMatch(/Cannot be chosen: .*encrypted with a KMS key/);
    fireEvent.click(encrypted);
    expect(onSelect).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole("radio", { name: FREE.name }));
    expect(onSelect).toHaveBeenCalledWith(FREE.arn);
  });
});
