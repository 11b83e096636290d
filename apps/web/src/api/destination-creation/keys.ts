/** Query keys of destination creation (kept beside its fetchers; they nest under `destination-creation`). */
export const creationKeys = {
  all: ["destination-creation"] as const,
  run: (runId: string) => ["destination-creation", "run", runId] as const,
  runs: ["destination-creation", "runs"] as const,
  bucket: (poolId: string, name: string) => ["destination-creation", "bucket", poolId, name] as const,
};
