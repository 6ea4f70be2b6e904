import { execFile } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PloverRecord } from "../src/index.ts";

/** `readout code` as a user runs it: a child process, its output streams and exit status. */

const REPO = fileURLToPath(new URL("..", import.meta.url));
const TIMEOUT = 60_000;
const GOLD_DEV = resolve(REPO, "../shared/gold/dev");
const GOLD_DOC = join(GOLD_DEV, "000_9d01fbca6247eab8.txt");

const schema = JSON.parse(readFileSync(new URL("./schema/plover.schema.json", import.meta.url), "utf8")) as object;
const validate = new Ajv({ allErrors: true }).compile(schema);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function readout(args: string[], stdin?: string): Promise<Run> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      ["bin/readout.js", "code", ...args],
      { cwd: REPO, timeout: TIMEOUT - 5_000, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
        done({ code, stdout, stderr });
      },
    );
    child.stdin!.end(stdin ?? "");
  });
}

const lines = (s: string) => s.split("\n").filter((l) => l !== "");
const records = (stdout: string): PloverRecord[] => lines(stdout).map((l) => JSON.parse(l) as PloverRecord);
const participants = (r: PloverRecord) => [...r.actor, ...r.recipient].map((e) => e.name);

const GOOD_TEXT =
  "Foreign Minister Wang Yi met with Secretary of State Antony Blinken in Beijing on Monday. " +
  "Wang commended the United States for its efforts. The two sides agreed to continue talks.\n";

let dir = "";
const at = (name: string) => join(dir, name);
let good = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "readout-cli-"));
  good = at("good.txt");
  await writeFile(good, GOOD_TEXT);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The CONSULT of the good file, as every run that reads it must print. */
function expectGoodEvents(rs: PloverRecord[]) {
  const mine = rs.filter((r) => r.doc === "good");
  expect(mine.map((r) => r.event)).toEqual(["CONSULT", "SUPPORT", "AGREE"]);
  expect(participants(mine[0]!).sort()).toEqual(["Antony Blinken", "Wang Yi"]);
  for (const r of mine) expect(r.date).toBe("2023-06-19");
}

describe("readout code: output", () => {
  let jsonl = "";

  it("writes one valid PLOVER record a line to stdout, and nothing to stderr", async () => {
    const run = await readout(["--date", "2023-06-19", good]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout.endsWith("\n")).toBe(true);
    const rs = records(run.stdout);
    for (const r of rs) expect(validate(r) ? null : validate.errors).toBeNull();
    expectGoodEvents(rs);
    for (const r of rs) expect(GOOD_TEXT.slice(r.text_info.start, r.text_info.end)).toBe(r.text);
    jsonl = run.stdout;
  }, TIMEOUT);

  it("-o FILE writes the same lines to the file and nothing to stdout", async () => {
    const out = at("events.jsonl");
    const run = await readout(["--date", "2023-06-19", "-o", out, good]);
    expect(run).toMatchObject({ code: 0, stdout: "", stderr: "" });
    const written = await readFile(out, "utf8");
    expectGoodEvents(records(written));
    if (jsonl) expect(written).toBe(jsonl);
  }, TIMEOUT);

  it("--format table prints a header and one tab-separated row an event", async () => {
    const run = await readout(["--format", "table", "--date", "2023-06-19", good]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const [header, ...rows] = lines(run.stdout);
    expect(header).toBe("doc\tdate\tevent\tmode\tactor\trecipient\ttrigger");
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.split("\t")).toHaveLength(7);
    // met in Beijing: Blinken is the visitor, who acts; Wang Yi the host (CODING.md)
    expect(rows[0]!.split("\t")).toEqual(["good", "2023-06-19", "CONSULT", "visit", "Antony Blinken (USA)", "Wang Yi (CHN)", "met with"]);
  }, TIMEOUT);

  it("- reads the text from stdin", async () => {
    const run = await readout(["--date", "2023-06-19", "-"], GOOD_TEXT);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const rs = records(run.stdout);
    expect(rs.map((r) => r.event)).toEqual(["CONSULT", "SUPPORT", "AGREE"]);
    expect(new Set(rs.map((r) => r.doc))).toEqual(new Set(["stdin"]));
    expect(participants(rs[0]!).sort()).toEqual(["Antony Blinken", "Wang Yi"]);
  }, TIMEOUT);
});

describe("readout code: an output that cannot be written is one line, exit 1", () => {
  /** `readout code` through a shell, for redirections and limits a user's shell would set. */
  const shell = (script: string) =>
    new Promise<Run>((done) => {
      execFile("bash", ["-c", script], { cwd: REPO, timeout: TIMEOUT - 5_000, encoding: "utf8" }, (error, stdout, stderr) =>
        done({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
      );
    });
  const cli = `"${process.execPath}" bin/readout.js code --date 2023-06-19`;

  it("-o in a folder that does not exist, or naming a folder: the path and what to do, nothing created or removed", async () => {
    const missing = await readout(["-o", at("no/such/folder/out.jsonl"), good]);
    expect(missing.code).toBe(1);
    expect(lines(missing.stderr)).toEqual([`readout: cannot write ${at("no/such/folder/out.jsonl")}: its folder does not exist; create it, or choose another path (ENOENT)`]);
    const folder = await readout(["-o", dir, good]);
    expect(folder.code).toBe(1);
    expect(lines(folder.stderr)).toEqual([`readout: cannot write ${dir}: it is a folder; give a file name (EISDIR)`]);
    expect(existsSync(good)).toBe(true);
  }, TIMEOUT);

  it("a file that cannot grow (ulimit -f): the half-written file is removed", async () => {
    const out = at("limited.jsonl");
    const big = at("big.txt");
    await writeFile(big, GOOD_TEXT.repeat(200));
    const run = await shell(`ulimit -f 4; ${cli} -o "${out}" "${big}"`);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([`readout: cannot write ${out}: the file would be larger than this system allows (ulimit -f); write elsewhere, or less (EFBIG)`]);
    expect(existsSync(out)).toBe(false);
  }, TIMEOUT);

  it.skipIf(!existsSync("/dev/full"))("a full disk, as standard output or -o: one line, and /dev/full is left as it was", async () => {
    const stdout = await shell(`${cli} "${good}" > /dev/full`);
    expect(stdout.code).toBe(1);
    expect(lines(stdout.stderr)).toEqual(["readout: cannot write to standard output: the disk is full; free some space, or write elsewhere (ENOSPC)"]);
    const file = await readout(["-o", "/dev/full", good]);
    expect(file.code).toBe(1);
    expect(lines(file.stderr)).toEqual(["readout: cannot write /dev/full: the disk is full; free some space, or write elsewhere (ENOSPC)"]);
    expect(statSync("/dev/full").isCharacterDevice()).toBe(true);
  }, TIMEOUT);
});

describe("readout code: usage errors exit 2", () => {
  it("an unknown flag: status 2, nothing coded, the flag named on one line of stderr", async () => {
    const run = await readout(["--bogus-flag", good]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    const err = lines(run.stderr);
    expect(err[0]).toContain("--bogus-flag");
    expect(err.filter((l) => l.includes("--bogus-flag"))).toHaveLength(1);
    // Commander adds a "(run 'readout --help' for usage)" hint; nothing else may follow.
    expect(err.filter((l) => !l.startsWith("(run "))).toHaveLength(1);
  }, TIMEOUT);

  it("--date notadate: status 2, the bad value named", async () => {
    const run = await readout(["--date", "notadate", good]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(lines(run.stderr)[0]).toMatch(/--date.*notadate/);
  }, TIMEOUT);
});

describe("readout code: a bad input is reported once and the rest is still coded (exit 1)", () => {
  type Bad = { name: string; make: () => Promise<{ path: string; named: string }>; extra?: string[]; message: RegExp };
  const cases: Bad[] = [
    { name: "a missing file", make: async () => ({ path: at("missing.txt"), named: at("missing.txt") }), message: /no such file/ },
    {
      name: "an empty file",
      make: async () => {
        await writeFile(at("empty.txt"), "");
        return { path: at("empty.txt"), named: at("empty.txt") };
      },
      message: /is empty/,
    },
    {
      name: "a binary file",
      make: async () => {
        await writeFile(at("picture.txt"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
        return { path: at("picture.txt"), named: at("picture.txt") };
      },
      message: /binary/,
    },
    {
      name: "an invalid-UTF-8 file",
      make: async () => {
        await writeFile(at("latin1.txt"), Buffer.concat([Buffer.from("The minister visited Bogot"), Buffer.from([0xe1]), Buffer.from(" on Monday.")]));
        return { path: at("latin1.txt"), named: at("latin1.txt") };
      },
      message: /not valid UTF-8/,
    },
    {
      name: "a malformed JSONL line (the file's good line is still coded)",
      make: async () => {
        const good = JSON.stringify({ id: "jsonl-ok", date: "2023-01-13", text: "President Joe Biden met with Prime Minister Fumio Kishida at the White House." });
        await writeFile(at("mixed.jsonl"), `${good}\n{"id": "broken", "text": \n`);
        return { path: at("mixed.jsonl"), named: `${at("mixed.jsonl")}:2` };
      },
      message: /not valid JSON/,
    },
    {
      name: "a document over --max-doc-bytes",
      make: async () => {
        await writeFile(at("long.txt"), "The delegations met again and again. ".repeat(60)); // 2.2 kB
        return { path: at("long.txt"), named: at("long.txt") };
      },
      extra: ["--max-doc-bytes", "1000"],
      message: /over the 1 kB limit/,
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const { path, named } = await c.make();
      const run = await readout([...(c.extra ?? []), "--date", "2023-06-19", good, path]);
      expect(run.code).toBe(1);
      const rs = records(run.stdout);
      expectGoodEvents(rs);
      const err = lines(run.stderr);
      const about = err.filter((l) => l.includes(path));
      expect(about).toHaveLength(1);
      expect(about[0]).toContain(named);
      expect(about[0]).toMatch(c.message);
      expect(err.filter((l) => l.includes(good))).toEqual([]);
      if (path.endsWith(".jsonl")) {
        const jsonl = rs.filter((r) => r.doc === "jsonl-ok");
        expect(jsonl.map((r) => r.event)).toEqual(["CONSULT"]);
        expect(jsonl[0]!.date).toBe("2023-01-13");
      }
    }, TIMEOUT);
  }

  it("all of them in one call: one line each, the good file coded in between", async () => {
    const bad = [];
    for (const c of cases) bad.push(await c.make());
    const inputs = bad.flatMap((b, i) => (i === 2 ? [good, b.path] : [b.path]));
    const run = await readout(["--max-doc-bytes", "1000", "--date", "2023-06-19", ...inputs]);
    expect(run.code).toBe(1);
    expectGoodEvents(records(run.stdout));
    const err = lines(run.stderr);
    for (const b of bad) expect(err.filter((l) => l.includes(b.path))).toHaveLength(1);
    expect(err).toHaveLength(bad.length + 1); // plus the closing summary
    expect(err.at(-1)).toMatch(/skipped 6 inputs/);
  }, TIMEOUT);
});

describe("readout code on the seed gold files", () => {
  it("000_9d01fbca6247eab8.txt: a CONSULT between Ban Ki-moon and Xi Jinping on 2013-06-19", async ({ skip }) => {
    if (!existsSync(GOLD_DOC)) {
      const reason = `skipped: ${GOLD_DOC} is absent (no ../shared/gold/dev next to the repo)`;
      console.log(reason);
      skip(reason);
    }
    const run = await readout([GOLD_DOC]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const rs = records(run.stdout);
    for (const r of rs) expect(validate(r) ? null : validate.errors).toBeNull();
    const consult = rs.filter((r) => r.event === "CONSULT" && participants(r).includes("Ban Ki-moon") && participants(r).includes("Xi Jinping"));
    expect(consult.length).toBeGreaterThanOrEqual(1);
    expect(consult[0]!.date).toBe("2013-06-19");
    expect(consult[0]!.doc).toBe("000_9d01fbca6247eab8");
  }, TIMEOUT);
});
