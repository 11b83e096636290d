import { cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { useInAppLinks } from "../src/components/in-app-links.ts";
import { renderRoutes } from "./helpers.tsx";

/** A container of plain links, as the fleet table renders its pools' links. */
function Links() {
  return (
    <div {...useInAppLinks()}>
      <a href="/accounts/123456789012/pools/us-east-1_AbC">
        <span>pool</span>
      </a>
      <a href="/accounts" target="_blank" rel="noreferrer">
        new tab
      </a>
      <a href="//elsewhere.example/x">other origin</a>
      <a href="https://elsewhere.example/x">absolute</a>
    </div>
  );
}

const routes = [
  { path: "/", element: <Links /> },
  { path: "/accounts/:accountId/pools/:poolId", element: <p>pool page</p> },
  { path: "/accounts", element: <p>accounts page</p> },
];

afterEach(cleanup);

describe("useInAppLinks: plain links inside a container navigate in place", () => {
  it("follows a plain left click on an in-app link with the router, not a page load", async () => {
    const router = renderRoutes(routes, "/", { role: null });
    // The click lands on a child of the link, as on the table's cells.
    const click = fireEvent.click(screen.getByText("pool"));
    // fireEvent returns false when the handler called preventDefault: the browser loads nothing.
    expect(click).toBe(false);
    expect(router.state.location.pathname).toBe("/accounts/123456789012/pools/us-east-1_AbC");
    expect(await screen.findByText("pool page")).toBeTruthy();
  });

  it("leaves modified, non-primary and other-target clicks and other origins to the browser", () => {
    const router = renderRoutes(routes, "/", { role: null });
    // Notes whether the container's handler took each click, after it ran (React listens at its
    // root, inside the document), then stops the test browser from loading the link.
    const taken: boolean[] = [];
    const note = (event: Event) => {
      taken.push(event.defaultPrevented);
      event.preventDefault();
    };
    document.addEventListener("click", note);
    try {
      const pool = screen.getByText("pool");
      fireEvent.click(pool, { ctrlKey: true });
      fireEvent.click(pool, { metaKey: true });
      fireEvent.click(pool, { shiftKey: true });
      fireEvent.click(pool, { altKey: true });
      fireEvent.click(pool, { button: 1 });
      fireEvent.click(screen.getByText("new tab"));
      fireEvent.click(screen.getByText("other origin"));
      fireEvent.click(screen.getByText("absolute"));
      // A plain click, to show the note sees a taken one.
      fireEvent.click(pool);
    } finally {
      document.removeEventListener("click", note);
    }
    expect(taken).toEqual([false, false, false, false, false, false, false, false, true]);
    expect(router.state.location.pathname).toBe("/accounts/123456789012/pools/us-east-1_AbC");
  });
});
