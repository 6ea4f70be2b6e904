import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureJsonl } from "../database/fixtures.ts";

/**
 * Distributed ingest as users run it: `readout ingest --queue`, three `readout worker`s as separate processes against
 * the real PostgreSQL server at READOUT_TEST_PG (`.ci/run` starts one), one of them killed with SIGKILL in the middle
 * of a job. Without the variable the file is skipped, saying so.
 */

const url = process.env.READOUT_TEST_PG;
const REPO = fileURLToPath(new URL("../..", import.meta.url));
const DOCS = 300;
const JOB_SIZE = 5;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A readout command as a child process; `onLine` sees each line of its standard error as it comes. */
function readout(args: string[], onLine?: (line: string, kill: () => void) => void): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ["bin/readout.js", ...args], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let partial = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => {
      stderr += s;
      const lines = (partial + s).split("\n");
      partial = lines.pop()!;
      for (const line of lines) onLine?.(line, () => child.kill("SIGKILL"));
    });
    child.on("close", (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

if (!url) {
  console.log("skipping distributed ingest: READOUT_TEST_PG is not set (.ci/run sets it)");
  describe.skip("distributed ingest on PostgreSQL", () => {
    it("needs READOUT_TEST_PG=postgres://user:password@host:port/database", () => {});
  });
} else {
  const admin = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 10_000 });
  const schemas: string[] = [];
  let dir: string;
  let corpus: string;

  /** A URL whose connections work in a new, empty schema (its queue goes in `<schema>_queue`). */
  const freshSchema = async (): Promise<{ target: string; schema: string }> => {
    const schema = `readout_queue_test_${randomBytes(5).toString("hex")}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    schemas.push(schema, `${schema}_queue`);
    const target = new URL(url);
    target.searchParams.set("options", `-c search_path=${schema}`);
    return { target: target.toString(), schema };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "readout-queue-"));
    corpus = join(dir, "corpus.jsonl");
    await writeFile(corpus, fixtureJsonl(DOCS));
  });

  afterAll(async () => {
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
    await rm(dir, { recursive: true, force: true });
  });

  describe("distributed ingest on PostgreSQL", () => {
    it("stores with three workers, one killed mid-job, exactly what one process stores", async () => {
      const queued = await freshSchema();
      const enqueued = await readout(["ingest", "--queue", "--db", queued.target, "--job-size", String(JOB_SIZE), "--job-timeout", "3", corpus]);
      expect(enqueued.stderr).toContain(`queued ${DOCS} documents in ${DOCS / JOB_SIZE} jobs`);
      expect(enqueued.code).toBe(0);

      // the first worker is killed as soon as it has stored a job: it has taken the next one already (it takes a
      // job whenever its coding threads have room), so that job dies with it and must be done by another
      const worker = ["worker", "--db", queued.target, "--workers", "1", "--until-empty"];
      let killedAfter = "";
      const runs = await Promise.all([
        readout(worker, (line, kill) => {
          if (!killedAfter && /^readout: job \S+: \d+ documents/.test(line)) {
            killedAfter = line;
            kill();
          }
        }),
        readout(worker),
        readout(worker),
      ]);
      expect(killedAfter).not.toBe("");
      expect(runs[0]!.signal).toBe("SIGKILL");
      for (const run of runs.slice(1)) {
        expect(run.stderr).toMatch(/worker done in [\d.]+ s: \d+ jobs/);
        expect(run.code).toBe(0);
      }

      // every job done once, and one of them only after a retry: the killed worker's
      const jobs = await admin.query<{ state: string; retries: number; worker: string; data: { documents: number; payload?: string } }>(
        `SELECT state, retry_count AS retries, output->>'worker' AS worker, data FROM ${queued.schema}_queue.job WHERE name = 'readout-ingest'`,
      );
      expect(jobs.rows).toHaveLength(DOCS / JOB_SIZE);
      expect(jobs.rows.every((j) => j.state === "completed")).toBe(true);
      // a done job keeps the number of its documents, not their texts
      expect(jobs.rows.map((j) => j.data)).toEqual(jobs.rows.map(() => ({ documents: JOB_SIZE })));
      expect(jobs.rows.some((j) => j.retries > 0)).toBe(true);

      const status = await readout(["status", "--db", queued.target, "--format", "json"]);
      const report = JSON.parse(status.stdout) as { documents: number; queue: { jobs: Record<string, number>; stored: { new: number; events: number } } };
      expect(report.documents).toBe(DOCS);
      expect(report.queue.jobs).toEqual({ completed: DOCS / JOB_SIZE });
      expect(report.queue.stored.new).toBe(DOCS);

      const single = await freshSchema();
      const ingested = await readout(["ingest", "--no-progress", "--db", single.target, corpus]);
      expect(ingested.code).toBe(0);
      for (const format of ["plover", "csv"]) {
        const [a, b] = await Promise.all([readout(["export", "--format", format, "--db", queued.target]), readout(["export", "--format", format, "--db", single.target])]);
        expect(a.stdout.split("\n").length).toBeGreaterThan(DOCS);
        expect(a.stdout.split("\n")).toEqual(b.stdout.split("\n"));
      }
      expect(report.queue.stored.events).toBe((await readout(["export", "--db", single.target])).stdout.split("\n").filter(Boolean).length);

      // queued again, nothing is new
      const again = await readout(["ingest", "--queue", "--db", queued.target, corpus]);
      expect(again.stderr).toContain(`queued 0 documents in 0 jobs`);
      expect(again.stderr).toContain(`${DOCS} unchanged`);
    }, 180_000);

    it("queues only the later copy of a document the inputs hold twice, as one process keeps the later", async () => {
      const { target } = await freshSchema();
      const lines = fixtureJsonl(3).trim().split("\n").map((l) => JSON.parse(l) as { id: string; text: string });
      const again = { ...lines[0]!, text: "Foreign Minister Wang Yi accused Japan of provocations on Tuesday." };
      const twice = join(dir, "twice.jsonl");
      await writeFile(twice, [...lines, again].map((l) => JSON.stringify(l)).join("\n") + "\n");
      const queued = await readout(["ingest", "--queue", "--db", target, twice]);
      expect(queued.stderr).toContain("queued 3 documents in 1 job ");
      expect(queued.stderr).toContain("1 superseded by a later copy");
      const worker = await readout(["worker", "--db", target, "--workers", "1", "--until-empty"]);
      expect(worker.code).toBe(0);
      const exported = (await readout(["export", "--db", target, "--doc", again.id])).stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l) as { event: string });
      expect(exported.map((e) => e.event)).toEqual(["ACCUSE"]);
    }, 60_000);

    it("says in one line that a queue needs PostgreSQL and that standard input cannot be queued; status reads SQLite too", async () => {
      const sqlite = join(dir, "x.db");
      const run = await readout(["ingest", "--queue", "--db", sqlite, corpus]);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toContain("needs a PostgreSQL database");
      const worker = await readout(["worker", "--db", sqlite]);
      expect(worker.code).toBe(2);
      expect(worker.stderr).toContain("needs a PostgreSQL database");
      const { target } = await freshSchema();
      const stdin = await readout(["ingest", "--queue", "--db", target, "-"]);
      expect(stdin.code).toBe(2);
      expect(stdin.stderr).toContain("cannot read standard input");
      const stray = await readout(["ingest", "--db", sqlite, "--job-size", "5", corpus]);
      expect(stray.code).toBe(2);
      expect(stray.stderr).toContain("--job-size goes with --queue");
      // a SQLite file has no queue; status says what it holds
      await readout(["ingest", "--no-progress", "--db", sqlite, corpus]);
      const status = await readout(["status", "--db", sqlite]);
      expect(status.stdout).toContain(`${DOCS} documents`);
      expect(status.stdout).toContain("queue: none");
    });
  });
}
