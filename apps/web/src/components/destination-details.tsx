import type { DestinationInfo } from "@clc/domain";
import type { ReactNode } from "react";
import { RelativeTime } from "./relative-time.tsx";

const POLICY_LABELS = {
  present: "Present",
  missing: "Missing",
  unknown: "Unknown (no permission to read it)",
} as const;

const KEY_MANAGER_LABELS = {
  AWS: "AWS-managed: log delivery cannot use it",
  CUSTOMER: "customer-managed",
  unknown: "check in KMS that it is customer-managed",
} as const;

function bucketEncryption(info: Extract<DestinationInfo, { kind: "s3" }>): string {
  if (!info.encryption) return "Unknown";
  if (!info.encryption.startsWith("aws:kms")) return info.encryption;
  const key = info.kmsKeyId === undefined ? "key not read" : (info.kmsKeyId ?? "aws/s3 (no key id)");
  const manager = info.kmsKeyManager ? ` · ${KEY_MANAGER_LABELS[info.kmsKeyManager]}` : "";
  return `${info.encryption} · ${key}${manager}`;
}

function tagLabel(info: Extract<DestinationInfo, { kind: "firehose" }>): string {
  if (info.logDeliveryEnabledTag) return "Present";
  const value = info.tags?.LogDeliveryEnabled;
  return value === undefined ? "Missing" : `Set to "${value}": only "true" counts`;
}

/**
 * The facts every kind has (its name, its region, when they were read from AWS: the pool page re-reads
 * them each time it is opened) around the kind's own.
 */
function Facts({
  noun,
  info,
  children,
}: {
  noun: string;
  info: { name: string; region: string | null | undefined; checkedAt?: string | undefined };
  children: ReactNode;
}) {
  return (
    <dl className="kv">
      <dt>{noun}</dt>
      <dd className="mono">{info.name}</dd>
      <dt>Region</dt>
      <dd>{info.region ?? "Unknown"}</dd>
      {children}
      {info.checkedAt && (
        <>
          <dt>Checked</dt>
          <dd>
            <RelativeTime iso={info.checkedAt} />
          </dd>
        </>
      )}
    </dl>
  );
}

/** The facts about a destination that decide whether Cognito can deliver to it. */
export function DestinationDetails({ info }: { info: DestinationInfo }) {
  switch (info.kind) {
    case "logGroup":
      return (
        <Facts noun="Log group" info={info}>
          <dt>Encryption</dt>
          <dd>{info.kmsKeyId ? `KMS key ${info.kmsKeyId}` : "Not KMS-encrypted"}</dd>
          <dt>Retention</dt>
          <dd>{info.retentionInDays ? `${info.retentionInDays} days` : "Never expires"}</dd>
          <dt>Delivery policy</dt>
          <dd>
            {POLICY_LABELS[info.deliveryPolicy]}
            {info.deliveryPolicy === "present" && info.deliveryPolicyScope
              ? ` (${info.deliveryPolicyScope === "log-group" ? "the log group's own policy" : "an account-level policy"})`
              : ""}
          </dd>
        </Facts>
      );
    case "firehose":
      return (
        <Facts noun="Stream" info={info}>
          <dt>Status</dt>
          <dd>
            {info.status} · {info.deliveryStreamType}
          </dd>
          <dt>LogDeliveryEnabled tag</dt>
          <dd>{tagLabel(info)}</dd>
          <dt>Delivers to</dt>
          <dd>{info.destinationSummary}</dd>
        </Facts>
      );
    case "s3":
      return (
        <Facts noun="Bucket" info={info}>
          <dt>Encryption</dt>
          <dd>{bucketEncryption(info)}</dd>
          <dt>Delivery policy</dt>
          <dd>{POLICY_LABELS[info.deliveryPolicy]}</dd>
        </Facts>
      );
  }
}
