/**
 * The audit export: every matching record as CSV (RFC 4180, safe to open in a spreadsheet) or JSON,
 * streamed line by line from the store. The routes (routes.ts) only parse the query and set headers.
 */
import type { AuditFilter, AuditRecord } from "@clc/domain";
import type { AuditStore } from "../../store/types.ts";

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
] as const satisfies ReadonlyArray<keyof AuditRecord>;

/**
 * What a spreadsheet may run as a formula when a cell starts with it: = + - @, tab and CR (OWASP "CSV
 * injection"), and their full-width forms (＝ ＋ － ＠), which some spreadsheets fold to ASCII, as
 * well as the small forms (﹦ ﹢ ﹣ ﹫) that the same Unicode folding (NFKC) turns into them. Leading
 * blanks and quotes do not stop it (a quoted "=1+1" is still a formula).
 */
const FORMULA_CHARS = "=+\\-@\\uFF1D\\uFF0B\\uFF0D\\uFF20\\uFE66\\uFE62\\uFE63\\uFE6B";
const FORMULA_START = new RegExp(`^(?:[\\t\\r]|[\\s"]*[${FORMULA_CHARS}])`);
/**
 * A spreadsheet whose locale separator is another than ours (`;`, tab, `|`) ignores our quotes, splits
 * the line on its own separator, and each piece starts a cell of its own: a formula start right
 * after any separator inside a cell is neutralised too.
 */
const FORMULA_AFTER_SEPARATOR = new RegExp(`([,;\\t|\\r\\n][\\s"]*)([${FORMULA_CHARS}])`, "g");
const NEEDS_QUOTES = /[",;\t\r\n|]/;

/**
 * One CSV cell (RFC 4180). Anything a spreadsheet could run as a formula, at the start of the cell or
 * after a character some spreadsheet splits on, gets a `'` before it (the text stays readable); a
 * cell holding any separator is quoted. The trail holds text others typed (resource names, AWS error
 * messages). The JSON export keeps every value exactly.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "string" ? value : JSON.stringify(value);
  text = text.replace(FORMULA_AFTER_SEPARATOR, "$1'$2");
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(record: AuditRecord): string {
  return `${CSV_COLUMNS.map((column) => csvCell(record[column])).join(",")}\r\n`;
}

export function filterOf(query: AuditFilter): AuditFilter {
  const filter: AuditFilter = {};
  if (query.pool !== undefined) filter.pool = query.pool;
  if (query.operator !== undefined) filter.operator = query.operator;
  if (query.action !== undefined) filter.action = query.action;
  if (query.from !== undefined) filter.from = query.from;
  if (query.to !== undefined) filter.to = query.to;
  return filter;
}

export async function* exportLines(
  store: AuditStore,
  filter: AuditFilter,
  format: "csv" | "json",
): AsyncGenerator<string> {
  if (format === "csv") {
    yield `${CSV_COLUMNS.join(",")}\r\n`;
    for await (const record of store.iterate(filter)) yield csvRow(record);
    return;
  }
  yield "[";
  let first = true;
  for await (const record of store.iterate(filter)) {
    yield `${first ? "\n" : ",\n"}${JSON.stringify(record)}`;
    first = false;
  }
  yield "\n]\n";
}
