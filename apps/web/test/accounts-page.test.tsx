import type { AccountsResponse } from "@clc/domain";
import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AccountsPage } from "../src/pages/accounts/accounts-page.tsx";
import { renderRoutes, stubBff } from "./helpers.tsx";

const ROLE = "arn:aws:iam::210987654321:role/clc-reader";
const ACCOUNTS: AccountsResponse = {
  source: "organization",
  accounts: [
    {
      accountId: "123456789012",
      name: "management",
      ouPath: "",
      roleArn: null,
      own: true,
      status: "ok",
      regions: [{ region: "eu-west-1", status: "ok" }],
    },
    {
      accountId: "210987654321",
      name: "acme-prod",
      ouPath: "Workloads/Prod",
      roleArn: ROLE,
      own: false,
      status: "ok",
      regions: [{ region: "eu-west-1", status: "ok" }],
    },
  ],
};

beforeEach(() => {
  stubBff((url) => (url.pathname === "/api/accounts" ? Response.json(ACCOUNTS) : undefined));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the accounts page", () => {
  it("gives every role ARN a copy button and a console link, and labels each value for its card", async () => {
    renderRoutes([{ path: "/accounts", element: <AccountsPage /> }], "/accounts", { role: "viewer" });
    const table = await screen.findByRole("table", { name: "Accounts" });
    const prod = within(table.querySelector('tr[data-account="210987654321"]') as HTMLElement);
    expect(prod.getByText(ROLE)).toBeTruthy();
    expect(prod.getByRole("button", { name: "Copy the ARN of the role in acme-prod" })).toBeTruthy();
    expect(prod.getByRole("link", { name: /^Open the role in acme-prod in the AWS console/ })).toBeTruthy();
    // The console's own account has no role: nothing to copy.
    const own = within(table.querySelector('tr[data-account="123456789012"]') as HTMLElement);
    expect(own.queryByRole("button", { name: /^Copy/ })).toBeNull();
    // On a narrow window each row is a card: every value but the name says what it is.
    const labels = [...table.querySelectorAll('tr[data-account="210987654321"] td')].map((td) =>
      td.getAttribute("data-label"),
    );
    expect(labels).toEqual([null, "OU", "Role", "Status", "Regions", "Connection"]);
  });

  it("warns that OU paths may be out of date when the OU tree could not be read, with what to do", async () => {
    stubBff((url) =>
      url.pathname === "/api/accounts"
        ? Response.json({
            ...ACCOUNTS,
            ouPathsError: {
              code: "AccessDeniedException",
              message: "The console listed the organization's accounts but could not read its OU tree.",
              whatToDo: "Grant organizations:ListParents to the console's principal, then refresh the fleet.",
            },
          } satisfies AccountsResponse)
        : undefined,
    );
    renderRoutes([{ path: "/accounts", element: <AccountsPage /> }], "/accounts", { role: "viewer" });
    const warning = await screen.findByRole("alert", { name: "OU paths not read" });
    expect(warning.textContent).toContain("OU paths may be out of date");
    expect(warning.textContent).toContain("Grant organizations:ListParents");
    // The paths last known are still shown.
    expect(screen.getByText("Workloads/Prod")).toBeTruthy();
  });
});
