/**
 * A lenient but honest evaluator of IAM-style resource policies, for one question: may the log
 * delivery service (`delivery.logs.amazonaws.com`) do these actions on this resource?
 * Explicit Deny wins; an action is allowed when some applicable Allow statement names it.
 * Conditions on `aws:SourceAccount`, `aws:SourceArn` and `s3:x-amz-acl` are checked with the
 * String/Arn operators; other condition keys are ignored (treated as satisfied).
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

function conditionHolds(condition: unknown, context: Readonly<Record<string, string>>): boolean {
  if (!isObject(condition)) return true;
  for (const [rawOperator, block] of Object.entries(condition)) {
    if (!isObject(block)) continue;
    const operator = rawOperator.replace(/IfExists$/, "");
    for (const [rawKey, expected] of Object.entries(block)) {
      const key = Object.keys(context).find((k) => k.toLowerCase() === rawKey.toLowerCase());
      if (key === undefined) continue; // a key we do not model: lenient
      const actual = context[key] ?? "";
      const values = strings(expected);
      let ok: boolean;
      switch (operator) {
        case "StringEquals":
        case "ArnEquals":
          ok = values.includes(actual);
          break;
        case "StringEqualsIgnoreCase":
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
          ok = true; // an operator we do not model: lenient
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
  for (const statement of documents.flatMap(statementsOf)) {
    if (!principalMatches(statement.Principal)) continue;
    if (!strings(statement.Resource).some((r) => wildcardMatch(r, request.resource))) continue;
    if (!conditionHolds(statement.Condition, request.context)) continue;
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
