import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { HttpProblem } from "./http-problem.ts";

/** Source maps next to the built files (`vite build` writes them for local debugging). */
const SOURCE_MAP = /\.map$/i;

/**
 * Serves the built SPA from `webDist`. Unknown GETs outside /api get index.html (client-side routes);
 * everything else that matches no route is a 404 problem. If the web app was not built, pages answer
 * a message saying how to build it instead of a bare 404.
 *
 * `serveSourceMaps`: false in aws mode (production): the maps hand out the whole web source, comments
 * included, to anyone who can reach the page; a `.map` URL is then a 404, not the SPA's page.
 */
export async function registerWebApp(
  app: FastifyInstance,
  webDist: string,
  options: { serveSourceMaps: boolean } = { serveSourceMaps: false },
): Promise<void> {
  const indexHtml = path.join(webDist, "index.html");
  const built = existsSync(indexHtml);

  if (built) {
    await app.register(async (scope) => {
      // @fastify/static takes no route config; its routes are public like the page itself.
      scope.addHook("onRoute", (route) => {
        route.config = { ...(route.config ?? {}), access: route.config?.access ?? "public" };
      });
      await scope.register(fastifyStatic, {
        root: webDist,
        index: ["index.html"],
        wildcard: true,
        // The web build writes .br and .gz beside each script and stylesheet (apps/web/precompress.ts):
        // each browser gets the smallest encoding it accepts, with Vary: Accept-Encoding.
        preCompressed: true,
        // Vite names every file under assets/ by its content's hash, so a cached copy never goes
        // stale: a year, no revalidation (a returning browser loads the SPA from its cache). Every
        // other file (index.html above all) names those, so it is revalidated on every load.
        cacheControl: false,
        setHeaders: (reply, filePath) => {
          const hashed = path.relative(webDist, filePath).startsWith(`assets${path.sep}`);
          reply.header("cache-control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
        },
        allowedPath: (pathName) => options.serveSourceMaps || !SOURCE_MAP.test(pathName),
      });
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split("?")[0] ?? "/";
    const isPage =
      (request.method === "GET" || request.method === "HEAD") &&
      !url.startsWith("/api/") &&
      url !== "/api" &&
      // A hashed file a tab opened before a deploy still asks for: a 404, not index.html, which
      // the browser would fail to run as a module with a MIME error.
      !url.startsWith("/assets/") &&
      !SOURCE_MAP.test(url);
    if (isPage && built) {
      return reply.type("text/html; charset=utf-8").sendFile("index.html");
    }
    if (isPage) {
      return reply
        .code(503)
        .type("text/plain; charset=utf-8")
        .send(
          `The web app is not built yet (no ${indexHtml}).\nRun \`pnpm build\` in the repository, then reload this page.\nThe API is available under /api (see /api/openapi.json).\n`,
        );
    }
    throw new HttpProblem(404, "not-found", "Not found", {
      detail: `No route ${request.method} ${url}.`,
      hint: "See /api/openapi.json for the routes this console offers.",
    });
  });
}
