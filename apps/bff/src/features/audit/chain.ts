/**
 * The audit trail's hash chain: each record (schema version 8 on) carries `hash`, the SHA-256 (hex)
 * of its canonical content, and that content includes `prevHash`, the hash of the record before it.
 * Editing a record changes its hash; deleting or reordering records breaks the next `prevHash` or
 * the run of consecutive ids. Both stores compute the hash inside the transaction that gives the
 * record its id (store/sqlite, store/postgres), so the chain follows the id order exactly.
 *
 * Canonical content: the record as the API and the export show it (`AuditRecord`: id and attemptId as
 * strings, `at` as ISO 8601 with milliseconds, before/after as JSON values), minus `hash`, with every
 * top-level field that is null or absent left out, and object keys sorted at every depth, serialized
 * as JSON. Leaving out null fields keeps old hashes valid when a column is added later: the new field
 * is null on old rows and so absent from their content, as it was when they were hashed.
 *
 * Where the chain starts:
 * - on a new database, the first record's `prevHash` is GENESIS_HASH (64 zeros);
 * - on a database with records from before version 8 (no hash), the first hashed record's `prevHash`
 *   is `contentHash` of the last of them: the chain commits to that record's content, and through it
 *   to nothing older (those records stay unverifiable, and the verification counts them);
 * - after retention pruned the oldest records, the oldest kept record's `prevHash` names a record
 *   that is gone: an `audit.prune` record later in the chain (so itself protected) must vouch for it,
 *   naming `throughId` (the last pruned id, just before the oldest kept) and `anchorHash` (that
 *   record's hash). Anything else is a broken chain.
 * What a chain cannot show by itself: a rewrite of every record from some point to the head. Keep the
 * `headHash` a verification prints somewhere else (a ticket, a log) to detect that too.
 */
import { createHash } from "node:crypto";
import type { AuditRecord, AuditVerifyResponse } from "@clc/domain";

export const GENESIS_HASH = "0".repeat(64);

/** JSON with object keys sorted at every depth (arrays keep their order). */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => stableJson(item ?? null)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The text a record's hash covers (see the module comment). */
export function canonicalAuditContent(record: Partial<AuditRecord>): string {
  const content: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === "hash" || value === null || value === undefined) continue;
    content[key] = value;
  }
  return stableJson(content);
}

/** SHA-256 (hex) of the canonical content; for a record without `prevHash`, of its content alone. */
export function contentHash(record: Partial<AuditRecord>): string {
  return createHash("sha256").update(canonicalAuditContent(record), "utf8").digest("hex");
}

/** What a later record's `prevHash` must be: the record's hash, or for an unhashed one its content's. */
export function linkHash(record: Partial<AuditRecord>): string {
  return record.hash ?? contentHash(record);
}

/** The `after` of an `audit.prune` record (features/audit/retention.ts). */
export interface PruneDetails {
  count: number;
  fromId: string;
  throughId: string;
  /** The hash of record `throughId`: the `prevHash` of the oldest record kept. */
  anchorHash: string;
  /** The `prevHash` of record `fromId`: where the export file's chain starts. */
  firstPrevHash: string | null;
  exportFile: string;
  exportSha256: string;
}

function pruneDetails(record: AuditRecord): PruneDetails | null {
  if (record.action !== "audit.prune" || record.outcome !== "success") return null;
  const after = record.after as Partial<PruneDetails> | null;
  if (typeof after?.throughId !== "string" || typeof after.anchorHash !== "string") return null;
  return after as PruneDetails;
}

export type ChainReport = AuditVerifyResponse;

/**
 * Verifies records given oldest first (by id). `anchor`: a `prevHash` the first record may carry
 * besides GENESIS_HASH (an export that starts after earlier records, e.g. `firstPrevHash` of the
 * prune that wrote it). Stops at the first broken link.
 */
export async function verifyChain(
  records: AsyncIterable<AuditRecord> | Iterable<AuditRecord>,
  options: { anchor?: string } = {},
): Promise<ChainReport> {
  let checked = 0;
  let unhashed = 0;
  let previous: AuditRecord | null = null;
  let first: AuditRecord | null = null;
  /** The oldest record names a predecessor that is gone: a prune record must vouch for it. */
  let awaitingPrune: AuditRecord | null = null;
  const report = (broken: ChainReport["broken"]): ChainReport => ({
    ok: broken === null,
    checked,
    unhashed,
    firstId: first?.id ?? null,
    lastId: previous?.id ?? null,
    headHash: previous ? linkHash(previous) : null,
    broken,
  });
  for await (const record of records) {
    checked++;
    first ??= record;
    if (previous && Number(record.id) !== Number(previous.id) + 1) {
      return report({
        id: record.id,
        problem:
          Number(record.id) > Number(previous.id) + 1
            ? `record(s) ${Number(previous.id) + 1}..${Number(record.id) - 1} are missing`
            : Number(record.id) === Number(previous.id)
              ? `record ${record.id} appears twice (the same export given twice, or overlapping exports?)`
              : `out of order: record ${record.id} comes after ${previous.id}`,
        expected: String(Number(previous.id) + 1),
        found: record.id,
      });
    }
    if (record.hash === null || record.hash === undefined) {
      if (previous?.hash) {
        return report({
          id: record.id,
          problem: "carries no hash, though the chain began before it",
          expected: "a hash",
          found: null,
        });
      }
      // A record from before the chain has no prevHash either: one that has it lost its hash, and
      // counting it as legacy would make every record before it unverifiable, head hash unchanged.
      if (record.prevHash !== null && record.prevHash !== undefined) {
        return report({
          id: record.id,
          problem: "carries a prevHash but no hash (its hash was removed)",
          expected: "a hash",
          found: null,
        });
      }
      unhashed++;
      previous = record;
      continue;
    }
    const found = record.prevHash ?? null;
    if (previous) {
      const expected = linkHash(previous);
      if (found !== expected) {
        return report({
          id: record.id,
          problem: `its prevHash is not the hash of record ${previous.id} (a record was changed, removed or moved)`,
          expected,
          found,
        });
      }
    } else if (found !== GENESIS_HASH && found !== (options.anchor ?? GENESIS_HASH)) {
      awaitingPrune = record;
    }
    const computed = contentHash(record);
    if (computed !== record.hash) {
      return report({
        id: record.id,
        problem: "its content does not match its hash (the record was changed)",
        expected: computed,
        found: record.hash,
      });
    }
    const prune = pruneDetails(record);
    if (
      awaitingPrune &&
      prune &&
      Number(prune.throughId) === Number(awaitingPrune.id) - 1 &&
      prune.anchorHash === awaitingPrune.prevHash
    ) {
      awaitingPrune = null;
    }
    previous = record;
  }
  if (awaitingPrune) {
    return report({
      id: awaitingPrune.id,
      problem:
        "the oldest record follows records that are gone, and no audit.prune record accounts for them " +
        "(records were deleted from the start of the trail)",
      expected: options.anchor ?? GENESIS_HASH,
      found: awaitingPrune.prevHash ?? null,
    });
  }
  return report(null);
}

/** One line per outcome, for the CLI and the logs. */
export function describeChainReport(report: ChainReport, what: string): string {
  if (report.ok) {
    if (report.checked === 0) return `${what}: no audit records.`;
    const legacy =
      report.unhashed > 0 ? `; ${report.unhashed} record(s) from before the chain carry no hash` : "";
    return `${what}: the chain of ${report.checked} record(s), ids ${report.firstId}..${report.lastId}, is intact${legacy}. Head hash ${report.headHash}.`;
  }
  const b = report.broken;
  return (
    `${what}: the chain is BROKEN at record ${b?.id}: ${b?.problem}.\n` +
    `  expected: ${b?.expected ?? "(nothing)"}\n  found:    ${b?.found ?? "(nothing)"}`
  );
}
