import { existsSync } from "node:fs";
import path from "node:path";
import { parseSeed, type RunningSandbox, startSandbox } from "@clc/sandbox";
import { buildApp } from "./app.ts";
import type { AwsTarget } from "./aws/clients.ts";
import { type Config, ConfigError, defaultDataDir, loadConfig, REPO_ROOT } from "./config.ts";
import {
  DemoOperatorsInAwsModeError,
  describeDemoCredentials,
  NoAdminError,
} from "./features/operators/startup.ts";
import { databasePath } from "./store/sqlite/index.ts";
import { type ConsoleAccess, openConsoleAccess } from "./wiring.ts";

/** Starts the console: reads the configuration, brings up the sandbox if needed, listens. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }

  // Operators first: in aws mode without an admin, say how to create one before starting anything.
  let access: ConsoleAccess;
  try {
    access = await openConsoleAccess({
      mode: config.mode,
      dataDir: config.dataDir,
      databaseUrl: config.databaseUrl,
      oidc: config.oidc,
      localOperators: config.localOperators,
    });
  } catch (error) {
    if (error instanceof DemoOperatorsInAwsModeError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    if (error instanceof NoAdminError) {
      const legacy = databasePath(path.join(REPO_ROOT, ".data"));
      const hint =
        config.dataDir === defaultDataDir("aws") && existsSync(legacy)
          ? `\nAn older version kept operators in ${legacy}, shared with sandbox mode (whose demo operators ` +
            "must not reach AWS). Create your admin in the new directory as above, or set CLC_DATA_DIR to the old " +
            "one: aws mode then refuses to start until its demo operators are removed.\n"
          : "";
      process.stderr.write(`${error.message}\n${hint}`);
      process.exit(2);
    }
    throw error;
  }

  let sandbox: RunningSandbox | null = null;
  let target: AwsTarget = { mode: "aws" };
  if (config.mode === "sandbox") {
    if (config.sandboxEndpoint) {
      target = { mode: "sandbox", endpoint: config.sandboxEndpoint };
    } else {
      sandbox = await startSandbox({
        port: 0,
        seed: parseSeed(config.sandboxSeed),
        dataDir: path.join(config.dataDir, "sandbox"),
        demoTrickle: true,
      });
      target = { mode: "sandbox", endpoint: sandbox.endpoint };
    }
  }

  const app = await buildApp({
    config,
    target,
    auth: access.auth,
    audit: access.audit,
    creationRuns: access.stores.creationRuns,
    ...(access.stores.readBudget ? { readBudget: access.stores.readBudget } : {}),
  });
  app.addHook("onClose", async () => access.close());
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await app.close();
      await sandbox?.close();
    } finally {
      process.exit(0);
    }
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const shownHost = config.host.includes(":") ? `[${config.host}]` : config.host;
  const where =
    config.mode === "sandbox"
      ? sandbox
        ? `on the built-in sandbox with ${config.sandboxSeed} data (local, not real AWS; state in ${path.join(config.dataDir, "sandbox")})`
        : `on the sandbox at ${config.sandboxEndpoint} (local, not real AWS)`
      : `on AWS, regions ${config.regions.join(", ")}`;
  process.stdout.write(`\nCognito Log Console: open http://${shownHost}:${port}/ — running ${where}.\n\n`);
  if (access.demoCredentials.length > 0)
    process.stdout.write(`${describeDemoCredentials(access.demoCredentials)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
