/**
 * A rule of the standard as its form holds it (text as typed), and back. The form validates the rule
 * it builds with the domain's StandardRuleSchema, so the page refuses what the BFF would refuse, with
 * the same messages, before anything is sent.
 */
import type { EventSource, PoolTier, StandardRule } from "@clc/domain";

export type TargetMode = "none" | "existing" | "create";

export interface SourceDraft {
  mode: TargetMode;
  /** ARN per region (existing destinations). */
  arns: Record<string, string>;
  template: string;
}

export interface RuleDraft {
  name: string;
  accounts: string;
  ous: string;
  regions: string;
  tiers: PoolTier[];
  namePattern: string;
  /** `key=value` or `key`, separated by commas. */
  tags: string;
  sources: Record<EventSource, SourceDraft>;
}

export const DEFAULT_TEMPLATES: Record<EventSource, string> = {
  userNotification: "/aws/vendedlogs/cognito/{poolName}/notifications",
  userAuthEvents: "/aws/vendedlogs/cognito/{poolName}/activity",
};

const words = (text: string) => text.split(/[\s,]+/).filter((w) => w !== "");

function sourceDraft(target: StandardRule["sources"][EventSource], source: EventSource): SourceDraft {
  if (target === null) return { mode: "none", arns: {}, template: DEFAULT_TEMPLATES[source] };
  if (target.type === "create") return { mode: "create", arns: {}, template: target.nameTemplate };
  return {
    mode: "existing",
    arns: Object.fromEntries(target.destinations.map((d) => [d.region, d.arn])),
    template: DEFAULT_TEMPLATES[source],
  };
}

export function draftOf(rule: StandardRule | null): RuleDraft {
  if (rule === null) {
    return {
      name: "",
      accounts: "",
      ous: "",
      regions: "",
      tiers: [],
      namePattern: "",
      tags: "",
      sources: {
        userNotification: { mode: "existing", arns: {}, template: DEFAULT_TEMPLATES.userNotification },
        userAuthEvents: { mode: "none", arns: {}, template: DEFAULT_TEMPLATES.userAuthEvents },
      },
    };
  }
  return {
    name: rule.name,
    accounts: rule.scope.accounts.join(", "),
    ous: rule.scope.ous.join(", "),
    regions: rule.scope.regions.join(", "),
    tiers: [...rule.scope.tiers],
    namePattern: rule.scope.namePattern,
    tags: rule.scope.tags.map((t) => (t.value === undefined ? t.key : `${t.key}=${t.value}`)).join(", "),
    sources: {
      userNotification: sourceDraft(rule.sources.userNotification, "userNotification"),
      userAuthEvents: sourceDraft(rule.sources.userAuthEvents, "userAuthEvents"),
    },
  };
}

/** The regions whose ARN field is filled, in the order the rule lists them (error paths index this list). */
export function filledRegions(source: SourceDraft): string[] {
  return Object.entries(source.arns)
    .filter(([, arn]) => arn.trim() !== "")
    .map(([region]) => region);
}

function target(source: SourceDraft): unknown {
  if (source.mode === "none") return null;
  if (source.mode === "create")
    return { type: "create", kind: "logGroup", nameTemplate: source.template.trim() };
  return {
    type: "existing",
    destinations: filledRegions(source).map((region) => ({
      region,
      arn: (source.arns[region] ?? "").trim(),
    })),
  };
}

/** The rule the draft describes, unvalidated (the schema says what is wrong with it). */
export function ruleOf(draft: RuleDraft): unknown {
  return {
    name: draft.name.trim(),
    scope: {
      accounts: words(draft.accounts),
      ous: draft.ous
        .split(",")
        .map((o) => o.trim())
        .filter((o) => o !== ""),
      regions: words(draft.regions),
      tiers: draft.tiers,
      namePattern: draft.namePattern.trim(),
      tags: draft.tags
        .split(",")
        .map((t) => t.trim())
        .filter((t) => t !== "")
        .map((t) => {
          const eq = t.indexOf("=");
          return eq < 0 ? { key: t } : { key: t.slice(0, eq).trim(), value: t.slice(eq + 1).trim() };
        }),
    },
    sources: {
      userNotification: target(draft.sources.userNotification),
      userAuthEvents: target(draft.sources.userAuthEvents),
    },
  };
}

/**
 * The form field an issue's path belongs to: `scope.accounts.2` → `scope.accounts`;
 * `sources.userNotification.destinations.1.arn` → `sources.userNotification.arn.<region>`.
 */
export function fieldOfIssue(path: readonly PropertyKey[], draft: RuleDraft): string {
  const [first, second, third, index] = path.map(String);
  if (first === "scope") return `scope.${second}`;
  if (first === "sources" && (second === "userNotification" || second === "userAuthEvents")) {
    if (third === "destinations" && index !== undefined) {
      const region = filledRegions(draft.sources[second])[Number(index)];
      return region ? `sources.${second}.arn.${region}` : `sources.${second}`;
    }
    if (third === "nameTemplate") return `sources.${second}.template`;
    return `sources.${second}`;
  }
  return first ?? "";
}
