import type { DestinationInfo } from "@clc/domain";
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { DestinationDetails } from "../src/components/destination-details.tsx";

afterEach(cleanup);

const LOG_GROUP: Extract<DestinationInfo, { kind: "logGroup" }> = {
  kind: "logGroup",
  arn: "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/cognito/shop",
  name: "/aws/cognito/shop",
  region: "eu-west-1",
  accountId: "123456789012",
  kmsKeyId: null,
  retentionInDays: null,
  logGroupClass: "STANDARD",
  deliveryPolicy: "present",
  createdAt: "2026-01-01T00:00:00.000Z",
};

describe("a destination's facts", () => {
  it("says a log group without a retention policy never expires, and gives a set retention in days", () => {
    const { rerender } = render(<DestinationDetails info={LOG_GROUP} />);
    expect(screen.getByText("Retention").nextElementSibling?.textContent).toBe("Never expires");
    rerender(<DestinationDetails info={{ ...LOG_GROUP, retentionInDays: 30 }} />);
    expect(screen.getByText("Retention").nextElementSibling?.textContent).toBe("30 days");
  });
});
