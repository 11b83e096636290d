/**
 * The parts of CloudWatch Logs' filter pattern syntax a log console uses:
 * - terms: `ERROR timeout` (all must appear), `"exact phrase"`, `?a ?b` (any), `-term` (must not appear);
 * - JSON: `{ $.a.b = "x" }`, `!=`, `<`, `>`, `<=`, `>=`, `*` wildcards in strings, `IS TRUE|FALSE|NULL`,
 *   `NOT EXISTS`, joined by `&&` or `||` (no parentheses).
 * Matching is case-sensitive, as in AWS.
 */
import { AwsError } from "../../core/types.ts";
import { isObject } from "../shared/json.ts";
import { wildcardMatch } from "../shared/wildcards.ts";

function invalidPattern(pattern: string, why: string): AwsError {
  // Ours: AWS's text for a bad pattern is not captured.
  return new AwsError("InvalidParameterException", `Invalid filter pattern '${pattern}': ${why}`);
}

function tokenizeTerms(pattern: string): string[] {
  const terms: string[] = [];
  const re = /\s*(-|\?)?("((?:[^"\\]|\\.)*)"|[^\s"]+)/gy;
  let m: RegExpExecArray | null = re.exec(pattern);
  while (m) {
    const sign = m[1] ?? "";
    const text = m[3] !== undefined ? m[3].replace(/\\(.)/g, "$1") : (m[2] ?? "");
    terms.push(sign + text);
    m = re.exec(pattern);
  }
  return terms;
}

function jsonPath(value: unknown, path: string): { found: boolean; value: unknown } {
  let current: unknown = value;
  for (const part of path.split(".").filter((p) => p !== "")) {
    const indexed = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!indexed?.[1]) return { found: false, value: undefined };
    if (!isObject(current) || !(indexed[1] in current)) return { found: false, value: undefined };
    current = current[indexed[1]];
    for (const idx of (indexed[2] ?? "").matchAll(/\[(\d+)\]/g)) {
      if (!Array.isArray(current)) return { found: false, value: undefined };
      current = current[Number(idx[1])];
    }
  }
  return { found: current !== undefined, value: current };
}

type Predicate = (doc: unknown) => boolean;

function comparison(pattern: string, expr: string): Predicate {
  const is = /^\$((?:\.[^\s=!<>]+)+)\s+(IS\s+TRUE|IS\s+FALSE|IS\s+NULL|NOT\s+EXISTS)$/i.exec(expr);
  if (is?.[1] && is[2]) {
    const path = is[1];
    const test = is[2].toUpperCase().replace(/\s+/g, " ");
    return (doc) => {
      const { found, value } = jsonPath(doc, path);
      if (test === "NOT EXISTS") return !found;
      if (test === "IS NULL") return found && value === null;
      return found && value === (test === "IS TRUE");
    };
  }
  const cmp = /^\$((?:\.[^\s=!<>]+)+)\s*(=|!=|<=|>=|<|>)\s*(.+)$/.exec(expr);
  if (!cmp?.[1] || !cmp[2] || cmp[3] === undefined) throw invalidPattern(pattern, `cannot read '${expr}'`);
  const path = cmp[1];
  const op = cmp[2];
  const rawValue = cmp[3].trim();
  const quoted = /^"(.*)"$/.exec(rawValue);
  const asNumber = quoted ? Number.NaN : Number(rawValue);
  if (op !== "=" && op !== "!=" && Number.isNaN(asNumber)) {
    throw invalidPattern(pattern, `'${op}' needs a number, got ${rawValue}`);
  }
  return (doc) => {
    const { found, value } = jsonPath(doc, path);
    if (!found) return false;
    if (!Number.isNaN(asNumber)) {
      const n = typeof value === "number" ? value : Number(value);
      if (Number.isNaN(n)) return op === "!=";
      switch (op) {
        case "=":
          return n === asNumber;
        case "!=":
          return n !== asNumber;
        case "<":
          return n < asNumber;
        case ">":
          return n > asNumber;
        case "<=":
          return n <= asNumber;
        default:
          return n >= asNumber;
      }
    }
    const expected = quoted?.[1] ?? rawValue;
    const equal = value !== null && typeof value !== "object" && wildcardMatch(expected, String(value));
    return op === "=" ? equal : !equal;
  };
}

/** A predicate over a log event's message; throws InvalidParameterException for a pattern it cannot read. */
export function filterPatternMatcher(pattern: string): (message: string) => boolean {
  const trimmed = pattern.trim();
  if (trimmed === "") return () => true;
  if (trimmed.startsWith("{")) {
    if (!trimmed.endsWith("}")) throw invalidPattern(pattern, "a JSON pattern must end with '}'");
    const body = trimmed.slice(1, -1).trim();
    const useOr = body.includes("||");
    if (useOr && body.includes("&&")) throw invalidPattern(pattern, "mixing && and || needs parentheses");
    const parts = body.split(useOr ? "||" : "&&").map((p) =>
      p
        .trim()
        .replace(/^\(|\)$/g, "")
        .trim(),
    );
    const predicates = parts.map((p) => comparison(pattern, p));
    return (message) => {
      let doc: unknown;
      try {
        doc = JSON.parse(message);
      } catch {
        return false;
      }
      return useOr ? predicates.some((p) => p(doc)) : predicates.every((p) => p(doc));
    };
  }
  const terms = tokenizeTerms(trimmed);
  const any = terms.filter((t) => t.startsWith("?")).map((t) => t.slice(1));
  const none = terms.filter((t) => t.startsWith("-")).map((t) => t.slice(1));
  const all = terms.filter((t) => !t.startsWith("?") && !t.startsWith("-"));
  return (message) =>
    all.every((t) => message.includes(t)) &&
    !none.some((t) => message.includes(t)) &&
    (any.length === 0 || any.some((t) => message.includes(t)));
}
