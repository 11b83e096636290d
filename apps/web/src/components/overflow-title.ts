import type { FocusEvent, PointerEvent } from "react";

/**
 * Gives a cut-off cell its full text as a tooltip. A table cell that ends in "…" because its
 * column is narrow gets a `title` with its whole text the moment it is hovered or something in it
 * is focused, so nothing shortened is out of reach; cells that fit, and elements that already say
 * their full value in a title of their own, are left alone.
 */
export function titleIfCutOff(target: EventTarget | null): void {
  if (!(target instanceof Element)) return;
  const cell = target.closest("td, th");
  if (!(cell instanceof HTMLElement) || cell.title) return;
  if (cell.scrollWidth <= cell.clientWidth) return;
  const text = cell.textContent?.replace(/\s+/g, " ").trim();
  if (text) cell.title = text;
}

/** Spread on a table's container: `<div {...overflowTitles}>`. */
export const overflowTitles = {
  onPointerOver: (event: PointerEvent) => titleIfCutOff(event.target),
  onFocus: (event: FocusEvent) => titleIfCutOff(event.target),
};
