import { useEffect, useRef } from "react";
import { useLocation } from "react-router";

/** How long a page that is still loading may take to show its heading before we stop waiting. */
const WAIT_FOR_HEADING_MS = 10_000;

/**
 * Moves focus to the page's `h1` inside `container`, once there is one: now, or when it appears (a
 * page that loads first shows a spinner). It is made focusable without entering the tab order
 * (tabIndex -1). If the heading is replaced while loading (focus falls back to the body), the new one
 * takes focus; once the user has moved focus elsewhere, it is left alone. Answers a function that
 * stops waiting.
 */
export function focusHeadingWhenShown(container: HTMLElement, waitMs = WAIT_FOR_HEADING_MS): () => void {
  const focusHeading = (): boolean => {
    const heading = container.querySelector("h1");
    if (!heading) return false;
    if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
    return true;
  };
  const focusIsFree = () => {
    const active = document.activeElement;
    return active === null || active === document.body || !active.isConnected;
  };
  focusHeading();
  const observer = new MutationObserver(() => {
    const active = document.activeElement;
    // The user (or the page) chose something to focus: the heading's job is done.
    if (!focusIsFree() && !(active instanceof HTMLHeadingElement && active.tagName === "H1")) {
      observer.disconnect();
      return;
    }
    if (focusIsFree()) focusHeading();
  });
  observer.observe(container, { childList: true, subtree: true });
  const timer = window.setTimeout(() => observer.disconnect(), waitMs);
  return () => {
    observer.disconnect();
    window.clearTimeout(timer);
  };
}

/**
 * On every change of page (path, not the search: filters typed on the fleet keep their focus), focus
 * goes to the new page's heading, so a screen reader announces where the user is and Tab continues
 * from the top of the content. The first page keeps the browser's own start.
 */
export function useFocusHeadingOnRouteChange(containerId = "main"): void {
  const { pathname } = useLocation();
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new path is what triggers the move
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const container = document.getElementById(containerId);
    if (!container) return;
    return focusHeadingWhenShown(container);
  }, [pathname, containerId]);
}
