/**
 * Builds the BFF for production: plain JavaScript in `apps/bff/dist/`, run by `node` with no
 * TypeScript loader (`pnpm build`; README "Deploying"). How: scripts/bundle.ts.
 *
 *   dist/main.js        the console (the entry `pnpm --filter @clc/bff start` runs with tsx)
 *   dist/operators.js   the operators CLI (the entry of `pnpm operators`)
 *   dist/cognito-read-worker.js   the worker thread of Cognito reads (src/aws/cognito-read-worker.ts)
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { bundleBff, manifest, PACKAGE_DIR } from "./bundle.ts";

const OUT_DIR = path.join(PACKAGE_DIR, "dist");

/**
 * The entry points are the files the development scripts run (`tsx <file>`), so moving a file in
 * src/ moves the build with it.
 */
function entryOf(script: "start" | "operators"): string {
  const command = manifest.scripts?.[script] ?? "";
  const file = /^tsx\s+(\S+\.ts)$/.exec(command)?.[1];
  if (!file) throw new Error(`package.json script "${script}" should be "tsx <file>.ts"; got "${command}"`);
  return path.join(PACKAGE_DIR, file);
}

const metafile = await bundleBff({ main: entryOf("start"), operators: entryOf("operators") }, OUT_DIR);
const sizes = Object.entries(metafile.outputs)
  .filter(([file]) => file.endsWith(".js"))
  .map(([file, output]) => `${path.basename(file)} ${(output.bytes / 1024).toFixed(0)} KiB`);
process.stdout.write(`Built ${pathToFileURL(OUT_DIR).pathname}: ${sizes.join(", ")}\n`);
