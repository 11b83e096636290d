/** Query keys of the fleet read (kept beside its fetchers). */
export const fleetKeys = {
  status: ["fleet", "status"] as const,
};
