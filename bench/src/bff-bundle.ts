/**
 * The bench's BFF process runs the way production does (Dockerfile, scripts/start-prod.sh): plain
 * JavaScript built by the product's bundler (apps/bff/scripts/bundle.ts), started by `node` with the
 * product's flags and environment, no TypeScript loader. tsx's in-process compiler and source cache
 * added about 25 MB to the RSS the bench reports (warm fill of 10,000 pools: 228 → 204 MB, before
 * MALLOC_ARENA_MAX) and is not what ships.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundleBff, PACKAGE_DIR } from "../../apps/bff/scripts/bundle.ts";
import { progress } from "./progress.ts";

const CHILD_SOURCE = fileURLToPath(new URL("./bff-child.ts", import.meta.url));
/** Inside apps/bff, so the BFF's dependencies resolve from its node_modules as in the artifact. */
const OUT_DIR = path.join(PACKAGE_DIR, "dist-bench");

let built: Promise<string> | undefined;

/** The bundled bench BFF (`apps/bff/dist-bench/bff-child.js`), built once per bench run. */
export function benchBffBundle(): Promise<string> {
  built ??= (async () => {
    progress("bench: bundling the BFF process as production builds it (apps/bff/scripts/bundle.ts)");
    await bundleBff({ "bff-child": CHILD_SOURCE }, OUT_DIR);
    return path.join(OUT_DIR, "bff-child.js");
  })();
  return built;
}
