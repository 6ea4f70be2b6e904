// Builds the web app into web/dist (served by `readout serve`). `npm run dev:web` proxies the API to a running `readout serve`.
import { defineConfig } from "vite";

const API = ["/events", "/actors", "/documents", "/timeline", "/countries", "/network", "/export", "/-"];

export default defineConfig({
  root: import.meta.dirname,
  base: "/",
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 600 },
  server: { proxy: Object.fromEntries(API.map((p) => [p, process.env.READOUT_API ?? "http://127.0.0.1:8080"])) },
});
