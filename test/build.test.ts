import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { freshBuild } from "../bin/fresh-build.js";

/** The built CLI (dist/, made by `npm run build`, which `npm ci` runs) must code exactly as the sources do. */

const REPO = fileURLToPath(new URL("..", import.meta.url));
const TEXT = `Foreign Minister Ana Ruiz met with Chinese Foreign Minister Wang Yi in Beijing on 4 March 2024.
The two ministers agreed to strengthen cooperation on trade. Ruiz invited Wang to visit Madrid.`;

function run(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((done) => {
    execFile(process.execPath, args, { cwd: REPO, timeout: 55_000, encoding: "utf8" }, (error, stdout, stderr) => {
      done({ stdout, stderr, code: error ? Number(error.code ?? 1) : 0 });
    });
  });
}

const built = freshBuild("readout");
if (!built) console.log("build.test: dist/ is missing or older than src/ (run `npm run build`); the built CLI is not compared");

describe.skipIf(!built)("the built CLI", () => {
  it("codes a text byte for byte as the TypeScript sources do", async () => {
    const dir = await mkdtemp(join(tmpdir(), "readout-build-"));
    try {
      const file = join(dir, "readout.txt");
      await writeFile(file, TEXT);
      const fromBuild = await run(["dist/readout.mjs", "code", file, "--date", "2024-03-04"]);
      const fromSource = await run(["--import", "tsx", "src/cli/main.ts", "code", file, "--date", "2024-03-04"]);
      expect(fromBuild.code, fromBuild.stderr).toBe(0);
      expect(fromSource.code, fromSource.stderr).toBe(0);
      expect(fromBuild.stdout.split("\n").filter(Boolean).length).toBeGreaterThan(0);
      expect(fromBuild.stdout).toBe(fromSource.stdout);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
