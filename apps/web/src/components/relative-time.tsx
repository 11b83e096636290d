import { useEffect, useState } from "react";
import { formatTimestamp } from "./time-format.ts";
import { useTimeZoneChoice } from "./timestamp.tsx";

const formatter = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

export function formatRelative(iso: string, now: number): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return "just now";
  if (abs < 3600) return formatter.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return formatter.format(Math.round(seconds / 3600), "hour");
  return formatter.format(Math.round(seconds / 86_400), "day");
}

/** "3 minutes ago", kept current, with the exact time and its zone on hover and for machines. */
export function RelativeTime({ iso }: { iso: string }) {
  const [now, setNow] = useState(() => Date.now());
  const zone = useTimeZoneChoice();
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span>unknown</span>;
  return (
    <time dateTime={iso} title={formatTimestamp(iso, zone)}>
      {formatRelative(iso, now)}
    </time>
  );
}
