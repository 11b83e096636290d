/**
 * CSV for downloads people open in a spreadsheet (the audit trail, the fleet): RFC 4180 cells that
 * a spreadsheet cannot run as formulas.
 */

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

/** One CSV line (RFC 4180, CRLF-terminated) of `cells`, each written by csvCell. */
export function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
