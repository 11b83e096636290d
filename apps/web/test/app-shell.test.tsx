import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppShell } from "../src/components/app-shell.tsx";
import { renderRoutes, stubBff } from "./helpers.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the main navigation", () => {
  const routes = [{ path: "*", element: <AppShell /> }];

  it("marks Accounts on the accounts page only, not on a pool's page under /accounts/…", async () => {
    stubBff(() => undefined);
    renderRoutes(routes, "/accounts/111111111111/pools/us-east-1_Abc123def");
    const nav = within(await screen.findByRole("navigation", { name: "Main" }));
    expect(nav.getByRole("link", { name: "Accounts" }).getAttribute("aria-current")).toBeNull();
    expect(nav.getByRole("link", { name: "Member role" }).getAttribute("aria-current")).toBeNull();
  });

  it("marks Accounts on /accounts", async () => {
    stubBff(() => undefined);
    renderRoutes(routes, "/accounts");
    const nav = within(await screen.findByRole("navigation", { name: "Main" }));
    expect(nav.getByRole("link", { name: "Accounts" }).getAttribute("aria-current")).toBe("page");
  });
});
