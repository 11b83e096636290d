/** Query keys of the console's context (mode, account, regions). */
export const regionKeys = {
  regions: ["regions"] as const,
};
