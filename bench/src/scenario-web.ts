/**
 * Scenario 3: what the browser downloads first (gzip sizes of the JS and CSS index.html loads) and,
 * with Chromium, the time from navigation to the first rows of a 10,000-pool fleet (warm BFF).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
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
  /** Wall time from page.goto until the first fleet row is in the DOM, each run. */
  firstRowsMs: number[];
  medianMs: number;
  /** The same, by the page's own clock (performance.now() at the time rows were seen). */
  pageClockMedianMs: number;
  rowsShown: number;
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

export async function measureFirstRows(bff: BffProcess, runs = 5): Promise<WebTiming> {
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
  const firstRowsMs: number[] = [];
  const pageClock: number[] = [];
  let rowsShown = 0;
  try {
    for (let run = 0; run < runs; run++) {
      // A new context per run: empty HTTP cache, like a first visit; signed in through the cookie.
      const context = await browser.newContext();
      const cookies = bff.client.cookie
        .split("; ")
        .filter((pair) => pair.includes("="))
        .map((pair) => {
          const eq = pair.indexOf("=");
          return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: bff.baseUrl };
        });
      if (cookies.length > 0) await context.addCookies(cookies);
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(`${bff.baseUrl}/`, { waitUntil: "commit" });
      await page.waitForSelector(FIRST_ROW, { timeout: 60_000 });
      firstRowsMs.push(performance.now() - started);
      pageClock.push(await page.evaluate(() => performance.now()));
      rowsShown = await page.locator(FIRST_ROW).count();
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  };
  return {
    runs,
    firstRowsMs,
    medianMs: median(firstRowsMs),
    pageClockMedianMs: median(pageClock),
    rowsShown,
  };
}
