/**
 * The web app's built files (`web/dist`, made by `npm run build:web`), served
 * beside the API. The app routes by URL hash (`/#/events?type=ACCUSE`), so
 * its only page is `/` (and `/index.html`); API paths such as `/events`
 * keep answering JSON. `/` gives the page to browsers (Accept: text/html)
 * and the API's JSON index to everyone else.
 */
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";
import { PACKAGE_ROOT } from "../paths.ts";

/** `web/dist` of this package. */
export const DEFAULT_WEB_ROOT = join(PACKAGE_ROOT, "web", "dist");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};

/** Vite puts content-hashed files under assets/: they never change, so they may be cached for good. */
const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";

const MISSING = `<!doctype html><html lang="en"><meta charset="utf-8"><title>readout: web app not built</title>
<body style="font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>The web app is not built</h1>
<p>This server answers the JSON API (see <a href="/-/openapi.json">/-/openapi.json</a>), but the web app's files are missing.
Build them once in the readout checkout with <code>npm run build:web</code> (<code>npm ci</code> does it too), then reload.</p></body></html>`;

export function wantsHtml(accept: string | undefined): boolean {
  return !!accept && /\btext\/html\b/i.test(accept);
}

export interface WebAssets {
  /** The app's page, or a page saying how to build it when `web/dist` is missing. */
  page(method: string): Promise<Response>;
  /** A file under `assets/`, or null when there is none. */
  asset(path: string, method: string): Promise<Response | null>;
}

export function webAssets(root: string = DEFAULT_WEB_ROOT): WebAssets {
  const base = resolve(root);
  const send = (body: Buffer | string, type: string, cache: string, method: string, status = 200) =>
    new Response(method === "HEAD" ? null : typeof body === "string" ? body : Uint8Array.from(body), { status, headers: { "Content-Type": type, "Cache-Control": cache, "X-Content-Type-Options": "nosniff" } });

  return {
    async page(method) {
      const index = join(base, "index.html");
      if (!existsSync(index)) return send(MISSING, TYPES[".html"]!, REVALIDATE, method, 503);
      return send(await readFile(index), TYPES[".html"]!, REVALIDATE, method);
    },
    async asset(path, method) {
      const file = normalize(join(base, path));
      if (!file.startsWith(base + sep)) return null; // no way out of the folder
      const type = TYPES[extname(file)];
      if (!type || !existsSync(file)) return null;
      return send(await readFile(file), type, IMMUTABLE, method);
    },
  };
}
