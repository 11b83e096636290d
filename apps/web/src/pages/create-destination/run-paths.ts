/** URLs of creation runs: each run has its own, so reload, Back and Forward keep it in view. */
export function runPath(runId: string, returnTo: string | null): string {
  const path = `/destinations/runs/${encodeURIComponent(runId)}`;
  return returnTo ? `${path}?${new URLSearchParams({ returnTo }).toString()}` : path;
}

/** The creation form refilled from a run, to run it again (the new plan is shown first). */
export function runAgainPath(
  run: { id: string; kind: string; poolId: string; eventSource: string },
  returnTo: string | null,
): string {
  const params = new URLSearchParams({
    kind: run.kind,
    poolId: run.poolId,
    eventSource: run.eventSource,
    runId: run.id,
  });
  if (returnTo) params.set("returnTo", returnTo);
  return `/destinations/new?${params.toString()}`;
}
