import {
  EVENT_SOURCE_LABELS,
  type EventSource,
  type PoolTier,
  type StandardRule,
  StandardRuleSchema,
  TIER_LABELS,
} from "@clc/domain";
import { POOL_TIERS } from "@clc/domain/vocabulary";
import { type FormEvent, useId, useState } from "react";
import { describedBy, Field } from "../../components/form-field.tsx";
import { draftOf, fieldOfIssue, type RuleDraft, ruleOf, type TargetMode } from "./rule-draft.ts";

const MODE_LABELS: Record<TargetMode, string> = {
  none: "Not governed by this rule",
  existing: "An existing destination per region",
  create: "A log group per pool, named from a template",
};

/**
 * Adds or edits one rule. Submitting validates with the domain's StandardRuleSchema; the rule is
 * only handed on (`onDone`) when it is valid. Nothing is saved until the standard is.
 */
export function RuleForm({
  rule,
  regions,
  otherNames,
  onDone,
  onCancel,
}: {
  rule: StandardRule | null;
  regions: readonly string[];
  otherNames: readonly string[];
  onDone: (rule: StandardRule) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<RuleDraft>(() => draftOf(rule));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (change: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...change }));
  const setSource = (source: EventSource, change: Partial<RuleDraft["sources"][EventSource]>) =>
    setDraft((d) => ({ ...d, sources: { ...d.sources, [source]: { ...d.sources[source], ...change } } }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = StandardRuleSchema.safeParse(ruleOf(draft));
    const found: Record<string, string> = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) found[fieldOfIssue(issue.path, draft)] ??= issue.message;
    } else if (otherNames.includes(parsed.data.name)) {
      found.name = "Another rule has this name.";
    }
    setErrors(found);
    if (parsed.success && Object.keys(found).length === 0) onDone(parsed.data);
  }

  const text = (
    field: keyof RuleDraft & string,
    path: string,
    label: string,
    hint?: string,
    placeholder?: string,
  ) => {
    const fieldId = `${id}-${field}`;
    return (
      <Field id={fieldId} label={label} error={errors[path]} hint={hint}>
        <input
          id={fieldId}
          value={draft[field] as string}
          placeholder={placeholder}
          onChange={(event) => set({ [field]: event.target.value })}
          aria-invalid={errors[path] ? true : undefined}
          aria-describedby={describedBy(fieldId, errors[path], Boolean(hint))}
          autoComplete="off"
          spellCheck={false}
        />
      </Field>
    );
  };

  return (
    <form
      className="rule-form"
      onSubmit={submit}
      aria-label={rule ? `Edit the rule ${rule.name}` : "New rule"}
      noValidate
    >
      {text("name", "name", "Rule name")}
      <fieldset>
        <legend>Which pools (empty: any)</legend>
        <div className="rule-form-grid">
          {text("accounts", "scope.accounts", "Accounts", "12-digit ids, separated by commas")}
          {text("ous", "scope.ous", "OUs", "Paths such as Workloads/Prod; covers the OUs below")}
          {text("regions", "scope.regions", "Regions", "such as us-east-1, eu-west-1")}
          {text("namePattern", "scope.namePattern", "Pool name pattern", "* any characters, ? one", "prod-*")}
          {text("tags", "scope.tags", "Tags", "key=value or key, separated by commas")}
        </div>
        <fieldset className="rule-form-tiers">
          <legend>Feature plans</legend>
          {POOL_TIERS.map((tier: PoolTier) => (
            <label key={tier} className="check">
              <input
                type="checkbox"
                checked={draft.tiers.includes(tier)}
                onChange={(event) =>
                  set({
                    tiers: event.target.checked
                      ? [...draft.tiers, tier]
                      : draft.tiers.filter((t) => t !== tier),
                  })
                }
              />
              {TIER_LABELS[tier]}
            </label>
          ))}
        </fieldset>
      </fieldset>
      {(["userNotification", "userAuthEvents"] as const).map((source) => {
        const current = draft.sources[source];
        const sourceError =
          errors[`sources.${source}`] ?? (source === "userNotification" ? errors.sources : undefined);
        return (
          <fieldset key={source}>
            <legend>{EVENT_SOURCE_LABELS[source]} must go to</legend>
            <div
              className="rule-form-modes"
              role="radiogroup"
              aria-label={`${EVENT_SOURCE_LABELS[source]} must go to`}
            >
              {(Object.keys(MODE_LABELS) as TargetMode[]).map((mode) => (
                <label key={mode} className="check">
                  <input
                    type="radio"
                    name={`${id}-${source}-mode`}
                    checked={current.mode === mode}
                    onChange={() => setSource(source, { mode })}
                  />
                  {MODE_LABELS[mode]}
                </label>
              ))}
            </div>
            {current.mode === "existing" &&
              regions.map((region) => {
                const fieldId = `${id}-${source}-${region}`;
                const error = errors[`sources.${source}.arn.${region}`];
                return (
                  <Field key={region} id={fieldId} label={`ARN in ${region}`} error={error}>
                    <input
                      id={fieldId}
                      className="mono"
                      value={current.arns[region] ?? ""}
                      placeholder={`arn:aws:logs:${region}:123456789012:log-group:/aws/vendedlogs/cognito/central`}
                      onChange={(event) =>
                        setSource(source, { arns: { ...current.arns, [region]: event.target.value } })
                      }
                      aria-invalid={error ? true : undefined}
                      aria-describedby={describedBy(fieldId, error, false)}
                      autoComplete="off"
                      spellCheck={false}
                    />
                  </Field>
                );
              })}
            {current.mode === "create" && (
              <Field
                id={`${id}-${source}-template`}
                label="Log group name template"
                error={errors[`sources.${source}.template`]}
                hint="Placeholders: {poolName}, {poolId}, {region}, {accountId}, {eventSource}"
              >
                <input
                  id={`${id}-${source}-template`}
                  className="mono"
                  value={current.template}
                  onChange={(event) => setSource(source, { template: event.target.value })}
                  aria-invalid={errors[`sources.${source}.template`] ? true : undefined}
                  aria-describedby={describedBy(
                    `${id}-${source}-template`,
                    errors[`sources.${source}.template`],
                    true,
                  )}
                  autoComplete="off"
                  spellCheck={false}
                />
              </Field>
            )}
            {sourceError && (
              <p className="field-error" role="alert">
                {sourceError}
              </p>
            )}
          </fieldset>
        );
      })}
      <div className="button-row">
        <button type="submit" className="button button-primary">
          {rule ? "Update the rule" : "Add the rule"}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
