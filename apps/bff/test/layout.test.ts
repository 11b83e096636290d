/**
 * The BFF's layering rules (apps/bff/README.md "Where is X?", issue 13), checked on the sources'
 * import lines: only the gateways (and the clients and call helpers they share) import the AWS SDK,
 * and no service or shared helper imports the HTTP layer (`src/plugins/`); routes.ts files may.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../src");

/** Every .ts file under src/, as a path relative to src/ with forward slashes. */
function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith(".ts") ? [path.relative(SRC, full).split(path.sep).join("/")] : [];
  });
}

/** The module specifiers a file imports at run time (`import type` lines are left out). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(path.join(SRC, file), "utf8");
  const found: string[] = [];
  for (const match of text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+"([^"]+)";/gms)) {
    if (match[1] === undefined && match[2] !== undefined) found.push(match[2]);
  }
  for (const match of text.matchAll(/import\(\s*"([^"]+)"\s*\)/g)) if (match[1]) found.push(match[1]);
  return found;
}

describe("the BFF's layout", () => {
  it("lets only the gateways, clients.ts, call.ts and the Cognito read worker import the AWS SDK", () => {
    // The worker (and its main-thread side) makes the Cognito gateway's reads in another thread.
    const allowed = /^aws\/([a-z0-9-]+-gateway|clients|call|cognito-read-workers?)\.ts$/;
    const offenders = sources().flatMap((file) =>
      allowed.test(file)
        ? []
        : runtimeImports(file)
            .filter((spec) => spec.startsWith("@aws-sdk/"))
            .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("keeps services and src/lib free of the HTTP layer (src/plugins/); routes.ts files may use it", () => {
    const offenders = sources()
      .filter(
        (file) => (file.startsWith("features/") && !file.endsWith("/routes.ts")) || file.startsWith("lib/"),
      )
      .flatMap((file) =>
        runtimeImports(file)
          .filter((spec) => /(^|\/)plugins\//.test(spec))
          .map((spec) => `${file} imports ${spec}`),
      );
    expect(offenders).toEqual([]);
  });
});
