/**
 * Builds the BFF for production: plain JavaScript in `apps/bff/dist/`, run by `node` with no
 * TypeScript loader (`pnpm build`; README "Deploying").
 *
 *   dist/main.js        the console (the entry `pnpm --filter @clc/bff start` runs with tsx)
 *   dist/operators.js   the operators CLI (the entry of `pnpm operators`)
 *
 * esbuild bundles our own TypeScript, including the workspace packages (@clc/domain, @clc/sandbox:
 * TypeScript sources imported with `.ts` extensions, which Node cannot run), into each entry. Every
 * package named in this package's `dependencies` stays an import, resolved at run time from the
 * `node_modules` that `pnpm deploy --prod` installs (scripts/prod-deploy.sh): so better-sqlite3's
 * native addon and the AWS SDK are used as published, and the artifact can need nothing that a
 * production install lacks. Anything else a workspace package imports (e.g. the sandbox's XML
 * parser) is inlined. The build fails if the output imports a package outside `dependencies`.
 */
import { readFileSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";

const PACKAGE_DIR = fileURLToPath(new URL("../", import.meta.url));
const OUT_DIR = path.join(PACKAGE_DIR, "dist");

interface PackageJson {
  dependencies?: Record<string, string>;
  scripts?: Record<string, string>;
}
const manifest = JSON.parse(readFileSync(path.join(PACKAGE_DIR, "package.json"), "utf8")) as PackageJson;

/** The production dependencies; workspace packages are inlined, so they are not among them. */
const runtimeDependencies = new Set(
  Object.entries(manifest.dependencies ?? {})
    .filter(([, version]) => !version.startsWith("workspace:"))
    .map(([name]) => name),
);

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
const keepSourceLocation: Plugin = {
  name: "keep-source-location",
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = readFileSync(args.path, "utf8");
      if (/import\.meta\.(dirname|filename)\b/.test(source)) {
        return {
          errors: [
            {
              text: "use new URL(…, import.meta.url) instead of import.meta.dirname/filename (Node 20.11+ only; the build maps import.meta.url)",
            },
          ],
        };
      }
      if (!source.includes("import.meta.url")) return undefined;
      const relative = path.relative(OUT_DIR, args.path).split(path.sep).join("/");
      const contents = source.replaceAll(
        "import.meta.url",
        `new URL(${JSON.stringify(relative)}, import.meta.url).href`,
      );
      return { contents, loader: "ts" };
    });
  },
};

rmSync(OUT_DIR, { recursive: true, force: true });
const result = await build({
  entryPoints: { main: entryOf("start"), operators: entryOf("operators") },
  outdir: OUT_DIR,
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
    js: 'import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);',
  },
  plugins: [keepRuntimeDependencies, keepSourceLocation],
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
const sizes = Object.entries(result.metafile.outputs)
  .filter(([file]) => file.endsWith(".js"))
  .map(([file, output]) => `${path.basename(file)} ${(output.bytes / 1024).toFixed(0)} KiB`);
process.stdout.write(`Built ${pathToFileURL(OUT_DIR).pathname}: ${sizes.join(", ")}\n`);
