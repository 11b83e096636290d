/**
 * Is this pool's log delivery actually delivering? One state per event source, judged on what the
 * destination holds (events in the window), what the pool's own CloudWatch metrics say of its
 * traffic (namespace AWS/Cognito), and what a Firehose stream reports of its deliveries
 * (namespace AWS/Firehose). Pure: the BFF gathers the evidence, this decides.
 *
 * Sources: "User pool metrics in CloudWatch" (Cognito developer guide: SignInSuccesses,
 * SignUpSuccesses, TokenRefreshSuccesses, FederationSuccesses; dimensions UserPool and
 * UserPoolClient; a value of 1 per success, 0 per failure) and "Monitoring Amazon Data Firehose
 * with CloudWatch metrics" (DeliveryToS3.Success, DeliveryToHttpEndpoint.Success: 1 per
 * successful delivery attempt, 0 per failed one; their Sum below their SampleCount means failures).
 */
import { z } from "zod";
import type { EventSource, PoolTier, ThreatProtection } from "../model.ts";

export const DELIVERY_STATES = [
  "delivering",
  "silent",
  "idle",
  "failing",
  "not-configured",
  "not-applicable",
  "unknown",
] as const;
export const DeliveryStateSchema = z.enum(DELIVERY_STATES);
export type DeliveryState = z.infer<typeof DeliveryStateSchema>;

/** Why a state was given: a stable id (tests, filters) and a sentence in the user's terms. */
export const DeliveryVerdictReasonSchema = z.object({ id: z.string(), message: z.string() });

/**
 * The pool's own traffic in the window, summed over its app clients: the SampleCount of each
 * AWS/Cognito metric (every request, successful or not; a failed sign-in is user activity too).
 */
export interface PoolTraffic {
  signIns: number;
  signUps: number;
  tokenRefreshes: number;
  federations: number;
}

/** What a Firehose stream reported in the window (AWS/Firehose). */
export interface StreamDeliveryMetrics {
  incomingRecords: number;
  /** Delivery attempts (SampleCount of DeliveryTo….Success) and how many failed (SampleCount − Sum). */
  attempts: number;
  failedAttempts: number;
}

export interface DeliveryEvidence {
  eventSource: EventSource;
  tier: PoolTier;
  threatProtection: ThreatProtection;
  configured: boolean;
  /** Events the destination holds for the pool in the window; null when it could not be read. */
  eventsInWindow: number | null;
  /** Null when the pool's metrics could not be read. */
  traffic: PoolTraffic | null;
  /** Firehose destinations only; null otherwise or when unread. */
  stream?: StreamDeliveryMetrics | null;
  /** Why the destination could not be read, in the user's terms (with eventsInWindow null). */
  readError?: string | null;
}

export interface DeliveryVerdict {
  state: DeliveryState;
  reason: { id: string; message: string };
}

const SOURCE_WORDS: Record<EventSource, string> = {
  userNotification: "message-delivery errors",
  userAuthEvents: "user activity",
};

/** Sign-ins, sign-ups, token refreshes and federated sign-ins: every request that makes user activity. */
export function trafficTotal(t: PoolTraffic): number {
  return t.signIns + t.signUps + t.tokenRefreshes + t.federations;
}

/**
 * The state of one event source. Order matters: what cannot produce logs is not applicable; what is
 * not configured is not configured; a destination that reports failures is failing even when some
 * records arrived; events in the window mean delivering; otherwise the pool's traffic tells silent
 * (traffic, no logs) from idle (no traffic). Message-delivery errors are never "silent": no metric
 * says a message failed, and no errors is the normal case.
 */
export function judgeDelivery(e: DeliveryEvidence): DeliveryVerdict {
  const words = SOURCE_WORDS[e.eventSource];
  if (e.eventSource === "userAuthEvents") {
    if (e.tier !== "PLUS") {
      return {
        state: "not-applicable",
        reason: {
          id: "tier-not-plus",
          message: `User activity logs need the Plus feature plan; this pool is on ${e.tier === "LITE" ? "Lite" : "Essentials"}.`,
        },
      };
    }
    if (e.threatProtection === "OFF") {
      return {
        state: "not-applicable",
        reason: {
          id: "threat-protection-off",
          message: e.configured
            ? "User activity is configured, but threat protection is off, so Cognito produces no user activity logs. Turn it on (Audit or Enforced) to get them."
            : "Threat protection is off, so Cognito produces no user activity logs. Turn it on (Audit or Enforced) to get them.",
        },
      };
    }
  }
  if (!e.configured) {
    return {
      state: "not-configured",
      reason: { id: "not-configured", message: `The pool does not export ${words}.` },
    };
  }
  if (e.stream && e.stream.failedAttempts > 0) {
    return {
      state: "failing",
      reason: {
        id: "destination-failing",
        message: `The Firehose stream failed ${e.stream.failedAttempts} of ${e.stream.attempts} delivery attempts in the window; failed records go to its backup bucket.`,
      },
    };
  }
  if (e.eventsInWindow === null) {
    return {
      state: "unknown",
      reason: {
        id: "destination-unread",
        message: `The destination could not be read${e.readError ? `: ${e.readError}` : "."}`,
      },
    };
  }
  if (e.eventsInWindow > 0) {
    return {
      state: "delivering",
      reason: { id: "events-arrived", message: `${e.eventsInWindow} ${words} events arrived in the window.` },
    };
  }
  if (e.eventSource === "userNotification") {
    return {
      state: "idle",
      reason: {
        id: "no-message-errors",
        message:
          "No message-delivery errors arrived in the window. That is the normal case: Cognito logs only failed emails and SMS.",
      },
    };
  }
  if (e.traffic === null) {
    return {
      state: "idle",
      reason: {
        id: "traffic-unknown",
        message:
          "No user activity arrived in the window, and the pool's CloudWatch metrics could not be read to tell whether any was expected.",
      },
    };
  }
  const total = trafficTotal(e.traffic);
  if (total > 0) {
    return {
      state: "silent",
      reason: {
        id: "traffic-without-logs",
        message: `The pool served ${describeTraffic(e.traffic)} in the window, but no user activity arrived at the destination.`,
      },
    };
  }
  return {
    state: "idle",
    reason: {
      id: "no-traffic",
      message:
        "No user activity arrived, and the pool served no sign-ins, sign-ups or token refreshes in the window.",
    },
  };
}

/** "12 sign-ins, 3 token refreshes" (zero counts left out). */
export function describeTraffic(t: PoolTraffic): string {
  const parts: [number, string, string][] = [
    [t.signIns, "sign-in", "sign-ins"],
    [t.signUps, "sign-up", "sign-ups"],
    [t.tokenRefreshes, "token refresh", "token refreshes"],
    [t.federations, "federated sign-in", "federated sign-ins"],
  ];
  const said = parts.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  return said.length ? said.join(", ") : "no requests";
}

/** The AWS/Cognito metrics that make user activity, and which traffic field each feeds. */
export const COGNITO_TRAFFIC_METRICS = {
  SignInSuccesses: "signIns",
  SignUpSuccesses: "signUps",
  TokenRefreshSuccesses: "tokenRefreshes",
  FederationSuccesses: "federations",
} as const satisfies Record<string, keyof PoolTraffic>;
