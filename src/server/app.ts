/**
 * The read-only HTTP JSON API over a `Store`. Routes and their parameters
 * are described in `openapi.ts` (served at /-/openapi.json); list routes
 * also answer as CSV (`/events.csv`, or `Accept: text/csv`).
 */
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import type { CountKey, CountRow, EventView, Store } from "../store/model.ts";
import { actorTable, countryTable, edgeTable, eventTable, timelineTable, type Row } from "./csv.ts";
import { MAX_CODE_BYTES, parseCodeRequest } from "./code.ts";
import type { ResponseCache } from "./cache.ts";
import { ClientGone, CodePool } from "./code-pool.ts";
import { MethodNotAllowed, MisdirectedRequest, NotFound, PayloadTooLarge, ServiceUnavailable, TooManyRequests, UnsupportedMediaType, toApiError } from "./errors.ts";
import { hostAllowList, isJsonType } from "./origin.ts";
import { databaseFailure } from "../store/failure.ts";
import { EXPORT_FORMATS, exportFileName, exportResponse, type ExportFormat } from "./export.ts";
import { openApiDocument } from "./openapi.ts";
import { FACET_LIMIT, noQuery, parseActors, parseCountries, parseEvents, parseExport, parseNetwork, parseQuery, parseTimeline, type Facet } from "./params.ts";
import { csvResponse, errorResponse, jsonResponse, prefersCsv } from "./respond.ts";
import { wantsHtml, webAssets } from "./web.ts";

export interface EventsBody {
  /** How many events match the filters, all pages together. */
  total: number;
  events: EventView[];
  /** Pass as `_next` for the following page; null on the last one. */
  next: string | null;
  links: { next: string | null };
  facets?: Partial<Record<Facet, CountRow[]>>;
}

export interface AppOptions {
  /** Where unexpected errors are logged (default: standard error). */
  log?: (line: string) => void;
  /** The built web app's folder (default: this package's `web/dist`); null serves no web app. */
  webRoot?: string | null;
  /** Origins whose pages may read the API and post to it (`serve --cors`); none by default ("*": any). */
  corsOrigins?: readonly string[];
  /** Whether a request addressed to this host name (no port) is answered (default: this machine's loopback names only). */
  allowsHost?: (host: string) => boolean;
  /** The coding threads of `POST /-/code` (default: one thread, started at the first request; its owner closes it). */
  codePool?: CodePool;
  /** Keeps the data routes' answers while the store's version stays the same (`serve` gives one; default none). */
  cache?: ResponseCache;
}

const ALLOW = "GET, HEAD, OPTIONS";

export function createApp(store: Store, options: AppOptions = {}): Hono {
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const app = new Hono();

  const corsOrigins = options.corsOrigins ?? [];
  // On every response, errors included: the web app's scripts and styles come from here only (Observable Plot writes
  // <style> elements, so styles may be inline; scripts may not), no page may frame it, and no browser guesses types.
  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: "DENY",
      referrerPolicy: "no-referrer",
      xContentTypeOptions: "nosniff",
      // (served over plain HTTP: HTTPS and its Strict-Transport-Security are the reverse proxy's)
      strictTransportSecurity: false,
      crossOriginResourcePolicy: corsOrigins.length ? "cross-origin" : "same-origin",
    }),
  );

  // Only requests addressed to this server's own names (a page that points its name at this machine is refused).
  const allowsHost = options.allowsHost ?? hostAllowList("127.0.0.1");
  app.use("*", async (c, next) => {
    const host = new URL(c.req.url).hostname;
    if (!allowsHost(host)) return errorResponse(new MisdirectedRequest(c.req.header("Host") ?? host).body());
    return next();
  });

  if (corsOrigins.length) {
    app.use("*", cors({ origin: corsOrigins.includes("*") ? "*" : [...corsOrigins], allowMethods: ["GET", "HEAD", "POST", "OPTIONS"], allowHeaders: ["Content-Type"], exposeHeaders: ["Link"], maxAge: 86_400 }));
  }

  // The web app: its page at / for browsers, its files under /assets/. API routes are untouched.
  if (options.webRoot !== null) {
    const web = webAssets(options.webRoot);
    app.use("*", async (c, next) => {
      const method = c.req.method;
      if (method !== "GET" && method !== "HEAD") return next();
      const path = c.req.path;
      if ((path === "/" && wantsHtml(c.req.header("Accept"))) || path === "/index.html") return web.page(method);
      if (path.startsWith("/assets/")) return (await web.asset(path.slice(1), method)) ?? next();
      return next();
    });
  }

  /**
   * A data route's handler: nothing done for a client gone already; else answered from the cache when it holds this
   * request's answer for the store's version (the URL, host included, and the format asked for make the key: answers
   * carry absolute links).
   */
  const cache = options.cache;
  const cached =
    (handler: (c: Context) => Promise<Response> | Response) =>
    async (c: Context): Promise<Response> => {
      // (a request waits while others are answered; no one reads the answer of a client that hung up meanwhile)
      if (c.req.raw.signal.aborted) return errorResponse(new ServiceUnavailable("the client hung up").body());
      if (!cache || c.req.method !== "GET") return handler(c);
      const key = `${c.req.url}\u0000${wantsCsv(c) ? "csv" : "json"}`;
      const version = await store.version();
      const hit = cache.get(key, version);
      if (hit) return new Response(hit.body, { status: hit.status, headers: [...hit.headers, ["X-Readout-Cache", "hit"]] });
      const res = await handler(c);
      if (res.status !== 200) return res;
      const body = await res.arrayBuffer();
      const headers = [...res.headers.entries()];
      cache.set(key, version, { status: res.status, headers, body });
      return new Response(body, { status: res.status, headers: [...headers, ["X-Readout-Cache", "miss"]] });
    };

  /** A GET route; any other method on the same path is a 405. Data routes (all but `/`, `/-/…` and downloads) are cached. */
  const route = (paths: string[], handler: (c: Context) => Promise<Response> | Response, { cache = true } = {}) => {
    for (const path of paths) {
      app.get(path, !cache || path === "/" || path.startsWith("/-/") ? handler : cached(handler));
      app.all(path, (c) => errorResponse(new MethodNotAllowed(c.req.method, c.req.path).body(), { Allow: ALLOW }));
    }
  };

  route(["/"], (c) => {
    parseQuery(noQuery, query(c));
    return jsonResponse({ name: "readout", description: "PLOVER event data with evidence", openapi: "/-/openapi.json" });
  });

  route(["/events", "/events.csv"], async (c) => {
    const { filter, page, facets } = parseEvents(query(c));
    const csv = wantsCsv(c);
    // the page and its counts at once (on two connections or reading threads); every event has one type, so the
    // counts by type sum to the total
    const keys = [...new Set<CountKey>([...facets, "type"])];
    const [result, counts] = await Promise.all([store.events(filter, page), csv ? null : store.counts(filter, keys, FACET_LIMIT)]);
    const next = result.next === null ? null : withParam(c.req.url, "_next", result.next);
    const headers: Record<string, string> = { Vary: "Accept", ...(next ? { Link: `<${next}>; rel="next"` } : {}) };
    if (csv || !counts) return csvResponse(eventTable(result.events), headers);
    const total = (counts.get("type") ?? []).reduce((n, r) => n + r.count, 0);
    const body: EventsBody = { total, events: result.events, next: result.next, links: { next } };
    if (facets.length) body.facets = Object.fromEntries(facets.map((f) => [f, counts.get(f) ?? []]));
    return jsonResponse(body, 200, headers);
  });

  /** One item by id (ids may hold ":", "@" and "/"), or a 404 naming it. */
  const byId = (path: string, noun: string, get: (id: string) => Promise<unknown>) =>
    route([`${path}/:id{.+}`], async (c) => {
      parseQuery(noQuery, query(c));
      const id = pathId(c);
      return jsonResponse(found(await get(id), `no ${noun} with id "${id}"`));
    });

  // Whole results as files, streamed (see export.ts); never cached: a download is read once, and may be large
  for (const format of Object.keys(EXPORT_FORMATS) as ExportFormat[]) {
    const path = `/export/events.${EXPORT_FORMATS[format].extension}`;
    route(
      [path],
      (c) => {
        const params = query(c);
        const { filter, sort } = parseExport(params);
        return exportResponse(store, filter, sort, format, exportFileName(params, format), log);
      },
      { cache: false },
    );
  }

  byId("/events", "event", (id) => store.event(id));

  route(["/actors", "/actors.csv"], async (c) => {
    const { q, limit } = parseActors(query(c));
    const actors = await store.actors(q, limit);
    return listResponse(c, () => actorTable(actors), actors);
  });

  byId("/actors", "actor", (id) => store.actor(id));

  byId("/documents", "document", (id) => store.document(id));

  route(["/timeline", "/timeline.csv"], async (c) => {
    const { filter, interval } = parseTimeline(query(c));
    const rows = await store.timeline(filter, interval);
    return listResponse(c, () => timelineTable(rows), rows);
  });

  route(["/countries", "/countries.csv"], async (c) => {
    const countries = await store.countries(parseCountries(query(c)));
    return listResponse(c, () => countryTable(countries), countries);
  });

  route(["/network", "/network.csv"], async (c) => {
    const { filter, level, limit } = parseNetwork(query(c));
    const network = await store.network(filter, level, limit);
    return listResponse(c, () => edgeTable(network.nodes, network.edges), network);
  });

  route(["/-/health"], async (c) => {
    parseQuery(noQuery, query(c));
    const stats = await store.stats();
    return jsonResponse({ status: "ok", backend: store.backend, ...stats });
  });

  // Codes a pasted text on the spot (the web app's "Try it"); nothing is stored. The coding runs on the pool's threads.
  const pool = options.codePool ?? new CodePool();
  const busy = (refused: TooManyRequests) => errorResponse(refused.body(), { "Retry-After": String(refused.retryAfter) });
  app.post(
    "/-/code",
    // (JSON only: a page elsewhere may post text or a form without asking, but JSON needs a CORS preflight)
    async (c, next) => (isJsonType(c.req.header("Content-Type")) ? next() : errorResponse(new UnsupportedMediaType(c.req.header("Content-Type")).body())),
    // (refused before its body is read when every thread and the queue are taken: a flood of posts costs no memory)
    async (c, next) => {
      const refused = pool.refusal();
      return refused ? busy(refused) : next();
    },
    bodyLimit({ maxSize: MAX_CODE_BYTES, onError: () => errorResponse(new PayloadTooLarge(MAX_CODE_BYTES).body()) }),
    async (c) => {
      const request = parseCodeRequest(await c.req.text());
      try {
        return jsonResponse(await pool.code(request, c.req.raw.signal));
      } catch (error) {
        if (error instanceof TooManyRequests) return busy(error);
        // (no one reads this answer)
        if (error instanceof ClientGone) return errorResponse(new ServiceUnavailable("the client hung up").body());
        throw error;
      }
    },
  );
  app.all("/-/code", (c) => errorResponse(new MethodNotAllowed(c.req.method, c.req.path, "POST").body(), { Allow: "POST, OPTIONS" }));

  route(["/-/openapi.json"], (c) => {
    parseQuery(noQuery, query(c));
    return jsonResponse(openApiDocument);
  });

  app.notFound((c) => errorResponse(new NotFound(`no route ${c.req.path}; the routes are listed at /-/openapi.json`).body()));

  app.onError((error, c) => {
    // (a damaged or unreachable database is the operator's to fix, in one line of the log, not a bug of readout)
    const failure = databaseFailure(null, error);
    if (failure) {
      log(`readout serve: ${c.req.method} ${c.req.url}: ${failure.message}`);
      return errorResponse(new ServiceUnavailable("the event database cannot be read just now; the details are in the server's log").body());
    }
    const api = toApiError(error);
    if (api.status === 500) log(`readout serve: ${c.req.method} ${c.req.url}: ${error.stack ?? String(error)}`);
    return errorResponse(api.body());
  });

  return app;
}

const pathId = (c: Context): string => c.req.param("id") ?? "";

const query = (c: Context): URLSearchParams => new URL(c.req.url).searchParams;

const wantsCsv = (c: Context): boolean => c.req.path.endsWith(".csv") || prefersCsv(c.req.header("Accept"));

/** A list route's answer: the CSV table when asked for (see `wantsCsv`), else the JSON body. */
function listResponse(c: Context, table: () => readonly Row[], body: unknown): Response {
  const headers = { Vary: "Accept" };
  return wantsCsv(c) ? csvResponse(table(), headers) : jsonResponse(body, 200, headers);
}

function found<T>(value: T | null, message: string): T {
  if (value === null) throw new NotFound(message);
  return value;
}

/** The request URL with one parameter set (the next page's link). */
function withParam(url: string, name: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(name, value);
  return u.toString();
}
