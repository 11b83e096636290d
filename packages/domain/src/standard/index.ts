export * from "./evaluate.ts";
export * from "./glob.ts";
export * from "./schema.ts";
export * from "./template.ts";
