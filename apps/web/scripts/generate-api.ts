/**
 * Generates `src/api/schema.d.ts`, the web app's types of every BFF endpoint, from the OpenAPI
 * document the BFF publishes at `/api/openapi.json`.
 *
 *   corepack pnpm --filter @clc/web generate:api           # rewrite src/api/schema.d.ts
 *   corepack pnpm --filter @clc/web generate:api --check   # exit 1 if it differs from the BFF's routes
 *
 * No network listener and no AWS: the BFF app is built in-process with its real auth plugin (so
 * /api/session and /api/audit are in the document) over an in-memory operator store, and the document
 * is read with `inject`, exactly as a browser would GET it. Nothing reaches the (unused) AWS target.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { buildApp } from "../../bff/src/app.ts";
import { loadConfig } from "../../bff/src/config.ts";
import { createAccessControl } from "../../bff/src/plugins/access.ts";
import { createSqliteStores } from "../../bff/src/store/sqlite/index.ts";

const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SCHEMA_FILE = path.join(WEB_ROOT, "src/api/schema.d.ts");
export const GENERATE_COMMAND = "corepack pnpm --filter @clc/web generate:api";

const HEADER = `/**
 * GENERATED from the BFF's OpenAPI document (GET /api/openapi.json) by apps/web/scripts/generate-api.ts.
 * Do not edit: change the route or its zod schema in the BFF, then run \`${GENERATE_COMMAND}\`.
 */

`;

/** The OpenAPI document the BFF serves, read from an app built in this process (never listening). */
export async function bffOpenApiDocument(): Promise<Record<string, unknown>> {
  const stores = createSqliteStores(":memory:");
  const config = loadConfig({ CLC_MODE: "sandbox", LOG_LEVEL: "silent", WEB_DIST: "/nonexistent-web-dist" });
  const app = await buildApp({
    config,
    // Building the document makes no AWS call; a closed port makes sure nothing could answer one.
    target: { mode: "sandbox", endpoint: "http://127.0.0.1:9" },
    auth: createAccessControl({ stores }),
    creationRuns: stores.creationRuns,
    logger: false,
  });
  try {
    const answer = await app.inject({ method: "GET", url: "/api/openapi.json" });
    if (answer.statusCode !== 200)
      throw new Error(`GET /api/openapi.json answered ${answer.statusCode}: ${answer.body.slice(0, 500)}`);
    return answer.json();
  } finally {
    await app.close();
    await stores.close();
  }
}

/** The text of schema.d.ts for a document (deterministic: same document, same text). */
export async function schemaSource(document: Record<string, unknown>): Promise<string> {
  // biome-ignore lint/suspicious/noExplicitAny: openapi-typescript takes its own OpenAPI3 type; the BFF's document is that shape.
  const ast = await openapiTS(document as any, {
    // A stable order, so a route registered elsewhere in the BFF does not rewrite the whole file.
    alphabetize: true,
  });
  return HEADER + astToString(ast);
}

async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  const fresh = await schemaSource(await bffOpenApiDocument());
  if (check) {
    let current = "";
    try {
      current = readFileSync(SCHEMA_FILE, "utf8");
    } catch {
      // A missing file is simply out of date.
    }
    if (current !== fresh) {
      process.stderr.write(
        `${path.relative(process.cwd(), SCHEMA_FILE)} is out of date with the BFF's routes.\n` +
          `Run \`${GENERATE_COMMAND}\` and commit the result.\n`,
      );
      process.exit(1);
    }
    process.stdout.write("src/api/schema.d.ts matches the BFF's OpenAPI document.\n");
    return;
  }
  writeFileSync(SCHEMA_FILE, fresh);
  process.stdout.write(`Wrote ${path.relative(process.cwd(), SCHEMA_FILE)}.\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    // The BFF's modules may hold timers or sockets open; the work is done.
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(
        `Could not generate the API types: ${error instanceof Error ? error.stack : String(error)}\n`,
      );
      process.exit(2);
    },
  );
}
