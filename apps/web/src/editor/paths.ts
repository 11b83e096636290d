import type { Destination, DestinationKind, EventSource } from "@clc/domain";

/** URLs of the edit flow. The chosen destination lives in the URL so a reload or a link restores it. */
/** A pool's pages live under its account (`/accounts/:accountId/pools/:poolId`). */
function poolBase(accountId: string, poolId: string): string {
  return `/accounts/${encodeURIComponent(accountId)}/pools/${encodeURIComponent(poolId)}`;
}

export function editPath(
  accountId: string,
  poolId: string,
  eventSource: EventSource,
  selection?: Partial<Destination>,
): string {
  const params = new URLSearchParams();
  if (selection?.kind) params.set("kind", selection.kind);
  if (selection?.arn) params.set("arn", selection.arn);
  const qs = params.toString();
  return `${poolBase(accountId, poolId)}/edit/${eventSource}${qs ? `?${qs}` : ""}`;
}

export function reviewPath(
  accountId: string,
  poolId: string,
  eventSource: EventSource,
  destination: Destination,
): string {
  const params = new URLSearchParams({ kind: destination.kind, arn: destination.arn });
  return `${poolBase(accountId, poolId)}/edit/${eventSource}/review?${params.toString()}`;
}

export function poolPath(accountId: string, poolId: string): string {
  return poolBase(accountId, poolId);
}

/** The creation wizard (another feature) returns to `returnTo` with `?selected=<arn>`. */
export function createDestinationPath(
  accountId: string,
  poolId: string,
  eventSource: EventSource,
  kind: DestinationKind,
  returnTo: string,
): string {
  const params = new URLSearchParams({ kind, poolId, eventSource, returnTo, account: accountId });
  return `/destinations/new?${params.toString()}`;
}
