/** Query keys of the fleet's saved views (kept beside their fetchers). */
export const viewKeys = {
  all: ["views"] as const,
  list: () => ["views", "list"] as const,
};
