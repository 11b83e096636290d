/**
 * Where a fleet read's time goes, from the calls the counter saw (call-counter.ts events) and the
 * CPU the processes used: the ratio to the floor alone cannot tell a slow start from a slow read,
 * nor a loaded machine from a slow console.
 */
import { readFileSync } from "node:fs";
import type { CallEvent } from "./call-counter.ts";

const COGNITO_READS = new Set(["ListUserPools", "DescribeUserPool", "GetLogDeliveryConfiguration"]);
const ORGANIZATIONS = new Set([
  "ListAccounts",
  "ListRoots",
  "ListOrganizationalUnitsForParent",
  "ListParents",
]);

/** First call sent and last answer received of one kind of call, ms since the read started. */
export interface Span {
  calls: number;
  firstStartMs: number;
  lastEndMs: number;
}

export interface FleetReadPhases {
  /** Organizations discovery (ListAccounts, ListRoots, ListOrganizationalUnitsForParent, ListParents). */
  discovery: Span | null;
  assumeRole: Span | null;
  listRegions: Span | null;
  cognitoReads: Span | null;
  /**
   * Per (account, region) (the credential stands for the account): when its first Cognito read was
   * sent, and its most reads in flight at once. Min, median and max over the places.
   */
  firstCognitoReadMs: { min: number; median: number; max: number } | null;
  /**
   * Per place: when its first pool read (DescribeUserPool or GetLogDeliveryConfiguration, not the
   * listing) was sent. The gap after the listing is the BFF's own: its first pool reads waited
   * 0.4-0.7 s for the main thread in the org read before 2026-12-02 (issue 14).
   */
  firstPoolReadMs: { min: number; median: number; max: number } | null;
  /** When each place's Cognito reads ended, min, median and max: how evenly the places finished. */
  lastCognitoReadMs: { min: number; median: number; max: number } | null;
  peakInFlightPerPlace: { min: number; median: number; max: number } | null;
  /** How long the sandbox took to answer a Cognito read, as the counter saw it (ms): p10, median, p90. */
  cognitoLatencyMs: { p10: number; median: number; p90: number } | null;
  /** CPU time (user + system, ms) during the read: the BFF's process, and the bench's (sandbox, counter). */
  cpuMs: { bff: number | null; sandboxAndBench: number };
}

function span(events: readonly CallEvent[]): Span | null {
  if (events.length === 0) return null;
  let firstStartMs = Number.POSITIVE_INFINITY;
  let lastEndMs = 0;
  for (const e of events) {
    firstStartMs = Math.min(firstStartMs, e.startMs);
    lastEndMs = Math.max(lastEndMs, e.endMs);
  }
  return { calls: events.length, firstStartMs, lastEndMs };
}

function spread(values: number[]): { min: number; median: number; max: number } | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    min: sorted[0] as number,
    median: sorted[Math.floor(sorted.length / 2)] as number,
    max: sorted[sorted.length - 1] as number,
  };
}

function percentiles(values: number[]): { p10: number; median: number; p90: number } | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return { p10: at(0.1), median: at(0.5), p90: at(0.9) };
}

/** The most intervals open at once. */
function peakOverlap(events: readonly CallEvent[]): number {
  const edges = events.flatMap((e) => [
    { at: e.startMs, step: 1 },
    { at: e.endMs, step: -1 },
  ]);
  // An end before a start at the same instant: a call answered does not overlap the next one.
  edges.sort((a, b) => a.at - b.at || a.step - b.step);
  let open = 0;
  let peak = 0;
  for (const edge of edges) {
    open += edge.step;
    peak = Math.max(peak, open);
  }
  return peak;
}

/** A process's CPU time so far (user + system, ms) from /proc; null where /proc is not there. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100;
  } catch {
    return null;
  }
}

export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

export function fleetReadPhases(
  events: readonly CallEvent[],
  cpuMs: { bff: number | null; sandboxAndBench: number },
): FleetReadPhases {
  const cognito = events.filter((e) => COGNITO_READS.has(e.operation));
  const byPlace = new Map<string, CallEvent[]>();
  for (const e of cognito) {
    const list = byPlace.get(e.credential) ?? [];
    list.push(e);
    byPlace.set(e.credential, list);
  }
  const places = [...byPlace.values()];
  return {
    discovery: span(events.filter((e) => ORGANIZATIONS.has(e.operation))),
    assumeRole: span(events.filter((e) => e.operation === "AssumeRole")),
    listRegions: span(events.filter((e) => e.operation === "ListRegions")),
    cognitoReads: span(cognito),
    firstCognitoReadMs: spread(places.map((p) => Math.min(...p.map((e) => e.startMs)))),
    firstPoolReadMs: spread(
      places
        .map((p) => p.filter((e) => e.operation !== "ListUserPools"))
        .filter((p) => p.length > 0)
        .map((p) => Math.min(...p.map((e) => e.startMs))),
    ),
    lastCognitoReadMs: spread(places.map((p) => Math.max(...p.map((e) => e.endMs)))),
    peakInFlightPerPlace: spread(places.map(peakOverlap)),
    cognitoLatencyMs: percentiles(cognito.map((e) => e.endMs - e.startMs)),
    cpuMs,
  };
}

/** The phases on a few progress lines. */
export function describePhases(p: FleetReadPhases): string[] {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const sp = (name: string, x: Span | null) =>
    x ? `${name} ${x.calls} calls ${s(x.firstStartMs)}–${s(x.lastEndMs)}` : `${name} none`;
  const mm = (x: { min: number; median: number; max: number } | null, unit: (n: number) => string) =>
    x ? `${unit(x.min)} / ${unit(x.median)} / ${unit(x.max)}` : "none";
  return [
    `${sp("discovery", p.discovery)}; ${sp("AssumeRole", p.assumeRole)}; ${sp("ListRegions", p.listRegions)}; ${sp("Cognito reads", p.cognitoReads)}`,
    `per (account, region), min / median / max: first Cognito read at ${mm(p.firstCognitoReadMs, s)}, first pool read at ${mm(p.firstPoolReadMs, s)}, last answer at ${mm(p.lastCognitoReadMs, s)}, peak reads in flight ${mm(p.peakInFlightPerPlace, String)}`,
    `Cognito read latency at the counter: ${p.cognitoLatencyMs ? `p10 ${p.cognitoLatencyMs.p10.toFixed(0)} ms, median ${p.cognitoLatencyMs.median.toFixed(0)} ms, p90 ${p.cognitoLatencyMs.p90.toFixed(0)} ms` : "none"}`,
    `CPU during the read: BFF ${p.cpuMs.bff === null ? "?" : s(p.cpuMs.bff)}, sandbox + bench ${s(p.cpuMs.sandboxAndBench)}`,
  ];
}
