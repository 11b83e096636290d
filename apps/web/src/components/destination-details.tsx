import type { DestinationInfo } from "@clc/domain";

const POLICY_LABELS = {
  present: "Present",
  missing: "Missing",
  unknown: "Unknown (no permission to read it)",
} as const;

/** The facts about a destination that decide whether Cognito can deliver to it. */
export function DestinationDetails({ info }: { info: DestinationInfo }) {
  switch (info.kind) {
    case "logGroup":
      return (
        <dl className="kv">
          <dt>Log group</dt>
          <dd className="mono">{info.name}</dd>
          <dt>Region</dt>
          <dd>{info.region}</dd>
          <dt>Encryption</dt>
          <dd>{info.kmsKeyId ? `KMS key ${info.kmsKeyId}` : "Not KMS-encrypted"}</dd>
          <dt>Retention</dt>
          <dd>{info.retentionInDays ? `${info.retentionInDays} days` : "Never expire"}</dd>
          <dt>Delivery policy</dt>
          <dd>
            {POLICY_LABELS[info.deliveryPolicy]}
            {info.deliveryPolicy === "present" && info.deliveryPolicyScope
              ? ` (${info.deliveryPolicyScope === "log-group" ? "the log group's own policy" : "an account-level policy"})`
              : ""}
          </dd>
        </dl>
      );
    case "firehose":
      return (
        <dl className="kv">
          <dt>Stream</dt>
          <dd className="mono">{info.name}</dd>
          <dt>Region</dt>
          <dd>{info.region}</dd>
          <dt>Status</dt>
          <dd>
            {info.status} · {info.deliveryStreamType}
          </dd>
          <dt>LogDeliveryEnabled tag</dt>
          <dd>{info.logDeliveryEnabledTag ? "Present" : "Missing"}</dd>
          <dt>Delivers to</dt>
          <dd>{info.destinationSummary}</dd>
        </dl>
      );
    case "s3":
      return (
        <dl className="kv">
          <dt>Bucket</dt>
          <dd className="mono">{info.name}</dd>
          <dt>Region</dt>
          <dd>{info.region ?? "Unknown"}</dd>
          <dt>Encryption</dt>
          <dd>{info.encryption ?? "Unknown"}</dd>
          <dt>Delivery policy</dt>
          <dd>{POLICY_LABELS[info.deliveryPolicy]}</dd>
        </dl>
      );
  }
}
