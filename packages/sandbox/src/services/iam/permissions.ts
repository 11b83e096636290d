/**
 * Identity-based policy evaluation, enough for a role session's calls (IAM user guide, "Policy
 * evaluation logic"): an explicit Deny wins, then an Allow, else the implicit deny. Actions match
 * case-insensitively with `*`/`?` wildcards (`Action` and `NotAction`); resources are evaluated at
 * the level the sandbox models: a statement applies when its `Resource` is `*` (or matches the
 * resource given). A statement with a `Condition` is "cannot tell": it grants nothing and denies
 * nothing, as the delivery simulation and @clc/domain treat keys they do not model.
 */
import { isObject } from "../shared/json.ts";
import { wildcardMatch } from "../shared/wildcards.ts";

export type Decision = "allowed" | "explicitDeny" | "implicitDeny";

const asList = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const strings = (value: unknown): string[] => asList(value).filter((v): v is string => typeof v === "string");

/** Whether `action` (`service:Operation`) is named by a list of action patterns (IAM: case-insensitive). */
export function actionMatches(patterns: readonly string[], action: string): boolean {
  const lower = action.toLowerCase();
  return patterns.some((p) => wildcardMatch(p.toLowerCase(), lower));
}

/** The statements of a policy document (JSON text); a document that does not parse has none. */
export function statementsOf(document: string): Record<string, unknown>[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    return [];
  }
  if (!isObject(parsed)) return [];
  return asList(parsed.Statement).filter(isObject);
}

/**
 * What identity-based policies decide for one action on one resource.
 * @param documents policy documents (JSON text): a role's inline and attached managed policies
 * @param action `cognito-idp:ListUserPools`
 * @param resource the resource ARN, or `*` for actions without one
 */
export function decide(documents: readonly string[], action: string, resource: string): Decision {
  let allowed = false;
  for (const document of documents) {
    for (const statement of statementsOf(document)) {
      if (statement.Condition !== undefined) continue;
      const names =
        statement.Action !== undefined
          ? actionMatches(strings(statement.Action), action)
          : statement.NotAction !== undefined && !actionMatches(strings(statement.NotAction), action);
      if (!names) continue;
      const resources = strings(statement.Resource);
      const covers =
        statement.Resource !== undefined
          ? resources.some((r) => r === "*" || wildcardMatch(r, resource))
          : statement.NotResource !== undefined &&
            !strings(statement.NotResource).some((r) => r === "*" || wildcardMatch(r, resource));
      if (!covers) continue;
      if (statement.Effect === "Deny") return "explicitDeny";
      if (statement.Effect === "Allow") allowed = true;
    }
  }
  return allowed ? "allowed" : "implicitDeny";
}
