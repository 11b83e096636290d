/** Page-wide keyboard shortcuts, focus on a change of page, and the help's URL hashes (issue 19). */
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { isTypingTarget, shortcutOf } from "../src/components/keyboard-shortcuts.tsx";
import { focusHeadingWhenShown } from "../src/components/route-focus.ts";
import { helpFromHash, helpHash } from "../src/help/help-topics.ts";

afterEach(cleanup);

function key(key: string, target: EventTarget | null, modifiers: Partial<KeyboardEvent> = {}) {
  return { key, target, ctrlKey: false, metaKey: false, altKey: false, ...modifiers };
}

describe("keyboard shortcuts", () => {
  it("answer / and ? on the page, never while typing in a field or with a modifier", () => {
    render(
      <div>
        <input aria-label="text" />
        <input type="checkbox" aria-label="box" />
        <textarea aria-label="area" />
        <button type="button">button</button>
      </div>,
    );
    const text = screen.getByLabelText("text");
    const box = screen.getByLabelText("box");
    const area = screen.getByLabelText("area");
    const button = screen.getByRole("button");
    expect(shortcutOf(key("/", document.body))).toBe("search");
    expect(shortcutOf(key("?", button))).toBe("shortcuts");
    expect(shortcutOf(key("/", box))).toBe("search");
    expect(shortcutOf(key("/", text))).toBeNull();
    expect(shortcutOf(key("?", area))).toBeNull();
    expect(shortcutOf(key("/", document.body, { ctrlKey: true }))).toBeNull();
    expect(shortcutOf(key("a", document.body))).toBeNull();
    expect(isTypingTarget(text)).toBe(true);
    expect(isTypingTarget(box)).toBe(false);
  });
});

describe("focus on a change of page", () => {
  it("goes to the h1 once it appears, focusable without joining the tab order", async () => {
    render(<main data-testid="main" />);
    const main = screen.getByTestId("main");
    const stop = focusHeadingWhenShown(main);
    const heading = document.createElement("h1");
    heading.textContent = "User pools";
    main.append(heading);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(document.activeElement).toBe(heading);
    expect(heading.getAttribute("tabindex")).toBe("-1");
    stop();
  });

  it("leaves focus alone once the user has put it somewhere else", async () => {
    render(
      <main data-testid="main">
        <input aria-label="search" />
      </main>,
    );
    const main = screen.getByTestId("main");
    const stop = focusHeadingWhenShown(main);
    screen.getByLabelText("search").focus();
    main.append(document.createElement("h1"));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(document.activeElement).toBe(screen.getByLabelText("search"));
    stop();
  });
});

describe("help in the URL", () => {
  it("names the panel and each topic by the hash, and opens the start for an unknown topic", () => {
    expect(helpHash()).toBe("#help");
    expect(helpHash("plans")).toBe("#help-plans");
    expect(helpFromHash("#help")).toEqual({ topic: null });
    expect(helpFromHash("#help-firehose")).toEqual({ topic: "firehose" });
    expect(helpFromHash("#help-retired-topic")).toEqual({ topic: null });
    expect(helpFromHash("#main")).toBeNull();
    expect(helpFromHash("")).toBeNull();
  });
});
