import {
  type ComplianceState,
  destinationName,
  EVENT_SOURCE_LABELS,
  type Standard,
  type StandardRule,
  type StandardTarget,
  TIER_LABELS,
} from "@clc/domain";
import { useState } from "react";
import { Link } from "react-router";
import { isApiProblem } from "../../api/http.ts";
import { useRegions } from "../../api/regions/queries.ts";
import { useSaveStandard } from "../../api/standard/mutations.ts";
import { useEvaluation, useStandard } from "../../api/standard/queries.ts";
import { useCanWrite } from "../../auth/use-can-write.ts";
import { ProblemMessage, QueryProblem } from "../../components/problem-message.tsx";
import { Timestamp } from "../../components/timestamp.tsx";
import { useDocumentTitle } from "../../components/use-document-title.ts";
import { COMPLIANCE_LABELS } from "../../fleet/compliance-labels.ts";
import { ApplyStandardButton } from "./apply-standard-button.tsx";
import { ExemptionsSection } from "./exemptions-section.tsx";
import { RuleForm } from "./rule-form.tsx";
import "./standard.css";

function scopeText(rule: StandardRule): string {
  const { scope } = rule;
  const parts = [
    scope.accounts.length > 0 ? `accounts ${scope.accounts.join(", ")}` : null,
    scope.ous.length > 0 ? `OUs ${scope.ous.join(", ")}` : null,
    scope.regions.length > 0 ? `regions ${scope.regions.join(", ")}` : null,
    scope.tiers.length > 0 ? `plans ${scope.tiers.map((t) => TIER_LABELS[t]).join(", ")}` : null,
    scope.namePattern ? `names matching ${scope.namePattern}` : null,
    scope.tags.length > 0
      ? `tagged ${scope.tags.map((t) => (t.value === undefined ? t.key : `${t.key}=${t.value}`)).join(", ")}`
      : null,
  ].filter((p) => p !== null);
  return parts.length > 0 ? `Pools with ${parts.join("; ")}` : "Every pool";
}

function TargetText({ target }: { target: StandardTarget }) {
  if (target.type === "create") {
    return (
      <>
        a log group per pool named <span className="mono">{target.nameTemplate}</span>
      </>
    );
  }
  return (
    <ul className="standard-destinations">
      {target.destinations.map((d) => (
        <li key={d.region}>
          {d.region}: <span className="mono break-all">{d.arn}</span>
        </li>
      ))}
    </ul>
  );
}

const SUMMARY_STATES: readonly ComplianceState[] = [
  "compliant",
  "drift",
  "cannot-comply",
  "exempt",
  "not-governed",
];

/** The fleet against the saved standard: each count links to the fleet table filtered to those pools. */
function EvaluationSummary() {
  const evaluation = useEvaluation(null);
  if (!evaluation.data) return null;
  const { counts } = evaluation.data;
  return (
    <section className="standard-section" aria-labelledby="evaluation-heading">
      <h2 id="evaluation-heading">The fleet against the saved standard</h2>
      <ul className="standard-counts">
        {SUMMARY_STATES.map((state) => (
          <li key={state}>
            <Link to={`/?compliance=${state}`}>
              <strong>{counts[state]}</strong> {COMPLIANCE_LABELS[state].toLowerCase()}
            </Link>
          </li>
        ))}
      </ul>
      <ApplyStandardButton drifting={counts.drift} />
      <DriftList />
    </section>
  );
}

/** The first pools that drift, each with what would change per event source. */
function DriftList() {
  const drift = useEvaluation("drift");
  const items = drift.data?.items.slice(0, 20) ?? [];
  if (items.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="standard-table">
        <caption>
          Pools that drift from the standard{drift.data && drift.data.total > 20 ? " (first 20)" : ""}
        </caption>
        <thead>
          <tr>
            <th scope="col">Pool</th>
            <th scope="col">Event source</th>
            <th scope="col">Now</th>
            <th scope="col">Standard</th>
          </tr>
        </thead>
        <tbody>
          {items.flatMap((pool) =>
            pool.sources
              .filter((s) => s.change !== "unchanged")
              .map((s) => (
                <tr key={`${pool.accountId}/${pool.poolId}/${s.eventSource}`}>
                  <td>
                    <Link to={`/accounts/${pool.accountId}/pools/${pool.poolId}`}>{pool.poolName}</Link>
                  </td>
                  <td>{EVENT_SOURCE_LABELS[s.eventSource]}</td>
                  <td className="mono break-all" title={s.current?.arn}>
                    {s.current ? destinationName(s.current.arn) : "Off"}
                  </td>
                  <td className="mono break-all" title={s.desired?.arn}>
                    {s.desired ? destinationName(s.desired.arn) : "—"}
                    {s.create && <span className="muted"> (to be created)</span>}
                  </td>
                </tr>
              )),
          )}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The logging standard: rules saying which pools must send which event source where, and the
 * exemptions from it. Everyone reads it; admins edit a draft of the rules and save it whole, on the
 * revision they read (a concurrent save is refused with who saved, and the draft is kept).
 */
export function StandardPage() {
  useDocumentTitle("Logging standard");
  const canWrite = useCanWrite();
  const document = useStandard();
  const regions = useRegions().data?.regions ?? [];
  const save = useSaveStandard();
  const [draft, setDraft] = useState<Standard | null>(null);
  /** The rule being edited: its index, or "new". */
  const [editing, setEditing] = useState<number | "new" | null>(null);

  if (document.isError) return <QueryProblem query={document} title="Could not read the logging standard" />;
  if (document.isPending) {
    return (
      <div className="page" role="status">
        <span className="spinner" aria-hidden="true" /> Loading the logging standard…
      </div>
    );
  }
  const saved = document.data;
  const rules = (draft ?? saved.standard).rules;
  const changed = draft !== null;
  const stale = save.isError && isApiProblem(save.error) && save.error.problem.status === 412;

  const setRules = (next: StandardRule[]) => setDraft({ rules: next });
  const move = (index: number, by: number) => {
    const next = [...rules];
    const [rule] = next.splice(index, 1);
    if (rule) next.splice(index + by, 0, rule);
    setRules(next);
  };

  return (
    <div className="page page-standard">
      <div className="page-header">
        <h1>Logging standard</h1>
        <span className="muted small">
          {saved.revision === 0 ? (
            "Not saved yet"
          ) : (
            <>
              Revision {saved.revision}, saved by {saved.updatedBy ?? "someone"}{" "}
              {saved.updatedAt && <Timestamp iso={saved.updatedAt} />}
            </>
          )}
        </span>
      </div>
      <p className="muted">
        For each event source of a pool, the first rule that covers the pool and names that source says where
        it must go. Sources no rule names are left as they are.
      </p>

      <section className="standard-section" aria-labelledby="rules-heading">
        <h2 id="rules-heading">Rules</h2>
        {rules.length === 0 && <p>No rules yet: every pool is outside the standard.</p>}
        <ol className="standard-rules">
          {rules.map((rule, index) =>
            editing === index ? (
              <li key={rule.name}>
                <RuleForm
                  rule={rule}
                  regions={regions}
                  otherNames={rules.filter((_, i) => i !== index).map((r) => r.name)}
                  onDone={(updated) => {
                    setRules(rules.map((r, i) => (i === index ? updated : r)));
                    setEditing(null);
                  }}
                  onCancel={() => setEditing(null)}
                />
              </li>
            ) : (
              <li key={rule.name} className="standard-rule">
                <h3>{rule.name}</h3>
                <p>{scopeText(rule)}</p>
                <dl>
                  {(["userNotification", "userAuthEvents"] as const).map((source) => {
                    const target = rule.sources[source];
                    return target ? (
                      <div key={source}>
                        <dt>{EVENT_SOURCE_LABELS[source]}</dt>
                        <dd>
                          <TargetText target={target} />
                        </dd>
                      </div>
                    ) : null;
                  })}
                </dl>
                {canWrite && editing === null && (
                  <div className="button-row">
                    <button type="button" className="button" onClick={() => setEditing(index)}>
                      Edit<span className="visually-hidden"> {rule.name}</span>
                    </button>
                    <button
                      type="button"
                      className="button"
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                    >
                      Move up<span className="visually-hidden"> {rule.name}</span>
                    </button>
                    <button
                      type="button"
                      className="button"
                      onClick={() => setRules(rules.filter((_, i) => i !== index))}
                    >
                      Remove<span className="visually-hidden"> {rule.name}</span>
                    </button>
                  </div>
                )}
              </li>
            ),
          )}
        </ol>
        {canWrite && editing === "new" && (
          <RuleForm
            rule={null}
            regions={regions}
            otherNames={rules.map((r) => r.name)}
            onDone={(rule) => {
              setRules([...rules, rule]);
              setEditing(null);
            }}
            onCancel={() => setEditing(null)}
          />
        )}
        {canWrite && editing === null && (
          <div className="button-row">
            <button type="button" className="button" onClick={() => setEditing("new")}>
              Add a rule
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={!changed || save.isPending}
              onClick={() =>
                draft &&
                save.mutate({ standard: draft, etag: saved.etag }, { onSuccess: () => setDraft(null) })
              }
            >
              {save.isPending ? "Saving…" : "Save the standard"}
            </button>
            {changed && (
              <button type="button" className="button" onClick={() => setDraft(null)}>
                Discard changes
              </button>
            )}
          </div>
        )}
        {changed && (
          <p className="muted small">Unsaved changes: the fleet is judged on the saved standard.</p>
        )}
        {save.isError && (
          <ProblemMessage
            error={save.error}
            title={stale ? "Someone saved the standard since you read it" : "Could not save the standard"}
          />
        )}
        {stale && (
          <p>
            Your draft is kept.{" "}
            <button type="button" className="button button-link" onClick={() => void document.refetch()}>
              Read the saved standard
            </button>{" "}
            to see their change, then save your draft on top of it.
          </p>
        )}
      </section>

      <EvaluationSummary />
      <ExemptionsSection canWrite={canWrite} />
    </div>
  );
}
