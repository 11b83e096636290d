/** @clc/bff: the app factory and its configuration, for tests, e2e and the bench. */
export { type AppDeps, buildApp } from "./app.ts";
export { type AwsTarget, SANDBOX_CREDENTIALS } from "./aws/clients.ts";
export { type Config, ConfigError, loadConfig } from "./config.ts";
export type { AuditEntry, AuditSink } from "./features/audit/trail.ts";
