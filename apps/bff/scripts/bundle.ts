/**
 * Bundles BFF entry points the way production runs them (scripts/build.ts; README "Deploying"):
 * plain JavaScript for `node`, no TypeScript loader. The bench bundles its BFF process with it too
 * (bench/src/bff-bundle.ts), so the memory and speed it measures are those of the code that ships,
 * not of tsx's in-process compiler and source cache.
 *
 * esbuild bundles our own TypeScript, including the workspace packages (@clc/domain, @clc/sandbox:
 * TypeScript sources imported with `.ts` extensions, which Node cannot run), into each entry. Every
 * package named in this package's `dependencies` stays an import, resolved at run time from the
 * `node_modules` next to the output (apps/bff/node_modules in the repository, the one `pnpm deploy
 * --prod` installs in the artifact): so better-sqlite3's native addon and the AWS SDK are used as
 * published. Anything else a workspace package imports (e.g. the sandbox's XML parser) is inlined.
 * Fails if the output imports a package outside `dependencies`.
 */
import { readFileSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Metafile, type Plugin } from "esbuild";

export const PACKAGE_DIR = fileURLToPath(new URL("../", import.meta.url));

interface PackageJson {
  dependencies?: Record<string, string>;
  scripts?: Record<string, string>;
}
export const manifest = JSON.parse(
  readFileSync(path.join(PACKAGE_DIR, "package.json"), "utf8"),
) as PackageJson;

/** The production dependencies; workspace packages are inlined, so they are not among them. */
const runtimeDependencies = new Set(
  Object.entries(manifest.dependencies ?? {})
    .filter(([, version]) => !version.startsWith("workspace:"))
    .map(([name]) => name),
);

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return (specifier.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
}

/** Leaves the production dependencies as imports; everything else is bundled. */
const keepRuntimeDependencies: Plugin = {
  name: "keep-runtime-dependencies",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("node:")) return { path: args.path, external: true };
      return runtimeDependencies.has(packageName(args.path))
        ? { path: args.path, external: true }
        : undefined;
    });
  },
};

/**
 * A bundle has one `import.meta.url`: the bundle's. Our sources compute paths from their own
 * location (config.ts's REPO_ROOT: the web app, the default data directory), so each keeps the URL
 * of its source file, expressed relative to the bundle. The artifact repeats the repository's
 * layout (apps/bff/dist next to apps/web/dist), so those paths mean the same in both.
 */
function keepSourceLocation(outDir: string): Plugin {
  return {
    name: "keep-source-location",
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const source = readFileSync(args.path, "utf8");
        if (/import\.meta\.(dirname|filename)\b/.test(source)) {
          return {
            errors: [
              {
                text: "use new URL(…, import.meta.url) instead of import.meta's dirname or filename (Node 20.11+ only; the build maps import.meta.url)",
              },
            ],
          };
        }
        if (!source.includes("import.meta.url")) return undefined;
        const relative = path.relative(outDir, args.path).split(path.sep).join("/");
        const contents = source.replaceAll(
          "import.meta.url",
          `new URL(${JSON.stringify(relative)}, import.meta.url).href`,
        );
        return { contents, loader: "ts" };
      });
    },
  };
}

/**
 * Bundles `entryPoints` (output name → source file) into `outDir` (emptied first), one `<name>.js`
 * ES module each, with source maps. `outDir` must be inside apps/bff so the kept imports resolve.
 * Returns esbuild's metafile (the outputs and their sizes).
 */
export async function bundleBff(entryPoints: Record<string, string>, outDir: string): Promise<Metafile> {
  rmSync(outDir, { recursive: true, force: true });
  const result = await build({
    // The Cognito read workers' entry (aws/cognito-read-workers.ts finds it beside the bundle).
    entryPoints: {
      ...entryPoints,
      "cognito-read-worker": path.join(PACKAGE_DIR, "src/aws/cognito-read-worker.ts"),
    },
    outdir: outDir,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20.19",
    // Stack traces in the log point at our sources with `node --enable-source-maps`.
    sourcemap: true,
    sourcesContent: false,
    // Inlined CommonJS code would call require(), which an ES module lacks unless it is made (nothing
    // inlined is CommonJS today; a new inlined package may be).
    banner: {
      js: 'import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);\nglobalThis.__clcBundleUrl ??= import.meta.url;',
    },
    plugins: [keepRuntimeDependencies, keepSourceLocation(outDir)],
    metafile: true,
    logLevel: "warning",
  });

  const imported = new Set<string>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const entry of output.imports) {
      const builtin = entry.path.startsWith("node:") || builtinModules.includes(entry.path);
      if (entry.external && !builtin) imported.add(packageName(entry.path));
    }
  }
  const missing = [...imported].filter((name) => !runtimeDependencies.has(name));
  if (missing.length > 0) {
    throw new Error(`the build imports ${missing.join(", ")}, not in apps/bff/package.json "dependencies"`);
  }
  return result.metafile;
}
