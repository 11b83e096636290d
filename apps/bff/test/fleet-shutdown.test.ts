/**
 * Shutdown during a cold fleet read (issue 16): the process has 10 s to exit, and a cold read of
 * many pools at the account's read quota takes longer. The read under way starts no more pool reads
 * nor listing pages once shutdown begins; the rows read before it are kept in the store, a restart
 * shows them, and its first list finishes the read (only the pools not read yet). BFF → SDK →
 * sandbox over HTTP, the Cognito calls counted by the sandbox. Before: close() waited for the whole
 * read (the seed's us-east-1 pools at 20 reads/s: over 20 s); and a read cut short (a crash) left a restart showing part
 * of the fleet as the whole of it until the cache expired.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStoredConsole } from "./helpers.ts";

const POOLS = 300;

describe("a shutdown during a cold fleet read", { timeout: 90_000 }, () => {
  let sandbox: RunningSandbox;
  let dir: string;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: `fleet:${POOLS}` });
    dir = mkdtempSync(path.join(tmpdir(), "clc-fleet-shutdown-"));
  });
  afterAll(async () => {
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const describes = () => sandbox.calls().byOperation["cognito-idp:DescribeUserPool"] ?? 0;

  it("stops starting pool reads, keeps the rows read before it, and a restart shows them", async () => {
    const env = { COGNITO_READ_RPS: "20", CLC_REGIONS: "us-east-1", CLC_FRESHNESS: "off" };
    const console = await startStoredConsole(dir, sandbox.endpoint, env);
    await console.get("/api/pools");
    // Some pools read: the read is well under way, far from its end.
    for (;;) {
      const fleet = (await console.get("/api/fleet/status")).json;
      if (fleet.loaded >= 20) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await console.stop();
    const atClose = describes();
    await new Promise((r) => setTimeout(r, 1_000));
    // Nothing was read after the close, and the close did not wait for the whole read.
    expect(describes()).toBe(atClose);

    sandbox.resetCalls();
    const again = await startStoredConsole(dir, sandbox.endpoint, env);
    try {
      const status = (await again.get("/api/fleet/status")).json;
      // Every pool read to its end before the shutdown is shown at once after the restart.
      expect(status.state).toBe("ready");
      const kept = status.loaded as number;
      expect(kept).toBeGreaterThanOrEqual(20);
      expect(kept).toBeLessThanOrEqual(atClose);
      // The read was cut short: the first list finishes it, reading only the pools not read yet.
      await again.get("/api/pools");
      let total = 0;
      for (;;) {
        const fleet = (await again.get("/api/fleet/status")).json;
        if (fleet.state === "ready" && fleet.total !== null) {
          total = fleet.total;
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      // The seed spreads its pools over the sandbox's regions; us-east-1's are read here.
      expect(total).toBeGreaterThan(atClose);
      expect((await again.get("/api/pools?limit=1")).json.total).toBe(total);
      expect(describes()).toBe(total - kept);
    } finally {
      await again.stop();
    }
  });
});
