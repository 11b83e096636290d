/**
 * The audit export: every matching record as CSV (RFC 4180, safe to open in a spreadsheet) or JSON,
 * streamed line by line from the store, each with its `hash` and `prevHash` (features/audit/chain.ts).
 * The JSON export keeps every value exactly, so `pnpm operators -- audit verify --file` can check its
 * chain; the CSV one cannot be verified (cells that look like formulas are changed for spreadsheets). The routes (routes.ts) only parse the query and set headers.
 */
import { type AuditFilter, type AuditRecord, csvLine } from "@clc/domain";

export { csvCell } from "@clc/domain";

import type { AuditStore } from "../../store/types.ts";
import { iterateMatching, type PoolNames } from "./matching.ts";

const CSV_COLUMNS = [
  "id",
  "at",
  "operator",
  "role",
  "action",
  "region",
  "poolId",
  "accountId",
  "roleArn",
  "resource",
  "outcome",
  "attemptId",
  "error",
  "requestId",
  "awsRequestId",
  "before",
  "after",
  "hash",
  "prevHash",
  // Added with schema version 10: at the end, so columns read by position keep their place.
  "undoes",
] as const satisfies ReadonlyArray<keyof AuditRecord>;

export function csvRow(record: AuditRecord): string {
  return csvLine(CSV_COLUMNS.map((column) => record[column]));
}

export function filterOf(query: AuditFilter): AuditFilter {
  const filter: AuditFilter = {};
  if (query.pool !== undefined) filter.pool = query.pool;
  if (query.account !== undefined) filter.account = query.account;
  if (query.operator !== undefined) filter.operator = query.operator;
  if (query.action !== undefined) filter.action = query.action;
  if (query.from !== undefined) filter.from = query.from;
  if (query.to !== undefined) filter.to = query.to;
  if (query.signIns !== undefined) filter.signIns = query.signIns;
  return filter;
}

export async function* exportLines(
  store: AuditStore,
  filter: AuditFilter,
  format: "csv" | "json",
  names: PoolNames,
): AsyncGenerator<string> {
  const records = iterateMatching(store, filter, names);
  if (format === "csv") {
    yield `${CSV_COLUMNS.join(",")}\r\n`;
    for await (const record of records) yield csvRow(record);
    return;
  }
  yield "[";
  let first = true;
  for await (const record of records) {
    yield `${first ? "\n" : ",\n"}${JSON.stringify(record)}`;
    first = false;
  }
  yield "\n]\n";
}
