import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { FakeStore } from "./fake-store.ts";
import { get } from "./helpers.ts";

const HTML = { headers: { Accept: "text/html,application/xhtml+xml,*/*;q=0.8" } };
const dir = mkdtempSync(join(tmpdir(), "readout-webroot-"));
mkdirSync(join(dir, "assets"));
writeFileSync(join(dir, "index.html"), "<!doctype html><title>app</title>");
writeFileSync(join(dir, "assets", "index-abc123.js"), "console.log(1)");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the web app's files", () => {
  const app = createApp(new FakeStore(), { webRoot: dir });

  it("serves the page at / to browsers and the JSON index to API clients", async () => {
    const page = await get(app, "/", HTML);
    expect([page.status, page.type, page.text]).toEqual([200, "text/html; charset=utf-8", "<!doctype html><title>app</title>"]);
    expect(page.headers.get("cache-control")).toBe("no-cache");
    expect((await get(app, "/index.html")).type).toBe("text/html; charset=utf-8");
    expect(((await get(app, "/")).json as { name: string }).name).toBe("readout");
  });

  it("serves hashed assets with their type, cached for good, and nothing outside the folder", async () => {
    const js = await get(app, "/assets/index-abc123.js");
    expect([js.status, js.type, js.headers.get("cache-control")]).toEqual([200, "text/javascript; charset=utf-8", "public, max-age=31536000, immutable"]);
    expect((await get(app, "/assets/nope.js")).status).toBe(404);
    expect((await get(app, "/assets/..%2Findex.html")).status).toBe(404);
    expect((await get(app, "/assets/../../etc/passwd")).status).toBe(404);
  });

  it("keeps API routes first", async () => {
    expect((await get(app, "/events", HTML)).type).toBe("application/json; charset=utf-8");
  });

  it("says how to build the app when web/dist is missing", async () => {
    const bare = createApp(new FakeStore(), { webRoot: join(dir, "missing") });
    const page = await get(bare, "/", HTML);
    expect(page.status).toBe(503);
    expect(page.text).toContain("npm run build:web");
  });
});
