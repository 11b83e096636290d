import { ApiProblem, isApiProblem } from "../api/http.ts";

/** Renders an API failure with what went wrong and what to do next. */
export function ProblemMessage({
  error,
  title,
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  const problem = isApiProblem(error)
    ? error.problem
    : new ApiProblem({
        type: "about:blank",
        title: "Something went wrong in the console",
        status: 0,
        detail: error instanceof Error ? error.message : String(error),
        hint: "Reload the page; if it keeps happening, report it with the steps that led here.",
      }).problem;
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{title ?? problem.title}</p>
      {title && problem.title !== title && <p>{problem.title}</p>}
      {problem.detail && <p>{problem.detail}</p>}
      {problem.errors && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((fieldError) => (
            <li key={`${fieldError.path}:${fieldError.message}`}>{fieldError.message}</li>
          ))}
        </ul>
      )}
      {problem.hint && <p>{problem.hint}</p>}
      {problem.requestId && (
        <p className="muted small">
          Request id <span className="mono">{problem.requestId}</span>
        </p>
      )}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** A failed read, with "Try again" reading it again. */
export function QueryProblem({
  query,
  title,
}: {
  query: { error: unknown; refetch: () => Promise<unknown> };
  title: string;
}) {
  return <ProblemMessage error={query.error} title={title} onRetry={() => void query.refetch()} />;
}
