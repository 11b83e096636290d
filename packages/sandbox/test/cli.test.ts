/** The standalone CLI: flag parsing (pure) and one real start of the program. */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { optionsFromArgs, UsageError } from "../src/cli.ts";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

describe("optionsFromArgs", () => {
  it("defaults to the demo on port 4566 and reads SANDBOX_PORT", () => {
    const defaults = optionsFromArgs([], {});
    expect(defaults).toMatchObject({
      port: 4566,
      host: "127.0.0.1",
      seed: "demo",
      accountId: "123456789012",
      demoTrickle: true,
      realism: {},
    });
    expect(optionsFromArgs([], { SANDBOX_PORT: "5000" }).port).toBe(5000);
    expect(optionsFromArgs(["--port", "0"], { SANDBOX_PORT: "5000" }).port).toBe(0);
  });

  it("turns realism flags into a realism patch", () => {
    const options = optionsFromArgs(
      [
        "--latency",
        "50",
        "--jitter",
        "20",
        "--quotas",
        "--read-rps",
        "5",
        "--error-rate",
        "0.1",
        "--seed",
        "fleet:200",
      ],
      {},
    );
    expect(options.seed).toBe("fleet:200");
    expect(options.demoTrickle).toBe(false);
    expect(options.realism).toEqual({
      latencyMs: 50,
      jitterMs: 20,
      quotas: { enabled: true, userPoolReadRps: 5, userPoolUpdateRps: 15 },
      faults: { errorRate: 0.1, throttleRate: 0, hangRate: 0 },
    });
  });

  it.each([
    [["--port", "70000"], "--port must be an integer from 0 to 65535, got '70000'."],
    [["--seed", "fleet:x"], "Unknown seed 'fleet:x'"],
    [["--account", "12"], "--account must be 12 digits"],
    [["--error-rate", "0.7", "--hang-rate", "0.5"], "must not exceed 1"],
    [["--latency=-1"], "--latency must be an integer from 0"],
    [["--bogus"], "Unknown option '--bogus'"],
  ])("refuses %j with a message that names the problem", (args, message) => {
    expect(() => optionsFromArgs(args, {})).toThrow(UsageError);
    expect(() => optionsFromArgs(args, {})).toThrow(message);
  });
});

// Each test starts a Node process with the TypeScript loader: seconds on a busy machine, not a measure.
describe("pnpm sandbox", { timeout: 30_000 }, () => {
  it("prints its endpoint, serves health, and stops on SIGTERM", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "src/cli.ts", "--port", "0", "--seed", "none"],
      { cwd: packageDir, stdio: ["ignore", "pipe", "pipe"] },
    );
    const endpoint = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      child.on("exit", (code) => reject(new Error(`cli exited with ${code} before listening: ${out}`)));
    });
    const health = (await (await fetch(`${endpoint}/_sandbox/health`)).json()) as {
      status: string;
      regions: string[];
    };
    expect(health.status).toBe("ok");
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("exits with status 2 and the usage on a bad flag", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "--seed", "lots"], {
      cwd: packageDir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(2);
    expect(err).toContain("Unknown seed 'lots'");
    expect(err).toContain("Usage: pnpm sandbox");
  });
});
