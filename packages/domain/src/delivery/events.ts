/**
 * Cognito's delivered log records (rules doc §6), read leniently into what a person wants to see:
 * for user activity the time, event type, user, IP and place, risk decision and outcome; for
 * message delivery the time and the error's details. AWS writes timestamps and booleans as
 * strings and says "the schema may change", so every field is optional and nothing throws.
 */
import { z } from "zod";

export const UserActivityEventSchema = z.object({
  kind: z.literal("userActivity"),
  /** ISO 8601, from `eventTimestamp` (milliseconds since the epoch, as a string). */
  at: z.string().nullable(),
  eventType: z.string().nullable(),
  user: z.string().nullable(),
  ipAddress: z.string().nullable(),
  /** "Seattle, United States"; null when Cognito gave no place. */
  place: z.string().nullable(),
  riskDecision: z.string().nullable(),
  riskLevel: z.string().nullable(),
  /** `eventResponse`: Pass, Fail, InProgress… */
  outcome: z.string().nullable(),
  userPoolId: z.string().nullable(),
});
export const NotificationEventSchema = z.object({
  kind: z.literal("notification"),
  at: z.string().nullable(),
  details: z.string().nullable(),
  userPoolId: z.string().nullable(),
});
/** A record the console could not read as either shape: shown raw (cut to 500 characters). */
export const UnreadEventSchema = z.object({
  kind: z.literal("unread"),
  at: z.string().nullable(),
  raw: z.string(),
  userPoolId: z.string().nullable(),
});
export const DeliveredEventSchema = z.discriminatedUnion("kind", [
  UserActivityEventSchema,
  NotificationEventSchema,
  UnreadEventSchema,
]);
export type DeliveredEvent = z.infer<typeof DeliveredEventSchema>;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null =>
  typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : null;

function isoOf(value: unknown, fallbackMs: number | null): string | null {
  const ms = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
  const use = Number.isFinite(ms) && ms > 0 ? ms : fallbackMs;
  return use === null ? null : new Date(use).toISOString();
}

/**
 * One delivered record (a CloudWatch Logs message, a line of an S3 object) → what the console shows.
 * `receivedAtMs`: the time the destination stored it (log event timestamp, object time), used when
 * the record carries none.
 */
export function readDeliveredEvent(raw: string, receivedAtMs: number | null = null): DeliveredEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (!isRecord(parsed)) {
    return { kind: "unread", at: isoOf(null, receivedAtMs), raw: raw.slice(0, 500), userPoolId: null };
  }
  const message = isRecord(parsed.message) ? parsed.message : {};
  const source = isRecord(parsed.logSourceId) ? parsed.logSourceId : {};
  const userPoolId = text(source.userPoolId) ?? text(message.userPoolId);
  const at = isoOf(parsed.eventTimestamp, receivedAtMs);
  if (parsed.eventSource === "USER_ACTIVITY") {
    const place = [text(message.city), text(message.country)].filter(Boolean).join(", ");
    return {
      kind: "userActivity",
      at,
      eventType: text(message.eventType),
      user: text(message.userName) ?? text(message.userSub),
      ipAddress: text(message.ipAddress),
      place: place === "" ? null : place,
      riskDecision: text(message.riskDecision),
      riskLevel: text(message.riskLevel),
      outcome: text(message.eventResponse),
      userPoolId,
    };
  }
  if (parsed.eventSource === "USER_NOTIFICATION") {
    return {
      kind: "notification",
      at,
      details: text(message.details) ?? (Object.keys(message).length ? JSON.stringify(message) : null),
      userPoolId,
    };
  }
  return { kind: "unread", at, raw: raw.slice(0, 500), userPoolId };
}

/** Whether a delivered record belongs to the pool (a destination may be shared by many pools). */
export function eventIsForPool(event: DeliveredEvent, userPoolId: string): boolean {
  return event.userPoolId === userPoolId;
}
