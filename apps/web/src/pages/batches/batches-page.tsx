/** The batches (`/batches`), newest first, each linking to its review and progress page. */
import { Link } from "react-router";
import { useBatches } from "../../api/batches/queries.ts";
import { PageLoading } from "../../components/page-loading.tsx";
import { QueryProblem } from "../../components/problem-message.tsx";
import { Timestamp } from "../../components/timestamp.tsx";
import { useDocumentTitle } from "../../components/use-document-title.ts";
import { STATUS_LABELS } from "./batch-labels.ts";
import "./batches.css";

export function BatchesPage() {
  const batches = useBatches();
  useDocumentTitle("Batches");
  return (
    <div className="page page-batches">
      <h1>Batches</h1>
      <p className="muted">
        One change applied to many pools with one review. Start one from the <Link to="/">fleet</Link>: filter
        the pools, then “Apply a change to these pools”.
      </p>
      {batches.isPending && <PageLoading what="batches" />}
      {batches.isError && <QueryProblem query={batches} title="Could not load the batches" />}
      {batches.data && batches.data.length === 0 && <p>No batches yet.</p>}
      {batches.data && batches.data.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Batch</th>
                <th scope="col">Status</th>
                <th scope="col">Pools</th>
                <th scope="col">Done</th>
                <th scope="col">Made</th>
              </tr>
            </thead>
            <tbody>
              {batches.data.map((batch) => (
                <tr key={batch.id}>
                  <td>
                    <Link to={`/batches/${batch.id}`} className="batch-title-link">
                      {batch.title}
                    </Link>
                  </td>
                  <td>{STATUS_LABELS[batch.status]}</td>
                  <td>{batch.total}</td>
                  <td>
                    {batch.states.done} of {batch.outcomes.ready + batch.outcomes.warning}
                    {batch.states.failed + batch.states.changed > 0 &&
                      `, ${batch.states.failed + batch.states.changed} not applied`}
                  </td>
                  <td>
                    <Timestamp iso={batch.createdAt} />
                    {batch.createdBy && ` by ${batch.createdBy}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
