/**
 * Builds dist/: the CLI (dist/readout.mjs), the ingest worker
 * (dist/code-worker.mjs), serve's coding thread (dist/text-worker.mjs), its
 * reading threads (dist/read-worker.mjs) and
 * the library (dist/index.mjs) as ES module
 * bundles of src/, with shared code in chunks beside them and source maps.
 * Dependencies stay imports of node_modules. `npm ci` runs this (prepare).
 *
 * bin/readout.js and the coder benchmark run dist/ only while it is newer
 * than every file under src/ (bin/fresh-build.js), and the sources through
 * tsx otherwise, so an edited checkout never runs stale code. The build
 * runs about 15% faster than tsx, which compiles each module on load and
 * wraps every function to keep its name.
 *
 *   npm run build
 */
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
rmSync(`${root}/dist`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { readout: "src/cli/main.ts", "code-worker": "src/store/code-worker.ts", "text-worker": "src/server/text-worker.ts", "read-worker": "src/store/read-worker.ts", index: "src/index.ts" },
  // src/paths.ts finds data/ and web/dist/ one folder up from itself: dist/ is one folder down, as src/ is
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // esbuild's table has no Node version for \p{…} in regular expressions, so for a "node20" target it rewrites each
  // /\p{Lu}/u literal as a new RegExp("…") built at every evaluation: 3% of the coder's time; Node has had them since 10
  supported: { "regexp-unicode-property-escapes": true },
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
