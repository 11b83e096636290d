/** Query keys of a pool's delivery checks (issue 15): one per pool, window and whether the newest S3 object is read. */
export const deliveryKeys = {
  all: ["delivery"] as const,
  pool: (poolId: string) => ["delivery", poolId] as const,
  check: (poolId: string, window: string, objectEvents: boolean) =>
    ["delivery", poolId, { window, objectEvents }] as const,
};
