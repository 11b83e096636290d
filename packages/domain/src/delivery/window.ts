/**
 * The delivery window: how far back "did logs arrive?" looks. Written as a count and a unit
 * (`30m`, `24h`, `7d`); from 5 minutes (CloudWatch's one-minute metrics need a few minutes to
 * fill) to 14 days (CloudWatch keeps one-minute and five-minute data points 15 days; AWS/Cognito
 * metrics are published per minute).
 */
import { z } from "zod";

export const DEFAULT_DELIVERY_WINDOW = "24h";
const UNIT_SECONDS = { m: 60, h: 3600, d: 86_400 } as const;
export const MIN_WINDOW_SECONDS = 5 * 60;
export const MAX_WINDOW_SECONDS = 14 * 86_400;

/** `24h` → 86400; null when the text is not a window or lies outside 5m–14d. */
export function windowSeconds(text: string): number | null {
  const m = /^(\d{1,5})([mhd])$/.exec(text);
  if (!m?.[1] || !m[2]) return null;
  const seconds = Number(m[1]) * UNIT_SECONDS[m[2] as keyof typeof UNIT_SECONDS];
  return seconds >= MIN_WINDOW_SECONDS && seconds <= MAX_WINDOW_SECONDS ? seconds : null;
}

export const DeliveryWindowSchema = z
  .string()
  .refine(
    (v) => windowSeconds(v) !== null,
    "Expected a window such as 30m, 24h or 7d, from 5 minutes to 14 days",
  );

/**
 * The CloudWatch period that sums a window into few data points: one-minute data is kept 15 days,
 * but a period that is a multiple of 60 and divides the window keeps the answer small (at most
 * ~1,440 points), which GetMetricData's 100,800-point limit never nears.
 */
export function metricPeriodFor(seconds: number): number {
  if (seconds <= 3 * 3600) return 60;
  if (seconds <= 2 * 86_400) return 300;
  return 3600;
}
