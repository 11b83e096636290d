import { useSyncExternalStore } from "react";
import {
  formatTimestamp,
  readTimeZoneChoice,
  saveTimeZoneChoice,
  subscribeTimeZoneChoice,
  type TimeZoneChoice,
} from "./time-format.ts";

/** The operator's time zone choice, re-rendering when it changes (here or in another tab). */
export function useTimeZoneChoice(): TimeZoneChoice {
  return useSyncExternalStore(
    subscribeTimeZoneChoice,
    () => readTimeZoneChoice(),
    () => "local",
  );
}

/** A time in the chosen zone, with its zone; the other zone's reading on hover. */
export function Timestamp({ iso }: { iso: string }) {
  const zone = useTimeZoneChoice();
  return (
    <time dateTime={iso} title={formatTimestamp(iso, zone === "utc" ? "local" : "utc")}>
      {formatTimestamp(iso, zone)}
    </time>
  );
}

/** The header's switch between local time and UTC for every time the console shows. */
export function TimeZoneSwitch() {
  const zone = useTimeZoneChoice();
  return (
    <label className="time-zone-switch">
      <span>Times</span>
      <select value={zone} onChange={(event) => saveTimeZoneChoice(event.target.value as TimeZoneChoice)}>
        <option value="local">Local</option>
        <option value="utc">UTC</option>
      </select>
    </label>
  );
}
