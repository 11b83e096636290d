import type { DestinationKind } from "@clc/domain";

/** Query keys of discovered destinations (kept beside their fetchers). */
export const destinationKeys = {
  all: ["destinations"] as const,
  list: (accountId: string, region: string, kind: DestinationKind, q: string) =>
    ["destinations", accountId, region, kind, q] as const,
};
