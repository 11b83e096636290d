export * from "./api.ts";
export * from "./console.ts";
export * from "./events.ts";
export * from "./fleet.ts";
export * from "./plus.ts";
export * from "./state.ts";
export * from "./window.ts";
