/**
 * Simulated Cognito log events in the documented shapes (rules doc §6). User activity events carry
 * `eventSource: "USER_ACTIVITY"` and write timestamps and booleans as strings, as AWS does.
 */
import { randomUUID } from "node:crypto";

export type EventSourceName = "userNotification" | "userAuthEvents";

export interface PoolFacts {
  readonly userPoolId: string;
  readonly threatProtection: "OFF" | "AUDIT" | "ENFORCED";
}

const NOTIFICATION_DETAILS = [
  "Failed to send email message to user: Email address is not verified. The following identities failed the check in region US-EAST-1: no-reply@example.com",
  "SMS message could not be delivered: the destination phone number has opted out.",
  "Failed to send email message to user: Daily message quota exceeded.",
];
const EVENT_TYPES = ["SignIn", "SignUp", "ForgotPassword", "PasswordChange", "TokenRefresh"] as const;
const DEVICES = ["Chrome 126, Windows 10", "Safari 17, iOS 17", "Firefox 128, Ubuntu"];
const PLACES = [
  ["Seattle", "United States"],
  ["Dublin", "Ireland"],
  ["Frankfurt am Main", "Germany"],
] as const;

/** Java's `Date.toString()` in UTC, as Cognito writes `creationDate`: `Wed Jul 17 17:25:55 UTC 2024`. */
export function javaUtcDate(ms: number): string {
  const d = new Date(ms);
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

function pick<T>(items: readonly T[], n: number): T {
  return items[n % items.length] as T;
}

export function notificationEvent(pool: PoolFacts, at: number, n: number): Record<string, unknown> {
  return {
    eventTimestamp: String(at),
    eventSource: "USER_NOTIFICATION",
    logLevel: "ERROR",
    message: { details: pick(NOTIFICATION_DETAILS, n) },
    logSourceId: { userPoolId: pool.userPoolId },
  };
}

export function userActivityEvent(pool: PoolFacts, at: number, n: number): Record<string, unknown> {
  const failed = n % 4 === 3;
  const scored = pool.threatProtection !== "OFF";
  const [city, country] = pick(PLACES, n);
  return {
    eventTimestamp: String(at),
    eventSource: "USER_ACTIVITY",
    logLevel: "INFO",
    message: {
      version: "1",
      eventId: randomUUID(),
      eventType: pick(EVENT_TYPES, n),
      userSub: randomUUID(),
      userName: `user${(n % 50) + 1}`,
      userPoolId: pool.userPoolId,
      clientId: "3n4b5urk1ft4fl3mg5e62d9ado",
      creationDate: javaUtcDate(at),
      eventResponse: failed ? "Fail" : "Pass",
      riskLevel: scored ? (failed ? "MEDIUM" : "LOW") : "",
      riskDecision: failed && pool.threatProtection === "ENFORCED" ? "BLOCK" : "PASS",
      challenges: failed ? [{ challenge: "Password", challengeResponse: "Failure" }] : [],
      deviceName: pick(DEVICES, n),
      ipAddress: `192.0.2.${(n % 250) + 1}`,
      requestId: randomUUID(),
      idpName: "",
      compromisedCredentialDetected: "false",
      city,
      country,
      eventFeedbackValue: "",
      eventFeedbackDate: "",
      eventFeedbackProvider: "",
      hasContextData: "true",
    },
    logSourceId: { userPoolId: pool.userPoolId },
  };
}

export function makeEvent(
  source: EventSourceName,
  pool: PoolFacts,
  at: number,
  n: number,
): Record<string, unknown> {
  return source === "userNotification" ? notificationEvent(pool, at, n) : userActivityEvent(pool, at, n);
}
