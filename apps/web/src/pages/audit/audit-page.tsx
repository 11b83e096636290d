import {
  AUDIT_ACTIONS,
  AUDIT_RANGE_MESSAGE,
  type AuditAction,
  type AuditFilter,
  AuditFilterSchema,
  type AuditRecord,
  auditRangeIsValid,
  recordedChangeOf,
} from "@clc/domain";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useAccounts } from "../../api/accounts/queries.ts";
import { auditExportUrl, useAuditRecords } from "../../api/audit/queries.ts";
import { SelectField } from "../../components/form-field.tsx";
import { QueryProblem } from "../../components/problem-message.tsx";
import "./audit.css";
import { BusyButton } from "../../components/busy-button.tsx";
import { fromDateTimeInput, type TimeZoneChoice, toDateTimeInput } from "../../components/time-format.ts";
import { Timestamp, useTimeZoneChoice } from "../../components/timestamp.tsx";

const ACTION_LABELS: Record<AuditAction, string> = {
  "log-delivery.apply": "Apply log delivery",
  "log-delivery.disable": "Disable log delivery",
  "log-delivery.rollback": "Roll back log delivery",
  "destination.create": "Create destination",
  "destination.cleanup": "Clean up destination",
  "fix.apply": "Apply a fix",
  "operator.add": "Add operator",
  "operator.set-role": "Change operator role",
  "operator.reset-password": "Reset operator password",
  "operator.remove": "Remove operator",
  "session.sign-in": "Sign in",
  "session.sign-out": "Sign out",
  "audit.prune": "Prune old audit records (retention)",
  "webhook.add": "Add webhook",
  "webhook.update": "Change webhook",
  "webhook.remove": "Remove webhook",
  "webhook.test": "Send a test notification",
  "view.save": "Save a fleet view",
  "view.rename": "Rename a fleet view",
  "view.delete": "Delete a fleet view",
  "freshness.setup": "Set up change events",
  "batch.start": "Start a batch",
  "batch.pause": "Pause a batch",
  "batch.resume": "Resume a batch",
  "batch.cancel": "Cancel a batch",
  "standard.update": "Change the logging standard",
  "standard.exemption.create": "Add an exemption from the standard",
  "standard.exemption.update": "Change an exemption from the standard",
  "standard.exemption.delete": "Remove an exemption from the standard",
};

/**
 * The filter lives in the URL (shareable, back/forward); anything invalid there is ignored, and so
 * is a time range that ends before it starts. Sign-ins are left out unless `signIns=include`.
 */
export function filterFromParams(params: URLSearchParams): AuditFilter {
  const filter: AuditFilter = {};
  for (const name of ["account", "pool", "operator", "action", "from", "to"] as const) {
    const value = params.get(name);
    if (!value) continue;
    const parsed = AuditFilterSchema.shape[name].safeParse(value);
    if (parsed.success && parsed.data !== undefined) Object.assign(filter, { [name]: parsed.data });
  }
  if (!auditRangeIsValid(filter)) {
    delete filter.from;
    delete filter.to;
  }
  // Asking for a sign-in action is asking to see sign-ins: the default hides them only from the rest.
  filter.signIns =
    params.get("signIns") === "include" || filter.action?.startsWith("session.") ? "include" : "exclude";
  return filter;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The top-level members that differ between two objects (a whole user pool before and after a fix is
 * long: this says where to look). Empty when either side is not an object.
 */
export function changedMembers(before: unknown, after: unknown): string[] {
  if (!isObject(before) || !isObject(after)) return [];
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return names.filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name])).sort();
}

function Change({ record }: { record: AuditRecord }) {
  if (record.before === null && record.after === null) return null;
  const changed = changedMembers(record.before, record.after);
  return (
    <details>
      <summary>
        Before / after
        {changed.length > 0 && <span className="muted small"> (changed: {changed.join(", ")})</span>}
      </summary>
      <pre className="audit-change mono small">
        {`before: ${JSON.stringify(record.before, null, 2)}\nafter:  ${JSON.stringify(record.after, null, 2)}`}
      </pre>
    </details>
  );
}

/**
 * The name of the role an ARN names: the last segment of its path (`role/service-role/name`), which
 * is how IAM's console lists it; the ARN itself when it names no role.
 */
export function roleNameOf(arn: string): string {
  const resource = arn.split(":").slice(5).join(":");
  return resource.startsWith("role/") ? resource.slice(resource.lastIndexOf("/") + 1) : arn;
}

/**
 * Where the record acted: the account (its name when the accounts list knows one) and the role the
 * console assumed there, the full ARN on hover. A record that names no account (a sign-in, an
 * operator change, one written before accounts) acted in none.
 */
function AccountCell({ record, accountName }: { record: AuditRecord; accountName: string | undefined }) {
  if (!record.accountId) {
    return (
      <td data-label="Account">
        <span className="muted">—</span>
      </td>
    );
  }
  return (
    <td data-label="Account">
      {accountName && <div>{accountName}</div>}
      <div className={accountName ? "mono small muted" : "mono"}>{record.accountId}</div>
      <div className="small">
        {record.roleArn ? (
          <>
            <span className="muted">Role </span>
            <span className="mono" title={record.roleArn}>
              {roleNameOf(record.roleArn)}
            </span>
          </>
        ) : (
          <span className="muted">The console's own credentials</span>
        )}
      </div>
    </td>
  );
}

function AuditRow({ record, accountName }: { record: AuditRecord; accountName: string | undefined }) {
  return (
    <tr>
      <td className="mono small" data-label="Time">
        <Timestamp iso={record.at} />
      </td>
      <td data-label="Operator">
        {record.operator ?? <span className="muted">—</span>}
        {record.role && <span className="muted small"> ({record.role})</span>}
      </td>
      <td data-label="Action">{ACTION_LABELS[record.action]}</td>
      <AccountCell record={record} accountName={accountName} />
      <td data-label="Pool or resource">
        {record.poolId && (
          <Link
            className="mono"
            to={
              record.accountId
                ? `/accounts/${encodeURIComponent(record.accountId)}/pools/${encodeURIComponent(record.poolId)}`
                : `/pools/${encodeURIComponent(record.poolId)}`
            }
          >
            {record.poolId}
          </Link>
        )}
        {record.region && <span className="muted small"> {record.region}</span>}
        {record.resource && <div className="mono small muted">{record.resource}</div>}
        <Change record={record} />
      </td>
      <td className={`audit-outcome-${record.outcome}`} data-label="Outcome">
        {record.outcome}
        {record.attemptId && <span className="muted small"> (of #{record.attemptId})</span>}
        {record.error && <div className="small">{record.error}</div>}
      </td>
      <td className="mono small" data-label="Record">
        #{record.id}
        {record.undoes && <div>undoes #{record.undoes}</div>}
        {typeof recordedChangeOf(record) !== "string" && (
          <div>
            <Link
              to={`/audit/${record.id}/rollback`}
              aria-label={`Roll back record ${record.id}`}
              className="audit-action"
            >
              Roll back…
            </Link>
            {record.requestId?.startsWith("batch:") && (
              <div>
                <Link to={`/batches/${record.requestId.slice("batch:".length)}`} className="audit-action">
                  Roll back the whole batch…
                </Link>
              </div>
            )}
          </div>
        )}
        {record.requestId && <div className="muted">req {record.requestId}</div>}
        {record.awsRequestId && <div className="muted">aws {record.awsRequestId}</div>}
      </td>
    </tr>
  );
}

/**
 * The range the From and Until inputs (`YYYY-MM-DDTHH:mm` in `zone`) ask for, as ISO instants; an
 * empty or unreadable input is no bound. The same From and Until mean that whole day (from its
 * midnight to the next, Until being exclusive), not an empty window: a person picking one day twice
 * asks for that day. From after Until stays an error (auditRangeIsValid).
 */
export function rangeFromInputs(
  fromInput: string,
  toInput: string,
  zone: TimeZoneChoice,
): { from?: string; to?: string } {
  const from = fromDateTimeInput(fromInput, zone);
  const to = fromDateTimeInput(toInput, zone);
  if (from && to && from === to) {
    const day = fromInput.slice(0, 10);
    const nextDay = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const start = fromDateTimeInput(`${day}T00:00`, zone);
    const end = fromDateTimeInput(`${nextDay}T00:00`, zone);
    if (start && end) return { from: start, to: end };
  }
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const records = useAuditRecords(filter);
  const items = records.data?.pages.flatMap((page) => page.items) ?? [];
  const zone = useTimeZoneChoice();
  const zoneName = zone === "utc" ? "UTC" : "local time";
  const [rangeError, setRangeError] = useState<string | null>(null);
  const showSignIns = filter.signIns === "include";
  const accountsQuery = useAccounts();
  const accounts = accountsQuery.data?.accounts ?? [];
  // Names only where Organizations gave one (a listed role ARN's account is named by its id).
  const accountNames = new Map(
    accounts.filter((a) => a.name !== a.accountId).map((a) => [a.accountId, a.name] as const),
  );
  const accountChoices = accounts.map((a) => a.accountId).filter((a) => a !== "");
  // An account in the URL that the list does not hold (no longer read) stays chosen and shown.
  if (filter.account && !accountChoices.includes(filter.account)) accountChoices.push(filter.account);
  const accountLabels = Object.fromEntries(
    accountChoices.map((id) => {
      const name = accountNames.get(id);
      return [id, name ? `${name} (${id})` : id];
    }),
  );

  useEffect(() => {
    document.title = `History${filter.pool ? ` of ${filter.pool}` : ""} · Cognito Log Console`;
  }, [filter.pool]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of ["account", "pool", "operator", "action"] as const) {
      const value = String(form.get(name) ?? "").trim();
      if (value) next.set(name, value);
    }
    const range = rangeFromInputs(String(form.get("from") ?? ""), String(form.get("to") ?? ""), zone);
    for (const name of ["from", "to"] as const) {
      const iso = range[name];
      if (iso) next.set(name, iso);
    }
    // Checked here as the BFF checks it: an empty window is a mistake to point out, not "no records".
    if (!auditRangeIsValid(range)) {
      setRangeError(AUDIT_RANGE_MESSAGE);
      return;
    }
    setRangeError(null);
    if (showSignIns) next.set("signIns", "include");
    setParams(next);
  };

  const toggleSignIns = () => {
    const next = new URLSearchParams(params);
    if (showSignIns) next.delete("signIns");
    else next.set("signIns", "include");
    setParams(next);
  };

  return (
    <div className="page">
      <div className="page-header">
        <h1>History{filter.pool ? ` of ${filter.pool}` : ""}</h1>
      </div>
      <p className="muted">
        Every change made through the console, who made it and what came of it, newest first. Records cannot
        be edited or deleted.{" "}
        {showSignIns ? "Sign-ins and sign-outs are shown." : "Sign-ins and sign-outs are hidden."}
      </p>
      {/* key: the form's defaults follow the URL when it changes (back/forward, a History link). */}
      <form
        key={params.toString()}
        className="audit-filters"
        onSubmit={onSubmit}
        aria-label="Filter the history"
      >
        {accountsQuery.isError ? (
          // The accounts could not be listed: the id is typed instead of chosen.
          <div className="field">
            <label htmlFor="audit-account">Account</label>
            <input
              id="audit-account"
              name="account"
              defaultValue={filter.account ?? ""}
              inputMode="numeric"
              pattern="\d{12}"
              title="A 12-digit AWS account id"
              aria-describedby="audit-account-hint"
            />
            <span id="audit-account-hint" className="field-hint">
              12-digit account id
            </span>
          </div>
        ) : (
          // One account has nothing to choose between; a chosen one is shown whatever the list says.
          (accountChoices.length > 1 || filter.account) && (
            <SelectField
              id="audit-account"
              label="Account"
              name="account"
              values={accountChoices}
              labels={accountLabels}
              empty="All accounts"
              defaultValue={filter.account ?? ""}
            />
          )
        )}
        <div className="field">
          <label htmlFor="audit-pool">Pool</label>
          <input
            id="audit-pool"
            name="pool"
            defaultValue={filter.pool ?? ""}
            aria-describedby="audit-pool-hint"
            placeholder="id, name, or their start"
          />
          <span id="audit-pool-hint" className="field-hint">
            Id, name, or the start of either
          </span>
        </div>
        <div className="field">
          <label htmlFor="audit-operator">Operator</label>
          <input id="audit-operator" name="operator" defaultValue={filter.operator ?? ""} />
        </div>
        <SelectField
          id="audit-action"
          label="Action"
          name="action"
          values={AUDIT_ACTIONS}
          labels={ACTION_LABELS}
          empty="Any action"
          defaultValue={filter.action ?? ""}
        />
        {(["from", "to"] as const).map((bound) => (
          <div className="field" key={bound}>
            <label htmlFor={`audit-${bound}`}>
              {bound === "from" ? "From" : "Until"} ({zoneName})
            </label>
            <input
              id={`audit-${bound}`}
              name={bound}
              type="datetime-local"
              defaultValue={toDateTimeInput(filter[bound], zone)}
              aria-invalid={rangeError ? true : undefined}
              aria-describedby={rangeError ? "audit-range-error" : undefined}
            />
          </div>
        ))}
        <div className="button-row">
          <button type="submit" className="button button-primary">
            Filter
          </button>
          <button type="button" className="button" aria-pressed={showSignIns} onClick={toggleSignIns}>
            Show sign-ins
          </button>
          {params.size > 0 && (
            <button type="button" className="button" onClick={() => setParams(new URLSearchParams())}>
              Clear
            </button>
          )}
          <a className="button" href={auditExportUrl(filter, "csv")} download>
            Export CSV
          </a>
          <a className="button" href={auditExportUrl(filter, "json")} download>
            Export JSON
          </a>
        </div>
        {rangeError && (
          <p id="audit-range-error" className="field-error audit-range-error" role="alert">
            {rangeError}
          </p>
        )}
      </form>

      {records.isError ? (
        <QueryProblem query={records} title="Could not read the history" />
      ) : records.isPending ? (
        <p role="status">
          <span className="spinner" aria-hidden="true" /> Loading the history…
        </p>
      ) : items.length === 0 ? (
        <p className="table-state">No records match these filters.</p>
      ) : (
        <div className="table-scroll audit-records">
          <table className="data-table audit-table stacked-table" aria-label="Audit records">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Operator</th>
                <th scope="col">Action</th>
                <th scope="col">Account</th>
                <th scope="col">Pool or resource</th>
                <th scope="col">Outcome</th>
                <th scope="col">Record</th>
              </tr>
            </thead>
            <tbody>
              {items.map((record) => (
                <AuditRow
                  key={record.id}
                  record={record}
                  accountName={record.accountId ? accountNames.get(record.accountId) : undefined}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {records.hasNextPage && (
        <div>
          <BusyButton
            busy={records.isFetchingNextPage}
            busyLabel="Loading…"
            onClick={() => void records.fetchNextPage()}
          >
            Show older records
          </BusyButton>
        </div>
      )}
    </div>
  );
}
