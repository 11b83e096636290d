/** Query keys of batches (they nest under `batches`). */
export const batchKeys = {
  all: ["batches"] as const,
  list: ["batches", "list"] as const,
  one: (id: string) => ["batches", "one", id] as const,
};
