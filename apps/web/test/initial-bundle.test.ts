// @vitest-environment node
/**
 * What the browser loads first must not hold the domain's zod schemas: they are a third of the old
 * first download, and only forms need them (issue 16). This builds the app once, in memory, with its
 * own vite.config.ts, and follows the chunks' static imports from index.html's script and from the
 * fleet route (the page the first screen shows). No size or time is asserted: bench measures those.
 */
import { fileURLToPath } from "node:url";
import type { Rolldown } from "vite";
import { build } from "vite";
import { beforeAll, describe, expect, it } from "vitest";

type Chunk = Rolldown.OutputChunk;

const WEB_ROOT = fileURLToPath(new URL("..", import.meta.url));
const ZOD = /[\\/]node_modules[\\/](\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?zod[\\/]/;
/** The domain's package root: it re-exports every schema and configures zod's messages. */
const DOMAIN_ROOT = /[\\/]packages[\\/]domain[\\/]src[\\/]index\.ts$/;

let chunks: Map<string, Chunk>;

beforeAll(async () => {
  const result = await build({
    root: WEB_ROOT,
    configFile: fileURLToPath(new URL("../vite.config.ts", import.meta.url)),
    logLevel: "silent",
    build: { write: false, sourcemap: false },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  chunks = new Map();
  for (const output of outputs)
    for (const item of output.output) if (item.type === "chunk") chunks.set(item.fileName, item);
}, 180_000);

/** A chunk and every chunk it imports statically, i.e. what loads before its code can run. */
function staticGraph(start: Chunk): Chunk[] {
  const seen = new Map<string, Chunk>();
  const visit = (chunk: Chunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.set(chunk.fileName, chunk);
    for (const file of chunk.imports) {
      const imported = chunks.get(file);
      if (imported) visit(imported);
    }
  };
  visit(start);
  return [...seen.values()];
}

function modulesOf(graph: Chunk[]): string[] {
  return graph.flatMap((chunk) => chunk.moduleIds);
}

function onlyChunk(predicate: (chunk: Chunk) => boolean, what: string): Chunk {
  const found = [...chunks.values()].filter(predicate);
  expect(
    found.map((c) => c.fileName),
    what,
  ).toHaveLength(1);
  return found[0] as Chunk;
}

describe("the first download", () => {
  it("holds no zod and not the domain's package root", () => {
    const entry = onlyChunk((c) => c.isEntry, "one entry chunk (index.html's script)");
    const modules = modulesOf(staticGraph(entry));
    expect(modules.some((id) => id.includes("react-dom"))).toBe(true); // the walk found the app
    expect(modules.filter((id) => ZOD.test(id))).toEqual([]);
    expect(modules.filter((id) => DOMAIN_ROOT.test(id))).toEqual([]);
  });

  it("nor does the fleet page the first screen shows, with what it imports", () => {
    const fleet = onlyChunk(
      (c) => c.isDynamicEntry && /[\\/]pages[\\/]fleet-page\.tsx$/.test(c.facadeModuleId ?? ""),
      "one chunk for the fleet route",
    );
    const modules = modulesOf(staticGraph(fleet));
    expect(modules.some((id) => /[\\/]fleet[\\/]fleet-table\.tsx$/.test(id))).toBe(true);
    expect(modules.filter((id) => ZOD.test(id))).toEqual([]);
    expect(modules.filter((id) => DOMAIN_ROOT.test(id))).toEqual([]);
  });

  it("while the forms still get the schemas, in a chunk loaded on demand", () => {
    // Without this, a build that dropped zod or renamed its path would pass the two checks above.
    const form = onlyChunk(
      (c) =>
        c.isDynamicEntry &&
        /[\\/]create-destination[\\/]create-destination-page\.tsx$/.test(c.facadeModuleId ?? ""),
      "one chunk for the create-destination route",
    );
    const modules = modulesOf(staticGraph(form));
    expect(modules.some((id) => ZOD.test(id))).toBe(true);
    expect(modules.some((id) => DOMAIN_ROOT.test(id))).toBe(true);
  });
});
