import type { DestinationKind } from "@clc/domain";

/** Query keys of discovered destinations (kept beside their fetchers). */
export const destinationKeys = {
  all: ["destinations"] as const,
  list: (region: string, kind: DestinationKind, q: string) => ["destinations", region, kind, q] as const,
};
