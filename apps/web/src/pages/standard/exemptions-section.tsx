import { ExemptionInputSchema } from "@clc/domain";
import { type FormEvent, useId, useState } from "react";
import { useCreateExemption, useDeleteExemption } from "../../api/standard/mutations.ts";
import { useExemptions } from "../../api/standard/queries.ts";
import { BusyButton } from "../../components/busy-button.tsx";
import { describedBy, Field } from "../../components/form-field.tsx";
import { ProblemMessage, QueryProblem } from "../../components/problem-message.tsx";
import { Timestamp } from "../../components/timestamp.tsx";

/** Exemptions from the standard: listed for everyone (expired ones flagged), added and removed by admins. */
export function ExemptionsSection({ canWrite }: { canWrite: boolean }) {
  const exemptions = useExemptions();
  const remove = useDeleteExemption();
  return (
    <section className="standard-section" aria-labelledby="exemptions-heading">
      <h2 id="exemptions-heading">Exemptions</h2>
      <p className="muted">
        An exempt pool is not judged against the standard until its exemption expires or is removed.
      </p>
      {exemptions.isError ? (
        <QueryProblem query={exemptions} title="Could not read the exemptions" />
      ) : exemptions.isPending ? (
        <p role="status">Loading the exemptions…</p>
      ) : exemptions.data.length === 0 ? (
        <p>No pool is exempt.</p>
      ) : (
        <div className="table-scroll">
          <table className="standard-table">
            <thead>
              <tr>
                <th scope="col">Pools</th>
                <th scope="col">Reason</th>
                <th scope="col">Until</th>
                <th scope="col">Added by</th>
                {canWrite && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {exemptions.data.map((exemption) => {
                const what =
                  exemption.target.type === "pool"
                    ? exemption.target.poolId
                    : `matching ${exemption.target.pattern}`;
                return (
                  <tr key={exemption.id}>
                    <td className="mono">{what}</td>
                    <td>{exemption.reason}</td>
                    <td>
                      {exemption.expiresAt ? <Timestamp iso={exemption.expiresAt} /> : "Until removed"}
                      {exemption.expired && <span className="badge badge-neutral"> Expired</span>}
                    </td>
                    <td>{exemption.createdBy ?? "—"}</td>
                    {canWrite && (
                      <td>
                        <BusyButton
                          busy={remove.isPending && remove.variables?.id === exemption.id}
                          busyLabel="Removing…"
                          onClick={() => remove.mutate({ id: exemption.id, revision: exemption.revision })}
                        >
                          Remove<span className="visually-hidden"> the exemption of {what}</span>
                        </BusyButton>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {remove.isError && <ProblemMessage error={remove.error} title="Could not remove the exemption" />}
      {canWrite && <NewExemptionForm />}
    </section>
  );
}

function NewExemptionForm() {
  const id = useId();
  const create = useCreateExemption();
  const [type, setType] = useState<"pool" | "pattern">("pool");
  const [value, setValue] = useState("");
  const [reason, setReason] = useState("");
  const [expires, setExpires] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});

  function submit(event: FormEvent) {
    event.preventDefault();
    const input = {
      target: type === "pool" ? { type, poolId: value.trim() } : { type, pattern: value.trim() },
      reason: reason.trim(),
      // datetime-local is the browser's local time; the API takes an instant.
      expiresAt: expires === "" ? null : new Date(expires).toISOString(),
    };
    const parsed = ExemptionInputSchema.safeParse(input);
    const found: Record<string, string> = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        found[String(issue.path[0] === "target" ? "target" : issue.path[0])] ??= issue.message;
    } else if (parsed.data.expiresAt !== null && Date.parse(parsed.data.expiresAt) <= Date.now()) {
      found.expiresAt = "Choose an expiry in the future, or none to exempt until removed.";
    }
    setErrors(found);
    if (!parsed.success || Object.keys(found).length > 0) return;
    create.mutate(parsed.data, {
      onSuccess: () => {
        setValue("");
        setReason("");
        setExpires("");
      },
    });
  }

  return (
    <form className="exemption-form" onSubmit={submit} aria-label="New exemption" noValidate>
      <h3>Exempt pools</h3>
      <div className="rule-form-grid">
        <div className="field">
          <label htmlFor={`${id}-type`}>Exempt</label>
          <select
            id={`${id}-type`}
            value={type}
            onChange={(event) => setType(event.target.value as "pool" | "pattern")}
          >
            <option value="pool">One pool (by id)</option>
            <option value="pattern">Pools whose name or id matches</option>
          </select>
        </div>
        <Field id={`${id}-value`} label={type === "pool" ? "Pool id" : "Pattern"} error={errors.target}>
          <input
            id={`${id}-value`}
            className="mono"
            value={value}
            placeholder={type === "pool" ? "us-east-1_AbCdEf123" : "legacy-*"}
            onChange={(event) => setValue(event.target.value)}
            aria-invalid={errors.target ? true : undefined}
            aria-describedby={describedBy(`${id}-value`, errors.target, false)}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <Field id={`${id}-reason`} label="Reason" error={errors.reason}>
          <input
            id={`${id}-reason`}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={describedBy(`${id}-reason`, errors.reason, false)}
          />
        </Field>
        <Field id={`${id}-expires`} label="Expires (optional)" error={errors.expiresAt}>
          <input
            id={`${id}-expires`}
            type="datetime-local"
            value={expires}
            onChange={(event) => setExpires(event.target.value)}
            aria-invalid={errors.expiresAt ? true : undefined}
            aria-describedby={describedBy(`${id}-expires`, errors.expiresAt, false)}
          />
        </Field>
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add the exemption"}
        </button>
      </div>
      {create.isError && <ProblemMessage error={create.error} title="Could not add the exemption" />}
    </form>
  );
}
