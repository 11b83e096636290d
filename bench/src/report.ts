/** The short markdown table of a bench run (the JSON holds everything). */
import type { BenchOptions } from "./args.ts";
import type { MachineInfo } from "./machine.ts";
import type { ColdResults } from "./scenario-cold.ts";
import type { OrgResults } from "./scenario-org.ts";
import type { BigFleetResults } from "./scenario-pools-100k.ts";
import type { RestartResults } from "./scenario-restart.ts";
import type { SdkResults } from "./scenario-sdk.ts";
import type { SteadyResults } from "./scenario-steady.ts";
import type { WarmResults } from "./scenario-warm.ts";
import type { WebBundle, WebFirstRows, WebTiming } from "./scenario-web.ts";

export interface BenchResults {
  machine: MachineInfo;
  options: BenchOptions;
  totalMs: number;
  cold?: ColdResults;
  org?: OrgResults;
  sdk?: SdkResults;
  steady?: SteadyResults;
  warm?: WarmResults;
  web?: { bundle: WebBundle; firstRows?: WebFirstRows };
  restart?: RestartResults;
  bigFleet?: BigFleetResults;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const ms = (v: number) => `${v.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);
const errorList = (errors: Record<string, number>) =>
  Object.keys(errors).length === 0
    ? "none"
    : Object.entries(errors)
        .map(([k, v]) => `${k} ×${v}`)
        .join(", ");

/** The CPU seconds of a read: the BFF's (its threads included) / the sandbox's and the bench's. */
function cpuOf(result: { phases: { cpuMs: { bff: number | null; sandboxAndBench: number } } }): string {
  const { bff, sandboxAndBench } = result.phases.cpuMs;
  return `${bff === null ? "?" : (bff / 1000).toFixed(2)} s / ${(sandboxAndBench / 1000).toFixed(2)} s`;
}

export function renderMarkdown(r: BenchResults): string {
  const lines: string[] = [];
  const m = r.machine;
  lines.push(`# Bench results (${m.date.slice(0, 10)})`, "");
  lines.push(
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGb} GB; Node ${m.node}; ${m.platform}. Whole run: ${s(r.totalMs)}.`,
    "",
  );

  if (r.cold) {
    const c = r.cold;
    lines.push(
      `## Cold fleet read: ${c.pools} pools over ${c.regions.join(" + ")}`,
      "",
      `Sandbox: ${c.realism.latencyMs}–${c.realism.latencyMs + c.realism.jitterMs} ms per call, Cognito read quota ${c.quotaRps} req/s per region. ` +
        "Floor = successful Cognito reads of the busiest region ÷ quota (regions are read in parallel, each has its own quota).",
      "",
      "| Run | BFF read rate | Wall time | Floor | × floor | Cognito calls | Throttled/5xx answers | Rows not read |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
    );
    for (const o of c.ours) {
      const x = o.result;
      lines.push(
        `| ${o.label}${o.faults ? ` (${o.faults.throttleRate * 100}% throttled, ${o.faults.errorRate * 100}% 5xx)` : ""} | ${o.bffReadRps}/s | ${s(x.wallMs)} | ${s(x.floorMs)} | ${x.ratioToFloor.toFixed(2)} | ${x.sandboxCognitoCalls} | ${sum(x.tally.errors)} | ${x.rowsUnknown + x.rowsPending + x.rowsNotListed} |`,
      );
    }
    const plain = c.ours.find((o) => !o.faults && o.bffReadRps === c.quotaRps);
    const faulty = c.ours.find((o) => o.faults);
    if (plain && faulty) {
      lines.push(
        "",
        `Under faults: ${(faulty.result.wallMs / plain.result.wallMs).toFixed(2)} × the fault-free time, ${faulty.result.rowsUnknown} rows unknown, ${faulty.result.rowsNotListed} pools not listed.`,
      );
    }
    if (c.baselines.length > 0) {
      lines.push(
        "",
        "| Baseline | Wall time | Calls failed after SDK retries | Pools with an error |",
        "| --- | --- | --- | --- |",
      );
      for (const b of c.baselines) {
        lines.push(
          `| ${b.name} | ${s(b.wallMs)} | ${sum(b.errors)} (${errorList(b.errors)}) | ${b.poolsWithErrors} of ${b.pools} |`,
        );
      }
    }
    lines.push("");
  }

  if (r.steady) {
    const st = r.steady;
    lines.push(
      `## Steady state: ${st.pools} pools, the fleet view open, a change by another client every ${st.changeEveryS} s`,
      "",
      `Sandbox CloudTrail → EventBridge delay ${st.eventDelayMs} ms (AWS: best effort, no documented bound). Share = the console's Cognito reads per second ÷ 15/s (one region's quota).`,
      "",
      "| Freshness | Cache TTL | Window | Changes | Seconds to see each | Worst | Cognito reads | Reads/s | Share of quota |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    );
    for (const run of st.runs) {
      lines.push(
        `| ${run.mode === "events" ? "events (rule → queue → reader)" : "TTL re-read"} | ${run.cacheTtlSeconds} s | ${run.windowS} s | ${run.changes} | ${run.secondsToSee.map((v) => (v === null ? "never" : v.toFixed(1))).join(", ")} | ${run.maxSecondsToSee === null ? "not all seen" : `${run.maxSecondsToSee.toFixed(1)} s`} | ${run.consoleCognitoReads} | ${run.readsPerSecond.toFixed(2)} | ${(run.quotaShare * 100).toFixed(1)} % |`,
      );
    }
    const catchUp = st.runs.find((run) => run.catchUpReads !== null && run.catchUpReads !== undefined);
    if (catchUp)
      lines.push(
        "",
        `Going on events, before the window: the rows were read before the places went on events (a change made meanwhile may have reached no queue), so every pool was read once more, once: ${catchUp.catchUpReads} Cognito reads.`,
      );
    lines.push("");
  }

  if (r.org) {
    const o = r.org;
    const x = o.result;
    lines.push(
      `## Organization: ${o.accounts} accounts × ${o.regions.length} regions × ${o.poolsPerAccountRegion} pools`,
      "",
      `Same sandbox latency and quota as the cold read (${o.quotaRps} req/s per account and region); the BFF discovers the organization and assumes a role in each account. ` +
        "Floor = successful Cognito reads of the busiest (account, region) ÷ quota.",
      "",
      "The first row is the read that counts (a fresh BFF, a cold sandbox, the Cognito reads in one worker thread: `COGNITO_READ_WORKERS=1`, as an organization sets it). " +
        "The next two repeat it with a fresh BFF each on the sandbox that read has warmed, with the reads on the main thread (`0`) and then in a worker again: compare those two with each other. " +
        "CPU is the BFF's during the read (its worker included), and the sandbox's and bench's. " +
        "First pool read: when the median (account, region) sent its first DescribeUserPool or GetLogDeliveryConfiguration, counted from the start of the read (its listing answered before).",
      "",
      "| Read | Cognito read workers | Pools | Accounts read (failed) | Wall time | Floor | × floor | First pool read | Cognito calls | Error answers, any service | Rows not read | CPU: BFF / sandbox and bench |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...[{ workers: 1, result: x }, ...(o.compared ?? [])].map(
        (row, i) =>
          `| ${i === 0 ? "cold sandbox" : "warm sandbox"} | ${row.workers} | ${row.result.pools} | ${o.accountsRead} (${o.accountsFailed}) | ${s(row.result.wallMs)} | ${s(row.result.floorMs)} | ${row.result.ratioToFloor.toFixed(2)} | ${row.result.phases.firstPoolReadMs ? `${(row.result.phases.firstPoolReadMs.median / 1000).toFixed(2)} s` : "none"} | ${row.result.sandboxCognitoCalls} | ${sum(row.result.tally.errors)} | ${row.result.rowsUnknown + row.result.rowsPending + row.result.rowsNotListed} | ${cpuOf(row.result)} |`,
      ),
      "",
    );
  }

  if (r.sdk) {
    const k = r.sdk;
    const perCall = (cpuMs: number, calls: number) => `${(cpuMs / calls).toFixed(2)} ms`;
    const bff = r.org?.result.phases;
    lines.push(
      "## SDK v3 alone: CPU per Cognito read (reference for the organization read)",
      "",
      `DescribeUserPool and GetLogDeliveryConfiguration of ${k.pools} pools with nothing but the SDK, in a fresh process (Node flags ${k.nodeFlags.join(" ")}), as the org read makes them: ${k.places} accounts and regions, a client each (middleware resolved once per command, as the BFF's clients), at most ${k.perPlace} reads in flight each, ${k.rps} reads/s each, the cold run's sandbox latency. ` +
        "The first pass is the process's first Cognito reads (after one listing), as in the BFF's cold read; the second runs on warm code; the third makes the same reads through the BFF's Cognito gateway (its clients, its pacer at the same rate, deadlines, answer validation) after one pass through it that is not counted. CPU is the process's (its GC and compiler threads included). The org run's figure divides the BFF's CPU during the read by its Cognito calls (the pools' reads and the listings).",
      "",
      "| Calls | SDK, first pass: wall / CPU / per call | SDK, second pass | BFF's gateway, warm | The BFF in the org run: CPU per Cognito call |",
      "| --- | --- | --- | --- | --- |",
      `| ${k.first.calls} | ${[k.first, k.again, k.gateway].map((p) => `${s(p.wallMs)} / ${s(p.cpuMs)} / ${perCall(p.cpuMs, p.calls)}`).join(" | ")} | ${bff?.cpuMs.bff != null && bff.cognitoReads ? perCall(bff.cpuMs.bff, bff.cognitoReads.calls) : "not run"} |`,
      "",
    );
  }

  if (r.warm) {
    const w = r.warm;
    lines.push(
      `## Warm fleet view: ${w.pools} pools cached`,
      "",
      `Fill (not the measure): ${s(w.fill.wallMs)} with ${Object.entries(w.fill.env)
        .map(([k, v]) => `${k}=${v}`)
        .join(" ")}, no latency or quota. ` +
        `BFF RSS (${w.memory.measuredIn}): ${mb(w.memory.afterFill.rss)} after the fill, ${mb(w.memory.afterGc.rss)} after a GC (V8 heap in use ${mb(w.memory.afterGc.heapUsed)} of ${mb(w.memory.afterGc.heapTotal)} reserved), ${mb(w.memory.afterIdle.rss)} after 20 s idle, ${mb(w.memory.afterLoad.rss)} after the load test.`,
      "",
      "| GET | Matching rows | Connections | Requests | p50 | p95 | p99 | req/s | non-2xx |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    );
    for (const l of w.latency) {
      lines.push(
        `| \`${l.path}\` | ${l.matching} | ${l.connections} | ${l.requests} | ${ms(l.p50Ms)} | ${ms(l.p95Ms)} | ${ms(l.p99Ms)} | ${l.requestsPerSecond.toFixed(0)} | ${l.non2xx} |`,
      );
    }
    lines.push("");
  }

  if (r.web) {
    const b = r.web.bundle;
    lines.push(
      "## Web",
      "",
      `Initial JS ${kb(b.initialJsGzipBytes)} gzip (${b.js.map((a) => `${a.file} ${kb(a.gzipBytes)}`).join(", ")}); initial CSS ${kb(b.initialCssGzipBytes)} gzip. gzip level ${b.gzipLevel}.${b.initialJsBrotliBytes == null ? "" : ` The BFF sends the initial JS as ${kb(b.initialJsBrotliBytes)} to a browser that accepts Brotli (the build's .br copies).`}`,
    );
    const f = r.web.firstRows;
    if (f) {
      const line = (label: string, t: WebTiming) =>
        `${label}: first row in the DOM at median **${ms(t.pageMedianMs)}** of the page's clock from navigation (runs: ${t.pageFirstRowsMs.map((v) => v.toFixed(0)).join(", ")} ms); Playwright saw it after ${ms(t.medianMs)} (median, wall); ${t.rowsShown} rows rendered.`;
      lines.push(
        "",
        `Navigation → first fleet rows (${f.firstVisit.runs} loads each, warm BFF with ${r.warm?.pools ?? r.options.warmPools} pools):`,
        "",
        `- ${line("First visit (new browser context each load: empty cache)", f.firstVisit)}`,
        `- ${line("Returning operator (one context, cached assets and compiled code)", f.repeatVisit)}`,
      );
    }
    lines.push("");
  }
  if (r.restart) {
    const x = r.restart;
    lines.push(
      `## Restart: ${x.pools} pools`,
      "",
      `A BFF read the fleet (${s(x.fillMs)}) and stopped; a second BFF started on the same store. ` +
        `It listened after ${ms(x.readyMs)} and answered the first page ${ms(x.firstPageMs)} after its spawn ` +
        `(${x.total} pools, ${x.rowsRead} of the page's rows as read, as of ${x.asOf ?? "never"}), ` +
        `with **${x.cognitoReads} Cognito reads** from its start to ${x.watchS} s after that page. ` +
        `RSS after the restore ${mb(x.memoryAfterRestore.rss)} (heap in use ${mb(x.memoryAfterRestore.heapUsed)}).`,
      "",
    );
  }

  if (r.bigFleet) {
    const x = r.bigFleet;
    const f = x.firstPage;
    lines.push(
      `## ${x.pools} pools`,
      "",
      `The fleet is restored from the store, as after a restart (not read through the sandbox): the sandbox seeded with fleet:${x.pools}, ` +
        `its pools listed and stored with the rows a BFF stored for a small fleet it read, ${s(x.seedMs)}. ` +
        `A BFF restored ${x.rowsRestored} rows ${s(x.restoreMs)} after its spawn. ` +
        `BFF RSS ${mb(x.memory.afterRestore.rss)} after the restore, ${mb(x.memory.afterGc.rss)} after a GC (heap in use ${mb(x.memory.afterGc.heapUsed)}), ` +
        `${mb(x.memory.afterIdle.rss)} after 20 s idle, ${mb(x.memory.afterLoad.rss)} after the load test.`,
      "",
      "| GET | Connections | Requests | p50 | p95 | p99 | req/s | non-2xx |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
      `| \`${f.path}\` | ${f.connections} | ${f.requests} | ${ms(f.p50Ms)} | ${ms(f.p95Ms)} | ${ms(f.p99Ms)} | ${f.requestsPerSecond.toFixed(0)} | ${f.non2xx} |`,
      "",
    );
  }
  return `${lines.join("\n")}\n`;
}
