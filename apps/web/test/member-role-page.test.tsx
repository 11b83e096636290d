import { type ConnectionTestResult, memberRoleStackCommand, memberRoleStackSetCommands } from "@clc/domain";
import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MemberRolePage } from "../src/pages/member-role/member-role-page.tsx";
import { renderRoutes, stubBff } from "./helpers.tsx";

const RESULT: ConnectionTestResult = {
  ok: false,
  region: "us-east-1",
  identity: {
    account: "111122223333",
    arn: "arn:aws:sts::111122223333:assumed-role/CognitoLogConsoleRole/ada",
  },
  checks: [
    {
      action: "cognito-idp:ListUserPools",
      outcome: "allowed",
      message: "cognito-idp.ListUserPools answered.",
    },
    {
      action: "iam:GetRole",
      outcome: "missing",
      message: "AWS refused iam.GetRole (AccessDenied): the role lacks iam:GetRole.",
    },
  ],
  unchecked: [{ action: "account:ListRegions", reason: "No gateway reads the account's regions yet." }],
};

let fetchMock: ReturnType<typeof stubBff>;
beforeEach(() => {
  fetchMock = stubBff((url) => {
    if (url.pathname === "/api/regions")
      return Response.json({ mode: "aws", accountId: "111122223333", regions: ["us-east-1"] });
    if (url.pathname === "/api/accounts/connection-test") return Response.json(RESULT);
    return undefined;
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderPage = (role: "admin" | "viewer" = "admin") =>
  renderRoutes([{ path: "/accounts/member-role", element: <MemberRolePage /> }], "/accounts/member-role", {
    role,
  });

describe("the member-role page", () => {
  it("offers the chosen variant's template for download", () => {
    renderPage();
    const yaml = screen.getByRole("link", { name: "Download cognito-log-console-role-read.yaml" });
    expect(yaml.getAttribute("href")).toBe("/api/accounts/member-role-template?variant=read&format=yaml");
    fireEvent.click(screen.getByLabelText("Full"));
    const json = screen.getByRole("link", { name: "Download cognito-log-console-role-full.json" });
    expect(json.getAttribute("href")).toBe("/api/accounts/member-role-template?variant=full&format=json");
  });

  it("shows the domain's StackSet commands once the OU and external id are filled in, the console's account prefilled", async () => {
    renderPage();
    expect(screen.getByText("Fill in the OU id and the external id to see the commands.")).toBeTruthy();
    expect(await screen.findByDisplayValue("111122223333")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("OU id"), { target: { value: "ou-ab12-cdefgh34" } });
    fireEvent.change(screen.getByLabelText("External id"), { target: { value: "clc-secret-1" } });
    const input = {
      variant: "read",
      format: "yaml",
      organizationalUnitId: "ou-ab12-cdefgh34",
      externalId: "clc-secret-1",
      trustedAccountId: "111122223333",
    } as const;
    const { organizationalUnitId: _ou, ...stack } = input;
    const expected = [...memberRoleStackSetCommands(input), memberRoleStackCommand(stack)];
    const shown = screen.getAllByRole("figure").map((figure) => figure.querySelector("code")?.textContent);
    expect(shown).toEqual(expected);
  });

  it("says what is wrong with an OU id instead of showing commands", () => {
    renderPage();
    fireEvent.change(screen.getByLabelText("OU id"), { target: { value: "ou-1" } });
    expect(screen.getByRole("alert").textContent).toMatch(/An OU id looks like/);
    expect(screen.getByText("Fill in the OU id and the external id to see the commands.")).toBeTruthy();
  });

  it("lets an admin test the connection and names each missing permission", async () => {
    renderPage();
    fireEvent.click(screen.getByRole("button", { name: "Test the connection" }));
    const panel = within(screen.getByRole("region", { name: "3. Test the connection" }));
    const row = (await panel.findByText("iam:GetRole")).closest("tr") as HTMLElement;
    expect(within(row).getByText("Missing")).toBeTruthy();
    expect(panel.getByText(/Some permissions are missing/)).toBeTruthy();
    expect(panel.getByText("account:ListRegions").closest("tr")?.textContent).toContain("Not checked");
    const [url, init] = fetchMock.mock.calls.find(([u]) => String(u).includes("connection-test")) ?? [];
    expect(new URL(String(url), "http://console.test").pathname).toBe("/api/accounts/connection-test");
    expect(init?.method ?? (url as Request).method).toBe("POST");
  });

  it("does not offer the connection test to a viewer", () => {
    renderPage("viewer");
    expect(screen.queryByRole("button", { name: "Test the connection" })).toBeNull();
  });
});
