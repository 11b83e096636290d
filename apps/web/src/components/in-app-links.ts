import type { MouseEvent } from "react";
import { useNavigate } from "react-router";

/**
 * One click handler for every link inside a large container (the fleet table), instead of a
 * react-router `<Link>` per link: each `<Link>` runs several router hooks on every render, and the
 * fleet's first screen renders three per row, which made up a large part of the time to its first rows.
 * Links stay plain `<a href>` (middle click, "open in new tab", copy link and screen readers work
 * as with any link); a plain left click on one whose `href` is an in-app path navigates in place,
 * by the same rules react-router's `useLinkClickHandler` applies.
 *
 * Returns props to spread on the container: `<div {...useInAppLinks()}>`.
 */
export function useInAppLinks(): { onClick: (event: MouseEvent) => void } {
  const navigate = useNavigate();
  return {
    onClick: (event) => {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
      const target = event.target;
      if (!(target instanceof Element)) return;
      const anchor = target.closest("a[href]");
      if (!(anchor instanceof HTMLAnchorElement) || !event.currentTarget.contains(anchor)) return;
      if (anchor.target && anchor.target !== "_self") return;
      if (anchor.hasAttribute("download")) return;
      const href = anchor.getAttribute("href") ?? "";
      // Only the app's own paths: "/…" but not "//host/…" (another origin).
      if (!href.startsWith("/") || href.startsWith("//")) return;
      event.preventDefault();
      void navigate(href);
    },
  };
}
