import type { ComplianceState } from "@clc/domain";

/** How the console names each state of a pool against the logging standard. */
export const COMPLIANCE_LABELS: Readonly<Record<ComplianceState, string>> = {
  compliant: "Compliant",
  drift: "Drift",
  "cannot-comply": "Cannot comply",
  exempt: "Exempt",
  "not-governed": "Not covered by a rule",
  unknown: "Not read yet",
};
