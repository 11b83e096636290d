/**
 * A role's trust policy, asked one question: may this caller assume the role (with this external
 * ID)? An explicit Deny wins, then an Allow (IAM user guide, "Policy evaluation logic"). Principals
 * match as IAM documents them for `"AWS"`: `*`, the caller's account (`123456789012` or
 * `arn:aws:iam::123456789012:root`), or the caller's own ARN (for a role session, its assumed-role ARN
 * or its role's ARN). Conditions: `StringEquals`/`StringLike` on `sts:ExternalId` (a missing external
 * ID makes them false, the confused-deputy guard of the IAM user guide); any other condition is
 * "cannot tell" and lets no Allow grant and no Deny apply.
 */
import type { Principal } from "../../core/types.ts";
import { actionMatches, statementsOf } from "../iam/permissions.ts";
import { isObject } from "../shared/json.ts";
import { wildcardMatch } from "../shared/wildcards.ts";

const asList = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const strings = (value: unknown): string[] => asList(value).filter((v): v is string => typeof v === "string");

function principalMatches(principal: unknown, caller: Principal): boolean {
  if (principal === "*") return true;
  if (!isObject(principal)) return false;
  const names = new Set([caller.accountId, `arn:aws:iam::${caller.accountId}:root`, caller.arn]);
  if (caller.role) names.add(caller.role.arn);
  return strings(principal.AWS).some((p) => p === "*" || names.has(p));
}

/** true: holds; false: does not; undefined: a condition the sandbox does not model. */
function conditionHolds(condition: unknown, externalId: string | undefined): boolean | undefined {
  if (condition === undefined) return true;
  if (!isObject(condition)) return undefined;
  let result: boolean | undefined = true;
  for (const [operator, block] of Object.entries(condition)) {
    if (!isObject(block)) return undefined;
    for (const [key, expected] of Object.entries(block)) {
      if (
        key.toLowerCase() !== "sts:externalid" ||
        (operator !== "StringEquals" && operator !== "StringLike")
      )
        return undefined;
      const values = strings(expected);
      const holds =
        externalId !== undefined &&
        values.some((v) => (operator === "StringEquals" ? v === externalId : wildcardMatch(v, externalId)));
      if (!holds) result = false;
    }
  }
  return result;
}

/** Whether the trust policy (JSON text) lets `caller` call sts:AssumeRole with `externalId`. */
export function trustAllows(document: string, caller: Principal, externalId: string | undefined): boolean {
  let allowed = false;
  for (const statement of statementsOf(document)) {
    if (!actionMatches(strings(statement.Action), "sts:AssumeRole")) continue;
    if (!principalMatches(statement.Principal, caller)) continue;
    const holds = conditionHolds(statement.Condition, externalId);
    if (holds !== true) continue;
    if (statement.Effect === "Deny") return false;
    if (statement.Effect === "Allow") allowed = true;
  }
  return allowed;
}
