import type { AccountSummary, ConnectionTestResult } from "@clc/domain";
import { useState } from "react";
import { Link } from "react-router";
import { useAccounts, useConnectionTest } from "../../api/accounts/queries.ts";
import { useCanWrite } from "../../auth/use-can-write.ts";
import { ArnLine, CopyButton } from "../../components/aws-links.tsx";
import { BusyButton } from "../../components/busy-button.tsx";
import { PageLoading } from "../../components/page-loading.tsx";
import { ProblemMessage, QueryProblem } from "../../components/problem-message.tsx";
import { useDocumentTitle } from "../../components/use-document-title.ts";
import "./accounts.css";

const SOURCE_TEXT = {
  organization: "Discovered through AWS Organizations",
  list: "Listed in CLC_ACCOUNT_ROLES",
  own: "The console's own account",
} as const;

/** The table's columns and their shares of its width: room for a role ARN, an error, the test's checks. */
const COLUMNS = [
  ["Account", "15%"],
  ["OU", "9%"],
  ["Role", "24%"],
  ["Status", "18%"],
  ["Regions", "10%"],
  ["Connection", "24%"],
] as const;

/** Every account the console reads: OU, role, status, enabled regions, and a connection test each. */
export function AccountsPage() {
  useDocumentTitle("Accounts");
  const accounts = useAccounts();
  if (accounts.isPending) return <PageLoading what="accounts" />;
  if (accounts.isError) {
    return (
      <div className="page">
        <h1>Accounts</h1>
        <QueryProblem query={accounts} title="Could not list the accounts" />
      </div>
    );
  }
  const { source, error, ouPathsError, accounts: rows } = accounts.data;
  return (
    <div className="page page-accounts">
      <div className="page-header">
        <h1>Accounts</h1>
        <span className="muted">
          {rows.length} {rows.length === 1 ? "account" : "accounts"} · {SOURCE_TEXT[source]}
        </span>
      </div>
      {error && (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">Could not list the organization's accounts</p>
          <p>
            {error.message} {error.whatToDo}
          </p>
        </div>
      )}
      {ouPathsError && (
        <div className="alert alert-warn" role="alert" aria-label="OU paths not read">
          <strong>OU paths may be out of date:</strong> {ouPathsError.message} {ouPathsError.whatToDo}
        </div>
      )}
      {/* A table on a wide window (every value wraps, nothing is cut off at 1024 px); one card per
          account on a narrow one (.stacked-table), so the page never scrolls sideways. */}
      <table className="data-table stacked-table accounts-table" aria-label="Accounts">
        <thead>
          <tr>
            {COLUMNS.map(([label, width]) => (
              <th key={label} scope="col" style={{ width }}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((account) => (
            <AccountRow key={account.accountId} account={account} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AccountRow({ account }: { account: AccountSummary }) {
  const test = useConnectionTest();
  // The probes spend the account's quotas: admins run them (the BFF answers viewers 403).
  const canWrite = useCanWrite();
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  return (
    <tr data-account={account.accountId}>
      <td className="accounts-name-cell">
        <Link to={`/?account=${encodeURIComponent(account.accountId)}`}>{account.name}</Link>
        <div className="mono small muted">{account.accountId}</div>
      </td>
      <td data-label="OU">
        {account.ouPath === null ? "" : account.ouPath === "" ? "Root" : account.ouPath}
      </td>
      <td data-label="Role">
        {account.roleArn ? (
          <ArnLine arn={account.roleArn} what={`the role in ${account.name}`} />
        ) : (
          "The console's own credentials"
        )}
      </td>
      <td data-label="Status">
        {account.status === "ok" ? "OK" : account.status === "pending" ? "Not read yet" : "Not read"}
        {account.error && (
          <p className="small">
            {account.error.code}: {account.error.message} <em>{account.error.whatToDo}</em>
          </p>
        )}
      </td>
      <td className="small" data-label="Regions">
        {account.regions.map((r) => (
          <div key={r.region}>
            {r.region}: {r.status === "not-enabled" ? "not enabled" : r.status}
          </div>
        ))}
      </td>
      <td className="connection-cell" data-label="Connection">
        {canWrite && (
          <BusyButton
            busy={test.isPending}
            busyLabel="Testing…"
            className="button"
            onClick={() => test.mutate(account.accountId, { onSuccess: setResult })}
          >
            Test connection
          </BusyButton>
        )}
        {test.isError && <ProblemMessage error={test.error} title="The test could not run" />}
        {result && (
          <ul className="connection-checks small" aria-label={`Connection test of ${account.name}`}>
            <li>
              {result.ok ? "✓ Connected" : "✗ Not everything works"} in {result.region}
              {result.identity ? ` as ${result.identity.arn ?? result.identity.account}` : ""}
              {result.identity?.arn && (
                <>
                  {" "}
                  <CopyButton text={result.identity.arn} what={`the ARN the console is in ${account.name}`} />
                </>
              )}
            </li>
            {result.checks.map((check) => (
              <li key={check.action} className={check.outcome === "allowed" ? "check-ok" : "check-failed"}>
                {check.outcome === "allowed" ? "✓" : check.outcome === "missing" ? "✗ missing" : "✗ error"}{" "}
                {check.action}: {check.message}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}
