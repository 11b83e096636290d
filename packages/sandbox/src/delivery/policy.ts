/**
 * An honest evaluator of IAM-style resource policies, for one question: may the log delivery service
 * (`delivery.logs.amazonaws.com`) do these actions on this resource? Explicit Deny wins; an action is
 * allowed when some applicable Allow statement names it.
 *
 * Conditions follow IAM's rules for the keys whose presence is known: the request's own keys
 * (`aws:SourceAccount`, `aws:SourceArn`, `s3:x-amz-acl` for PutObject…), the facts of every service
 * request (`aws:SecureTransport` true, `aws:PrincipalIsAWSService` true, `aws:PrincipalServiceName`),
 * and keys a service principal's request never carries (`aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`:
 * present only for principals in an organization). A missing key makes a condition false, a negated
 * one (`StringNotEquals`…) true, `…IfExists` true, and `Null` says whether it is absent (IAM user
 * guide, "Condition operators"). A key or operator we do not model is "cannot tell": it neither lets an
 * Allow grant nor a Deny apply, exactly as @clc/domain's evaluator treats it, so the sandbox's delivery
 * and the console's findings are one truth (issue 12 §2; checked by apps/bff/test/delivery-differential).
 */
import { isObject } from "../services/shared/json.ts";
import { asList, statementsOf, strings } from "../services/shared/policy-documents.ts";
import { wildcardMatch } from "../services/shared/wildcards.ts";

export const DELIVERY_PRINCIPAL = "delivery.logs.amazonaws.com";

export interface PolicyRequest {
  /** The service principal asking (default: the log delivery service). */
  readonly principal?: string;
  readonly actions: readonly string[];
  readonly resource: string;
  /** Request context for conditions, e.g. `{ "aws:SourceAccount": "123…", "aws:SourceArn": "arn:…" }`. */
  readonly context: Readonly<Record<string, string>>;
}

/** What every request of the delivery service carries, whatever the caller's context says. */
const DELIVERY_FACTS: Readonly<Record<string, string>> = {
  "aws:SecureTransport": "true",
  "aws:PrincipalIsAWSService": "true",
  "aws:PrincipalServiceName": DELIVERY_PRINCIPAL,
};

/** Keys a service principal's request never carries (lower case: keys are case-insensitive). */
const ABSENT_KEYS = new Set(["aws:principalorgid", "aws:principalorgpaths"]);

/** true: surely holds; false: surely not; undefined: cannot tell. */
type Truth = boolean | undefined;

function and(values: Iterable<Truth>): Truth {
  let result: Truth = true;
  for (const value of values) {
    if (value === false) return false;
    if (value === undefined) result = undefined;
  }
  return result;
}

function principalMatches(principal: unknown, service: string): boolean {
  if (principal === "*") return true;
  if (!isObject(principal)) return false;
  if (strings(principal.AWS).includes("*")) return true;
  return strings(principal.Service).includes(service);
}

/** IAM action names are case-insensitive; wildcards allowed (`logs:*`, `logs:Put*`, `*`). */
function actionMatches(patterns: string[], action: string): boolean {
  return patterns.some((p) => wildcardMatch(p.toLowerCase(), action.toLowerCase()));
}

type Mode = "equals" | "ignoreCase" | "like";
const OPERATORS: Record<string, { mode: Mode; negated: boolean }> = {
  stringequals: { mode: "equals", negated: false },
  stringnotequals: { mode: "equals", negated: true },
  stringequalsignorecase: { mode: "ignoreCase", negated: false },
  stringnotequalsignorecase: { mode: "ignoreCase", negated: true },
  stringlike: { mode: "like", negated: false },
  stringnotlike: { mode: "like", negated: true },
  // ARN operators match with wildcards, ArnEquals included; our context ARNs have no wildcards.
  arnequals: { mode: "like", negated: false },
  arnlike: { mode: "like", negated: false },
  arnnotequals: { mode: "like", negated: true },
  arnnotlike: { mode: "like", negated: true },
  bool: { mode: "ignoreCase", negated: false },
};

/** Condition values are strings in the grammar; policies in the wild also write `false` or `1`. */
function conditionValues(value: unknown): string[] | null {
  const values = asList(value);
  if (values.length === 0) return null;
  const out: string[] = [];
  for (const v of values) {
    if (typeof v === "string") out.push(v);
    else if (typeof v === "boolean" || typeof v === "number") out.push(String(v));
    else return null;
  }
  return out;
}

function matches(mode: Mode, expected: string, actual: string): boolean {
  if (mode === "equals") return expected === actual;
  if (mode === "ignoreCase") return expected.toLowerCase() === actual.toLowerCase();
  return wildcardMatch(expected, actual);
}

function conditionHolds(condition: unknown, context: Readonly<Record<string, string>>): Truth {
  if (condition === undefined) return true;
  if (!isObject(condition)) return undefined;
  const results: Truth[] = [];
  for (const [rawOperator, block] of Object.entries(condition)) {
    if (!isObject(block)) return undefined;
    const name = rawOperator.toLowerCase();
    const ifExists = name.endsWith("ifexists");
    const operator = OPERATORS[ifExists ? name.slice(0, -"ifexists".length) : name];
    for (const [rawKey, expected] of Object.entries(block)) {
      const values = conditionValues(expected);
      const key = Object.keys(context).find((k) => k.toLowerCase() === rawKey.toLowerCase());
      const absent = key === undefined && ABSENT_KEYS.has(rawKey.toLowerCase());
      if (!values || (key === undefined && !absent)) {
        results.push(undefined);
        continue;
      }
      if (name === "null") {
        // {"Null": {key: "true"}} asks for an absent key.
        results.push(values.some((v) => v.toLowerCase() === (absent ? "true" : "false")));
        continue;
      }
      if (!operator) {
        results.push(undefined);
        continue;
      }
      if (absent) {
        results.push(ifExists || operator.negated);
        continue;
      }
      const actual = context[key as string] ?? "";
      const matched = values.some((v) => matches(operator.mode, v, actual));
      results.push(operator.negated ? !matched : matched);
    }
  }
  return and(results);
}

/** Which of the requested actions the documents allow for the delivery service (all must be, for delivery). */
export function allowedActions(documents: readonly string[], request: PolicyRequest): Set<string> {
  const allowed = new Set<string>();
  const denied = new Set<string>();
  const service = request.principal ?? DELIVERY_PRINCIPAL;
  const facts = { ...DELIVERY_FACTS, "aws:PrincipalServiceName": service };
  const context = { ...facts, ...request.context };
  for (const statement of documents.flatMap(statementsOf)) {
    if (!principalMatches(statement.Principal, service)) continue;
    if (!strings(statement.Resource).some((r) => wildcardMatch(r, request.resource))) continue;
    // Only a condition that surely holds lets an Allow grant or a Deny apply (see the module doc).
    if (conditionHolds(statement.Condition, context) !== true) continue;
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
