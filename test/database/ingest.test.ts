import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureJsonl } from "./fixtures.ts";
import { createApp } from "../../src/server/app.ts";
import { parseCsv } from "../server/helpers.ts";
import { openSqliteStore } from "../../src/store/sqlite.ts";

/** `readout ingest` and `readout export` as a user runs them, as child processes. */

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const DOCS = 400;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function readout(args: string[], onStart?: (kill: () => void) => void): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ["bin/readout.js", ...args], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    child.on("close", (code, signal) => done({ code, signal, stdout, stderr }));
    onStart?.(() => child.kill("SIGKILL"));
  });
}

/** Documents committed so far, read through a separate connection (as another process would). */
function storedDocuments(db: string): number {
  try {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (conn.prepare("SELECT count(*) AS n FROM documents").get() as { n: number }).n;
    } finally {
      conn.close();
    }
  } catch {
    return 0; // not created, or its schema not yet committed
  }
}

const sortedLines = (s: string) => s.split("\n").filter(Boolean).sort();

let dir: string;
let corpus: string;
let reference: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "readout-ingest-"));
  corpus = join(dir, "corpus.jsonl");
  await writeFile(corpus, fixtureJsonl(DOCS));
  const db = join(dir, "reference.db");
  const run = await readout(["ingest", corpus, "--db", db, "--batch-size", "10"]);
  expect(run.code, run.stderr).toBe(0);
  reference = sortedLines((await readout(["export", "--db", db])).stdout);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("readout ingest", () => {
  it("stores every document and event, and says so", async () => {
    expect(reference.length).toBeGreaterThan(DOCS * 4);
    const db = join(dir, "summary.db");
    const run = await readout(["ingest", corpus, "--db", db, "--no-progress"]);
    expect(run.stderr).toMatch(new RegExp(`ingested into .*summary\\.db in [\\d.]+ s: ${DOCS} new, 0 replaced, 0 unchanged, 0 skipped; [\\d,]+ events stored`));
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  }, 60_000);

  it("skips what is stored already, replaces what changed, and keeps the rest", async () => {
    const db = join(dir, "rerun.db");
    await readout(["ingest", corpus, "--db", db, "--no-progress"]);
    const again = await readout(["ingest", corpus, "--db", db, "--no-progress"]);
    expect(again.stderr).toMatch(new RegExp(`0 new, 0 replaced, ${DOCS} unchanged`));
    // one document edited: only it is recoded, and its old events are gone
    const edited = join(dir, "edited.jsonl");
    const lines = fixtureJsonl(DOCS).split("\n");
    const first = JSON.parse(lines[0]!) as { text: string };
    first.text = "Secretary of State Antony Blinken condemned the attack on the embassy.";
    lines[0] = JSON.stringify({ ...JSON.parse(lines[0]!), text: first.text });
    await writeFile(edited, lines.join("\n"));
    const third = await readout(["ingest", edited, "--db", db, "--no-progress"]);
    expect(third.stderr).toMatch(new RegExp(`0 new, 1 replaced, ${DOCS - 1} unchanged`));
    const events = sortedLines((await readout(["export", "--db", db, "--doc", "fx0000"])).stdout).map((l) => JSON.parse(l) as { event: string });
    expect(events.map((e) => e.event)).toEqual(["ACCUSE"]);
  }, 90_000);

  it("after kill -9 at a random moment, a rerun gives exactly the uninterrupted result", async () => {
    const db = join(dir, "killed.db");
    let killedAt = -1;
    const interrupted = await readout(["ingest", corpus, "--db", db, "--batch-size", "10", "--workers", "2", "--no-progress"], (kill) => {
      // wait until some batches are committed, then kill at a random moment while the rest is written
      const target = Math.floor(DOCS * (0.1 + Math.random() * 0.6));
      const poll = setInterval(() => {
        const n = storedDocuments(db);
        if (n >= target) {
          clearInterval(poll);
          killedAt = n;
          kill();
        }
      }, 5);
    });
    expect(interrupted.signal).toBe("SIGKILL");
    expect(killedAt).toBeGreaterThan(0);
    expect(storedDocuments(db)).toBeLessThan(DOCS);

    const rerun = await readout(["ingest", corpus, "--db", db, "--no-progress"]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toMatch(/0 replaced, [1-9][\d,]* unchanged/);
    expect(storedDocuments(db)).toBe(DOCS);
    expect(sortedLines((await readout(["export", "--db", db])).stdout)).toEqual(reference);
  }, 120_000);

  it("reports bad inputs in one line each, stores the rest, and exits 1", async () => {
    const bad = join(dir, "mixed.jsonl");
    await writeFile(bad, fixtureJsonl(3) + "{not json\n" + fixtureJsonl(2, 3));
    const db = join(dir, "bad.db");
    const run = await readout(["ingest", bad, join(dir, "missing.txt"), "--db", db, "--no-progress"]);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines.filter((l) => l.includes("mixed.jsonl:4"))).toHaveLength(1);
    expect(lines.filter((l) => l.includes("missing.txt"))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/5 new, 0 replaced, 0 unchanged, 2 skipped/);
    expect(storedDocuments(db)).toBe(5);
  }, 60_000);

  it("refuses a file that is not a database in one line, leaving it untouched", async () => {
    const notDb = join(dir, "notes.db");
    await writeFile(notDb, "these are my notes\n");
    const run = await readout(["ingest", corpus, "--db", notDb, "--no-progress"]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/cannot open the database .*notes\.db: file is not a database/);
    expect(await readFile(notDb, "utf8")).toBe("these are my notes\n");
  }, 30_000);
});

describe("readout export and query", () => {
  it("exports PLOVER records exactly as `readout code` writes them", async () => {
    const coded = sortedLines((await readout(["code", corpus])).stdout);
    expect(reference).toEqual(coded);
  }, 60_000);

  it("exports a CSV row per actor-recipient pair and a GEXF network", async () => {
    const db = join(dir, "reference.db");
    const csv = (await readout(["export", "--db", db, "-f", "csv", "--doc", "fx0001"])).stdout.trim().split("\r\n");
    expect(csv[0]).toMatch(/^id,date,story_date,type,mode,context,cameo,actor_id,actor_name/);
    expect(csv.some((l) => l.includes(",REQUEST,") && l.includes("Antony Blinken") && l.includes("state:CHN"))).toBe(true);
    const gexf = (await readout(["export", "--db", db, "-f", "gexf", "--level", "country"])).stdout;
    expect(gexf).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<gexf xmlns="http:\/\/gexf.net\/1.3"/);
    expect(gexf).toMatch(/<node id="CHN" label="China">/);
    expect(gexf).toMatch(/<edge id="\d+" source="[A-Z]{3}" target="[A-Z]{3}" type="(un)?directed" weight="\d+"/);
  }, 60_000);

  it("counts by key and filters by a country pair", async () => {
    const db = join(dir, "reference.db");
    const counts = (await readout(["query", "--db", db, "--count-by", "type", "-f", "jsonl"])).stdout.trim().split("\n").map((l) => JSON.parse(l) as { key: string; count: number });
    expect(counts.map((c) => c.key)).toContain("CONSULT");
    const total = counts.reduce((a, c) => a + c.count, 0);
    expect(total).toBe(reference.length);
    // every row shown, so nothing said; fewer rows than there are keys, and it says so on standard error
    expect((await readout(["query", "--db", db, "--count-by", "type"])).stderr).toBe("");
    const cut = await readout(["query", "--db", db, "--count-by", "type", "--limit", "2"]);
    expect(cut.stdout.trim().split("\n")).toHaveLength(2);
    expect(cut.stderr).toBe(`readout: showed the largest 2 type rows of more; raise --limit (up to 1,000) for the rest\n`);
    const pair = (await readout(["query", "--db", db, "--party", "CHN", "--party", "USA", "-f", "jsonl", "--limit", "1000"])).stdout.trim().split("\n").map((l) => JSON.parse(l) as { actor: Array<{ code: string }>; recipient: Array<{ code: string }> });
    expect(pair.length).toBeGreaterThan(0);
    for (const ev of pair) {
      const codes = [...ev.actor, ...ev.recipient].map((p) => p.code);
      expect(codes).toContain("CHN");
      expect(codes).toContain("USA");
    }
  }, 60_000);

  it("refuses more coding threads than cores, in one line", async () => {
    const run = await readout(["ingest", corpus, "--db", join(dir, "never.db"), "--workers", "500"]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/--workers <n>' argument '500' is invalid\. expected at most \d+ \(the number of cores\), got 500/);
  }, 30_000);

  it("says in one line that a database is missing", async () => {
    const run = await readout(["query", "--db", join(dir, "none.db")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^readout: no database at .*none\.db: create it with 'readout ingest/);
  }, 30_000);
});

describe("stored values that other tools would run", () => {
  it("reach CSV neutralised, through `export -f csv` and /events.csv alike, and a script link is never stored", async () => {
    const input = join(dir, "formulas.jsonl");
    // (invented: a title, publisher and sentences that a spreadsheet would run as formulas, a script URL, an impossible date)
    const record = {
      id: "formulas",
      date: "2024-02-30",
      title: '=HYPERLINK("http://evil.example","open")',
      publisher: "+Ministry",
      url: "javascript:alert(document.cookie)",
      text: "@SUM(1,2) Foreign Minister Wang Yi praised the United States for its efforts on Monday.",
    };
    await writeFile(input, JSON.stringify(record) + "\n");
    const db = join(dir, "formulas.db");
    const run = await readout(["ingest", input, "--db", db, "--date", "2024-03-04", "--no-progress"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/formulas\.jsonl:1: date "2024-02-30" is not a real calendar date/);
    expect(run.stderr).toMatch(/formulas\.jsonl:1: url "javascript:alert\(document\.cookie\)" is not an http or https address; left out/);

    const exported = (await readout(["export", "--db", db, "-f", "csv"])).stdout;
    const store = await openSqliteStore(db, { readonly: true });
    try {
      const served = await (await createApp(store, { webRoot: null }).request("/events.csv")).text();
      for (const csv of [exported, served]) {
        const [header, row] = parseCsv(csv);
        const cell = (name: string) => row![header!.indexOf(name)];
        expect(cell("sentence")).toBe("'@SUM(1,2) Foreign Minister Wang Yi praised the United States for its efforts on Monday.");
        expect(cell("title")).toBe(`'=HYPERLINK("http://evil.example","open")`);
        expect(cell("publisher")).toBe("'+Ministry");
        expect(cell("url")).toBe("");
        expect(cell("story_date")).toBe("2024-03-04");
      }
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe("a database readout cannot use as it is", () => {
  /** A copy of the reference database with every page but the first (the schema) overwritten. */
  async function damagedCopy(name: string): Promise<string> {
    const path = join(dir, name);
    const bytes = await readFile(join(dir, "reference.db"));
    bytes.fill(0x5a, 4096);
    await writeFile(path, bytes);
    return path;
  }

  it("damaged: query and export say so in one line (exit 1) and leave no half-written file; serve refuses it in one line", async () => {
    const db = await damagedCopy("damaged.db");
    for (const args of [["query"], ["query", "--q", "climate"], ["export", "-o", join(dir, "damaged.jsonl")]]) {
      const run = await readout([...args, "--db", db]);
      expect(run.code, args.join(" ")).toBe(1);
      expect(run.stderr.trim().split("\n"), args.join(" ")).toEqual([`readout: the database ${db} is damaged: restore it from a copy, or ingest again into a new file (database disk image is malformed)`]);
    }
    expect(existsSync(join(dir, "damaged.jsonl"))).toBe(false);
    const served = await readout(["serve", "--db", db, "--port", "65001"]);
    expect(served.code).toBe(2);
    expect(served.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^readout: cannot open the database .*damaged\.db: database disk image is malformed/)]);
  }, 60_000);

  it("in a folder the user cannot write: query, export and serve read it all the same", async () => {
    const folder = join(dir, "read-only");
    await mkdir(folder);
    await copyFile(join(dir, "reference.db"), join(folder, "events.db"));
    await chmod(folder, 0o555);
    await chmod(dir, 0o755); // (mkdtemp's folder is its owner's alone)
    // (root writes anywhere: the commands run as "nobody", as a user without the right would)
    const asUser = process.getuid?.() === 0 ? ["runuser", "-u", "nobody", "--"] : [];
    try {
      const run = (args: string[]) =>
        new Promise<Run>((done) => {
          const [cmd, ...rest] = [...asUser, process.execPath, "bin/readout.js", ...args];
          execFile(cmd!, rest, { cwd: REPO, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
            done({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, signal: null, stdout, stderr }),
          );
        });
      const exported = await run(["export", "--db", join(folder, "events.db")]);
      expect(exported.code, exported.stderr).toBe(0);
      expect(sortedLines(exported.stdout)).toEqual(reference);
      const counted = await run(["query", "--db", join(folder, "events.db"), "--count-by", "type", "-f", "jsonl"]);
      expect(counted.code, counted.stderr).toBe(0);
      // (and an export into that folder is one line: no permission)
      const denied = await run(["export", "--db", join(folder, "events.db"), "-o", join(folder, "events.jsonl")]);
      expect(denied.code).toBe(1);
      expect(denied.stderr.trim().split("\n")).toEqual([`readout: cannot write ${join(folder, "events.jsonl")}: no permission to write there; choose another path (EACCES)`]);
      // serve, until its first answer
      const [cmd, ...rest] = [...asUser, process.execPath, "bin/readout.js", "serve", "--db", join(folder, "events.db"), "--port", "65002"];
      const server = spawn(cmd!, rest, { cwd: REPO, stdio: ["ignore", "ignore", "pipe"] });
      try {
        let said = "";
        server.stderr.setEncoding("utf8").on("data", (s: string) => (said += s));
        await expect.poll(() => said, { timeout: 20_000 }).toMatch(/serving .* at http:\/\/127\.0\.0\.1:65002/);
        const health = (await (await fetch("http://127.0.0.1:65002/-/health")).json()) as { events: number };
        expect(health.events).toBe(reference.length);
      } finally {
        server.kill("SIGTERM");
        await new Promise((r) => server.once("close", r));
      }
      expect(await readdir(folder)).toEqual(["events.db"]);
    } finally {
      await chmod(folder, 0o755);
    }
  }, 60_000);
});
