/** The destination search says what AWS would refuse before asking (issue 12 §5). */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DestinationPicker } from "../src/editor/destination-picker.tsx";
import { PLUS_POOL_FACTS } from "./helpers.tsx";

describe("destination search text", () => {
  const requested: string[] = [];
  beforeEach(() => {
    requested.length = 0;
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) => {
        requested.push(String(url));
        return new Response(JSON.stringify({ items: [], nextCursor: null }), {
          status: 200,
          headers: { "content-type": "application/json" },
        });
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("a log group search with ':*' or a space says which characters to remove, and is never sent", async () => {
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <DestinationPicker
          region="us-east-1"
          kind="logGroup"
          selectedArn=""
          onSelect={() => {}}
          pool={PLUS_POOL_FACTS}
          eventSource="userNotification"
          configuration={{ userNotification: null, userAuthEvents: null }}
        />
      </QueryClientProvider>,
    );
    const input = screen.getByLabelText("Search destinations");
    fireEvent.change(input, { target: { value: "cognito errors:*" } });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("may contain only letters, digits and . - _ / #");
    expect(alert.textContent).toContain("remove spaces, ':', '*'");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    // A valid search afterwards is sent; the invalid text never was (searches go out in order).
    fireEvent.change(input, { target: { value: "cognito" } });
    await waitFor(() => expect(requested.some((url) => url.includes("q=cognito"))).toBe(true));
    expect(screen.queryByRole("alert")).toBeNull();
    expect(requested.some((url) => url.includes("errors") || url.includes("%3A"))).toBe(false);
  });
});
