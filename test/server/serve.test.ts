/** The API over real HTTP, and `readout serve`'s command function. */
import { execFile } from "node:child_process";
import { request } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve, serveCommand, type RunningServer } from "../../src/server/serve.ts";
import { CodePool } from "../../src/server/code-pool.ts";
import { FakeStore } from "./fake-store.ts";
import { buildSqliteFixture, type Fixture } from "./sqlite-fixture.ts";

describe("serve", () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await serve(new FakeStore(), { port: 0, host: "127.0.0.1" });
  });

  afterAll(async () => {
    await server?.close();
  });

  it("listens on the port it reports", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("answers JSON, CSV and errors over HTTP", async () => {
    const health = await fetch(`${server.url}/-/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await health.json()).toMatchObject({ status: "ok", backend: "sqlite" });

    const csv = await fetch(`${server.url}/events?_limit=2`, { headers: { Accept: "text/csv", Origin: "https://app.example" } });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("access-control-allow-origin")).toBeNull();
    expect(csv.headers.get("link")).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/events\?_limit=2&_next=[^>]+>; rel="next"$/);
    expect((await csv.text()).split("\r\n")[0]).toMatch(/^id,date,/);

    const actor = await fetch(`${server.url}/actors/person:karin-oskarsdottir@ISL`);
    expect(((await actor.json()) as { id: string }).id).toBe("person:karin-oskarsdottir@ISL");

    const post = await fetch(`${server.url}/events`, { method: "POST", body: "{}" });
    expect(post.status).toBe(405);
    expect(((await post.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
  });

  it("answers only requests addressed to its own names: its address, loopback and those given (--host-name)", async () => {
    const named = await serve(new FakeStore(), { port: 0, host: "127.0.0.1", hostNames: ["readout.example.org"] });
    const port = new URL(named.url).port;
    /** The status of a GET sent with this Host header (fetch sets its own). */
    const statusFor = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${named.url}/-/health`, { headers: { Host: host } }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        req.on("error", reject).end();
      });
    try {
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, "readout.example.org", `READOUT.example.org:${port}`]) expect(await statusFor(host), host).toBe(200);
      for (const host of ["attacker.example", `attacker.example:${port}`, "readout.example.org.attacker.example"]) expect(await statusFor(host), host).toBe(421);
    } finally {
      await named.close();
    }
  });

  it("stops coding a posted text when its client hangs up", async () => {
    const codePool = new CodePool({ workers: 1 });
    await codePool.warm();
    const coding = await serve(new FakeStore(), { port: 0, host: "127.0.0.1" }, { codePool });
    try {
      const text = "the French foreign minister met the Japanese ambassador in Paris and praised Japan for its help ".repeat(8000);
      const req = request(`${coding.url}/-/code`, { method: "POST", headers: { "Content-Type": "application/json" } });
      req.on("error", () => undefined);
      req.end(JSON.stringify({ text }));
      await expect.poll(() => codePool.load.coding).toBe(1);
      req.destroy();
      await expect.poll(() => codePool.load.coding).toBe(0);
      // (its thread was stopped and replaced: the pool codes on)
      expect((await codePool.code({ text: "Foreign Minister Wang Yi met Secretary of State Antony Blinken." })).events).toHaveLength(1);
    } finally {
      await coding.close();
      await codePool.close();
    }
  }, 60_000);

  it("rejects when the address is taken", async () => {
    const port = Number(new URL(server.url).port);
    await expect(serve(new FakeStore(), { port, host: "127.0.0.1" })).rejects.toThrow(/EADDRINUSE/);
  });
});

describe("serveCommand", () => {
  let fixture: Fixture;

  beforeAll(async () => {
    fixture = await buildSqliteFixture();
  });

  afterAll(async () => {
    await fixture?.dispose();
  });

  it("says what to do when the database does not exist", async () => {
    const lines: string[] = [];
    const status = await serveCommand({ db: join(fixture.dir, "missing.db") }, (l) => lines.push(l));
    expect(status).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^readout: no database at .*missing\.db; run `readout ingest …` first/);
  });

  it("serves a database until stopped, printing one line", async () => {
    const lines: string[] = [];
    const stop = new AbortController();
    const done = serveCommand({ db: fixture.path, port: 0, signal: stop.signal }, (l) => lines.push(l));
    // (its reading threads start first: seconds on a loaded machine)
    await expect.poll(() => lines.length, { timeout: 15_000 }).toBe(1);
    const match = /^readout: serving (.+) at (http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0]!);
    expect(match?.[1]).toBe(fixture.path);
    const health = (await (await fetch(`${match![2]}/-/health`)).json()) as { documents: number };
    expect(health.documents).toBe(4);
    stop.abort();
    expect(await done).toBe(0);
    expect(lines).toHaveLength(1);
  });

  it("reports an address in use with status 1", async () => {
    const other = await serve(new FakeStore(), { port: 0, host: "127.0.0.1" });
    const lines: string[] = [];
    const status = await serveCommand({ db: fixture.path, port: Number(new URL(other.url).port) }, (l) => lines.push(l));
    await other.close();
    expect(status).toBe(1);
    expect(lines[0]).toMatch(/^readout: cannot listen on 127\.0\.0\.1:\d+: .*EADDRINUSE/);
  });
});

describe("readout serve's options", () => {
  const REPO = fileURLToPath(new URL("../..", import.meta.url));
  const run = (args: string[]) =>
    new Promise<{ code: number | null; stderr: string }>((done) => {
      execFile(process.execPath, ["bin/readout.js", "serve", ...args], { cwd: REPO, timeout: 20_000, encoding: "utf8" }, (error, _stdout, stderr) =>
        done({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stderr }),
      );
    });

  it("refuses an origin or host name it cannot use, in one line, with status 2", async () => {
    for (const [args, said] of [
      [["--cors", "app.example"], /expected an origin such as https:\/\/app\.example, got "app\.example"/],
      [["--cors", "https://app.example/page"], /use https:\/\/app\.example/],
      [["--cors", "ftp://app.example"], /expected an http or https origin/],
      [["--host-name", "http://readout.example.org/"], /expected a host name such as readout\.example\.org/],
    ] as const) {
      const r = await run([...args, "--db", "/nonexistent/readout.db"]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(r.stderr).toMatch(said);
    }
  });
});
