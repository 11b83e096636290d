import { Link } from "react-router";
import { ProblemMessage } from "./problem-message.tsx";

/** The pages that work on one pool, when the pool could not be read: why, a retry, and the way back. */
export function PoolLoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div className="page">
      <ProblemMessage error={error} title="Could not load this pool" onRetry={onRetry} />
      <Link to="/">Back to the fleet</Link>
    </div>
  );
}
