/** What the delivery simulation answers (`diagnose`, `emit`) and the plans its destination checks make. */
import type { MetricRecorder } from "../services/cloudwatch/model.ts";
import type { EventSourceName } from "./events.ts";
import type { DeliveryFaults } from "./faults.ts";

export interface DeliveryReason {
  /** Stable machine id, e.g. `log-group-policy-missing`. */
  readonly id: string;
  readonly message: string;
}

export type DestinationKind = "logGroup" | "firehose" | "s3";

export interface SourceDiagnosis {
  readonly eventSource: EventSourceName;
  readonly configured: boolean;
  readonly destination?: { readonly kind: DestinationKind; readonly arn: string };
  /** Whether an event emitted now would arrive. */
  readonly delivered: boolean;
  readonly reasons: DeliveryReason[];
}

export interface Diagnosis {
  readonly userPoolId: string;
  readonly region: string;
  readonly accountId: string;
  readonly tier: string;
  readonly threatProtection: "OFF" | "AUDIT" | "ENFORCED";
  readonly eventSources: SourceDiagnosis[];
}

export interface EmitOutcome extends SourceDiagnosis {
  /** How many events arrived at the destination (0 when a prerequisite is missing). */
  readonly deliveredCount: number;
  /** Where they went: log stream names, object keys, or Firehose record ids. */
  readonly written: string[];
}

export interface EmitResult {
  readonly userPoolId: string;
  readonly region: string;
  readonly emitted: EmitOutcome[];
}

export interface DeliveryOptions {
  /** The sandbox's account; a ctx passed to emit/diagnose wins. */
  accountId?: string;
  /** Persistence hook: called when emit changed state. */
  changed?: () => void;
  /** Emit a few events now and then for the demo's configured pools. */
  demoTrickle?: boolean;
  now?: () => number;
  /** The test switches (a destination that drops silently); none: every destination behaves. */
  faults?: DeliveryFaults;
  /** Where simulated user traffic publishes the pool's AWS/Cognito metrics. */
  metrics?: MetricRecorder;
}

/** A destination ARN's place and name (S3: the bucket, no place). */
export interface ParsedArn {
  region: string;
  account: string;
  name: string;
}

/** The parts of a configured destination ARN, or undefined when it cannot be read. */
export function parseDestinationArn(kind: DestinationKind, arn: string): ParsedArn | undefined {
  if (kind === "logGroup") {
    const m = /^arn:[^:]+:logs:([^:]+):(\d{12}):log-group:([^:]+)(?::\*)?$/.exec(arn);
    return m?.[1] && m[2] && m[3] ? { region: m[1], account: m[2], name: m[3] } : undefined;
  }
  if (kind === "firehose") {
    const m = /^arn:[^:]+:firehose:([^:]+):(\d{12}):deliverystream\/(.+)$/.exec(arn);
    return m?.[1] && m[2] && m[3] ? { region: m[1], account: m[2], name: m[3] } : undefined;
  }
  const m = /^arn:[^:]+:s3:::([^/]+)$/.exec(arn);
  return m?.[1] ? { region: "", account: "", name: m[1] } : undefined;
}

export const reason = (id: string, message: string): DeliveryReason => ({ id, message });
/** A check's plan: where exactly the events will be written once every prerequisite holds. */
export interface Plan {
  reasons: DeliveryReason[];
  write?: (events: Record<string, unknown>[]) => string[];
}

export const pad2 = (n: number) => String(n).padStart(2, "0");
/** `YYYY-MM-DD` of a time in UTC. */
export const utcDay = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
};

/** The delivery source Cognito's logs come from, as policies' `aws:SourceArn` sees it. */
export const sourceArnFor = (region: string, account: string, poolId: string) =>
  `arn:aws:logs:${region}:${account}:delivery-source:cognito-${poolId}`;
