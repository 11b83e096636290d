export * from "./api.ts";
export * from "./api-activity.ts";
export * from "./existing.ts";
export * from "./names.ts";
export * from "./plan.ts";
export * from "./policies.ts";
export * from "./schemas.ts";
