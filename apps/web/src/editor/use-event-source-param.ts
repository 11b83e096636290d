import { EVENT_SOURCES, type EventSource } from "@clc/domain";
import { useParams } from "react-router";

/** The pool id and event source from the URL; the source is null when the URL names no known one. */
export function useEditParams(): { poolId: string; eventSource: EventSource | null } {
  const { poolId = "", eventSource } = useParams();
  const known = EVENT_SOURCES.find((source) => source === eventSource) ?? null;
  return { poolId, eventSource: known };
}
