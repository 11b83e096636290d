import type { PoolListResponse, PoolSummary } from "@clc/domain";
// Not the package root: it loads every zod schema, which the first screen does not need.
import { THREAT_PROTECTION_LABELS, TIER_LABELS } from "@clc/domain/labels";
import { useQueries } from "@tanstack/react-query";
import { type ColumnDef, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef, useState } from "react";
import { useFleetDeliveryCells } from "../api/delivery/fleet-queries.ts";
import { FLEET_PAGE_SIZE, poolPageQuery } from "../api/pools/queries.ts";
import { browserStorage, rememberInBrowser } from "../components/browser-storage.ts";
import { useInAppLinks } from "../components/in-app-links.ts";
import { overflowTitles } from "../components/overflow-title.ts";
import { FindingsCount } from "../components/severity.tsx";
import { poolPath } from "../editor/paths.ts";
import { HelpLink } from "../help/help-link.tsx";
import type { HelpTopic } from "../help/help-topics.ts";
import { RowRefreshing } from "./fleet-age.tsx";
import { FLEET_COLUMN_WIDTHS, type FleetColumnId, type FleetShape } from "./fleet-columns.ts";
import { ColumnsMenu, useFleetColumns } from "./fleet-columns-menu.tsx";
import { type FleetFilters, nextSort, type PoolSort, sortDirection } from "./fleet-filters.ts";
import { type DeliveryCells, LoggingCell } from "./logging-cell.tsx";

/** A table row's height (styles.css, `.fleet-table tbody tr`): the estimate before a row is measured. */
const ROW_HEIGHT = 34;

/** Where this browser keeps the scroll box's last measured height, in CSS pixels. */
const BOX_HEIGHT_KEY = "clc.fleetTableHeight";

/**
 * The scroll box's size before it is measured (useVirtualizer's initialRect below): the window's
 * width, and the height the box had last time in this browser, or the window's height. The window
 * is an upper bound (the box fills what the page's header and filters leave of it), but the rows
 * it adds to the first render below the box's edge are rendered, then removed once the box is
 * measured; a returning operator's box is usually the size it was.
 */
function initialBoxRect() {
  if (typeof window === "undefined") return { width: 0, height: 0 };
  const remembered = Number(browserStorage()?.getItem(BOX_HEIGHT_KEY));
  const height =
    Number.isFinite(remembered) && remembered > 0 && remembered <= window.innerHeight
      ? remembered
      : window.innerHeight;
  return { width: window.innerWidth, height };
}

type SortKey = Parameters<typeof nextSort>[1];

/** One table row: its position in the filtered fleet and the pool once its page has arrived. */
interface FleetRow {
  index: number;
  pool: PoolSummary | undefined;
}

function pendingCell(pool: PoolSummary | undefined) {
  if (!pool || pool.readState === "pending") return <span className="muted">Reading…</span>;
  if (pool.readState === "unknown") return <span className="muted">Unknown</span>;
  return null;
}

/** A sortable column showing a member of the pool by its label, once the pool has been read. */
function labelledColumn<K extends "tier" | "threatProtection">(
  key: K,
  header: string,
  labels: Readonly<Record<NonNullable<PoolSummary[K]>, string>>,
): ColumnDef<FleetRow> {
  return {
    id: key,
    header,
    meta: { sortKey: key },
    cell: ({ row }) => {
      const pool = row.original.pool;
      const value = pool?.[key];
      return value ? labels[value] : pendingCell(pool);
    },
  };
}

const columns: ColumnDef<FleetRow>[] = [
  {
    id: "name",
    header: "Name",
    meta: { sortKey: "name" },
    cell: ({ row }) => {
      const pool = row.original.pool;
      if (!pool) return <span className="skeleton" aria-hidden="true" />;
      return (
        // A plain link: the table follows it in place (useInAppLinks below).
        <a href={poolPath(pool.accountId, pool.id)} className="pool-link">
          {pool.name}
        </a>
      );
    },
  },
  {
    id: "id",
    header: "Pool id",
    meta: { sortKey: "id" },
    cell: ({ row }) => <span className="mono">{row.original.pool?.id}</span>,
  },
  {
    id: "account",
    header: "Account",
    meta: { sortKey: "account" },
    cell: ({ row }) => {
      const pool = row.original.pool;
      if (!pool) return null;
      return (
        <span className="account-cell">
          {pool.accountName !== pool.accountId && <span>{pool.accountName}</span>}
          <span className="mono small muted">{pool.accountId}</span>
        </span>
      );
    },
  },
  {
    id: "ou",
    header: "OU",
    meta: { sortKey: "ou" },
    cell: ({ row }) => {
      const ou = row.original.pool?.ouPath;
      return ou === null || ou === undefined ? null : ou === "" ? <span className="muted">Root</span> : ou;
    },
  },
  {
    id: "region",
    header: "Region",
    meta: { sortKey: "region" },
    cell: ({ row }) => row.original.pool?.region,
  },
  labelledColumn("tier", "Tier", TIER_LABELS),
  labelledColumn("threatProtection", "Threat protection", THREAT_PROTECTION_LABELS),
  {
    // Both event sources, their destinations' kinds and delivery states (logging-cell.tsx).
    id: "logging",
    header: "Logging",
    meta: { helpTopic: "event-sources" },
    cell: ({ row, table }) => {
      const pool = row.original.pool;
      if (pool?.readState !== "ok") return pendingCell(pool);
      const cells = (table.options.meta as { deliveryCells?: DeliveryCells } | undefined)?.deliveryCells;
      return <LoggingCell pool={pool} cells={cells ?? new Map()} />;
    },
  },
  {
    id: "findings",
    header: "Findings",
    meta: { sortKey: "findings" },
    cell: ({ row }) => {
      const pool = row.original.pool;
      if (!pool) return null;
      if (pool.readState === "pending") return <span className="muted">Reading…</span>;
      if (pool.readState === "unknown") {
        return (
          <span className="read-unknown" title={pool.readError}>
            Unknown, retrying
            {pool.readError && <span className="read-error">{pool.readError}</span>}
          </span>
        );
      }
      return (
        <>
          <FindingsCount count={pool.findings.count} worst={pool.findings.worst} />
          <RowRefreshing pool={pool} />
        </>
      );
    },
  },
];

/** Each column's header, for the Columns menu. */
const COLUMN_LABELS = Object.fromEntries(
  columns.map((column) => [column.id, typeof column.header === "string" ? column.header : column.id]),
) as Record<FleetColumnId, string>;

interface ColumnMeta {
  sortKey?: SortKey;
  /** The help section that explains the column's term (help/help-topics.ts). */
  helpTopic?: HelpTopic;
}

function metaOf(meta: unknown): ColumnMeta {
  return (meta ?? {}) as ColumnMeta;
}

/** A column's header as text: the label a card shows before each value on a narrow window. */
function headerText(column: { columnDef: ColumnDef<FleetRow> }): string | undefined {
  const header = column.columnDef.header;
  return typeof header === "string" ? header : undefined;
}

/**
 * The fleet as one virtualized table. The server pages (sorted and filtered there); the table asks
 * for exactly the pages whose rows are on screen, so jumping to row 9,000 costs one request, not 45.
 */
export function FleetTable({
  filters,
  firstPage,
  onSort,
}: {
  filters: FleetFilters;
  firstPage: PoolListResponse;
  onSort: (sort: PoolSort) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = firstPage.total;

  // Once per table: the options below are built on every render, the guess is needed only first.
  const [initialRect] = useState(initialBoxRect);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // Rows beyond the scroll box's edge, each way: every one of them is rendered before the first rows
    // appear, so no more than wheel scrolling needs between two frames.
    overscan: 5,
    // The box is not measured before the first commit; without a guess the first render has no rows
    // and the rows wait for a second, synchronous render after layout. The measured size replaces
    // the guess in the same task.
    initialRect,
  });

  // The measured height, for the next visit's first render (initialBoxRect).
  const boxHeight = virtualizer.scrollRect?.height;
  useEffect(() => {
    if (boxHeight) rememberInBrowser(BOX_HEIGHT_KEY, String(Math.round(boxHeight)));
  }, [boxHeight]);

  const virtualItems = virtualizer.getVirtualItems();
  const firstIndex = virtualItems[0]?.index ?? 0;
  const lastIndex = virtualItems[virtualItems.length - 1]?.index ?? 0;

  const pageOffsets = useMemo(() => {
    const offsets: number[] = [];
    for (
      let offset = Math.floor(firstIndex / FLEET_PAGE_SIZE) * FLEET_PAGE_SIZE;
      offset <= lastIndex;
      offset += FLEET_PAGE_SIZE
    ) {
      if (offset !== 0) offsets.push(offset);
    }
    return offsets;
  }, [firstIndex, lastIndex]);

  const pageResults = useQueries({
    queries: pageOffsets.map((offset) => poolPageQuery(filters, offset, FLEET_PAGE_SIZE)),
  });

  // The delivery column's cells, asked apart from the rows so the rows never wait for them.
  const deliveryCells = useFleetDeliveryCells(filters, [0, ...pageOffsets], FLEET_PAGE_SIZE);

  const pagesByOffset = new Map<number, PoolListResponse>([[0, firstPage]]);
  pageOffsets.forEach((offset, position) => {
    const data = pageResults[position]?.data;
    if (data) pagesByOffset.set(offset, data);
  });

  const rows: FleetRow[] = virtualItems.map((item) => {
    const offset = Math.floor(item.index / FLEET_PAGE_SIZE) * FLEET_PAGE_SIZE;
    return { index: item.index, pool: pagesByOffset.get(offset)?.items[item.index - offset] };
  });

  const fleetAccounts = firstPage.fleet.accounts ?? [];
  const seen: FleetShape = {
    // The rows speak too: before the status names the accounts (a read just started, a restart),
    // the pools shown already say whether they span accounts and OUs.
    accounts: Math.max(fleetAccounts.length, new Set(firstPage.items.map((p) => p.accountId)).size),
    ouPaths: fleetAccounts.some((a) => a.ouPath !== null) || firstPage.items.some((p) => p.ouPath !== null),
  };
  // A fleet read starts with no account rows, which come back as it goes: the shape known before
  // holds meanwhile, or the Account and OU columns went and came back with every Refresh.
  const lastShape = useRef<FleetShape | null>(null);
  const shape =
    firstPage.fleet.state === "loading" && lastShape.current
      ? {
          accounts: Math.max(seen.accounts, lastShape.current.accounts),
          ouPaths: seen.ouPaths || lastShape.current.ouPaths,
        }
      : seen;
  lastShape.current = shape;
  const fleetColumns = useFleetColumns(scrollRef, shape);
  const inAppLinks = useInAppLinks();

  const table = useReactTable({
    data: rows,
    columns,
    state: { columnVisibility: fleetColumns.visibility },
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    // The server sorts and pages. Left on, TanStack Table "resets the page index" (a React state update
    // from a microtask) every time the row array changes, which is every render here: during a router
    // transition that update interrupts the transition again and again, so a changed filter in the URL
    // never renders. Nothing here has client-side pages or expansion to reset.
    manualPagination: true,
    autoResetAll: false,
    getRowId: (row) => String(row.index),
    meta: { deliveryCells },
  });

  // A new filter or sort is a new list: start it from the top.
  const filterKey = JSON.stringify(filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: filterKey is the trigger
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [filterKey]);

  const paddingTop = virtualItems[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (virtualItems[virtualItems.length - 1]?.end ?? 0);

  const visibleColumns = table.getVisibleLeafColumns();
  // Every column but the name at its width; the name takes the rest, and never less than its own:
  // columns shown beyond the window's width scroll inside the table, not the page.
  // Not in the card layout, where every value wraps within the window.
  const minWidth = fleetColumns.cards
    ? undefined
    : visibleColumns.reduce((sum, column) => sum + FLEET_COLUMN_WIDTHS[column.id as FleetColumnId], 0);

  return (
    <>
      <div className="fleet-table-tools">
        <ColumnsMenu labels={COLUMN_LABELS} {...fleetColumns} />
      </div>
      <div ref={scrollRef} className="table-scroll" {...overflowTitles} {...inAppLinks}>
        <table
          className="data-table fleet-table"
          aria-label="User pools"
          aria-rowcount={total + 1}
          style={{ minWidth }}
        >
          <colgroup>
            {visibleColumns.map((column) => (
              <col
                key={column.id}
                style={{
                  width: column.id === "name" ? undefined : FLEET_COLUMN_WIDTHS[column.id as FleetColumnId],
                }}
              />
            ))}
          </colgroup>
          <thead>
            {table.getHeaderGroups().map((headerGroup) => (
              <tr key={headerGroup.id} aria-rowindex={1}>
                {headerGroup.headers.map((header) => {
                  const { sortKey, helpTopic } = metaOf(header.column.columnDef.meta);
                  const label = flexRender(header.column.columnDef.header, header.getContext());
                  if (!sortKey) {
                    return (
                      <th key={header.id} scope="col">
                        {helpTopic ? <HelpLink topic={helpTopic}>{label}</HelpLink> : label}
                      </th>
                    );
                  }
                  const direction = sortDirection(filters.sort, sortKey);
                  return (
                    <th key={header.id} scope="col" aria-sort={direction} className="sortable">
                      <button
                        type="button"
                        className="sort-button"
                        onClick={() => onSort(nextSort(filters.sort, sortKey))}
                      >
                        <span className="sort-label">{label}</span>
                        <span className="sort-arrow" aria-hidden="true">
                          {direction === "ascending" ? "▲" : direction === "descending" ? "▼" : "↕"}
                        </span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {paddingTop > 0 && (
              <tr className="spacer">
                <td colSpan={visibleColumns.length} style={{ height: paddingTop }} />
              </tr>
            )}
            {table.getRowModel().rows.map((row) => (
              <tr
                key={row.id}
                // Measured: a narrow window shows each pool as a card, taller than a table row.
                ref={virtualizer.measureElement}
                data-index={row.original.index}
                aria-rowindex={row.original.index + 2}
                className={row.original.pool?.readState === "unknown" ? "row-unknown" : undefined}
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={`cell-${cell.column.id}`} data-label={headerText(cell.column)}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
            {paddingBottom > 0 && (
              <tr className="spacer">
                <td colSpan={visibleColumns.length} style={{ height: paddingBottom }} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
