import { readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The newest modification time of the files under a folder (0 if there are none). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * The URL of dist/<name>.mjs (made by `npm run build`) when it exists and
 * is newer than every file under src/; otherwise null, and the caller runs
 * the TypeScript sources through tsx.
 */
export function freshBuild(name) {
  let built;
  try {
    built = statSync(`${ROOT}/dist/${name}.mjs`).mtimeMs;
  } catch {
    return null;
  }
  return built >= newest(`${ROOT}/src`) ? new URL(`../dist/${name}.mjs`, import.meta.url).href : null;
}
