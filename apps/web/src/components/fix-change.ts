import type { FixAction, ThreatProtection } from "@clc/domain";
// Not the package root: shared widgets stay free of zod (see vite.config.ts, "page-kit").
import { THREAT_PROTECTION_LABELS } from "@clc/domain/labels";

/** What a one-click fix will change in AWS, in the user's terms, for its confirmation. */
export interface FixChange {
  title: string;
  /** One line per change; for a setting, `before → after`. */
  lines: string[];
  /** What stays as it is. */
  kept: string;
}

/** The last part of an ARN's resource (`…:deliverystream/orders` → `orders`). */
function resourceName(arn: string | undefined): string {
  if (!arn) return "the resource";
  const resource = arn.split(":").slice(5).join(":");
  return resource.replace(/^(deliverystream|log-group)[/:]/, "").replace(/:\*$/, "") || arn;
}

/**
 * Describes the change a fix makes (the BFF's fixes service: threat protection goes OFF → AUDIT;
 * a stream gets `LogDeliveryEnabled=true`; policies gain the log-delivery statements).
 */
export function describeFix(
  action: FixAction,
  target: string | undefined,
  pool: { name: string; threatProtection: ThreatProtection } | undefined,
): FixChange {
  switch (action) {
    case "enable-threat-protection":
      return {
        title: `Turn on threat protection for ${pool?.name ?? "this pool"}?`,
        lines: [
          `Threat protection: ${THREAT_PROTECTION_LABELS[pool?.threatProtection ?? "OFF"]} → ${THREAT_PROTECTION_LABELS.AUDIT}`,
        ],
        kept: "Every other setting of the pool is sent back as it is.",
      };
    case "tag-firehose-stream":
      return {
        title: `Tag the stream ${resourceName(target)}?`,
        lines: [`Adds the tag LogDeliveryEnabled=true to the Firehose stream ${resourceName(target)}.`],
        kept: "Its other tags and its configuration are not changed.",
      };
    case "add-log-group-policy":
      return {
        title: "Let log delivery write to this log group?",
        lines: [
          `Adds a statement letting delivery.logs.amazonaws.com write to ${resourceName(target)} to a CloudWatch Logs resource policy of this region.`,
        ],
        kept: "Every statement already in the account's resource policies is kept.",
      };
    case "add-bucket-policy":
      return {
        title: `Let log delivery write to the bucket ${resourceName(target).replace(/^arn:[^:]*:s3:::/, "")}?`,
        lines: [
          "Adds two statements to the bucket policy: delivery.logs.amazonaws.com may read the bucket ACL and write objects under AWSLogs/.",
        ],
        kept: "Every statement already in the bucket policy is kept.",
      };
  }
}
