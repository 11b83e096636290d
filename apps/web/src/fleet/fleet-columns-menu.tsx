/**
 * The fleet table's column choice at run time: the table's width (measured), whether the narrow
 * card layout is on, the person's choices (localStorage, this browser), and the Columns menu that
 * shows or hides each column. The rules are fleet-columns.ts's.
 */
import { type RefObject, useCallback, useLayoutEffect, useMemo, useState } from "react";
import {
  type ColumnChoice,
  chooseColumn,
  columnVisibility,
  defaultVisibleColumns,
  FLEET_COLUMN_IDS,
  type FleetColumnId,
  type FleetShape,
  type OptionalFleetColumnId,
  parseColumnChoice,
} from "./fleet-columns.ts";
import "./fleet-columns.css";
import { browserStorage, rememberInBrowser } from "../components/browser-storage.ts";

const STORAGE_KEY = "clc.fleetColumns";
/** styles.css turns the fleet into cards below this width (`@media (max-width: 1199px)`). */
const CARDS_QUERY = "(max-width: 1199px)";

/** The table's width before it has been measured: the window's, less the page's padding. */
function guessedWidth(): number {
  return typeof window === "undefined" ? 1400 : window.innerWidth - 42;
}

/**
 * The fleet table's columns for the box `scrollRef` points at: visibility for TanStack Table, the
 * defaults for its width, and the person's choice with a setter that remembers it.
 */
export function useFleetColumns(scrollRef: RefObject<HTMLElement | null>, shape: FleetShape) {
  const [width, setWidth] = useState(guessedWidth);
  const [cards, setCards] = useState(() => window.matchMedia?.(CARDS_QUERY).matches ?? false);
  const [choice, setChoiceState] = useState<ColumnChoice>(() =>
    parseColumnChoice(browserStorage()?.getItem(STORAGE_KEY)),
  );

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    if (element.clientWidth > 0) setWidth(element.clientWidth);
    // Absent in some test environments (jsdom): the first guess then stands.
    const observer =
      typeof ResizeObserver === "undefined"
        ? undefined
        : new ResizeObserver(() => {
            if (element.clientWidth > 0) setWidth(element.clientWidth);
          });
    observer?.observe(element);
    const media = window.matchMedia?.(CARDS_QUERY);
    const onMedia = () => setCards(media?.matches ?? false);
    media?.addEventListener("change", onMedia);
    return () => {
      observer?.disconnect();
      media?.removeEventListener("change", onMedia);
    };
  }, [scrollRef]);

  const { accounts, ouPaths } = shape;
  const defaults = useMemo(
    () => defaultVisibleColumns(width, cards, { accounts, ouPaths }),
    [width, cards, accounts, ouPaths],
  );
  const visibility = useMemo(
    () => columnVisibility(width, cards, choice, { accounts, ouPaths }),
    [width, cards, choice, accounts, ouPaths],
  );

  const setShown = useCallback(
    (id: OptionalFleetColumnId, shown: boolean) => {
      setChoiceState((current) => {
        const next = chooseColumn(current, id, shown, defaults);
        // Storage full or refused: the choice holds for this visit.
        rememberInBrowser(STORAGE_KEY, JSON.stringify(next));
        return next;
      });
    },
    [defaults],
  );

  const reset = useCallback(() => {
    setChoiceState({});
    browserStorage()?.removeItem(STORAGE_KEY);
  }, []);

  return { visibility, choice, setShown, reset, cards };
}

/** The Columns menu: a checkbox per column but the name, and a way back to what fits the width. */
export function ColumnsMenu({
  labels,
  visibility,
  choice,
  setShown,
  reset,
}: {
  labels: Readonly<Record<FleetColumnId, string>>;
} & ReturnType<typeof useFleetColumns>) {
  const shown = FLEET_COLUMN_IDS.filter((id) => visibility[id]).length;
  return (
    <details className="columns-menu">
      <summary className="button">
        Columns ({shown} of {FLEET_COLUMN_IDS.length})
      </summary>
      <fieldset className="columns-menu-panel">
        <legend>Show columns</legend>
        {FLEET_COLUMN_IDS.filter((id): id is OptionalFleetColumnId => id !== "name").map((id) => (
          <label key={id}>
            <input
              type="checkbox"
              checked={visibility[id]}
              onChange={(e) => setShown(id, e.target.checked)}
            />{" "}
            {labels[id]}
            {/* "Region column", not "Region": the filter bar's controls keep their names to themselves. */}
            <span className="visually-hidden"> column</span>
          </label>
        ))}
        <button
          type="button"
          className="button button-link"
          disabled={Object.keys(choice).length === 0}
          onClick={reset}
        >
          Fit to the window's width
        </button>
      </fieldset>
    </details>
  );
}
