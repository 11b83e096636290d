import { existsSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { parseSeed, type RunningSandbox, startSandbox } from "@clc/sandbox";
import { buildApp } from "./app.ts";
import type { AwsTarget } from "./aws/clients.ts";
import { type Config, ConfigError, defaultDataDir, loadConfig, REPO_ROOT } from "./config.ts";
import { describeRetention, startAuditRetention } from "./features/audit/retention.ts";
import {
  DemoOperatorsInAwsModeError,
  describeDemoCredentials,
  NoAdminError,
} from "./features/operators/startup.ts";
import { settlesWithin } from "./lib/settles-within.ts";
import { describeStore } from "./store/index.ts";
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
      // The older layout was a SQLite file: it says nothing about a PostgreSQL store.
      const hint =
        !config.databaseUrl && config.dataDir === defaultDataDir("aws") && existsSync(legacy)
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
    fleetSnapshot: access.stores.fleetSnapshot,
    freshnessMarks: access.stores.freshnessMarks,
    batchStores: access.stores,
    standardStore: access.stores.standard,
    ...(access.stores.readBudget ? { readBudget: access.stores.readBudget } : {}),
  });
  const retention = config.auditRetentionDays
    ? startAuditRetention({
        store: access.stores.audit,
        leases: access.stores.leases,
        maxAgeDays: config.auditRetentionDays,
        exportDir: config.auditExportDir ?? path.join(config.dataDir, "audit-exports"),
        owner: `${hostname()}:${process.pid}`,
        actor: "system:retention",
        report: (outcome) => {
          const days = config.auditRetentionDays ?? 0;
          if ("error" in outcome)
            app.log.error({ err: outcome.error }, "audit retention failed; it runs again in an hour");
          else if (outcome.result.kind === "pruned" || outcome.result.kind === "lost")
            app.log.warn({ retention: outcome.result }, describeRetention(outcome.result, days));
          else app.log.info(describeRetention(outcome.result, days));
        },
      })
    : null;
  // The stores close after app.close(), not in an onClose hook of their own: Fastify runs those
  // last-added first, so this one ran before the fleet's and freshness's, whose last writes (rows
  // read in the last second, the fleet-read marks, the sweep lease's release) then met a closed
  // database.
  const closeStores = async () => {
    await retention?.stop();
    await access.close();
  };
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      try {
        await app.close();
      } finally {
        // Bounded: pg's pool.end() waits for every connection, one held by a query that hangs too.
        await settlesWithin(closeStores(), 2_000);
      }
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
  // Which store: with several replicas, each should say it shares the one database.
  const store = describeStore(config);
  const retentionLine = config.auditRetentionDays
    ? `Audit records older than ${config.auditRetentionDays} day(s) are exported to ${config.auditExportDir} and pruned.`
    : "Audit records are kept forever (CLC_AUDIT_RETENTION_DAYS is not set).";
  process.stdout.write(
    `\nState: ${config.databaseUrl ? `the ${store} (DATABASE_URL)` : `SQLite file ${store}`}. ${retentionLine}\n`,
  );
  // Last: tests and scripts wait for this line, and then find the lines above already printed.
  process.stdout.write(`Cognito Log Console: open http://${shownHost}:${port}/ — running ${where}.\n\n`);
  if (access.demoCredentials.length > 0)
    process.stdout.write(`${describeDemoCredentials(access.demoCredentials)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
