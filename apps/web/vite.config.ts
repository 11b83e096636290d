import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// In dev, Vite serves the SPA and forwards /api to a running BFF (BFF_URL), so cookies and
// CSRF behave as in production: same origin from the browser's point of view.
const bffUrl = process.env.BFF_URL ?? "http://127.0.0.1:3000";

export default defineConfig({
  plugins: [react()],
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
    // The budget is 200 kB gzip of initial JS; Vite warns on raw size, so set the raw limit near it.
    chunkSizeWarningLimit: 600,
  },
});
