/**
 * `pnpm bench`: every scenario against an in-process sandbox, results in bench/results/<name>.json
 * and <name>.md. Figures are reported, never asserted. See USAGE in args.ts for the flags.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseBenchArgs, USAGE } from "./args.ts";
import { machineInfo } from "./machine.ts";
import { progress } from "./progress.ts";
import { type BenchResults, renderMarkdown } from "./report.ts";
import { COLD_REALISM, runCold } from "./scenario-cold.ts";
import { runOrg } from "./scenario-org.ts";
import { runPools100k } from "./scenario-pools-100k.ts";
import { runRestart } from "./scenario-restart.ts";
import { runSdkAlone } from "./scenario-sdk.ts";
import { runSteady } from "./scenario-steady.ts";
import { runWarm, startWarmFleet } from "./scenario-warm.ts";
import { buildWeb, measureBundle, measureFirstRows, WEB_DIST } from "./scenario-web.ts";

const DEFAULT_OUT = fileURLToPath(new URL("../results/", import.meta.url));

async function main(): Promise<void> {
  let options: ReturnType<typeof parseBenchArgs>;
  try {
    options = parseBenchArgs(process.argv.slice(2), DEFAULT_OUT);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    process.exit(2);
  }
  const started = performance.now();
  const results: BenchResults = { machine: machineInfo(), options, totalMs: 0 };
  progress(
    `bench: ${options.scenarios.join(", ")} on ${results.machine.cores}× ${results.machine.cpuModel}, Node ${results.machine.node}`,
  );

  const wantCold = options.scenarios.includes("cold");
  const wantFaults = options.scenarios.includes("faults");
  if (wantCold || wantFaults) {
    results.cold = await runCold({
      pools: options.pools,
      defaultRpsRun: wantCold && options.defaultRpsRun,
      baselines: wantCold && options.baselines,
      faults: wantFaults,
    });
  }

  if (options.scenarios.includes("org")) {
    results.org = await runOrg({ accounts: options.orgAccounts, pools: options.orgPools });
  }

  if (options.scenarios.includes("sdk")) {
    // The org read's pools and places (the sandbox's 2 regions), at the BFF's default reads in
    // flight per place (COGNITO_MAX_CONCURRENCY 8) and the org run's rate (its quota).
    const places = options.orgAccounts * 2;
    results.sdk = await runSdkAlone({
      pools: places * options.orgPools,
      places,
      perPlace: 8,
      rps: COLD_REALISM.quotas.userPoolReadRps,
    });
  }

  if (options.scenarios.includes("steady")) {
    // 300 pools over two regions, 150 s of fleet view per run, a change every 20 s; the TTL run's
    // cache lives 60 s (the product's default is 300 s: the same re-read, five times rarer and slower to show).
    results.steady = await runSteady({
      pools: Math.min(options.pools, 500),
      windowS: 150,
      cacheTtlSeconds: 60,
      eventDelayMs: 2_000,
      changeEveryS: 20,
    });
  }

  const wantWeb = options.scenarios.includes("web");
  if (wantWeb) {
    const buildMs = buildWeb();
    results.web = { bundle: measureBundle(buildMs) };
    progress(
      `web: initial JS ${(results.web.bundle.initialJsGzipBytes / 1024).toFixed(1)} kB gzip, CSS ${(results.web.bundle.initialCssGzipBytes / 1024).toFixed(1)} kB gzip`,
    );
  }
  if (options.scenarios.includes("warm") || wantWeb) {
    const fleet = await startWarmFleet(options.warmPools, wantWeb ? { WEB_DIST } : {});
    try {
      if (options.scenarios.includes("warm")) results.warm = await runWarm(fleet, options.warmPools);
      if (wantWeb && results.web) {
        progress("web: Chromium, navigation → first fleet rows (5 page loads)");
        results.web.firstRows = await measureFirstRows(fleet.bff, 5);
        progress(
          `web: first rows at ${results.web.firstRows.firstVisit.pageMedianMs.toFixed(0)} ms on a first visit, ${results.web.firstRows.repeatVisit.pageMedianMs.toFixed(0)} ms on a returning one (page clock, median)`,
        );
      }
    } finally {
      await fleet.close();
    }
  }

  if (options.scenarios.includes("restart")) results.restart = await runRestart(options.restartPools);
  if (options.scenarios.includes("pools-100k")) results.bigFleet = await runPools100k(options.bigPools);

  results.totalMs = performance.now() - started;
  mkdirSync(options.outDir, { recursive: true });
  const json = path.join(options.outDir, `${options.name}.json`);
  const md = path.join(options.outDir, `${options.name}.md`);
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(md, renderMarkdown(results));
  progress(`bench: done in ${(results.totalMs / 1000).toFixed(0)} s → ${json} and ${md}`);
  process.stdout.write(renderMarkdown(results));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
