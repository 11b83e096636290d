/**
 * Per-pool log group names from a template such as `/aws/vendedlogs/cognito/{poolName}/notifications`.
 * AWS's naming rules (rules doc §2 and §3): a log group name is 1–512 characters of
 * `[.\-_/#A-Za-z0-9]`, and a name holding `#` cannot be named in the ARN Cognito stores, so `#` is
 * refused too.
 */
import type { EventSource } from "../model.ts";

export const TEMPLATE_PLACEHOLDERS = ["poolName", "poolId", "region", "accountId", "eventSource"] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

/** The longest value each placeholder can take (Cognito pool name 128, pool id 55, region, account, source). */
const LONGEST: Readonly<Record<TemplatePlaceholder, number>> = {
  poolName: 128,
  poolId: 55,
  region: 20,
  accountId: 12,
  eventSource: 16,
};

const LOG_GROUP_NAME_MAX = 512;
const LITERAL_ALLOWED = /^[.\-_/A-Za-z0-9]*$/;
const PLACEHOLDER_RE = /\{([^{}]*)\}/g;

/**
 * What is wrong with a log group name template, in the user's terms; null when every pool's name
 * will be valid. It must name the pool (`{poolName}` or `{poolId}`), since one log group is created
 * per pool.
 */
export function logGroupTemplateProblem(template: string): string | null {
  if (template.trim() === "")
    return "Enter a log group name template, such as /aws/vendedlogs/cognito/{poolName}/notifications.";
  const names: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER_RE)) names.push(match[1] ?? "");
  const unknown = names.filter((n) => !(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    return `Unknown placeholder ${unknown.map((n) => `{${n}}`).join(", ")}: use ${TEMPLATE_PLACEHOLDERS.map((n) => `{${n}}`).join(", ")}.`;
  }
  if (!names.includes("poolName") && !names.includes("poolId")) {
    return "The template must contain {poolName} or {poolId}: one log group is created per pool.";
  }
  const literal = template.replace(PLACEHOLDER_RE, "");
  if (literal.includes("{") || literal.includes("}"))
    return "A { or } is not part of a placeholder: write placeholders as {poolName}.";
  if (literal.includes("#"))
    return "Log group names with # cannot be used: Cognito's ARN rules do not allow #.";
  if (!LITERAL_ALLOWED.test(literal)) {
    const bad = [...new Set([...literal].filter((c) => !LITERAL_ALLOWED.test(c)))]
      .map((c) => (c === " " ? "spaces" : `'${c}'`))
      .join(", ");
    return `A log group name may contain only letters, digits and . - _ /: remove ${bad}.`;
  }
  const longest = literal.length + names.reduce((n, name) => n + LONGEST[name as TemplatePlaceholder], 0);
  if (longest > LOG_GROUP_NAME_MAX) {
    return `With the longest pool name this template makes names of ${longest} characters; a log group name has at most ${LOG_GROUP_NAME_MAX}.`;
  }
  return null;
}

/**
 * Keeps a pool name (which may hold spaces, `+`, `=`, `,`, `@`) within the characters a log group
 * name allows, each other character becoming `-` (as proposeLogGroupName does).
 */
function logGroupSafe(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]/g, "-");
}

/** The log group name a template gives one pool (the template assumed valid: logGroupTemplateProblem). */
export function renderLogGroupTemplate(
  template: string,
  pool: { id: string; name: string; region: string; accountId: string },
  eventSource: EventSource,
): string {
  const values: Record<TemplatePlaceholder, string> = {
    poolName: logGroupSafe(pool.name) || pool.id,
    poolId: pool.id,
    region: pool.region,
    accountId: pool.accountId,
    eventSource,
  };
  return template.replace(PLACEHOLDER_RE, (whole, name: string) =>
    name in values ? values[name as TemplatePlaceholder] : whole,
  );
}
