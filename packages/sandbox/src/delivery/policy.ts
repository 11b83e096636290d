/**
 * A lenient but honest evaluator of IAM-style resource policies, for one question: may the log
 * delivery service (`delivery.logs.amazonaws.com`) do these actions on this resource?
 * Explicit Deny wins; an action is allowed when some applicable Allow statement names it.
 * Conditions on `aws:SourceAccount`, `aws:SourceArn`, `s3:x-amz-acl` and `aws:SecureTransport`
 * (always true: the service calls over TLS) are checked with the String/Arn/Bool operators. A key or
 * operator we do not model is lenient both ways: it does not stop an Allow, and it does not make a
 * Deny apply, so the sandbox agrees with @clc/domain's evaluator (which never reports such a Deny as
 * blocking) on policies like the common TLS-only Deny.
 */
import { isObject, wildcardMatch } from "../services/shared/constraints.ts";

export const DELIVERY_PRINCIPAL = "delivery.logs.amazonaws.com";

export interface PolicyRequest {
  readonly actions: readonly string[];
  readonly resource: string;
  /** Request context for conditions, e.g. `{ "aws:SourceAccount": "123…", "aws:SourceArn": "arn:…" }`. */
  readonly context: Readonly<Record<string, string>>;
}

const asList = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const strings = (value: unknown): string[] => asList(value).filter((v): v is string => typeof v === "string");
/** Condition values are strings in the grammar; policies in the wild also write `false` or `1`. */
const conditionValues = (value: unknown): string[] =>
  asList(value)
    .filter((v) => typeof v === "string" || typeof v === "boolean" || typeof v === "number")
    .map(String);

/** What every request of the delivery service carries, whatever the caller's context says. */
const DELIVERY_FACTS: Readonly<Record<string, string>> = { "aws:SecureTransport": "true" };

function principalMatches(principal: unknown): boolean {
  if (principal === "*") return true;
  if (!isObject(principal)) return false;
  if (strings(principal.AWS).includes("*")) return true;
  return strings(principal.Service).includes(DELIVERY_PRINCIPAL);
}

/** IAM action names are case-insensitive; wildcards allowed (`logs:*`, `logs:Put*`, `*`). */
function actionMatches(patterns: string[], action: string): boolean {
  return patterns.some((p) => wildcardMatch(p.toLowerCase(), action.toLowerCase()));
}

/** `unmodelled` is what a key or operator we do not model counts as: true for Allow, false for Deny. */
function conditionHolds(
  condition: unknown,
  context: Readonly<Record<string, string>>,
  unmodelled: boolean,
): boolean {
  if (!isObject(condition)) return true;
  for (const [rawOperator, block] of Object.entries(condition)) {
    if (!isObject(block)) continue;
    const operator = rawOperator.replace(/IfExists$/, "");
    for (const [rawKey, expected] of Object.entries(block)) {
      const key = Object.keys(context).find((k) => k.toLowerCase() === rawKey.toLowerCase());
      if (key === undefined) {
        if (unmodelled) continue;
        return false;
      }
      const actual = context[key] ?? "";
      const values = conditionValues(expected);
      let ok: boolean;
      switch (operator) {
        case "StringEquals":
        case "ArnEquals":
          ok = values.includes(actual);
          break;
        case "StringEqualsIgnoreCase":
        case "Bool":
          ok = values.some((v) => v.toLowerCase() === actual.toLowerCase());
          break;
        case "StringLike":
        case "ArnLike":
          ok = values.some((v) => wildcardMatch(v, actual));
          break;
        case "StringNotEquals":
        case "ArnNotEquals":
          ok = !values.includes(actual);
          break;
        case "StringNotLike":
        case "ArnNotLike":
          ok = !values.some((v) => wildcardMatch(v, actual));
          break;
        default:
          ok = unmodelled;
      }
      if (!ok) return false;
    }
  }
  return true;
}

function statementsOf(document: string): Record<string, unknown>[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    return [];
  }
  if (!isObject(parsed)) return [];
  return asList(parsed.Statement).filter(isObject);
}

/** Which of the requested actions the documents allow for the delivery service (all must be, for delivery). */
export function allowedActions(documents: readonly string[], request: PolicyRequest): Set<string> {
  const allowed = new Set<string>();
  const denied = new Set<string>();
  const context = { ...DELIVERY_FACTS, ...request.context };
  for (const statement of documents.flatMap(statementsOf)) {
    if (!principalMatches(statement.Principal)) continue;
    if (!strings(statement.Resource).some((r) => wildcardMatch(r, request.resource))) continue;
    if (!conditionHolds(statement.Condition, context, statement.Effect !== "Deny")) continue;
    const actions = strings(statement.Action);
    for (const action of request.actions) {
      if (!actionMatches(actions, action)) continue;
      if (statement.Effect === "Deny") denied.add(action);
      else if (statement.Effect === "Allow") allowed.add(action);
    }
  }
  for (const action of denied) allowed.delete(action);
  return allowed;
}

export function allows(documents: readonly string[], request: PolicyRequest): boolean {
  const allowed = allowedActions(documents, request);
  return request.actions.every((a) => allowed.has(a));
}
