/** Query keys of the logging standard (kept beside its fetchers); `all` covers every one. */
export const standardKeys = {
  all: ["standard"] as const,
  document: ["standard", "document"] as const,
  exemptions: ["standard", "exemptions"] as const,
  evaluation: (state: string | null) => ["standard", "evaluation", state ?? "all"] as const,
};
