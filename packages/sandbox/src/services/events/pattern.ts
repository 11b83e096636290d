/**
 * EventBridge event patterns (EventBridge user guide, "Event patterns" and "Content filtering"): a
 * JSON object whose leaves are arrays of values, any of which may match (OR); every field named must
 * match (AND); nested objects match nested fields; an array field of the event matches when any of
 * its elements does. Content filters served: `prefix`, `suffix`, `anything-but` (a value, a list, or
 * `{prefix}`), `exists`, `equals-ignore-case`, `wildcard`. Numeric filters are refused as invalid
 * (not simulated) rather than matched wrongly.
 */
import { AwsError } from "../../core/types.ts";
import { isObject } from "../shared/json.ts";
import { wildcardMatch } from "../shared/wildcards.ts";

function invalid(reason: string): AwsError {
  return new AwsError("InvalidEventPatternException", `Event pattern is not valid. Reason: ${reason}`);
}

const FILTERS = new Set(["prefix", "suffix", "anything-but", "exists", "equals-ignore-case", "wildcard"]);

function checkLeaf(values: unknown[], path: string): void {
  if (values.length === 0) throw invalid(`Empty arrays are not allowed at ${path}`);
  for (const v of values) {
    if (v === null || ["string", "number", "boolean"].includes(typeof v)) continue;
    if (!isObject(v)) throw invalid(`Match value must be String, number, true, false, or null at ${path}`);
    const keys = Object.keys(v);
    if (keys.length !== 1 || !FILTERS.has(keys[0] as string)) {
      throw invalid(`Unrecognized match type ${keys.join(",")} at ${path}`);
    }
  }
}

/**
 * Parse and check a pattern's text.
 * @throws AwsError InvalidEventPatternException when it is not JSON, not an object, or a leaf is not an array of values.
 */
export function parsePattern(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid("Filter is not an object");
  }
  if (!isObject(parsed)) throw invalid("Filter is not an object");
  const walk = (node: Record<string, unknown>, path: string) => {
    for (const [k, v] of Object.entries(node)) {
      const at = path ? `${path}.${k}` : k;
      if (Array.isArray(v)) checkLeaf(v, at);
      else if (isObject(v)) walk(v, at);
      else throw invalid(`Match value must be an array or an object at ${at}`);
    }
  };
  walk(parsed, "");
  return parsed;
}

function valueMatches(matcher: unknown, value: unknown, present: boolean): boolean {
  if (!isObject(matcher)) return present && matcher === value;
  const [kind, arg] = Object.entries(matcher)[0] ?? [];
  if (kind === "exists") return arg === present;
  if (!present) return kind === "anything-but";
  if (kind === "prefix") return typeof value === "string" && typeof arg === "string" && value.startsWith(arg);
  if (kind === "suffix") return typeof value === "string" && typeof arg === "string" && value.endsWith(arg);
  if (kind === "equals-ignore-case")
    return typeof value === "string" && typeof arg === "string" && value.toLowerCase() === arg.toLowerCase();
  if (kind === "wildcard")
    return typeof value === "string" && typeof arg === "string" && wildcardMatch(arg, value);
  if (kind === "anything-but") {
    if (isObject(arg) && typeof arg.prefix === "string")
      return !(typeof value === "string" && value.startsWith(arg.prefix));
    const excluded = Array.isArray(arg) ? arg : [arg];
    return !excluded.includes(value as never);
  }
  return false;
}

function leafMatches(matchers: unknown[], value: unknown): boolean {
  const present = value !== undefined;
  const values = Array.isArray(value) ? value : [value];
  return matchers.some((m) =>
    Array.isArray(value) ? values.some((v) => valueMatches(m, v, true)) : valueMatches(m, value, present),
  );
}

/** Whether the event matches the (already checked) pattern. */
export function patternMatches(pattern: Record<string, unknown>, event: unknown): boolean {
  const node = isObject(event) ? event : {};
  return Object.entries(pattern).every(([k, v]) =>
    Array.isArray(v) ? leafMatches(v, node[k]) : patternMatches(v as Record<string, unknown>, node[k]),
  );
}
