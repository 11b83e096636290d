/**
 * How old the fleet view's data is (issue 16, "Restart"): a restarted console shows the fleet's last
 * known state from its store at once, so the view says when each row was read and which rows are
 * being read again. Spread into FleetStatusSchema and PoolSummarySchema (api.ts).
 */
import { z } from "zod";

export const fleetAgeShape = {
  /** The oldest read among the rows (ISO 8601): the fleet is "as of" then. Null: no row read yet. */
  asOf: z.string().nullable().optional(),
  /** Rows being read again now; each still shows its last known state meanwhile. */
  refreshing: z.number().int().nonnegative().optional(),
  /** Set when the rows were restored from the store at start (when): shown before any read of this process. */
  restoredAt: z.string().optional(),
};

export const poolAgeShape = {
  /** When this row's pool was last read (ISO 8601); absent until read. */
  readAt: z.string().optional(),
  /** True while the pool is being read again (the row shows its last known state meanwhile). */
  refreshing: z.boolean().optional(),
};
