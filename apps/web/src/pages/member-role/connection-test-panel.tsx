/** The connection test of the console's own account (admins): who it is, and each read permission's state. */
import type { ConnectionCheck } from "@clc/domain";
import { useConnectionTest } from "../../api/member-role/mutations.ts";
import { CopyButton } from "../../components/aws-links.tsx";
import { BusyButton } from "../../components/busy-button.tsx";
import { ProblemMessage } from "../../components/problem-message.tsx";

const OUTCOME_LABELS: Record<ConnectionCheck["outcome"], string> = {
  allowed: "Allowed",
  missing: "Missing",
  error: "Error",
};

export function ConnectionTestPanel() {
  const test = useConnectionTest();
  const result = test.data;
  return (
    <section className="panel" aria-labelledby="connection-heading">
      <h2 id="connection-heading">3. Test the connection</h2>
      <p className="muted">
        Checks the console's own account: who it is there, and one cheap read per permission of the read
        variant.
      </p>
      <div className="button-row">
        <BusyButton busy={test.isPending} busyLabel="Testing…" onClick={() => test.mutate(undefined)}>
          Test the connection
        </BusyButton>
      </div>
      {test.isError && <ProblemMessage error={test.error} title="Could not run the connection test" />}
      {result && (
        <>
          <p role="status" className={result.ok ? "alert alert-ok" : "alert alert-warn"}>
            {result.ok
              ? `Every checked permission is granted in ${result.region}.`
              : `Some permissions are missing or could not be checked in ${result.region}.`}{" "}
            {result.identity ? (
              <>
                Signed in as{" "}
                <span className="mono arn-text">{result.identity.arn ?? result.identity.account}</span>.
                {result.identity.arn && (
                  <>
                    {" "}
                    <CopyButton text={result.identity.arn} what="the ARN the console is signed in as" />
                  </>
                )}
              </>
            ) : (
              "STS did not say who the console is."
            )}
          </p>
          <table className="data-table stacked-table member-role-table" aria-label="Permissions checked">
            <thead>
              <tr>
                <th scope="col">Permission</th>
                <th scope="col">State</th>
                <th scope="col">What AWS said</th>
              </tr>
            </thead>
            <tbody>
              {result.checks.map((check) => (
                <tr key={check.action}>
                  <td className="mono" data-label="Permission">
                    {check.action}
                  </td>
                  <td className={`outcome-${check.outcome}`} data-label="State">
                    {OUTCOME_LABELS[check.outcome]}
                  </td>
                  <td data-label="What AWS said">{check.message}</td>
                </tr>
              ))}
              {result.unchecked.map((entry) => (
                <tr key={entry.action}>
                  <td className="mono" data-label="Permission">
                    {entry.action}
                  </td>
                  <td className="muted" data-label="State">
                    Not checked
                  </td>
                  <td data-label="What AWS said">{entry.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
