/**
 * The logging standard (issue 17): which pools must send which event source where, the exemptions
 * from it, and each pool's compliance. The BFF validates with these and documents its answers; the
 * web's forms validate with the same schemas.
 */
import { z } from "zod";
import { AccountIdSchema } from "../accounts.ts";
import { ChangeKindSchema, UserPoolIdSchema as PoolIdSchema, RegionSchema } from "../api.ts";
import { isFieldError, parseDestinationArn } from "../arn.ts";
import { ALLOWED_DESTINATION_KINDS, EVENT_SOURCE_LABELS } from "../labels.ts";
import {
  DestinationSchema,
  EVENT_SOURCES,
  type EventSource,
  EventSourceSchema,
  PoolTierSchema,
} from "../model.ts";
import { queryInteger } from "../query-params.ts";
import { COMPLIANCE_STATES } from "../vocabulary.ts";
import { logGroupTemplateProblem } from "./template.ts";

export { COMPLIANCE_STATES };

/** A glob over names (`*` any run, `?` one character): at most 128 characters, a pool name's length. */
const PatternSchema = z.string().trim().max(128, "A pattern has at most 128 characters.");

/** A tag the pool must carry: `value` absent means any value. Cognito tag keys 1–128, values 0–256. */
export const TagConditionSchema = z.object({
  key: z.string().trim().min(1, "Enter the tag's key.").max(128),
  value: z.string().max(256).optional(),
});
export type TagCondition = z.infer<typeof TagConditionSchema>;

/** Which pools a rule covers; an empty list (or an empty pattern) means "any". Every condition must hold. */
export const StandardScopeSchema = z.object({
  accounts: z.array(AccountIdSchema).max(200),
  /** OU paths; each matches itself and everything under it (`Workloads` covers `Workloads/Prod`). */
  ous: z.array(z.string().trim().min(1).max(500)).max(50),
  regions: z.array(RegionSchema).max(40),
  /** Feature plans (`UserPoolTier`). */
  tiers: z.array(PoolTierSchema).max(3),
  /** A glob over the pool's name; empty: any name. */
  namePattern: PatternSchema,
  tags: z.array(TagConditionSchema).max(20),
});
export type StandardScope = z.infer<typeof StandardScopeSchema>;

/** An existing destination per region: the pools of a region send there. */
export const RegionDestinationSchema = z.object({
  region: RegionSchema,
  arn: z.string().trim().min(1, "Enter the destination's ARN.").max(2048),
});

/**
 * Where an event source must go: an existing destination per region, or a log group created per
 * pool from a name template (placeholders {poolName}, {poolId}, {region}, {accountId}, {eventSource}).
 */
export const StandardTargetSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("existing"),
    destinations: z
      .array(RegionDestinationSchema)
      .min(1, "Name a destination for at least one region.")
      .max(40),
  }),
  z.object({
    type: z.literal("create"),
    kind: z.literal("logGroup"),
    nameTemplate: z.string().max(512),
  }),
]);
export type StandardTarget = z.infer<typeof StandardTargetSchema>;

/** The checks of one target that need its event source (ARN kind and region, template rules). */
function checkTarget(
  source: EventSource,
  target: StandardTarget,
  path: (string | number)[],
  ctx: z.RefinementCtx,
): void {
  const issue = (message: string, at: (string | number)[]) =>
    ctx.addIssue({ code: "custom", message, path: [...path, ...at], input: target });
  if (target.type === "create") {
    const problem = logGroupTemplateProblem(target.nameTemplate);
    if (problem) issue(problem, ["nameTemplate"]);
    return;
  }
  const seen = new Set<string>();
  target.destinations.forEach((entry, index) => {
    if (seen.has(entry.region))
      issue(`${entry.region} is named twice: one destination per region.`, ["destinations", index, "region"]);
    seen.add(entry.region);
    const parsed = parseDestinationArn(entry.arn);
    if (isFieldError(parsed)) {
      issue(parsed.message, ["destinations", index, "arn"]);
      return;
    }
    if (!ALLOWED_DESTINATION_KINDS[source].includes(parsed.kind)) {
      issue(`${EVENT_SOURCE_LABELS[source]} can only go to a CloudWatch log group.`, [
        "destinations",
        index,
        "arn",
      ]);
    } else if (parsed.region !== "" && parsed.region !== entry.region) {
      // Cognito delivers only within the pool's region (rules doc §2.5, §3).
      issue(
        `This destination is in ${parsed.region}; pools of ${entry.region} need one in ${entry.region}.`,
        ["destinations", index, "arn"],
      );
    }
  });
}

export const StandardRuleSchema = z
  .object({
    name: z.string().trim().min(1, "Give the rule a name.").max(100),
    scope: StandardScopeSchema,
    /** Per event source: where it must go, or null when this rule does not govern it. */
    sources: z.object({
      userNotification: StandardTargetSchema.nullable(),
      userAuthEvents: StandardTargetSchema.nullable(),
    }),
  })
  .superRefine((rule, ctx) => {
    if (rule.sources.userNotification === null && rule.sources.userAuthEvents === null) {
      ctx.addIssue({
        code: "custom",
        message: "Say where at least one event source must go.",
        path: ["sources"],
        input: rule.sources,
      });
    }
    for (const source of EVENT_SOURCES) {
      const target = rule.sources[source];
      if (target) checkTarget(source, target, ["sources", source], ctx);
    }
  });
export type StandardRule = z.infer<typeof StandardRuleSchema>;

/**
 * The standard: its rules in order. For each event source of a pool, the first rule that covers the
 * pool and governs that source decides where it must go.
 */
export const StandardSchema = z
  .object({ rules: z.array(StandardRuleSchema).max(100) })
  .superRefine((standard, ctx) => {
    const names = new Set<string>();
    standard.rules.forEach((rule, index) => {
      if (names.has(rule.name))
        ctx.addIssue({
          code: "custom",
          message: "Another rule has this name.",
          path: ["rules", index, "name"],
          input: rule.name,
        });
      names.add(rule.name);
    });
  });
export type Standard = z.infer<typeof StandardSchema>;

export const EMPTY_STANDARD: Standard = { rules: [] };

/** The stored standard with its revision (the ETag `"standard-<revision>"`). */
export const StandardDocumentSchema = z.object({
  standard: StandardSchema,
  /** 0 while nothing was ever saved. */
  revision: z.number().int().nonnegative(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type StandardDocument = z.infer<typeof StandardDocumentSchema>;

/** What an exemption covers: one pool (by id) or every pool whose name or id matches a glob. */
export const ExemptionTargetSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("pool"), poolId: PoolIdSchema }),
  z.object({
    type: z.literal("pattern"),
    pattern: PatternSchema.min(1, "Enter a pattern such as legacy-*."),
  }),
]);
export type ExemptionTarget = z.infer<typeof ExemptionTargetSchema>;

export const ExemptionInputSchema = z.object({
  target: ExemptionTargetSchema,
  reason: z.string().trim().min(3, "Say why the pool is exempt (at least 3 characters).").max(500),
  /** ISO 8601; null: until removed. */
  expiresAt: z.iso
    .datetime({ offset: true, error: "Expected a date and time such as 2027-01-31T00:00:00Z" })
    .nullable(),
});
export type ExemptionInput = z.infer<typeof ExemptionInputSchema>;

export const ExemptionSchema = ExemptionInputSchema.extend({
  id: z.string(),
  /** Changes on every update; the ETag `"exemption-<revision>"`. */
  revision: z.number().int().positive(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type Exemption = z.infer<typeof ExemptionSchema>;

export const ExemptionListResponseSchema = z.object({
  items: z.array(ExemptionSchema.extend({ expired: z.boolean() })),
});

export const ComplianceStateSchema = z.enum(COMPLIANCE_STATES);
export type ComplianceState = z.infer<typeof ComplianceStateSchema>;

/** Why a pool cannot meet the standard for one event source. */
export const CANNOT_COMPLY_REASONS = [
  "tier",
  "threat-protection-off",
  "destination-unusable",
  "no-destination-in-region",
] as const;
export const CannotComplyReasonSchema = z.object({
  id: z.enum(CANNOT_COMPLY_REASONS),
  message: z.string(),
});
export type CannotComplyReason = z.infer<typeof CannotComplyReasonSchema>;

/** One governed event source of a pool, judged against the standard. */
export const SourceComplianceSchema = z.object({
  eventSource: EventSourceSchema,
  /** The rule that governs this source for this pool. */
  rule: z.string(),
  /** Where the standard wants it (null: no destination resolvable, see reasons). */
  desired: DestinationSchema.nullable(),
  /** The desired log group does not exist yet for this pool: it is created from the rule's template. */
  create: z.boolean(),
  current: DestinationSchema.nullable(),
  change: ChangeKindSchema,
  reasons: z.array(CannotComplyReasonSchema),
});
export type SourceCompliance = z.infer<typeof SourceComplianceSchema>;

export const PoolComplianceSchema = z.object({
  state: ComplianceStateSchema,
  sources: z.array(SourceComplianceSchema),
  exemption: z.object({ id: z.string(), reason: z.string(), expiresAt: z.string().nullable() }).nullable(),
});
export type PoolCompliance = z.infer<typeof PoolComplianceSchema>;

export const ComplianceCountsSchema = z.object(
  Object.fromEntries(COMPLIANCE_STATES.map((s) => [s, z.number().int().nonnegative()])) as Record<
    (typeof COMPLIANCE_STATES)[number],
    z.ZodNumber
  >,
);
export type ComplianceCounts = z.infer<typeof ComplianceCountsSchema>;

export const StandardEvaluationQuerySchema = z.object({
  state: ComplianceStateSchema.optional(),
  offset: queryInteger({ min: 0, max: 1_000_000, fallback: 0 }),
  limit: queryInteger({ min: 1, max: 500, fallback: 100 }),
});

export const StandardEvaluationResponseSchema = z.object({
  revision: z.number().int().nonnegative(),
  /** Every pool of the fleet's rows, by state (before the state filter and paging). */
  counts: ComplianceCountsSchema,
  /** Pools matching `state`, by name. */
  items: z.array(
    PoolComplianceSchema.extend({
      accountId: z.string(),
      region: z.string(),
      poolId: z.string(),
      poolName: z.string(),
    }),
  ),
  total: z.number().int().nonnegative(),
  evaluatedAt: z.string(),
});
export type StandardEvaluationResponse = z.infer<typeof StandardEvaluationResponseSchema>;
