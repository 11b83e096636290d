/**
 * The sign-in page offers the ways in the BFF lists (GET /api/session/methods): the password form,
 * "Sign in with <provider>", or both; and says why a single sign-on was refused (?sso_error=).
 */
import { type SignInMethods, SSO_ERROR_MESSAGES } from "@clc/domain";
import { cleanup, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SignInPage, ssoErrorMessage } from "../src/pages/sign-in/sign-in-page.tsx";
import { renderRoutes, stubBff } from "./helpers.tsx";

function serveMethods(methods: SignInMethods) {
  return stubBff((url) => {
    if (url.pathname === "/api/session/methods") return Response.json(methods);
    if (url.pathname === "/api/session")
      return Response.json(
        { type: "urn:clc:problem:unauthenticated", title: "Sign in first", status: 401 },
        { status: 401 },
      );
    return undefined;
  });
}

function renderSignIn(url = "/sign-in") {
  return renderRoutes([{ path: "/sign-in", element: <SignInPage /> }], url, { role: null });
}

const SSO = { name: "Okta", startUrl: "/api/session/oidc/start" };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("sign-in page", () => {
  it("offers only the password form when single sign-on is off", async () => {
    serveMethods({ password: true, sso: null });
    renderSignIn();
    expect(await screen.findByLabelText("Username")).toBeTruthy();
    expect(screen.queryByText(/Sign in with/)).toBeNull();
  });

  it("offers both when both are on, the provider's link keeping where to go back to", async () => {
    serveMethods({ password: true, sso: SSO });
    renderSignIn("/sign-in?returnTo=%2Fpools%2Fus-east-1_abc");
    const link = await screen.findByRole("link", { name: "Sign in with Okta" });
    expect(link.getAttribute("href")).toBe("/api/session/oidc/start?returnTo=%2Fpools%2Fus-east-1_abc");
    expect(screen.getByLabelText("Username")).toBeTruthy();
    expect(screen.getByLabelText("Password")).toBeTruthy();
  });

  it("offers only the provider when local operators are off", async () => {
    serveMethods({ password: false, sso: SSO });
    renderSignIn();
    expect(await screen.findByRole("link", { name: "Sign in with Okta" })).toBeTruthy();
    expect(screen.queryByLabelText("Username")).toBeNull();
    expect(screen.queryByLabelText("Password")).toBeNull();
  });

  it("says why the provider's sign-in was refused", async () => {
    serveMethods({ password: false, sso: SSO });
    renderSignIn("/sign-in?sso_error=sso-no-group");
    expect(await screen.findByText(SSO_ERROR_MESSAGES["sso-no-group"])).toBeTruthy();
    expect(ssoErrorMessage("made-up")).toBe("Single sign-on did not complete. Try again.");
    expect(ssoErrorMessage(null)).toBeNull();
  });
});
