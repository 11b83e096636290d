// Starts a TypeScript worker in development and tests (tsx, vitest): a worker thread does not inherit
// the TypeScript loader of the thread that started it, so it registers tsx's own, then loads the entry.
// The production bundle starts its built worker directly (aws/cognito-read-workers.ts workerEntry).
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
