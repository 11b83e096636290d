/**
 * `pnpm operators -- audit <command>` (in a production build: `node apps/bff/dist/operators.js audit
 * <command>`, or `pnpm operators:prod audit <command>`):
 *
 *   audit verify                       checks the live trail's hash chain (SQLite in the data
 *                                      directory, or DATABASE_URL)
 *   audit verify --file <export.json>  checks JSON exports instead (several --file: one chain, e.g.
 *                                      retention's exports in order); --anchor <hash> accepts a first
 *                                      record whose prevHash is that (an export that starts mid-trail)
 *   audit prune [--older-than-days N] [--export-dir DIR]
 *                                      runs retention now (default CLC_AUDIT_RETENTION_DAYS and
 *                                      CLC_AUDIT_EXPORT_DIR, else <data dir>/audit-exports)
 *
 * Exit codes: 0 intact / done, 1 broken chain or failure (the first broken link is printed), 2 usage.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { type AuditRecord, AuditRecordSchema } from "@clc/domain";
import { z } from "zod";
import { MAX_AUDIT_RETENTION_DAYS } from "../../config.ts";
import { openStores } from "../../store/index.ts";
import { type ChainReport, describeChainReport, verifyChain } from "./chain.ts";
import { describeRetention, runAuditRetention } from "./retention.ts";

export const AUDIT_USAGE = `Audit commands:
  audit verify [--file <export.json>]... [--anchor <hash>]
                                       check the hash chain of the live trail, or of JSON exports
  audit prune [--older-than-days N] [--export-dir DIR]
                                       export records older than N days (default CLC_AUDIT_RETENTION_DAYS),
                                       verify the export, then prune them, recorded in the trail`;

/** Exit code 2: a mistake in how the command was called. */
export class AuditUsageError extends Error {
  readonly exitCode = 2;
}

/** Exit code 1, the message already says everything. */
class AuditFailure extends Error {
  readonly exitCode = 1;
}

const HASH = /^[0-9a-f]{64}$/;

/** Reads JSON exports (`GET /api/audit/export?format=json`, or retention's files), oldest first. */
export function readExports(files: readonly string[]): AuditRecord[] {
  const records: AuditRecord[] = [];
  for (const file of files) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new AuditFailure(
        `Cannot read ${file} as a JSON audit export (${(error as Error).message}). ` +
          "Export with format=json: a CSV export cannot be verified.",
      );
    }
    const checked = z.array(AuditRecordSchema).safeParse(parsed);
    if (!checked.success) {
      // Which record and field: an operator has to find it in a file of thousands.
      const issue = checked.error.issues[0];
      const [index, ...field] = issue?.path ?? [];
      const where =
        typeof index === "number"
          ? `record ${index + 1}${field.length > 0 ? `, field "${field.join(".")}"` : ""}: `
          : "";
      throw new AuditFailure(
        `${file} is not a JSON audit export: ${where}${(issue?.message ?? "unexpected content").replace(/\.$/, "")}.`,
      );
    }
    records.push(...checked.data);
  }
  // The web export is newest first, retention's oldest first: the chain runs by id.
  return records.sort((a, b) => Number(a.id) - Number(b.id));
}

/**
 * A gap or a missing start in files is often how the files were made, not tampering: say so (the
 * chain's own message cannot tell a filtered export from a trail with records deleted).
 */
function fileHint(report: ChainReport): string {
  const problem = report.broken?.problem ?? "";
  if (!/are missing|records that are gone/.test(problem)) return "";
  return (
    "\n  If the export was filtered (pool, account, operator, action or dates on the Audit page), verify an " +
    "unfiltered one (/api/audit/export?format=json). If it starts after earlier records (a later " +
    "retention export), give the earlier exports too (--file, in any order), or --anchor with the " +
    "firstPrevHash of the audit.prune record that wrote it."
  );
}

/** Runs one audit command; `out` prints a line. `dataDir` is where the SQLite store lives. */
export async function runAuditCommand(
  args: string[],
  out: (line: string) => void,
  where: { dataDir: string; databaseUrl: string | undefined; typedIn: string; actor: string },
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        file: { type: "string", multiple: true },
        anchor: { type: "string" },
        "older-than-days": { type: "string" },
        "export-dir": { type: "string" },
        "data-dir": { type: "string" },
      },
    });
  }
  try {
    parsed = parse();
  } catch (error) {
    throw new AuditUsageError(`${(error as Error).message}\n${AUDIT_USAGE}`);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (rest.length > 0) throw new AuditUsageError(`Too many arguments.\n${AUDIT_USAGE}`);
  const dataDir = values["data-dir"] ? path.resolve(where.typedIn, values["data-dir"]) : where.dataDir;
  const storeAt = { dataDir, databaseUrl: where.databaseUrl };

  if (command === "verify") {
    if (values.anchor !== undefined && !HASH.test(values.anchor))
      throw new AuditUsageError("--anchor takes a hash: 64 hexadecimal characters.");
    if (values["older-than-days"] !== undefined || values["export-dir"] !== undefined)
      throw new AuditUsageError(
        `--older-than-days and --export-dir belong to "audit prune".\n${AUDIT_USAGE}`,
      );
    const anchor = values.anchor ? { anchor: values.anchor } : {};
    if (values.file) {
      const files = values.file.map((file) => path.resolve(where.typedIn, file));
      const report = await verifyChain(readExports(files), anchor);
      const text = describeChainReport(report, files.join(" + "));
      if (!report.ok) throw new AuditFailure(`${text}${fileHint(report)}`);
      out(text);
      return;
    }
    const stores = await openStores(storeAt);
    try {
      const report = await verifyChain(stores.audit.iterateChain(), anchor);
      const text = describeChainReport(report, "The audit trail");
      if (!report.ok) throw new AuditFailure(text);
      out(text);
    } finally {
      await stores.close();
    }
    return;
  }

  if (command === "prune") {
    if (values.file || values.anchor !== undefined)
      throw new AuditUsageError(`--file and --anchor belong to "audit verify".\n${AUDIT_USAGE}`);
    const daysText = values["older-than-days"] ?? (env.CLC_AUDIT_RETENTION_DAYS || undefined);
    if (daysText === undefined)
      throw new AuditUsageError(
        "Say how old records must be to go: --older-than-days N, or set CLC_AUDIT_RETENTION_DAYS.",
      );
    // The same bounds as CLC_AUDIT_RETENTION_DAYS in config.ts: past them the cut-off date is no date.
    if (!/^\d+$/.test(daysText) || Number(daysText) < 1 || Number(daysText) > MAX_AUDIT_RETENTION_DAYS)
      throw new AuditUsageError(
        `--older-than-days takes a whole number of days from 1 to ${MAX_AUDIT_RETENTION_DAYS} (got "${daysText}").`,
      );
    const exportDirGiven = values["export-dir"] ?? (env.CLC_AUDIT_EXPORT_DIR || undefined);
    const exportDir = exportDirGiven
      ? path.resolve(where.typedIn, exportDirGiven)
      : path.join(dataDir, "audit-exports");
    const stores = await openStores(storeAt);
    try {
      const result = await runAuditRetention({
        store: stores.audit,
        leases: stores.leases,
        maxAgeDays: Number(daysText),
        exportDir,
        owner: `${where.actor}:${process.pid}`,
        actor: where.actor,
      }).catch((error: unknown) => {
        throw new AuditFailure((error as Error).message);
      });
      // A lost lease is a failure as an export that failed is: nothing was pruned.
      if (result.kind === "lost") throw new AuditFailure(describeRetention(result, Number(daysText)));
      out(describeRetention(result, Number(daysText)));
      if (result.kind === "busy") throw new AuditFailure("Try again when the other replica is done.");
    } finally {
      await stores.close();
    }
    return;
  }

  throw new AuditUsageError(
    `${command === undefined ? "Name an audit command" : `Unknown audit command "${command}"`}.\n${AUDIT_USAGE}`,
  );
}
