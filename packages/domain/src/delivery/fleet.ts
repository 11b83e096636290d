/**
 * Delivery across the fleet (issue 15): one state per pool and event source, read in the background
 * after the fleet's rows (so the table never waits for it), a summary whose counts are links to the
 * fleet filtered on them, and the filter itself. The BFF validates with these schemas and judges
 * with these functions; the web derives its types and builds the links from the same counts.
 */
import { z } from "zod";
import { PoolListQuerySchema } from "../api.ts";
import { EVENT_SOURCES, type EventSource, type PoolTier } from "../model.ts";
import { DELIVERY_STATES, type DeliveryState, DeliveryStateSchema } from "./state.ts";

/** One event source of one pool, as the fleet shows it: its state and why, in the user's terms. */
export const FleetDeliverySourceSchema = z.object({
  state: DeliveryStateSchema,
  /** The verdict's stable id (`tier-not-plus`, `traffic-without-logs`…). */
  reasonId: z.string(),
  message: z.string(),
});
export type FleetDeliverySource = z.infer<typeof FleetDeliverySourceSchema>;

export const FleetDeliveryCellSchema = z.object({
  accountId: z.string(),
  poolId: z.string(),
  sources: z.object({
    userNotification: FleetDeliverySourceSchema,
    userAuthEvents: FleetDeliverySourceSchema,
  }),
  checkedAt: z.string(),
});
export type FleetDeliveryCell = z.infer<typeof FleetDeliveryCellSchema>;

const countsByState = z.object(
  Object.fromEntries(DELIVERY_STATES.map((s) => [s, z.number().int().nonnegative()])) as Record<
    DeliveryState,
    z.ZodNumber
  >,
);
export type DeliveryStateCounts = Record<DeliveryState, number>;

export const FleetDeliverySummarySchema = z.object({
  /** Pools read by the fleet (their tier and configuration known). */
  pools: z.number().int().nonnegative(),
  /** Of those, pools whose delivery has been checked in the window. */
  checked: z.number().int().nonnegative(),
  /** Pools with at least one event source in each state. */
  any: countsByState,
  /** Pools per state of one event source. */
  bySource: z.object({ userNotification: countsByState, userAuthEvents: countsByState }),
  /** Plus pools (threat protection on) whose user activity goes nowhere: the gap the summary names first. */
  plusWithoutActivity: z.number().int().nonnegative(),
});
export type FleetDeliverySummary = z.infer<typeof FleetDeliverySummarySchema>;

export const FleetDeliveryProgressSchema = z.object({
  /**
   * `checking` while the fleet's rows are read or a background sweep reads destinations (poll
   * again); `ready` when every pool the fleet read has been checked.
   */
  state: z.enum(["checking", "ready"]),
  /** Pools checked in this sweep, and how many it set out to check. */
  done: z.number().int().nonnegative(),
  due: z.number().int().nonnegative(),
});

/**
 * `GET /api/fleet/delivery`: the pool list's own filters, sort and page, so its items are the
 * table's rows of that page. The window is the default one (DEFAULT_DELIVERY_WINDOW).
 */
export const FleetDeliveryQuerySchema = PoolListQuerySchema;
export type FleetDeliveryQuery = z.input<typeof FleetDeliveryQuerySchema>;

export const FleetDeliveryResponseSchema = z.object({
  window: z.string(),
  /** The cells of the page's pools that have been checked (the others are still being read). */
  items: z.array(FleetDeliveryCellSchema),
  /** Over the whole fleet, whatever the filters: the counts are links that set them. */
  summary: FleetDeliverySummarySchema,
  progress: FleetDeliveryProgressSchema,
});
export type FleetDeliveryResponse = z.infer<typeof FleetDeliveryResponseSchema>;

/** The pool list's delivery filter (`/api/pools?delivery=silent&deliverySource=userAuthEvents`). */
export const DeliveryFilterSchema = PoolListQuerySchema.pick({ delivery: true, deliverySource: true });
export type DeliveryFilter = z.output<typeof DeliveryFilterSchema>;

/** Whether a checked pool passes the delivery filter; a pool not checked yet passes none. */
export function deliveryMatches(cell: FleetDeliveryCell | undefined, filter: DeliveryFilter): boolean {
  if (filter.delivery === undefined) return true;
  if (!cell) return false;
  const sources: readonly EventSource[] = filter.deliverySource ? [filter.deliverySource] : EVENT_SOURCES;
  return sources.some((s) => cell.sources[s].state === filter.delivery);
}

const zeroCounts = (): DeliveryStateCounts =>
  Object.fromEntries(DELIVERY_STATES.map((s) => [s, 0])) as DeliveryStateCounts;

/**
 * Counts over the pools the fleet read: `pools` lists each with its tier, `cellOf` gives its
 * checked cell (undefined: not checked yet, counted in nothing but `pools`).
 */
export function summarizeFleetDelivery(
  pools: Iterable<{ key: string; tier: PoolTier | null }>,
  cellOf: (key: string) => FleetDeliveryCell | undefined,
): FleetDeliverySummary {
  const summary: FleetDeliverySummary = {
    pools: 0,
    checked: 0,
    any: zeroCounts(),
    bySource: { userNotification: zeroCounts(), userAuthEvents: zeroCounts() },
    plusWithoutActivity: 0,
  };
  for (const pool of pools) {
    summary.pools += 1;
    const cell = cellOf(pool.key);
    if (!cell) continue;
    summary.checked += 1;
    const seen = new Set<DeliveryState>();
    for (const source of EVENT_SOURCES) {
      const state = cell.sources[source].state;
      summary.bySource[source][state] += 1;
      seen.add(state);
    }
    for (const state of seen) summary.any[state] += 1;
    if (pool.tier === "PLUS" && cell.sources.userAuthEvents.state === "not-configured") {
      summary.plusWithoutActivity += 1;
    }
  }
  return summary;
}
