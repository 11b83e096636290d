/**
 * The production artifact, as the Dockerfile builds and runs it (README "Deploying"): the BFF built
 * to plain JavaScript (`pnpm build`), deployed with production dependencies only into an empty
 * folder (scripts/prod-deploy.sh), started with the Dockerfile's own CMD and probed with its own
 * HEALTHCHECK, over real HTTP, on the embedded sandbox. Anything the artifact needs from a dev
 * dependency (tsx, a workspace package left as an import) makes it fail to start here.
 *
 * Built once for the whole file: the BFF bundle is rebuilt (seconds) so the sources under test are
 * the current ones; the web app is the one `pnpm build` made (scripts/test.sh builds it first).
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { BFF_NODE_FLAGS } from "../src/node-flags.ts";
import { TestBrowser } from "./auth-support.ts";

const run = promisify(execFile);
const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const SETUP_MS = 300_000;
// A cold start hashes the demo operators' passwords (scrypt) and reads the fleet: slow on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions per stage: comments dropped, `\` continuations joined. */
function parseDockerfile(text: string): Instruction[][] {
  const logical: string[] = [];
  let current = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (current === "" && (line === "" || line.startsWith("#"))) continue;
    if (line.startsWith("#")) continue;
    if (line.endsWith("\\")) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push(current + line);
    current = "";
  }
  const stages: Instruction[][] = [];
  for (const line of logical) {
    const space = line.search(/\s/);
    const instruction = { keyword: line.slice(0, space).toUpperCase(), args: line.slice(space + 1).trim() };
    if (instruction.keyword === "FROM") stages.push([]);
    stages.at(-1)?.push(instruction);
  }
  return stages;
}

/** The JSON (exec) form of CMD/HEALTHCHECK CMD; the shell form would run through /bin/sh. */
function execForm(args: string): string[] {
  const json = args.slice(args.indexOf("["));
  return JSON.parse(json) as string[];
}

/** The variables apps/bff/README.md documents (its settings table). */
function documentedVariables(): Set<string> {
  const readme = readFileSync(path.join(REPO, "apps/bff/README.md"), "utf8");
  return new Set([...readme.matchAll(/^\| `([A-Z][A-Z0-9_]*)`/gm)].map((m) => m[1] as string));
}

/** path → size and modification time of every file under `dir` (symlinks not followed). */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const stats = statSync(file);
    files.set(path.relative(dir, file), `${stats.size}:${stats.mtimeMs}`);
  }
  return files;
}

const dockerfile = parseDockerfile(readFileSync(path.join(REPO, "Dockerfile"), "utf8"));
const buildStage = dockerfile[0] ?? [];
const runtimeStage = dockerfile.at(-1) ?? [];
const last = (stage: Instruction[], keyword: string) => stage.filter((i) => i.keyword === keyword).at(-1);
const runtimeEnv = new Map(
  runtimeStage
    .filter((i) => i.keyword === "ENV")
    .flatMap((i) => [...i.args.matchAll(/([A-Z][A-Z0-9_]*)=(\S+)/g)].map((m) => [m[1] ?? "", m[2] ?? ""])),
);

describe("the Dockerfile", () => {
  it("holds only Dockerfile instructions, with JSON (exec) forms that parse", () => {
    const known = new Set(
      "FROM RUN CMD LABEL EXPOSE ENV ADD COPY ENTRYPOINT VOLUME USER WORKDIR ARG ONBUILD STOPSIGNAL HEALTHCHECK SHELL".split(
        " ",
      ),
    );
    const instructions = dockerfile.flat();
    expect(instructions.filter((i) => !known.has(i.keyword))).toEqual([]);
    for (const i of instructions.filter((i) => /^(CMD|ENTRYPOINT|VOLUME|HEALTHCHECK)$/.test(i.keyword)))
      expect(() => execForm(i.args), `${i.keyword} ${i.args}`).not.toThrow();
  });

  it("builds in one stage and runs in another, from node:20 slim or distroless", () => {
    expect(dockerfile.length).toBeGreaterThanOrEqual(2);
    expect(buildStage[0]?.args).toMatch(/ AS build$/i);
    expect(runtimeStage[0]?.args).toMatch(
      /^(node:20(\.\d+)*-(bookworm-)?slim|gcr\.io\/distroless\/nodejs20\S*)$/,
    );
  });

  it("builds with `pnpm build` and the deploy script this test runs", () => {
    const runs = buildStage.filter((i) => i.keyword === "RUN").map((i) => i.args);
    expect(runs).toContain("corepack pnpm install --frozen-lockfile --offline");
    expect(runs).toContain("corepack pnpm build");
    expect(runs.at(-1)).toBe("bash scripts/prod-deploy.sh /out");
    const copied = runtimeStage.filter((i) => i.keyword === "COPY").map((i) => i.args);
    expect(copied).toEqual(["--from=build /out/apps ./apps"]);
    expect(last(runtimeStage, "WORKDIR")?.args).toBe("/app");
  });

  it("runs as a non-root user with one writable data directory, configured by documented variables", () => {
    const user = last(runtimeStage, "USER")?.args ?? "root";
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    // USER comes after every RUN: nothing in the image runs as root once it is set.
    const userAt = runtimeStage.findIndex((i) => i.keyword === "USER");
    expect(runtimeStage.slice(userAt).some((i) => i.keyword === "RUN")).toBe(false);
    expect(runtimeEnv.get("CLC_DATA_DIR")).toBe("/data");
    expect(last(runtimeStage, "VOLUME")?.args).toBe('["/data"]');
    expect(runtimeStage.some((i) => i.keyword === "RUN" && /chown node:node \/data$/.test(i.args))).toBe(
      true,
    );
    const documented = documentedVariables();
    expect([...runtimeEnv.keys()].filter((name) => !documented.has(name))).toEqual([]);
  });

  it("checks health on /readyz", () => {
    const healthcheck = last(runtimeStage, "HEALTHCHECK")?.args ?? "";
    expect(healthcheck).toMatch(/CMD \[/);
    expect(execForm(healthcheck).join(" ")).toContain("/readyz");
  });

  it("ignores local installs, builds and state", () => {
    const ignored = readFileSync(path.join(REPO, ".dockerignore"), "utf8").split("\n");
    for (const entry of ["**/node_modules", "**/dist", ".data", ".git"]) expect(ignored).toContain(entry);
  });
});

describe("the production artifact", () => {
  const work = mkdtempSync(path.join(tmpdir(), "clc-prod-"));
  // The artifact's folder stands for the image's WORKDIR (/app); the data directory for /data.
  const app = path.join(work, "app");
  const data = path.join(work, "data");
  const bff = path.join(app, "apps/bff");
  const cmd = execForm(last(runtimeStage, "CMD")?.args ?? "[]");
  const healthcheck = execForm(last(runtimeStage, "HEALTHCHECK")?.args ?? "[]");
  const operator = { username: "ops-alice", password: "production-build-pass-123" };
  let port = 0;
  let base = "";
  let server: ChildProcess | undefined;
  let serverExit: Promise<number | null> | undefined;
  let output = "";
  let before = new Map<string, string>();

  /** Only what the console is given: no NODE_OPTIONS (a loader), no NODE_PATH (other modules). */
  const environment = (extra: Record<string, string>) => ({
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    ...extra,
  });

  /** The image's HEALTHCHECK command, as Docker runs it in the container: its exit code. */
  const runHealthcheck = async (): Promise<number> => {
    const [command = "node", ...args] = healthcheck;
    return run(command, args, { cwd: app, env: environment({ PORT: String(port) }) }).then(
      () => 0,
      (error: { code?: number }) => error.code ?? 1,
    );
  };

  beforeAll(async () => {
    await run("corepack", ["pnpm", "--filter", "@clc/bff", "build"], { cwd: REPO });
    if (!existsSync(path.join(REPO, "apps/web/dist/index.html")))
      await run("corepack", ["pnpm", "--filter", "@clc/web", "build"], { cwd: REPO });
    await run("bash", ["scripts/prod-deploy.sh", app], { cwd: REPO });
    before = snapshot(app);
  }, SETUP_MS);

  afterAll(async () => {
    if (server && server.exitCode === null) server.kill("SIGKILL");
    rmSync(work, { recursive: true, force: true });
  }, SETUP_MS);

  it("holds plain JavaScript and the production dependencies only", () => {
    const manifest = JSON.parse(readFileSync(path.join(REPO, "apps/bff/package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    const installed = readdirSync(path.join(bff, "node_modules"), { withFileTypes: true })
      .filter((entry) => !entry.name.startsWith("."))
      .flatMap((entry) =>
        entry.name.startsWith("@")
          ? readdirSync(path.join(bff, "node_modules", entry.name)).map((name) => `${entry.name}/${name}`)
          : [entry.name],
      );
    expect(installed.sort()).toEqual(Object.keys(manifest.dependencies).sort());
    const everyPackage = readdirSync(path.join(bff, "node_modules/.pnpm"));
    expect(everyPackage.filter((name) => /^(tsx|esbuild|typescript|vitest|@clc)[@+]/.test(name))).toEqual([]);
    expect(readdirSync(path.join(bff, "dist")).sort()).toEqual([
      "cognito-read-worker.js",
      "cognito-read-worker.js.map",
      "main.js",
      "main.js.map",
      "operators.js",
      "operators.js.map",
    ]);
    expect(existsSync(path.join(app, "apps/web/dist/index.html"))).toBe(true);
  });

  it("creates an operator with the built operators CLI", async () => {
    const cli = spawn("node", ["apps/bff/dist/operators.js", "add", operator.username, "--role", "viewer"], {
      cwd: app,
      env: environment({ CLC_DATA_DIR: data }),
    });
    let said = "";
    cli.stdout.on("data", (chunk) => {
      said += chunk;
    });
    cli.stderr.on("data", (chunk) => {
      said += chunk;
    });
    cli.stdin.end(`${operator.password}\n`);
    const code = await new Promise((resolve) => cli.on("exit", resolve));
    expect(code, said).toBe(0);
  });

  it(
    "starts with the image's CMD and answers /healthz and /readyz",
    async () => {
      expect(cmd).toEqual(["node", ...BFF_NODE_FLAGS, "apps/bff/dist/main.js"]);
      const [command = "node", ...args] = cmd;
      server = spawn(command, args, {
        cwd: app,
        env: environment({
          CLC_MODE: "sandbox",
          // The port the OS picks; the console prints it (the image's HEALTHCHECK then gets it as PORT).
          PORT: "0",
          CLC_DATA_DIR: data,
          LOG_LEVEL: "warn",
          CLC_AUDIT_RETENTION_DAYS: "400",
        }),
      });
      serverExit = new Promise((resolve) => server?.on("exit", (code) => resolve(code)));
      server.stdout?.on("data", (chunk) => {
        output += chunk;
      });
      server.stderr?.on("data", (chunk) => {
        output += chunk;
      });
      const started = await Promise.race([
        serverExit.then((code) => `exited with ${code}`),
        (async () => {
          while (!output.includes("Cognito Log Console: open")) await new Promise((r) => setTimeout(r, 50));
          return "listening";
        })(),
      ]);
      expect(started, output).toBe("listening");
      // It says which store it uses, and that retention is on.
      expect(output).toContain(`State: SQLite file ${path.join(data, "console.sqlite")}.`);
      expect(output).toContain(
        `Audit records older than 400 day(s) are exported to ${path.join(data, "audit-exports")} and pruned.`,
      );
      port = Number(/open http:\/\/127\.0\.0\.1:(\d+)\//.exec(output)?.[1]);
      expect(port).toBeGreaterThan(0);
      base = `http://127.0.0.1:${port}`;

      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: "ready", mode: "sandbox" });
    },
    SETUP_MS,
  );

  it("passes the image's HEALTHCHECK command while it runs", async () => {
    const probe = await runHealthcheck();
    expect(probe).toBe(0);
  });

  it("signs in the operator the CLI made and reads the pools", async () => {
    const browser = new TestBrowser(base);
    const signedIn = await browser.signIn(operator.username, operator.password);
    expect(signedIn.status, signedIn.text).toBe(200);
    // The first read of the pools starts the fleet read; the list fills once it is done.
    expect((await browser.request("GET", "/api/pools")).status).toBe(200);
    let status = "";
    for (let i = 0; i < 1500 && status !== "ready"; i++) {
      const fleet = await browser.request("GET", "/api/fleet/status");
      status = (fleet.body as { state: string }).state;
      if (status !== "ready") await new Promise((r) => setTimeout(r, 20));
    }
    const pools = await browser.request("GET", "/api/pools");
    expect(pools.status, pools.text).toBe(200);
    expect((pools.body as { items: unknown[] }).items.length).toBeGreaterThan(0);
  });

  it("serves the built web app", async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(readFileSync(path.join(app, "apps/web/dist/index.html"), "utf8"));
  });

  it("downloads the audit trail as JSON, with its hash chain", async () => {
    const browser = new TestBrowser(base);
    expect((await browser.signIn(operator.username, operator.password)).status).toBe(200);
    const exported = await browser.request("GET", "/api/audit/export?format=json");
    expect(exported.status).toBe(200);
    const records = exported.body as Array<{ action: string; hash: string; prevHash: string }>;
    expect(records.map((r) => r.action)).toContain("operator.add");
    for (const record of records) expect(record.hash).toMatch(/^[0-9a-f]{64}$/);
    writeFileSync(path.join(work, "audit-export.json"), exported.text);
  });

  it("writes nothing outside its data directory and stops cleanly on SIGTERM", async () => {
    server?.kill("SIGTERM");
    expect(await serverExit, output).toBe(0);
    expect(snapshot(app)).toEqual(before);
    expect(existsSync(path.join(data, "console.sqlite"))).toBe(true);
  });

  it("verifies the trail and the download, and prunes on demand, with the built operators CLI", async () => {
    const cli = (...args: string[]) =>
      run("node", ["apps/bff/dist/operators.js", "audit", ...args], {
        cwd: app,
        env: environment({ CLC_DATA_DIR: data }),
      });
    const live = await cli("verify");
    expect(live.stdout).toMatch(/The audit trail: the chain of \d+ record\(s\), ids 1\.\.\d+, is intact/);
    const file = await cli("verify", "--file", path.join(work, "audit-export.json"));
    expect(file.stdout).toMatch(/is intact/);
    const prune = await cli("prune", "--older-than-days", "1");
    expect(prune.stdout).toMatch(/Audit retention: no records older than 1 day\(s\)/);

    // An edited download is refused, with the record and both hashes.
    const edited = readFileSync(path.join(work, "audit-export.json"), "utf8").replace(
      `"operator":"cli:`,
      `"operator":"xli:`,
    );
    writeFileSync(path.join(work, "audit-edited.json"), edited);
    const refused = await cli("verify", "--file", path.join(work, "audit-edited.json")).then(
      () => null,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toMatch(/BROKEN at record 1: its content does not match its hash/);
  });

  it("fails the HEALTHCHECK when nothing answers", async () => {
    const probe = await runHealthcheck();
    expect(probe).not.toBe(0);
  });
});
