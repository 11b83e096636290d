import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The browser state (session cookie) of the demo admin, written once by the `sign-in` setup
 * project and loaded by every journey (playwright.config.ts), so journeys start signed in.
 * Kept apart from auth.ts so the config can import it without reading the demo passwords early.
 * One file per run (workers inherit the variable from the runner): two runs on one machine must not
 * load each other's session cookie, which their own BFF does not know.
 */
const statePath =
  process.env.E2E_AUTH_STATE ?? join(mkdtempSync(join(tmpdir(), "clc-e2e-auth-")), "admin.json");
process.env.E2E_AUTH_STATE = statePath;
export const adminStorageState = statePath;
