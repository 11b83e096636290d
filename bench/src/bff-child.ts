/**
 * The BFF as the bench runs it: its own Node process (so its RSS is its own and it does not share
 * an event loop with the sandbox or the load generator), built with the product's buildApp and
 * operator access, with one admin operator the parent signs in as. Configured by the ordinary
 * environment variables (loadConfig). Talks to the parent over IPC:
 *   child → parent: { type: "ready", port } once listening; { type: "memory", ... } on request.
 *   parent → child: { type: "memory", gc: boolean } and { type: "stop" }.
 */
import { buildApp, loadConfig } from "@clc/bff";
import { hashPassword } from "../../apps/bff/src/features/operators/password.ts";
import { createAccessControl } from "../../apps/bff/src/plugins/access.ts";
import { createSqliteStores, databasePath } from "../../apps/bff/src/store/sqlite/index.ts";
import { OperatorExistsError } from "../../apps/bff/src/store/types.ts";
import { BENCH_ADMIN } from "./bench-admin.ts";

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (config.mode !== "sandbox" || !config.sandboxEndpoint) {
    throw new Error("the bench BFF needs CLC_MODE=sandbox and SANDBOX_ENDPOINT (the bench's sandbox)");
  }
  // The product's store in the run's data directory: it keeps the fleet's state, which the restart
  // scenario reads back with a second BFF on the same directory.
  const stores = createSqliteStores(databasePath(config.dataDir));
  // Cheap scrypt: sign-in cost is not what the bench measures.
  const passwordParams = { N: 1024, r: 8, p: 1 };
  try {
    await stores.operators.add(
      {
        username: BENCH_ADMIN.username,
        role: "admin",
        passwordHash: await hashPassword(BENCH_ADMIN.password, passwordParams),
      },
      Date.now(),
    );
  } catch (error) {
    // A restart over the same data directory: the admin is there already.
    if (!(error instanceof OperatorExistsError)) throw error;
  }
  const app = await buildApp({
    config,
    target: { mode: "sandbox", endpoint: config.sandboxEndpoint },
    auth: createAccessControl({ stores, passwordParams }),
    fleetSnapshot: stores.fleetSnapshot,
    logger: config.logLevel === "silent" ? false : { level: config.logLevel },
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("the BFF did not listen on TCP");

  const send = (message: unknown) => process.send?.(message);
  process.on("message", (message: unknown) => {
    const type = (message as { type?: unknown } | null)?.type;
    if (type === "memory") {
      const wantGc = (message as { gc?: unknown }).gc === true;
      const gc = (globalThis as { gc?: () => void }).gc;
      if (wantGc && gc) gc();
      const usage = process.memoryUsage();
      send({
        type: "memory",
        rss: usage.rss,
        heapTotal: usage.heapTotal,
        heapUsed: usage.heapUsed,
        external: usage.external,
        arrayBuffers: usage.arrayBuffers,
        gcRan: wantGc && gc !== undefined,
      });
    } else if (type === "stop") {
      void app
        .close()
        .then(() => stores.close())
        .finally(() => process.exit(0));
    }
  });
  // The parent gone means the bench ended or crashed: never outlive it.
  process.on("disconnect", () => process.exit(0));
  send({ type: "ready", port: address.port });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench BFF could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
