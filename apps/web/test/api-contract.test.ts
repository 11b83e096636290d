// @vitest-environment node
/**
 * The web app's endpoints come from the BFF's contract (issue 13):
 * - `src/api/schema.d.ts` is what `generate:api` makes from the BFF's OpenAPI document today, so a
 *   BFF route that changed without a regeneration fails here with the command to run;
 * - once regenerated, a route whose path, method, header, body or answer changed fails the web
 *   typecheck at the call that no longer matches (checked with the compiler and the web's tsconfig).
 *
 * The generator builds the BFF in-process (no listener, no AWS). It is loaded by a computed path so
 * that the web typecheck does not follow it into the BFF's sources (they have their own tsconfig).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

interface Generator {
  SCHEMA_FILE: string;
  GENERATE_COMMAND: string;
  bffOpenApiDocument(): Promise<OpenApiDocument>;
  schemaSource(document: OpenApiDocument): Promise<string>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

interface ObjectSchema {
  properties: Record<string, unknown>;
  required: string[];
}

interface Operation {
  parameters?: { in: string; name: string }[];
  responses?: Record<string, { content?: Record<string, { schema: ObjectSchema }> }>;
  requestBody?: {
    content: Record<string, { schema: { properties: Record<string, unknown>; required: string[] } }>;
  };
}

const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const GENERATOR_PATH = path.join(WEB_ROOT, "scripts/generate-api.ts");

let generator: Generator;
let document: OpenApiDocument;
/** Source files shared by every program here: lib and node_modules types are parsed once. */
const parsedFiles = new Map<string, ts.SourceFile>();

beforeAll(async () => {
  generator = (await import(/* @vite-ignore */ GENERATOR_PATH)) as Generator;
  document = await generator.bffOpenApiDocument();
}, 120_000);

/**
 * Diagnostics of the web app's data layer (src/api, with everything it imports, under the web
 * tsconfig) when schema.d.ts reads `schemaText`. Every call to the BFF is in src/api.
 */
function typecheckWebWith(schemaText: string): readonly ts.Diagnostic[] {
  const configPath = path.join(WEB_ROOT, "tsconfig.json");
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  const srcDir = path.join(WEB_ROOT, "src", "api") + path.sep;
  const rootNames = parsed.fileNames.filter((file) => path.resolve(file).startsWith(srcDir));
  const host = ts.createCompilerHost(parsed.options, true);
  const readSource = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError) => {
    if (path.resolve(fileName) === generator.SCHEMA_FILE)
      return ts.createSourceFile(fileName, schemaText, languageVersion, true);
    const known = parsedFiles.get(fileName);
    if (known) return known;
    const file = readSource(fileName, languageVersion, onError);
    if (file) parsedFiles.set(fileName, file);
    return file;
  };
  return ts.getPreEmitDiagnostics(ts.createProgram({ rootNames, options: parsed.options, host }));
}

function describeDiagnostic(diagnostic: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
  if (!diagnostic.file || diagnostic.start === undefined) return message;
  const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${path.relative(WEB_ROOT, diagnostic.file.fileName)}:${line + 1}: ${message}`;
}

/** The 1-based line of the only line of `file` (under src/) containing `marker`. */
function lineOf(file: string, marker: string): number {
  const lines = readFileSync(path.join(WEB_ROOT, "src", file), "utf8").split("\n");
  const found = lines.flatMap((text, index) => (text.includes(marker) ? [index + 1] : []));
  if (found.length !== 1)
    throw new Error(`expected one line with ${marker} in ${file}, found ${found.length}`);
  return found[0] as number;
}

/** Whether an error is reported in `file` within `span` lines from the line holding `marker`. */
function errorsNear(diagnostics: readonly string[], file: string, marker: string, span: number): string[] {
  const from = lineOf(file, marker);
  return diagnostics.filter((text) => {
    const match = /^src\/(.+?):(\d+): /.exec(text);
    return match?.[1] === file && Number(match[2]) >= from && Number(match[2]) <= from + span;
  });
}

describe("the web app's API types", () => {
  it("are the ones generated from the BFF's OpenAPI document (else: run generate:api)", async () => {
    const fresh = await generator.schemaSource(document);
    const checkedIn = readFileSync(generator.SCHEMA_FILE, "utf8");
    expect(
      checkedIn === fresh,
      `src/api/schema.d.ts is out of date with the BFF's routes: run \`${generator.GENERATE_COMMAND}\` and commit it`,
    ).toBe(true);
  }, 60_000);

  it("fail the web typecheck where a call no longer matches a changed route's path, method, header, body or answer", async () => {
    // The same document with five routes changed the way a BFF change would change them.
    const changed: OpenApiDocument = structuredClone(document);
    const fixes = changed.paths["/api/accounts/{accountId}/pools/{poolId}/fixes"];
    const logDelivery = changed.paths["/api/accounts/{accountId}/pools/{poolId}/log-delivery/{eventSource}"];
    const preview =
      changed.paths["/api/accounts/{accountId}/pools/{poolId}/log-delivery/{eventSource}/preview"]?.post;
    const poolAnswer =
      changed.paths["/api/accounts/{accountId}/pools/{poolId}"]?.get?.responses?.["200"]?.content?.[
        "application/json"
      ];
    if (!fixes || !logDelivery?.put || !logDelivery.delete || !preview?.requestBody || !poolAnswer)
      throw new Error("the BFF's document no longer has the routes this test changes");
    // Path: /fixes becomes /fix-actions.
    delete changed.paths["/api/accounts/{accountId}/pools/{poolId}/fixes"];
    changed.paths["/api/accounts/{accountId}/pools/{poolId}/fix-actions"] = fixes;
    // Method: applying log delivery becomes a PATCH.
    logDelivery.patch = logDelivery.put;
    delete logDelivery.put;
    // Header: disabling takes its version in another header.
    for (const parameter of logDelivery.delete.parameters ?? [])
      if (parameter.in === "header" && parameter.name === "if-match") parameter.name = "x-version";
    // Body: the preview's `destination` is renamed `target`.
    const body = preview.requestBody.content["application/json"]?.schema;
    if (!body?.properties.destination) throw new Error("the preview no longer takes a destination");
    body.properties = { target: body.properties.destination };
    body.required = ["target"];
    // Answer: a pool's detail no longer carries its version (which the web app needs for If-Match).
    delete poolAnswer.schema.properties.version;
    poolAnswer.schema.required = poolAnswer.schema.required.filter((name) => name !== "version");

    const asGenerated = typecheckWebWith(await generator.schemaSource(document)).map(describeDiagnostic);
    // The harness itself: today's document typechecks cleanly, so every error below comes from a change.
    expect(asGenerated).toEqual([]);

    const errors = typecheckWebWith(await generator.schemaSource(changed)).map(describeDiagnostic);
    expect(
      errorsNear(errors, "api/pools/mutations.ts", '"/api/accounts/{accountId}/pools/{poolId}/fixes"', 0),
    ).not.toEqual([]);
    expect(errorsNear(errors, "api/pools/mutations.ts", "api.PUT(", 0)).not.toEqual([]);
    expect(errorsNear(errors, "api/pools/mutations.ts", "api.DELETE(", 2)).not.toEqual([]);
    expect(errorsNear(errors, "api/pools/queries.ts", "/preview", 3)).not.toEqual([]);
    expect(
      errorsNear(errors, "api/pools/queries.ts", 'api.GET("/api/accounts/{accountId}/pools/{poolId}"', 2),
    ).not.toEqual([]);
    // Nothing else broke: the changes are caught at those five calls only.
    expect(errors.filter((text) => !/^src\/api\/pools\/(mutations|queries)\.ts:/.test(text))).toEqual([]);
  }, 240_000);
});
