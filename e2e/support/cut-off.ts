import { expect, type Locator } from "@playwright/test";

/** One element whose text does not fit its box: where, and what it says. */
interface CutOff {
  where: string;
  text: string;
}

/**
 * The fleet table's headers and cells whose text is cut off (wider than their box: an ellipsis or a
 * clipped value), each header cell and each sort label, each body cell of the rows on screen.
 * Hidden elements (the card layout hides the non-sortable headers) have no box and are skipped.
 */
async function cutOffIn(table: Locator): Promise<CutOff[]> {
  return table.evaluate((element) => {
    const found: { where: string; text: string }[] = [];
    const check = (where: string, box: Element) => {
      if (!(box instanceof HTMLElement) || box.offsetParent === null) return;
      // One pixel of slack: sub-pixel widths round either way.
      if (box.scrollWidth > box.clientWidth + 1) {
        found.push({ where, text: box.textContent?.replace(/\s+/g, " ").trim() ?? "" });
      }
    };
    // The table wider than its box: columns past the right edge are out of sight.
    const box = element.closest(".table-scroll");
    if (box && box.scrollWidth > box.clientWidth + 1)
      found.push({ where: "table scrolls sideways", text: "" });
    for (const th of element.querySelectorAll("thead th")) {
      check("header", th);
      for (const label of th.querySelectorAll(".sort-label")) check("header label", label);
    }
    for (const td of element.querySelectorAll("tbody tr:not(.spacer) td")) {
      // A pool's name may be up to 128 characters: past its column's width it ends in "…" and gives
      // its whole value on hover and focus (overflow-title.ts); only a name that does not is cut off.
      if (
        td instanceof HTMLElement &&
        td.classList.contains("cell-name") &&
        td.scrollWidth > td.clientWidth + 1
      ) {
        td.dispatchEvent(new PointerEvent("pointerover", { bubbles: true }));
        const text = td.textContent?.replace(/\s+/g, " ").trim() ?? "";
        if (td.title === text) continue;
      }
      check(`cell ${td.className}`, td);
    }
    return found;
  });
}

/** Expects no fleet header and no cell of the rows on screen to be cut off. */
export async function expectNothingCutOff(table: Locator): Promise<void> {
  expect(await cutOffIn(table), "fleet headers and cells cut off").toEqual([]);
}

/** Expects every row on screen to be one line tall (at most `maxHeight` CSS pixels). */
export async function expectOneLineRows(table: Locator, maxHeight: number): Promise<void> {
  const tall = await table.evaluate(
    (element, max) =>
      [...element.querySelectorAll("tbody tr:not(.spacer)")]
        .filter((row) => row.getBoundingClientRect().height > max)
        .map((row) => `${row.querySelector("td")?.textContent}: ${row.getBoundingClientRect().height}px`),
    maxHeight,
  );
  expect(tall, "fleet rows taller than one line").toEqual([]);
}
