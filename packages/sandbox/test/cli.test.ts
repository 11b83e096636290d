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
    [["--seed", "org:0x5"], "org:AxP (A member accounts from 1 to 200"],
    [["--seed", "org:200x1000"], "at most 100000 pools in all"],
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

  it("prints the organization of --seed org:2x1 with its role and external ID", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "src/cli.ts", "--port", "0", "--seed", "org:2x1", "--external-id", "clc-ext"],
      { cwd: packageDir, stdio: ["ignore", "pipe", "pipe"] },
    );
    const out = await new Promise<string>((resolve, reject) => {
      let text = "";
      child.stdout.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes("try:")) resolve(text);
      });
      child.on("exit", (code) => reject(new Error(`cli exited with ${code}: ${text}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(out).toMatch(
      /organization o-[a-z0-9]{10}, management account 123456789012, role CognitoLogConsoleRole \(external ID clc-ext\)/,
    );
    expect(out).toMatch(/200000000001 {2}member-001 +Root\/Production/);
    expect(out).toMatch(/200000000002 {2}member-002 +Root\/Development/);
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
