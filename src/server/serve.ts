/** Serving the API over HTTP (`readout serve`). */
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { availableParallelism } from "node:os";
import type { Store } from "../store/model.ts";
import type { SqlStore } from "../store/sql.ts";
import { ReadPool } from "../store/read-pool.ts";
import { isPostgresUrl, openStoreForReading, redactTarget } from "../store/open.ts";
import { createApp, type AppOptions } from "./app.ts";
import { ResponseCache } from "./cache.ts";
import { CodePool } from "./code-pool.ts";
import { hostAllowList } from "./origin.ts";

export interface ServeOptions {
  port: number;
  host: string;
  /** Names besides the bound address and loopback that requests may be addressed to (`--host-name`). */
  hostNames?: readonly string[];
  /** Origins whose pages may use the API (`--cors`); none by default. */
  corsOrigins?: readonly string[];
  /** Coding threads for `POST /-/code` (default 1), and each request's time budget in ms (default 30 s). */
  codeWorkers?: number;
  codeBudgetMs?: number;
  /** Bytes of answers kept for repeated requests (default 64 MiB; 0 keeps none). */
  cacheBytes?: number;
}

export interface RunningServer {
  /** `http://host:port`, with the port actually bound (for port 0). */
  url: string;
  /** Stops accepting requests, ends open connections and resolves when closed. The store stays open. */
  close(): Promise<void>;
}

/** Starts serving `store`; resolves once listening, rejects if the address cannot be bound. */
export async function serve(store: Store, { port, host, hostNames = [], corsOrigins = [], codeWorkers, codeBudgetMs, cacheBytes = 64 * 1024 * 1024 }: ServeOptions, options: AppOptions = {}): Promise<RunningServer> {
  const codePool = new CodePool({ workers: codeWorkers, budgetMs: codeBudgetMs });
  const cache = cacheBytes > 0 ? new ResponseCache({ maxBytes: cacheBytes }) : undefined;
  const app = createApp(store, { allowsHost: hostAllowList(host, hostNames), corsOrigins, codePool, cache, ...options });
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    await codePool.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const shown = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}`,
    close: async () => {
      await codePool.close();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        if ("closeAllConnections" in server) server.closeAllConnections();
      });
    },
  };
}

export interface ServeCommandOptions {
  /** Path of the SQLite event database, or a postgres:// URL. */
  db: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1 (this machine only). */
  host?: string;
  /** Other names the server is reached by (a reverse proxy's, this machine's DNS name): `--host-name`, repeatable. */
  hostName?: string[];
  /** Origins whose pages may use the API: `--cors`, repeatable. */
  cors?: string[];
  /** Coding threads for `POST /-/code` (`--code-workers`) and its time budget in seconds (`--code-timeout`). */
  codeWorkers?: number;
  codeTimeout?: number;
  /** Megabytes of answers kept for repeated requests (`--cache-mb`, default 64; 0 keeps none). */
  cacheMb?: number;
  /** Threads reading a SQLite database (`--read-workers`, default one per core; 0 reads on the serving thread). */
  readWorkers?: number;
  /** Stops the server when aborted (as SIGINT and SIGTERM do). */
  signal?: AbortSignal;
}

/**
 * `readout serve`: serves a database (SQLite opened read-only, or PostgreSQL) until SIGINT, SIGTERM or `opts.signal`. Prints
 * one line when listening, and one line on a problem; resolves with the exit
 * status (0 after a clean shutdown, 1 if the address cannot be bound, 2 if
 * the database does not exist). Use: `process.exitCode = await serveCommand(opts)`.
 */
export async function serveCommand(opts: ServeCommandOptions, print: (line: string) => void = (line) => void process.stderr.write(`${line}\n`)): Promise<number> {
  const port = opts.port ?? 8080;
  const host = opts.host ?? "127.0.0.1";
  const postgres = isPostgresUrl(opts.db);
  if (!postgres && !existsSync(opts.db)) {
    print(`readout: no database at ${redactTarget(opts.db)}; run \`readout ingest …\` first (or pass its path)`);
    return 2;
  }
  let store: SqlStore;
  try {
    store = await openStoreForReading(opts.db);
  } catch (error) {
    print(`readout: cannot open the database ${redactTarget(opts.db)}: ${redactTarget((error as Error).message)}; ${postgres ? "check the URL and that the server is running" : "give the path of a readout database"}`);
    return 2;
  }
  // SQLite answers one query at a time per connection, on the thread that asks: reads go to threads of their own
  const threads = postgres ? 0 : (opts.readWorkers ?? availableParallelism());
  let readers: ReadPool | null = null;
  if (threads > 0) {
    try {
      const main = store;
      readers = await ReadPool.open(opts.db, "sqlite", threads, () => main.version());
    } catch (error) {
      await store.close();
      print(`readout: cannot open the database ${redactTarget(opts.db)} for reading: ${redactTarget((error as Error).message)}`);
      return 2;
    }
  }
  // read here (PostgreSQL, or SQLite without reading threads): facet counts of full-text matches from memory once built;
  // reading threads keep their own
  if (!readers) void store.keepFacetIndex();
  const close = async () => {
    await readers?.close();
    await store.close();
  };
  let server: RunningServer;
  try {
    server = await serve(readers ?? store, {
      port,
      host,
      hostNames: opts.hostName ?? [],
      corsOrigins: opts.cors ?? [],
      codeWorkers: opts.codeWorkers,
      codeBudgetMs: opts.codeTimeout === undefined ? undefined : opts.codeTimeout * 1000,
      cacheBytes: opts.cacheMb === undefined ? undefined : opts.cacheMb * 1024 * 1024,
    });
  } catch (error) {
    await close();
    print(`readout: cannot listen on ${host}:${port}: ${(error as Error).message}`);
    return 1;
  }
  print(`readout: serving ${redactTarget(opts.db)} at ${server.url}`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      opts.signal?.removeEventListener("abort", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    if (opts.signal?.aborted) stop();
    else opts.signal?.addEventListener("abort", stop);
  });
  await server.close();
  await close();
  return 0;
}
