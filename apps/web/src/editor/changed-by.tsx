import type { Problem } from "@clc/domain";
import { Link } from "react-router";
import { Timestamp } from "../components/timestamp.tsx";

type ChangedByValue = NonNullable<Problem["current"]>["changedBy"];

/**
 * Who put there what AWS holds now, as a 412 says it (issue 19): an operator of this console and
 * when (with the audit record), or a change made outside the console. Nothing when the console keeps
 * no trail (the BFF then does not say).
 */
export function ChangedBy({ changedBy, poolId }: { changedBy: ChangedByValue; poolId: string }) {
  if (changedBy === undefined) return null;
  if (changedBy === null) {
    return (
      <span data-testid="changed-by">
        The change was made outside the console (the AWS console, the CLI or another tool): the console's
        history has no change that left this configuration.
      </span>
    );
  }
  return (
    <span data-testid="changed-by">
      Changed by <strong>{changedBy.operator ?? "an unknown operator"}</strong> at{" "}
      <Timestamp iso={changedBy.at} /> (
      <Link to={`/audit?pool=${encodeURIComponent(poolId)}`}>record #{changedBy.recordId}</Link>).
    </span>
  );
}
