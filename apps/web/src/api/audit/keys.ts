import type { AuditFilter } from "@clc/domain";

/** Query keys of the audit trail (kept beside its fetchers). */
export const auditKeys = {
  all: ["audit"] as const,
  list: (filter: AuditFilter) => ["audit", "list", filter] as const,
  rollback: (recordId: string) => ["audit", "rollback", recordId] as const,
};
