/**
 * `POST /-/code` on coding threads: the serving thread stays free, a full queue
 * is refused with 429 and Retry-After, a request over its budget or whose
 * client hangs up stops its thread (replaced for the next), and a text that
 * exhausts a thread's memory is a 503, not the server's end.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { ClientGone, CodePool } from "../../src/server/code-pool.ts";
import { FakeStore } from "./fake-store.ts";
import { expectError, get } from "./helpers.ts";

const SHORT = "Foreign Minister Wang Yi met Secretary of State Antony Blinken in Beijing on Monday.";
/** Seconds of coding: a long text of invented, unpunctuated clauses. */
const LONG = "the French foreign minister met the Japanese ambassador in Paris and praised Japan for its help ".repeat(8000);

const pools: CodePool[] = [];
function pool(options: ConstructorParameters<typeof CodePool>[0]): CodePool {
  const p = new CodePool(options);
  pools.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

const post = async (app: ReturnType<typeof createApp>, text: string): Promise<Response> =>
  app.request("/-/code", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text, date: "2024-03-04" }) });

describe("POST /-/code on coding threads", () => {
  it("leaves the serving thread free: a read is answered while a long text is being coded", async () => {
    const app = createApp(new FakeStore(), { codePool: pool({ workers: 1 }) });
    expect((await post(app, SHORT)).status).toBe(200); // (the thread's coder loaded)
    const order: string[] = [];
    const coding = post(app, LONG).then((r) => order.push(`code ${r.status}`));
    await new Promise((r) => setTimeout(r, 100));
    const read = get(app, "/-/health").then((a) => order.push(`health ${a.status}`));
    await Promise.all([coding, read]);
    expect(order).toEqual(["health 200", "code 200"]);
  }, 60_000);

  it("refuses requests beyond its threads and queue at once: 429 with Retry-After", async () => {
    const codePool = pool({ workers: 1, queue: 1 });
    const app = createApp(new FakeStore(), { codePool });
    const first = post(app, LONG);
    const second = post(app, LONG);
    await expect.poll(() => codePool.load.coding + codePool.load.waiting).toBe(2);
    const third = await get(app, "/-/code", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text: SHORT }) });
    expect(expectError(third, 429).code).toBe("too_many_requests");
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    // (and with room again, it codes)
    expect((await post(app, SHORT)).status).toBe(200);
  }, 90_000);

  it("answers 503 past the time budget, and codes the next request on a fresh thread", async () => {
    const codePool = pool({ workers: 1, budgetMs: 400 });
    await codePool.warm();
    const app = createApp(new FakeStore(), { codePool });
    const late = await get(app, "/-/code", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text: LONG }) });
    expect(expectError(late, 503).message).toMatch(/^coding took longer than 0\.4 s/);
    expect(codePool.load).toEqual({ coding: 0, waiting: 0 });
    await codePool.warm(); // (the stopped thread's replacement, loading its coder)
    const next = await post(app, SHORT);
    expect(next.status).toBe(200);
    expect(((await next.json()) as { events: unknown[] }).events.length).toBeGreaterThan(0);
  }, 90_000);

  it("stops coding for a client that hung up", async () => {
    const codePool = pool({ workers: 1 });
    await codePool.code({ text: SHORT });
    const hangUp = new AbortController();
    const gone = codePool.code({ text: LONG }, hangUp.signal);
    const waiting = codePool.code({ text: LONG }, hangUp.signal);
    await expect.poll(() => codePool.load).toEqual({ coding: 1, waiting: 1 });
    hangUp.abort();
    await expect(gone).rejects.toBeInstanceOf(ClientGone);
    await expect(waiting).rejects.toBeInstanceOf(ClientGone);
    expect(codePool.load).toEqual({ coding: 0, waiting: 0 });
    expect((await codePool.code({ text: SHORT })).events.length).toBeGreaterThan(0);
  }, 90_000);

  it("answers 503 when its coding thread dies (out of memory), and goes on serving", async () => {
    // (a heap too small for the coder itself: the thread dies loading it, every time)
    const app = createApp(new FakeStore(), { codePool: pool({ workers: 1, heapMb: 16 }) });
    for (let i = 0; i < 2; i++) {
      const a = await get(app, "/-/code", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text: SHORT }) });
      expect(expectError(a, 503).message).toMatch(/^no coding thread could start \(it ran out of the coding thread's memory\)/);
    }
    expect((await get(app, "/-/health")).status).toBe(200);
  }, 60_000);
});
