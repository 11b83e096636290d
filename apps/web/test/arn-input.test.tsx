import { EMPTY_LOG_DELIVERY, type EventSource } from "@clc/domain";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { ArnInput, checkArn } from "../src/editor/arn-input.tsx";

const pool = { tier: "PLUS" as const, region: "us-east-1", accountId: "123456789012" };

function Harness({ eventSource = "userNotification" }: { eventSource?: EventSource }) {
  const [value, setValue] = useState("");
  const kind = eventSource === "userNotification" ? "logGroup" : null;
  return (
    <ArnInput
      value={value}
      onChange={setValue}
      check={checkArn(value, kind, eventSource, pool, EMPTY_LOG_DELIVERY)}
    />
  );
}

function typeArn(value: string) {
  fireEvent.change(screen.getByLabelText("Destination ARN"), { target: { value } });
}

afterEach(cleanup);

describe("ARN input", () => {
  it("starts with a hint, not an error", () => {
    render(<Harness />);
    expect(screen.getByLabelText("Destination ARN").getAttribute("aria-invalid")).toBe("false");
    expect(screen.getByText(/Paste the ARN of a destination/)).toBeTruthy();
  });

  it("explains the :* form that Cognito rejects, as the user types it", () => {
    render(<Harness />);
    typeArn("arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/cognito/app:*");
    expect(screen.getByLabelText("Destination ARN").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText(/without the trailing :\*/)).toBeTruthy();
  });

  it("says when the destination is in another region than the pool", () => {
    render(<Harness />);
    typeArn("arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vendedlogs/cognito/app");
    expect(screen.getByText(/is in eu-west-1, but the pool is in us-east-1/)).toBeTruthy();
  });

  it("says when the pasted ARN is of another kind than the one chosen", () => {
    render(<Harness />);
    typeArn("arn:aws:firehose:us-east-1:123456789012:deliverystream/activity");
    expect(screen.getByLabelText("Destination ARN").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText(/Firehose stream ARN, but CloudWatch log group is selected/)).toBeTruthy();
  });

  it("refuses a Firehose stream for message-delivery errors whatever kind is chosen", () => {
    const check = checkArn(
      "arn:aws:firehose:us-east-1:123456789012:deliverystream/activity",
      null,
      "userNotification",
      pool,
      EMPTY_LOG_DELIVERY,
    );
    expect(check).toEqual({
      ok: false,
      message: expect.stringMatching(/can only go to a CloudWatch log group/),
    });
  });

  it("accepts a log group beside the pool", () => {
    render(<Harness />);
    typeArn("arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/cognito/app");
    expect(screen.getByLabelText("Destination ARN").getAttribute("aria-invalid")).toBe("false");
    expect(screen.getByText(/Looks right: a CloudWatch log group/)).toBeTruthy();
  });
});
