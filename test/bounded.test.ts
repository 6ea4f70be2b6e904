/**
 * A text with no full stops (a scraped table, a transcript, a hostile post) is one "sentence" of megabytes. Every
 * path codes it in pieces of at most MAX_SENTENCE_CHARS, so work and output grow with the text, not with its square:
 * `readout code`, `readout ingest` and `POST /-/code` all answer, and no event carries more than a piece of it.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PloverRecord } from "../src/index.ts";
import { tokenize, MAX_SENTENCE_CHARS } from "../src/nlp/tokenize.ts";
import { createApp } from "../src/server/app.ts";
import type { CodeResult } from "../src/server/code.ts";
import { openSqliteStore } from "../src/store/sqlite.ts";
import { FakeStore } from "./server/fake-store.ts";

const REPO = fileURLToPath(new URL("..", import.meta.url));

/** About `chars` characters of clauses with no sentence punctuation (a meeting and praise each), none ever ending. */
function endless(chars: number): string {
  const clause = "the French foreign minister met the Japanese ambassador in Paris and praised Japan for its help ";
  return clause.repeat(Math.ceil(chars / clause.length));
}

function readout(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ["bin/readout.js", ...args], { cwd: REPO, timeout: 110_000, maxBuffer: 256 * 1024 * 1024, encoding: "utf8" }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

/** What every path must give for the endless text: events, each with a piece of the text no longer than the limit. */
function expectBounded(records: readonly PloverRecord[], chars: number): void {
  expect(records.length).toBeGreaterThan(chars / 1000);
  for (const r of records) expect(r.text.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
  // (output linear in the text: about one event per clause, each with its piece)
  expect(records.reduce((a, r) => a + r.text.length, 0)).toBeLessThan(chars * 40);
}

describe("a sentence longer than the limit", () => {
  it("is cut into pieces no longer than the limit, at clause boundaries, losing no token", () => {
    const text = "Minister A met Minister B, " + "and they talked about trade; ".repeat(30) + "the two sides agreed on many things and " .repeat(40) + "then they left";
    const { tokens, sentences } = tokenize(text);
    expect(sentences.length).toBeGreaterThan(2);
    let next = 0;
    for (const s of sentences) {
      expect(s.tokenStart).toBe(next);
      expect(s.end - s.start).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
      next = s.tokenEnd;
    }
    expect(next).toBe(tokens.count);
    // (after a ";" while there is one in the piece's second half, else before a clause's "and")
    expect(text.slice(sentences[0]!.start, sentences[0]!.end)).toMatch(/;$/);
    expect(tokens.lower[sentences[sentences.length - 2]!.tokenEnd]).toBe("and");
  });

  it("leaves ordinary sentences whole", () => {
    const text = "Foreign Minister Wang Yi met Secretary of State Antony Blinken. " + `He said that ${"cooperation, dialogue and trust matter, ".repeat(20)}above all.`;
    expect(text.length).toBeLessThan(MAX_SENTENCE_CHARS);
    expect(tokenize(text).sentences.map((s) => text.slice(s.start, s.end).slice(-6))).toEqual(["inken.", "e all."]);
  });
});

describe("a megabyte with no full stops", () => {
  const CHARS = 1_000_000;
  let dir = "";
  let file = "";

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "readout-bounded-"));
    file = join(dir, "endless.txt");
    await writeFile(file, endless(CHARS));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("is coded by `readout code` with every event's text within the limit", async () => {
    const run = await readout(["code", "--date", "2024-05-01", file]);
    expect(run.code, run.stderr).toBe(0);
    expectBounded(run.stdout.trim().split("\n").map((l) => JSON.parse(l) as PloverRecord), CHARS);
  }, 120_000);

  it("is stored by `readout ingest` with every event's sentence within the limit, and served in pages", async () => {
    const db = join(dir, "endless.db");
    const run = await readout(["ingest", file, "--db", db, "--date", "2024-05-01", "--no-progress"]);
    expect(run.code, run.stderr).toBe(0);
    const store = await openSqliteStore(db, { readonly: true });
    try {
      const app = createApp(store, { webRoot: null });
      const health = (await (await app.request("/-/health")).json()) as { events: number };
      expect(health.events).toBeGreaterThan(CHARS / 1000);
      const page = (await (await app.request("/events?_limit=1000")).json()) as { events: PloverRecord[] };
      expect(page.events).toHaveLength(1000);
      for (const e of page.events) expect(e.text.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    } finally {
      await store.close();
    }
  }, 120_000);

  it("is coded by POST /-/code, whose answer stays linear in the text", async () => {
    const text = endless(CHARS - 1000);
    const res = await createApp(new FakeStore(), { webRoot: null }).request("/-/code", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text, date: "2024-05-01" }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as CodeResult;
    expectBounded(body.events, text.length);
    for (const s of body.sentences) expect(s.end - s.start).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
  }, 120_000);
});
