import type { Destination, DestinationKind, EventSource } from "@clc/domain";

/** URLs of the edit flow. The chosen destination lives in the URL so a reload or a link restores it. */
export function editPath(poolId: string, eventSource: EventSource, selection?: Partial<Destination>): string {
  const params = new URLSearchParams();
  if (selection?.kind) params.set("kind", selection.kind);
  if (selection?.arn) params.set("arn", selection.arn);
  const qs = params.toString();
  return `/pools/${encodeURIComponent(poolId)}/edit/${eventSource}${qs ? `?${qs}` : ""}`;
}

export function reviewPath(poolId: string, eventSource: EventSource, destination: Destination): string {
  const params = new URLSearchParams({ kind: destination.kind, arn: destination.arn });
  return `/pools/${encodeURIComponent(poolId)}/edit/${eventSource}/review?${params.toString()}`;
}

export function poolPath(poolId: string): string {
  return `/pools/${encodeURIComponent(poolId)}`;
}

/** The creation wizard (another feature) returns to `returnTo` with `?selected=<arn>`. */
export function createDestinationPath(
  poolId: string,
  eventSource: EventSource,
  kind: DestinationKind,
  returnTo: string,
): string {
  const params = new URLSearchParams({ kind, poolId, eventSource, returnTo });
  return `/destinations/new?${params.toString()}`;
}
