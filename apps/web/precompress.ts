/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside every built text asset the browser loads
 * (JS, CSS, HTML, SVG, JSON) that compression makes smaller, so the BFF's @fastify/static
 * (`preCompressed: true`) answers each browser with the smallest encoding it accepts without
 * compressing on every request. Without them the SPA's first script went out as 382 kB instead of
 * the ~117 kB gzip the bundle budget counts. Source maps are left alone: they are not served in aws
 * mode and only a debugger reads them.
 *
 * Compression is node:zlib's (Brotli quality 11 and gzip level 9: built once, served many times).
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin } from "vite";

const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json)$/i;
/** Below this, headers outweigh the saving (@fastify/send skips small files for the same reason). */
const MIN_BYTES = 1024;

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.isFile()) yield full;
  }
}

/** The compressed copies of one file: `[suffix, bytes]` for each encoding that makes it smaller. */
export function compressedCopies(content: Buffer): Array<[".br" | ".gz", Buffer]> {
  if (content.length < MIN_BYTES) return [];
  const brotli = brotliCompressSync(content, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
    },
  });
  const gzip = gzipSync(content, { level: 9 });
  return (
    [
      [".br", brotli],
      [".gz", gzip],
    ] as Array<[".br" | ".gz", Buffer]>
  ).filter(([, bytes]) => bytes.length < content.length);
}

export function precompress(): Plugin {
  let outDir = "dist";
  return {
    name: "clc:precompress",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle() {
      for await (const file of files(outDir)) {
        if (!COMPRESSIBLE.test(file)) continue;
        for (const [suffix, bytes] of compressedCopies(await readFile(file))) {
          await writeFile(`${file}${suffix}`, bytes);
        }
      }
    },
  };
}
