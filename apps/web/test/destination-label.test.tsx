import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { DestinationLabelView, splitDestinationName } from "../src/components/destination-label.tsx";

describe("destination names that must be shortened keep their end", () => {
  it("keeps a log group's last two path segments whole", () => {
    expect(splitDestinationName("/aws/vendedlogs/cognito/acme-prod/notifications")).toEqual({
      head: "/aws/vendedlogs/cognito/",
      tail: "acme-prod/notifications",
    });
    expect(splitDestinationName("/acme/eu/cognito-notifications")).toEqual({
      head: "/acme/",
      tail: "eu/cognito-notifications",
    });
  });

  it("keeps the last characters of a long name without slashes, and short names whole", () => {
    expect(splitDestinationName("acme-cognito-activity-123456789012")).toEqual({
      head: "acme-cognito-activity-12",
      tail: "3456789012",
    });
    expect(splitDestinationName("eu-siem-ingest")).toEqual({ head: "", tail: "eu-siem-ingest" });
    expect(splitDestinationName("/short/name")).toEqual({ head: "", tail: "/short/name" });
  });

  it("shows the whole name in its text and the whole ARN on hover", () => {
    const arn =
      "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/cognito/acme-prod/notifications";
    const { container } = render(<DestinationLabelView destination={{ kind: "logGroup", arn }} />);
    const label = container.querySelector(".destination-label");
    expect(label?.getAttribute("title")).toBe(arn);
    // What a screen reader reads and a copy takes: the kind and the whole name, however narrow the column.
    expect(label?.textContent).toContain(
      "CloudWatch log group: /aws/vendedlogs/cognito/acme-prod/notifications",
    );
    expect(screen.getByText("acme-prod/notifications")).toBeTruthy();
  });
});
