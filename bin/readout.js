#!/usr/bin/env -S node --max-old-space-size=256
// Runs the built CLI (dist/, made by `npm run build`, which `npm ci` runs) while it
// is newer than every source file; otherwise the TypeScript sources through tsx,
// so a checkout needs no build step and an edited one never runs stale code.
import { freshBuild } from "./fresh-build.js";

const built = freshBuild("readout");
if (built) await import(built);
else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
