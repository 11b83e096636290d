import { lazy, Suspense, useEffect, useState } from "react";
import "./a11y.css";

const ShortcutsDialog = lazy(async () => ({
  default: (await import("./shortcuts-dialog.tsx")).ShortcutsDialog,
}));

/** The attribute that marks the search field `/` focuses (the fleet's search). */
export const SEARCH_SHORTCUT_ATTRIBUTE = "data-search-shortcut";

/** Whether a key press belongs to what the user is typing in, rather than to the page. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  // Keys on a checkbox, radio or button do not type anything.
  const type = (target as HTMLInputElement).type;
  return !["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"].includes(type);
}

/** The page-wide shortcut a key press asks for, or null. */
export function shortcutOf(event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "target">) {
  if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return null;
  if (event.key === "/") return "search" as const;
  if (event.key === "?") return "shortcuts" as const;
  return null;
}

/**
 * `/` focuses the page's search field (the fleet's), `?` lists the shortcuts. Neither fires while
 * typing in a field, nor while a modal dialog is open (the page behind it is inert).
 */
export function KeyboardShortcuts() {
  const [listing, setListing] = useState(false);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const shortcut = shortcutOf(event);
      if (!shortcut || document.querySelector("dialog[open]")) return;
      if (shortcut === "search") {
        const search = document.querySelector<HTMLInputElement>(`[${SEARCH_SHORTCUT_ATTRIBUTE}]`);
        if (!search) return;
        event.preventDefault();
        search.focus();
        search.select();
      } else {
        event.preventDefault();
        setListing(true);
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
  if (!listing) return null;
  return (
    <Suspense fallback={null}>
      <ShortcutsDialog onClose={() => setListing(false)} />
    </Suspense>
  );
}
