/**
 * What the trail's own store cannot filter on: a pool given by the start of its id or its name, and
 * leaving out sign-ins. The store filters on exact columns; these filters run over its pages here.
 */
import { type AuditFilter, type AuditRecord, SESSION_ACTIONS } from "@clc/domain";
import type { AuditStore } from "../../store/types.ts";

/** The pools the console knows now, by id (the fleet's rows): names are not in the trail. */
export type PoolNames = () => ReadonlyMap<string, string>;

/** Records read per request at most while looking for matches; the rest is one "older" page away. */
const SCAN_LIMIT = 5_000;
const SCAN_PAGE = 500;
/** A region and the underscore: how every user pool id starts (`eu-west-1_AbC123xyz`). */
const POOL_ID_START = /^[a-z]{2}(-[a-z]+)+-\d_/;

/**
 * Whether a record passes the filters the store does not apply. `pool` matches a record whose pool
 * id equals it or starts with it, or whose pool's name (from `poolNames`) starts with it, ignoring case.
 */
export function recordMatcher(
  filter: Pick<AuditFilter, "pool" | "signIns">,
  poolNames: PoolNames,
): (record: AuditRecord) => boolean {
  const text = filter.pool?.trim().toLowerCase();
  const hideSessions = filter.signIns === "exclude";
  // Text that starts like a pool id (`us-east-1_…`) is one: the fleet's names are not consulted,
  // since listing them may start a fleet read.
  const names = text && !POOL_ID_START.test(text) ? poolNames() : new Map<string, string>();
  return (record) => {
    if (hideSessions && SESSION_ACTIONS.includes(record.action)) return false;
    if (!text) return true;
    const id = record.poolId?.toLowerCase();
    if (!id) return false;
    if (id.startsWith(text)) return true;
    const name = names.get(record.poolId ?? "");
    return name?.toLowerCase().startsWith(text) === true;
  };
}

/** The part of the filter the store applies itself (exact columns and times). */
export function storeFilterOf(query: AuditFilter): AuditFilter {
  const filter: AuditFilter = { ...query };
  delete filter.pool;
  delete filter.signIns;
  return filter;
}

/**
 * One page of records, newest first, matching the whole filter. Reads the store's pages until
 * `limit` records match or SCAN_LIMIT records were read; `nextCursor` continues after the last
 * record returned or read, so a sparse match costs a few pages, never the whole trail at once.
 */
export async function listMatching(
  store: AuditStore,
  query: AuditFilter,
  names: PoolNames,
  page: { cursor?: string; limit: number },
): Promise<{ items: AuditRecord[]; nextCursor: string | null }> {
  const filter = storeFilterOf(query);
  if (query.pool === undefined && query.signIns !== "exclude") {
    return store.list(filter, {
      ...(page.cursor !== undefined ? { cursor: page.cursor } : {}),
      limit: page.limit,
    });
  }
  const matches = recordMatcher(query, names);
  const items: AuditRecord[] = [];
  let cursor = page.cursor;
  let scanned = 0;
  while (scanned < SCAN_LIMIT) {
    const batch = await store.list(filter, {
      ...(cursor !== undefined ? { cursor } : {}),
      limit: Math.min(SCAN_PAGE, SCAN_LIMIT - scanned),
    });
    for (const record of batch.items) {
      scanned++;
      cursor = record.id;
      if (!matches(record)) continue;
      items.push(record);
      if (items.length === page.limit) return { items, nextCursor: record.id };
    }
    if (batch.nextCursor === null) return { items, nextCursor: null };
  }
  return { items, nextCursor: cursor ?? null };
}

/** Every record matching the whole filter, newest first (the export). */
export async function* iterateMatching(
  store: AuditStore,
  query: AuditFilter,
  names: PoolNames,
): AsyncGenerator<AuditRecord> {
  const matches = recordMatcher(query, names);
  for await (const record of store.iterate(storeFilterOf(query))) {
    if (matches(record)) yield record;
  }
}
