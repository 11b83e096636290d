import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { defineConfig } from "@playwright/test";
import { adminStorageState } from "./support/auth-state.ts";

/** Asks the OS for a free port; the runner sets it in the environment so workers see the same one. */
async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

process.env.E2E_SANDBOX_PORT ??= String(await freePort());
process.env.E2E_BFF_PORT ??= String(await freePort());
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), "clc-e2e-"));
process.env.CLC_DEMO_ADMIN_PASSWORD ??= "e2e-admin-password-123";
process.env.CLC_DEMO_VIEWER_PASSWORD ??= "e2e-viewer-password-123";

const repoRoot = resolve(import.meta.dirname, "..");
const sandboxUrl = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT}`;
const baseURL = `http://127.0.0.1:${process.env.E2E_BFF_PORT}`;

export default defineConfig({
  testDir: "./tests",
  // Journeys start signed in as the demo admin (sign-in.setup.ts); auth.spec.ts signs in by itself.
  projects: [
    // sandbox.setup.ts runs first (files go in name order): it arranges AWS state the BFF caches.
    { name: "sign-in", testDir: "./support", testMatch: /(sandbox|sign-in)\.setup\.ts$/ },
    { name: "journeys", dependencies: ["sign-in"], use: { storageState: adminStorageState } },
  ],
  outputDir: "./artifacts/results",
  // The journeys share one sandbox; each works on pools of its own, but one worker keeps a 2-core machine calm.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ["list"],
    ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? "artifacts/report.json" }],
  ],
  use: {
    baseURL,
    screenshot: "on",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    {
      command: `corepack pnpm sandbox --port ${process.env.E2E_SANDBOX_PORT} --seed demo`,
      cwd: repoRoot,
      url: `${sandboxUrl}/_sandbox/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
    },
    {
      command: "corepack pnpm --filter @clc/bff start",
      cwd: repoRoot,
      url: `${baseURL}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      env: {
        CLC_MODE: "sandbox",
        SANDBOX_ENDPOINT: sandboxUrl,
        PORT: process.env.E2E_BFF_PORT,
        CLC_DATA_DIR: process.env.E2E_DATA_DIR,
        CLC_DEMO_ADMIN_PASSWORD: process.env.CLC_DEMO_ADMIN_PASSWORD,
        CLC_DEMO_VIEWER_PASSWORD: process.env.CLC_DEMO_VIEWER_PASSWORD,
        LOG_LEVEL: "warn",
      },
    },
  ],
});
