/** Past creation runs (`/destinations/runs`), newest first, each linking to its own page. */
import { DESTINATION_KIND_LABELS } from "@clc/domain";
import { Link } from "react-router";
import { useCreationRuns } from "../../api/destination-creation/queries.ts";
import { PageLoading } from "../../components/page-loading.tsx";
import { QueryProblem } from "../../components/problem-message.tsx";
import { Timestamp } from "../../components/timestamp.tsx";
import { useDocumentTitle } from "../../components/use-document-title.ts";
import "./create-destination.css";
import { runPath } from "./run-paths.ts";

const STATUS_LABELS = {
  running: "Running",
  succeeded: "Ready",
  failed: "Failed",
  cleaning: "Cleaning up",
  cleaned: "Cleaned up",
  "cleanup-failed": "Cleanup failed",
} as const;

export function RunsPage() {
  const runs = useCreationRuns();
  useDocumentTitle("Creation runs");
  return (
    <div className="page page-create-destination">
      <h1>Creation runs</h1>
      <p className="muted">
        Destinations the console has created or tried to create.{" "}
        <Link to="/destinations/new">Create one</Link>
      </p>
      {runs.isPending && <PageLoading what="runs" />}
      {runs.isError && <QueryProblem query={runs} title="Could not load the runs" />}
      {runs.data && runs.data.length === 0 && <p>No runs yet.</p>}
      {runs.data && runs.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Destination</th>
              <th scope="col">Kind</th>
              <th scope="col">Pool</th>
              <th scope="col">Status</th>
              <th scope="col">Started</th>
            </tr>
          </thead>
          <tbody>
            {runs.data.map((run) => (
              <tr key={run.id}>
                <td>
                  <Link to={runPath(run.id, null)}>{run.destination.name}</Link>
                </td>
                <td>{DESTINATION_KIND_LABELS[run.kind]}</td>
                <td className="mono">{run.poolId}</td>
                <td>{STATUS_LABELS[run.status]}</td>
                <td>
                  <Timestamp iso={run.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
