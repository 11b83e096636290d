/**
 * Scenario 3: what the browser downloads first (gzip sizes of the JS and CSS index.html loads) and,
 * with Chromium, the time from navigation to the first rows of a 10,000-pool fleet (warm BFF).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "playwright-core";
import type { BffProcess } from "./bff-process.ts";
import { progress } from "./progress.ts";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const WEB_DIST = path.join(REPO_ROOT, "apps/web/dist");

export interface AssetSize {
  file: string;
  bytes: number;
  gzipBytes: number;
  /** What the BFF sends a browser that accepts Brotli: the build's `.br` copy (apps/web/precompress.ts), if any. */
  brotliBytes: number | null;
}

export interface WebBundle {
  buildMs: number;
  js: AssetSize[];
  css: AssetSize[];
  initialJsGzipBytes: number;
  initialCssGzipBytes: number;
  /** The same scripts as sent to a browser that accepts Brotli (null when the build wrote no `.br` copies). */
  initialJsBrotliBytes: number | null;
  gzipLevel: number;
}

export interface WebTiming {
  runs: number;
  /** Wall time from page.goto until Playwright saw the first fleet row, each run (includes Playwright's polling). */
  firstRowsMs: number[];
  medianMs: number;
  /**
   * The page's own clock (ms since its navigation started) when the first fleet row entered the
   * DOM, seen by a MutationObserver installed before any of the page's scripts: the figure the
   * issue's target is about, without Playwright's detection delay.
   */
  pageFirstRowsMs: number[];
  pageMedianMs: number;
  rowsShown: number;
}

export interface WebFirstRows {
  /** A first visit: a new browser context each load (empty HTTP cache, no compiled code cached). */
  firstVisit: WebTiming;
  /**
   * A returning operator: one context, primed by two loads (Chrome keeps compiled code from the
   * second), then each load from its HTTP cache (hashed assets are immutable for a year).
   */
  repeatVisit: WebTiming;
}

const GZIP_LEVEL = 6; // what nginx and most CDNs use by default

export function buildWeb(): number {
  progress("web: building the SPA (corepack pnpm --filter @clc/web build)");
  const started = performance.now();
  execFileSync("corepack", ["pnpm", "--filter", "@clc/web", "build"], {
    cwd: REPO_ROOT,
    env: { ...process.env, COREPACK_ENABLE_DOWNLOAD_PROMPT: "0" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return performance.now() - started;
}

/** The scripts, module preloads and stylesheets index.html names: what loads before any lazy route. */
export function measureBundle(buildMs: number): WebBundle {
  const html = readFileSync(path.join(WEB_DIST, "index.html"), "utf8");
  const refs = (pattern: RegExp) =>
    [...html.matchAll(pattern)].map((m) => m[1]).filter((v): v is string => v !== undefined);
  const scripts = [
    ...refs(/<script[^>]*\bsrc="([^"]+)"/g),
    ...refs(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ];
  const styles = refs(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g);
  const size = (ref: string): AssetSize => {
    const file = path.join(WEB_DIST, ref.replace(/^\//, ""));
    if (!existsSync(file)) throw new Error(`index.html names ${ref}, which the build did not produce`);
    const content = readFileSync(file);
    const brotli = `${file}.br`;
    return {
      file: ref,
      bytes: content.length,
      gzipBytes: gzipSync(content, { level: GZIP_LEVEL }).length,
      brotliBytes: existsSync(brotli) ? statSync(brotli).size : null,
    };
  };
  const js = [...new Set(scripts)].map(size);
  const css = [...new Set(styles)].map(size);
  return {
    buildMs,
    js,
    css,
    initialJsGzipBytes: js.reduce((sum, a) => sum + a.gzipBytes, 0),
    initialCssGzipBytes: css.reduce((sum, a) => sum + a.gzipBytes, 0),
    initialJsBrotliBytes: js.every((a) => a.brotliBytes !== null)
      ? js.reduce((sum, a) => sum + (a.brotliBytes ?? 0), 0)
      : null,
    gzipLevel: GZIP_LEVEL,
  };
}

const FIRST_ROW = "table.fleet-table tbody tr[aria-rowindex]";

/** Installed before the page's scripts: notes the page clock when the first fleet row appears. */
const OBSERVE_FIRST_ROW = `(() => {
  const selector = ${JSON.stringify(FIRST_ROW)};
  new MutationObserver((_, observer) => {
    if (document.querySelector(selector)) {
      window.__clcFirstRowAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
})()`;

const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

function timing(wall: number[], page: number[], rowsShown: number): WebTiming {
  return {
    runs: wall.length,
    firstRowsMs: wall,
    medianMs: median(wall),
    pageFirstRowsMs: page,
    pageMedianMs: median(page),
    rowsShown,
  };
}

export async function measureFirstRows(bff: BffProcess, runs = 5): Promise<WebFirstRows> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const browser = await chromium.launch({
    executablePath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  const cookies = bff.client.cookie
    .split("; ")
    .filter((pair) => pair.includes("="))
    .map((pair) => {
      const eq = pair.indexOf("=");
      return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: bff.baseUrl };
    });
  const newContext = async () => {
    // Signed in through the session cookie.
    const context = await browser.newContext();
    if (cookies.length > 0) await context.addCookies(cookies);
    await context.addInitScript(OBSERVE_FIRST_ROW);
    return context;
  };
  /** One navigation: [wall ms until Playwright saw a row, page clock at the first row, rows shown]. */
  const load = async (page: Page): Promise<[number, number, number]> => {
    const started = performance.now();
    await page.goto(`${bff.baseUrl}/`, { waitUntil: "commit" });
    await page.waitForSelector(FIRST_ROW, { timeout: 60_000 });
    const wall = performance.now() - started;
    const at = await page.evaluate("window.__clcFirstRowAt");
    return [wall, typeof at === "number" ? at : Number.NaN, await page.locator(FIRST_ROW).count()];
  };
  try {
    const first: Array<[number, number, number]> = [];
    for (let run = 0; run < runs; run++) {
      const context = await newContext();
      first.push(await load(await context.newPage()));
      await context.close();
    }
    const repeat: Array<[number, number, number]> = [];
    const context = await newContext();
    const page = await context.newPage();
    for (let priming = 0; priming < 2; priming++) await load(page);
    for (let run = 0; run < runs; run++) repeat.push(await load(page));
    await context.close();
    const summarize = (loads: Array<[number, number, number]>) =>
      timing(
        loads.map(([wall]) => wall),
        loads.map(([, at]) => at),
        loads.at(-1)?.[2] ?? 0,
      );
    return { firstVisit: summarize(first), repeatVisit: summarize(repeat) };
  } finally {
    await browser.close();
  }
}
