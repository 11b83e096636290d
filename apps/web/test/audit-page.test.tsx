import type { AccountsResponse, AuditListResponse, AuditRecord } from "@clc/domain";
import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TIME_ZONE_STORAGE_KEY } from "../src/components/time-format.ts";
import { AuditPage, changedMembers, filterFromParams, roleNameOf } from "../src/pages/audit/audit-page.tsx";
import { renderRoutes, stubBff } from "./helpers.tsx";

const SUCCESS: AuditRecord = {
  id: "8",
  at: "2026-01-01T00:00:05.000Z",
  operator: "alice",
  role: "admin",
  action: "fix.apply",
  region: "us-east-1",
  poolId: "us-east-1_Example1",
  resource: "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Example1",
  before: { DeletionProtection: "ACTIVE", MfaConfiguration: "OPTIONAL" },
  after: {
    DeletionProtection: "ACTIVE",
    MfaConfiguration: "OPTIONAL",
    UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" },
  },
  outcome: "success",
  attemptId: "7",
  error: null,
  requestId: "req-1",
  awsRequestId: "aws-1",
};

let requested: URL[] = [];
beforeEach(() => {
  requested = [];
  stubBff((url) => {
    if (url.pathname !== "/api/audit") return undefined;
    requested.push(url);
    return Response.json({ items: [SUCCESS], nextCursor: null } satisfies AuditListResponse);
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.localStorage.clear();
});

describe("the audit page", () => {
  it("shows a success row's before and after, and which members changed", async () => {
    renderRoutes([{ path: "/audit", element: <AuditPage /> }], "/audit", { role: null });
    expect(await screen.findByText("(changed: UserPoolAddOns)")).toBeTruthy();
    const change = screen.getByText(/^before: /);
    expect(change.textContent).toContain('"MfaConfiguration": "OPTIONAL"');
    expect(change.textContent).toContain('after:  {\n  "DeletionProtection": "ACTIVE"');
    expect(change.textContent).toContain('"AdvancedSecurityMode": "AUDIT"');
  });

  it("names the changed top-level members only when both sides are objects", () => {
    expect(changedMembers({ a: 1, b: [1] }, { a: 1, b: [2], c: null })).toEqual(["b", "c"]);
    expect(changedMembers(null, { a: 1 })).toEqual([]);
    expect(changedMembers("OFF", "AUDIT")).toEqual([]);
  });

  it("shows each time with its zone, in UTC once UTC is chosen", async () => {
    window.localStorage.setItem(TIME_ZONE_STORAGE_KEY, "utc");
    renderRoutes([{ path: "/audit", element: <AuditPage /> }], "/audit", { role: null });
    const time = await screen.findByText(/00:00:05 UTC$/);
    expect(time.getAttribute("dateTime")).toBe(SUCCESS.at);
    expect(screen.getByLabelText("From (UTC)")).toBeTruthy();
  });

  it("hides sign-ins until asked, one click away", async () => {
    renderRoutes([{ path: "/audit", element: <AuditPage /> }], "/audit", { role: null });
    await screen.findByText("(changed: UserPoolAddOns)");
    expect(requested.at(-1)?.searchParams.get("signIns")).toBe("exclude");
    const show = screen.getByRole("button", { name: "Show sign-ins" });
    expect(show.getAttribute("aria-pressed")).toBe("false");
    fireEvent.click(show);
    await vi.waitFor(() => expect(requested.at(-1)?.searchParams.get("signIns")).toBe("include"));
    expect(screen.getByRole("button", { name: "Show sign-ins" }).getAttribute("aria-pressed")).toBe("true");
  });

  it("refuses a time range that ends before it starts, saying so, and keeps the last good filter", async () => {
    window.localStorage.setItem(TIME_ZONE_STORAGE_KEY, "utc");
    renderRoutes([{ path: "/audit", element: <AuditPage /> }], "/audit", { role: null });
    await screen.findByText("(changed: UserPoolAddOns)");
    const before = requested.length;
    fireEvent.change(screen.getByLabelText("From (UTC)"), { target: { value: "2026-02-02T10:00" } });
    fireEvent.change(screen.getByLabelText("Until (UTC)"), { target: { value: "2026-02-01T10:00" } });
    fireEvent.click(screen.getByRole("button", { name: "Filter" }));
    expect((await screen.findByRole("alert")).textContent).toContain("“From” must be before “Until”");
    expect(screen.getByLabelText("From (UTC)").getAttribute("aria-invalid")).toBe("true");
    expect(requested.length).toBe(before);
  });

  it("takes a From equal to Until as that whole day, in the chosen zone", async () => {
    window.localStorage.setItem(TIME_ZONE_STORAGE_KEY, "utc");
    renderRoutes([{ path: "/audit", element: <AuditPage /> }], "/audit", { role: null });
    await screen.findByText("(changed: UserPoolAddOns)");
    fireEvent.change(screen.getByLabelText("From (UTC)"), { target: { value: "2026-02-01T10:00" } });
    fireEvent.change(screen.getByLabelText("Until (UTC)"), { target: { value: "2026-02-01T10:00" } });
    fireEvent.click(screen.getByRole("button", { name: "Filter" }));
    await vi.waitFor(() =>
      expect(requested.at(-1)?.searchParams.get("from")).toBe("2026-02-01T00:00:00.000Z"),
    );
    expect(requested.at(-1)?.searchParams.get("to")).toBe("2026-02-02T00:00:00.000Z");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("ignores a range in the URL that ends before it starts", () => {
    const filter = filterFromParams(
      new URLSearchParams("from=2026-02-02T00:00:00Z&to=2026-02-01T00:00:00Z&pool=x"),
    );
    expect(filter).toEqual({ pool: "x", signIns: "exclude" });
  });
});

const PAYMENTS_ROLE = "arn:aws:iam::111111111111:role/clc/CognitoLogConsoleRole";
const ORGANIZATION: AccountsResponse = {
  source: "organization",
  accounts: [
    {
      accountId: "123456789012",
      name: "acme-management",
      ouPath: "",
      roleArn: null,
      own: true,
      status: "ok",
      regions: [],
    },
    {
      accountId: "111111111111",
      name: "acme-payments",
      ouPath: "Production",
      roleArn: PAYMENTS_ROLE,
      own: false,
      status: "ok",
      regions: [],
    },
  ],
};
/** A change in a member account, through its role; one with the console's own credentials; a sign-in. */
const IN_PAYMENTS: AuditRecord = { ...SUCCESS, id: "12", accountId: "111111111111", roleArn: PAYMENTS_ROLE };
const IN_MANAGEMENT: AuditRecord = { ...SUCCESS, id: "11", accountId: "123456789012", roleArn: null };
const SIGN_IN: AuditRecord = {
  ...SUCCESS,
  id: "10",
  action: "session.sign-in",
  poolId: null,
  region: null,
  resource: null,
  before: null,
  after: null,
  attemptId: null,
};

describe("the audit page of an organization", () => {
  beforeEach(() => {
    stubBff((url) => {
      if (url.pathname === "/api/accounts") return Response.json(ORGANIZATION);
      if (url.pathname !== "/api/audit") return undefined;
      requested.push(url);
      return Response.json({
        items: [IN_PAYMENTS, IN_MANAGEMENT, SIGN_IN],
        nextCursor: null,
      } satisfies AuditListResponse);
    });
  });

  function rowOf(id: string) {
    const table = screen.getByRole("table", { name: "Audit records" });
    const row = within(table).getByText(`#${id}`).closest("tr");
    if (!row) throw new Error(`no row of record ${id}`);
    return row;
  }

  it("shows each record's account, named, and the role the console assumed there, its ARN on hover", async () => {
    renderRoutes([{ path: "/audit", element: <AuditPage /> }], "/audit", { role: null });
    await screen.findByRole("table", { name: "Audit records" });
    const payments = await vi.waitFor(() => {
      const cell = rowOf("12").querySelector('td[data-label="Account"]');
      expect(cell?.textContent).toContain("acme-payments");
      return within(cell as HTMLElement);
    });
    expect(payments.getByText("111111111111")).toBeTruthy();
    expect(payments.getByText("CognitoLogConsoleRole").getAttribute("title")).toBe(PAYMENTS_ROLE);

    const management = within(rowOf("11").querySelector('td[data-label="Account"]') as HTMLElement);
    expect(management.getByText("acme-management")).toBeTruthy();
    expect(management.getByText("The console's own credentials")).toBeTruthy();
    // A sign-in acted in no account: no account, and no credentials to speak of.
    expect(rowOf("10").querySelector('td[data-label="Account"]')?.textContent).toBe("—");
    // The account is a column of the table, and labelled in a narrow window's card.
    expect(screen.getByRole("columnheader", { name: "Account" })).toBeTruthy();
  });

  it("filters by a chosen account: in the URL, the request and the export links", async () => {
    const router = renderRoutes([{ path: "/audit", element: <AuditPage /> }], "/audit", { role: null });
    const select = await screen.findByRole("combobox", { name: "Account" });
    const options = within(select)
      .getAllByRole("option")
      .map((o) => o.textContent);
    expect(options).toEqual([
      "All accounts",
      "acme-management (123456789012)",
      "acme-payments (111111111111)",
    ]);
    expect(requested.at(-1)?.searchParams.has("account")).toBe(false);

    fireEvent.change(select, { target: { value: "111111111111" } });
    fireEvent.click(screen.getByRole("button", { name: "Filter" }));
    await vi.waitFor(() => expect(requested.at(-1)?.searchParams.get("account")).toBe("111111111111"));
    expect(router.state.location.search).toContain("account=111111111111");
    expect(screen.getByRole("link", { name: "Export CSV" }).getAttribute("href")).toContain(
      "account=111111111111",
    );
    // The form shows the filter it asked for.
    expect((screen.getByRole("combobox", { name: "Account" }) as HTMLSelectElement).value).toBe(
      "111111111111",
    );
  });

  it("keeps an account from the URL, and lets it be typed when the accounts cannot be listed", async () => {
    stubBff((url) => {
      if (url.pathname === "/api/accounts")
        return Response.json({ type: "about:blank", title: "Bad gateway", status: 502 }, { status: 502 });
      if (url.pathname !== "/api/audit") return undefined;
      requested.push(url);
      return Response.json({ items: [IN_PAYMENTS], nextCursor: null } satisfies AuditListResponse);
    });
    renderRoutes([{ path: "/audit", element: <AuditPage /> }], "/audit?account=222222222222", { role: null });
    await vi.waitFor(() => expect(requested.at(-1)?.searchParams.get("account")).toBe("222222222222"));
    const typed = (await screen.findByRole("textbox", { name: "Account" })) as HTMLInputElement;
    expect(typed.value).toBe("222222222222");
    // Without names, the row shows the account's id alone.
    expect(rowOf("12").querySelector('td[data-label="Account"]')?.textContent).toContain("111111111111");
  });

  it("reads the role's name from its ARN, and ignores an account in the URL that is not 12 digits", () => {
    expect(roleNameOf(PAYMENTS_ROLE)).toBe("CognitoLogConsoleRole");
    expect(roleNameOf("arn:aws:iam::111111111111:role/Plain")).toBe("Plain");
    expect(roleNameOf("not-an-arn")).toBe("not-an-arn");
    expect(filterFromParams(new URLSearchParams("account=abc&operator=ada"))).toEqual({
      operator: "ada",
      signIns: "exclude",
    });
    expect(filterFromParams(new URLSearchParams("account=111111111111")).account).toBe("111111111111");
  });
});
