import { afterEach, describe, expect, it } from "vitest";
import {
  formatTimestamp,
  fromDateTimeInput,
  readTimeZoneChoice,
  saveTimeZoneChoice,
  subscribeTimeZoneChoice,
  TIME_ZONE_STORAGE_KEY,
  toDateTimeInput,
} from "../src/components/time-format.ts";

const AT = "2026-01-31T23:05:09.000Z";

afterEach(() => {
  window.localStorage.clear();
});

describe("formatTimestamp", () => {
  it("writes UTC times with their zone, to the second", () => {
    expect(formatTimestamp(AT, "utc", "en-US")).toBe("Jan 31, 2026, 23:05:09 UTC");
    expect(formatTimestamp(AT, "utc", "en-GB")).toBe("31 Jan 2026, 23:05:09 UTC");
  });

  it("writes local times in the browser's zone, naming it", () => {
    const local = formatTimestamp(AT, "local", "en-US");
    const zoneName = new Intl.DateTimeFormat("en-US", { timeZoneName: "short" })
      .formatToParts(new Date(AT))
      .find((part) => part.type === "timeZoneName")?.value;
    expect(zoneName).toBeTruthy();
    expect(local.endsWith(` ${zoneName}`)).toBe(true);
  });

  it("says so when the value is not a time", () => {
    expect(formatTimestamp("yesterday", "utc")).toBe("unknown time");
  });
});

describe("the time zone choice", () => {
  it("is local time until chosen, then remembered in localStorage and announced to the page", () => {
    expect(readTimeZoneChoice()).toBe("local");
    let changes = 0;
    const unsubscribe = subscribeTimeZoneChoice(() => changes++);
    saveTimeZoneChoice("utc");
    expect(window.localStorage.getItem(TIME_ZONE_STORAGE_KEY)).toBe("utc");
    expect(readTimeZoneChoice()).toBe("utc");
    saveTimeZoneChoice("local");
    expect(readTimeZoneChoice()).toBe("local");
    unsubscribe();
    saveTimeZoneChoice("utc");
    expect(changes).toBe(2);
  });

  it("treats anything else stored under its key as local time", () => {
    window.localStorage.setItem(TIME_ZONE_STORAGE_KEY, "Mars/Olympus");
    expect(readTimeZoneChoice()).toBe("local");
  });
});

describe("datetime-local inputs", () => {
  it("read and write UTC wall-clock times when UTC is chosen", () => {
    expect(toDateTimeInput(AT, "utc")).toBe("2026-01-31T23:05");
    expect(fromDateTimeInput("2026-01-31T23:05", "utc")).toBe("2026-01-31T23:05:00.000Z");
  });

  it("round-trip local wall-clock times", () => {
    const iso = fromDateTimeInput("2026-07-01T08:30", "local");
    expect(iso).not.toBeNull();
    expect(toDateTimeInput(iso ?? "", "local")).toBe("2026-07-01T08:30");
  });

  it("turn an empty or malformed value into no bound", () => {
    expect(fromDateTimeInput("", "utc")).toBeNull();
    expect(fromDateTimeInput("31/01/2026 23:05", "utc")).toBeNull();
    expect(toDateTimeInput(undefined, "local")).toBe("");
  });
});
