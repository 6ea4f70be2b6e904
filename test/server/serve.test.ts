/** The API over real HTTP, and `readout serve`'s command function. */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve, serveCommand, type RunningServer } from "../../src/server/serve.ts";
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
    expect(csv.headers.get("access-control-allow-origin")).toBe("*");
    expect(csv.headers.get("link")).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/events\?_limit=2&_next=[^>]+>; rel="next"$/);
    expect((await csv.text()).split("\r\n")[0]).toMatch(/^id,date,/);

    const actor = await fetch(`${server.url}/actors/person:karin-oskarsdottir@ISL`);
    expect(((await actor.json()) as { id: string }).id).toBe("person:karin-oskarsdottir@ISL");

    const post = await fetch(`${server.url}/events`, { method: "POST", body: "{}" });
    expect(post.status).toBe(405);
    expect(((await post.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
  });

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
    await expect.poll(() => lines.length).toBe(1);
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
