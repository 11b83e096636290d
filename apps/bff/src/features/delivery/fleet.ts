/**
 * Delivery across the fleet (issue 15): a background sweep checks each pool the fleet has read
 * (PoolDeliveryService of its account, brief: enough to judge the state), a few pools at a time, so
 * its reads queue behind nobody: each account's service paces its own calls per operation and
 * region (pacing.ts), and the fleet table is served from the fleet's rows without waiting for this.
 * Each pool's cell is kept `ttlMs`; a pool page's own check refreshes the cell (`record`).
 */
import {
  DEFAULT_DELIVERY_WINDOW,
  type DeliveryFilter,
  deliveryMatches,
  EVENT_SOURCES,
  type EventSource,
  type FleetDeliveryCell,
  type FleetDeliveryResponse,
  type PoolDeliveryResponse,
  type PoolListFilter,
  type PoolSummary,
  poolKey,
  summarizeFleetDelivery,
} from "@clc/domain";
import type { FastifyBaseLogger } from "fastify";
import { startBackgroundBudget } from "../../aws/deadline.ts";
import type { FleetService } from "../fleet/service.ts";
import type { PoolDeliveryService } from "./service.ts";

export interface FleetDeliveryService {
  /**
   * The cells of one page of the pool list (same filters, sort and paging as `/api/pools`), the
   * summary over the whole fleet and the sweep's progress. Starts a sweep of the pools due.
   */
  page(query: PoolListFilter): FleetDeliveryResponse;
  /** The pool list's filter on the delivery state (undefined when the query names none). */
  filterOf(query: DeliveryFilter): ((pool: PoolSummary) => boolean) | undefined;
  /** A check made elsewhere (the pool page) becomes the pool's cell, when it used the fleet's window. */
  record(accountId: string, answer: PoolDeliveryResponse): void;
  /** Resolves when the current sweep (if any) has finished; for tests and shutdown. */
  settled(): Promise<void>;
}

export interface FleetDeliveryDeps {
  fleet: Pick<FleetService, "list">;
  /** The delivery service of a pool's account (its role's clients, its pacing). */
  deliveryOf(accountId: string): Promise<PoolDeliveryService>;
  /** How long a pool's cell is kept before the next sweep checks it again. */
  ttlMs: number;
  /** The budget of one pool's check (its AWS calls and retries; waits for the pacing excluded). */
  checkBudgetMs: number;
  /** Pools checked at once (default 4): few enough that a pool page's own check never queues long. */
  concurrency?: number;
  log: FastifyBaseLogger;
  now?: () => number;
}

interface StoredCell {
  cell: FleetDeliveryCell;
  checkedAtMs: number;
}

/** Every row of the fleet, in one list (the rows are built once per change by the fleet service). */
const ALL_ROWS: PoolListFilter = { sort: "name", offset: 0, limit: Number.MAX_SAFE_INTEGER };

function cellOf(accountId: string, answer: PoolDeliveryResponse): FleetDeliveryCell {
  const source = (s: EventSource) => ({
    state: answer.sources[s].state,
    reasonId: answer.sources[s].reason.id,
    message: answer.sources[s].reason.message,
  });
  return {
    accountId,
    poolId: answer.poolId,
    sources: { userNotification: source("userNotification"), userAuthEvents: source("userAuthEvents") },
    checkedAt: answer.checkedAt,
  };
}

/** A check that failed as a whole (the account's role, the pool's read): unknown, saying why. */
function failedCell(accountId: string, poolId: string, error: unknown, at: number): FleetDeliveryCell {
  const message = `The delivery check failed: ${error instanceof Error ? error.message : String(error)}`;
  const source = { state: "unknown" as const, reasonId: "check-failed", message };
  return {
    accountId,
    poolId,
    sources: Object.fromEntries(EVENT_SOURCES.map((s) => [s, source])) as FleetDeliveryCell["sources"],
    checkedAt: new Date(at).toISOString(),
  };
}

export function createFleetDeliveryService(deps: FleetDeliveryDeps): FleetDeliveryService {
  const now = deps.now ?? Date.now;
  const concurrency = deps.concurrency ?? 4;
  const window = DEFAULT_DELIVERY_WINDOW;
  const cells = new Map<string, StoredCell>();
  let sweep: Promise<void> | null = null;
  let progress = { done: 0, due: 0 };

  const keyOf = (pool: { accountId: string; id: string }) =>
    poolKey({ accountId: pool.accountId, poolId: pool.id });

  /** Rows whose facts are read (tier, configuration) and whose cell is missing or older than the TTL. */
  function duePools(rows: readonly PoolSummary[]): PoolSummary[] {
    const at = now();
    return rows.filter((row) => {
      if (row.readState !== "ok") return false;
      const stored = cells.get(keyOf(row));
      return !stored || at - stored.checkedAtMs >= deps.ttlMs;
    });
  }

  async function check(pool: PoolSummary): Promise<void> {
    const budget = startBackgroundBudget(deps.checkBudgetMs);
    try {
      const delivery = await deps.deliveryOf(pool.accountId);
      const answer = await delivery.read(pool.id, { window, objectEvents: false, brief: true }, budget);
      cells.set(keyOf(pool), { cell: cellOf(pool.accountId, answer), checkedAtMs: now() });
    } catch (error) {
      const at = now();
      deps.log.warn({ account: pool.accountId, pool: pool.id, err: String(error) }, "delivery check failed");
      cells.set(keyOf(pool), { cell: failedCell(pool.accountId, pool.id, error, at), checkedAtMs: at });
    } finally {
      budget.end();
    }
  }

  function startSweep(rows: readonly PoolSummary[]): void {
    if (sweep) return;
    const due = duePools(rows);
    if (due.length === 0) return;
    progress = { done: 0, due: due.length };
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const pool = due[next++] as PoolSummary;
        await check(pool);
        progress = { ...progress, done: progress.done + 1 };
      }
    };
    sweep = Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker))
      .then(() => undefined)
      .finally(() => {
        sweep = null;
      });
  }

  function forgetGone(rows: readonly PoolSummary[]): void {
    if (cells.size <= rows.length) return;
    const present = new Set(rows.map(keyOf));
    for (const key of cells.keys()) if (!present.has(key)) cells.delete(key);
  }

  const filterOf: FleetDeliveryService["filterOf"] = (query) => {
    if (query.delivery === undefined) return undefined;
    return (pool) => deliveryMatches(cells.get(keyOf(pool))?.cell, query);
  };

  return {
    filterOf,
    page(query) {
      const fleetAnswer = deps.fleet.list(ALL_ROWS);
      const all = fleetAnswer.items;
      // Rows still being read will be checked once read: until then the check is not over.
      const fleetLoading = fleetAnswer.fleet.state !== "ready";
      forgetGone(all);
      startSweep(all);
      const page = deps.fleet.list(query, filterOf(query)).items;
      const items = page.flatMap((row) => {
        const stored = cells.get(keyOf(row));
        return stored ? [stored.cell] : [];
      });
      return {
        window,
        items,
        summary: summarizeFleetDelivery(
          all.map((row) => ({ key: keyOf(row), tier: row.tier })),
          (key) => cells.get(key)?.cell,
        ),
        progress: {
          state: sweep || fleetLoading || duePools(all).length > 0 ? "checking" : "ready",
          ...progress,
        },
      };
    },
    record(accountId, answer) {
      if (answer.window.text !== window) return;
      cells.set(poolKey({ accountId, poolId: answer.poolId }), {
        cell: cellOf(accountId, answer),
        checkedAtMs: Date.parse(answer.checkedAt) || now(),
      });
    },
    settled: () => sweep ?? Promise.resolve(),
  };
}
