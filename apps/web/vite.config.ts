import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { precompress } from "./precompress.ts";

// In dev, Vite serves the SPA and forwards /api to a running BFF (BFF_URL), so cookies and
// CSRF behave as in production: same origin from the browser's point of view.
const bffUrl = process.env.BFF_URL ?? "http://127.0.0.1:3000";

// react-router 7.18's package exports name only its development build (dev warnings compiled in);
// builds take its production build, as its later releases' exports do on their own
// (remix-run/react-router#14753). Dev keeps the warnings.
const reactRouterProduction = fileURLToPath(
  new URL("./node_modules/react-router/dist/production/index.mjs", import.meta.url),
);

export default defineConfig(({ command }) => ({
  plugins: [react(), precompress()],
  resolve: {
    alias: command === "build" ? [{ find: /^react-router$/, replacement: reactRouterProduction }] : [],
  },
  server: {
    host: "127.0.0.1",
    proxy: {
      "/api": { target: bffUrl, changeOrigin: false },
    },
  },
  preview: { host: "127.0.0.1" },
  build: {
    outDir: "dist",
    sourcemap: true,
    // The budget is 120 kB gzip of initial JS (issue 16; bench measures it); Vite warns on raw size,
    // so set the raw limit near the largest chunk's.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: "shell", tags: ["$initial"], priority: 2 },
            {
              name: "page-kit",
              test: /apps[\\/]web[\\/]src[\\/](components[\\/]|api[\\/]mutation\.ts)|packages[\\/]domain[\\/]src[\\/](arn|console-links|labels|vocabulary)\.ts/,
              minShareCount: 2,
              priority: 1,
            },
          ],
        },
      },
    },
  },
}));
