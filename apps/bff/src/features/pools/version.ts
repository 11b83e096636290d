import { createHash } from "node:crypto";
import { canonicalConfiguration, type LogDeliveryModel } from "@clc/domain";

/**
 * The configuration's version, as a strong ETag: a digest of the configuration as a set, so the
 * order AWS lists entries in never changes it. 128 bits of SHA-256 are plenty to tell versions apart.
 */
export function versionOf(configuration: LogDeliveryModel): string {
  const digest = createHash("sha256").update(canonicalConfiguration(configuration)).digest("base64url");
  return `"${digest.slice(0, 22)}"`;
}
