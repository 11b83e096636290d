/**
 * One way to write a time everywhere in the console: date, time to the second and the time zone's
 * name ("Nov 30, 2026, 13:05:09 UTC"), in the zone the operator chose (their own, or UTC), which
 * is remembered in this browser (localStorage).
 */

import { browserStorage, rememberInBrowser } from "./browser-storage.ts";

/** Which clock the console's times follow: the browser's own zone, or UTC. */
export type TimeZoneChoice = "local" | "utc";

export const TIME_ZONE_STORAGE_KEY = "clc.timeZone";
/** Fired on `window` when this tab changes the choice (the `storage` event only reaches other tabs). */
const CHANGE_EVENT = "clc:time-zone";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: TimeZoneChoice, locale: string | undefined): Intl.DateTimeFormat {
  const key = `${zone}|${locale ?? ""}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
      ...(zone === "utc" ? { timeZone: "UTC" } : {}),
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * `iso` (any string `Date` parses, e.g. ISO 8601 from the API) written in `zone`, always ending in
 * the zone's name ("UTC", "GMT+1", "CET", …) so a time is never read in the wrong zone.
 * `locale` is the BCP 47 language tag (default: the browser's). "unknown time" when `iso` is not a time.
 */
export function formatTimestamp(iso: string, zone: TimeZoneChoice, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "unknown time";
  return formatterFor(zone, locale).format(date);
}

/** The zone the operator chose in this browser; local time until they choose. */
export function readTimeZoneChoice(
  storage: Pick<Storage, "getItem"> | undefined = browserStorage(),
): TimeZoneChoice {
  return storage?.getItem(TIME_ZONE_STORAGE_KEY) === "utc" ? "utc" : "local";
}

/** Remembers the choice in this browser and tells every clock on the page to follow it. */
export function saveTimeZoneChoice(zone: TimeZoneChoice): void {
  rememberInBrowser(TIME_ZONE_STORAGE_KEY, zone);
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

/** Calls `onChange` when the choice changes, in this tab or another; returns the unsubscribe. */
export function subscribeTimeZoneChoice(onChange: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === TIME_ZONE_STORAGE_KEY) onChange();
  };
  window.addEventListener(CHANGE_EVENT, onChange);
  window.addEventListener("storage", onStorage);
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener("storage", onStorage);
  };
}

/** `<input type="datetime-local">` holds a wall-clock time with no zone: this one, in `zone`. */
export function toDateTimeInput(iso: string | undefined, zone: TimeZoneChoice): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const offsetMinutes = zone === "utc" ? 0 : date.getTimezoneOffset();
  return new Date(date.getTime() - offsetMinutes * 60_000).toISOString().slice(0, 16);
}

/** The ISO 8601 UTC time a `datetime-local` value means in `zone`; null when empty or not a time. */
export function fromDateTimeInput(value: string, zone: TimeZoneChoice): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null;
  const date = new Date(zone === "utc" ? `${value}Z` : value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
