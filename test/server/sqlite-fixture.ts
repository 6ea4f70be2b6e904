/** A real SQLite event database built by coding a few invented readouts. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sourceFromText } from "../../src/index.ts";
import { Coder } from "../../src/pipeline.ts";
import type { Store } from "../../src/store/model.ts";
import { toRecord } from "../../src/store/record.ts";
import { openSqliteStore } from "../../src/store/sqlite.ts";

interface Readout {
  id: string;
  date: string;
  publisher: string;
  text: string;
}

/** Invented for these tests. */
export const READOUTS: Readout[] = [
  {
    id: "fm-2024-03-04",
    date: "2024-03-04",
    publisher: "Ministry of Foreign Affairs",
    text: 'Foreign Minister Wang Yi met Secretary of State Antony Blinken in Washington on Monday. Wang urged the United States to lift sanctions on Chinese companies, saying "unilateral measures must end".',
  },
  {
    id: "state/2024-04-10",
    date: "2024-04-10",
    publisher: "Department of State",
    text: "Secretary Blinken spoke by phone with United Nations Secretary-General António Guterres on Wednesday about climate finance. The United States pledged support for the Green Climate Fund.",
  },
  {
    id: "fm-2024-04-22",
    date: "2024-04-22",
    publisher: "Ministry of Foreign Affairs",
    text: "Chinese President Xi Jinping met President Joe Biden in San Francisco on Monday. The two presidents agreed to resume military-to-military communication. China accused the United States of interfering in its internal affairs.",
  },
  {
    id: "isl-2024-05-02",
    date: "2024-05-02",
    publisher: "Government of Iceland",
    text: "Minister for Foreign Affairs Karin Oskarsdottir of Iceland visited Beijing on Thursday and met Foreign Minister Wang Yi. Iceland and China signed an agreement on geothermal cooperation.",
  },
];

export interface Fixture {
  dir: string;
  path: string;
  store: Store;
  /** Closes the store and deletes the database. */
  dispose(): Promise<void>;
}

/** Codes the readouts into a new database file and returns it open. */
export async function buildSqliteFixture(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), "readout-server-"));
  const path = join(dir, "readout.db");
  const store = await openSqliteStore(path);
  const coder = new Coder();
  const records = READOUTS.map((r) =>
    toRecord(coder.code(sourceFromText(r.id, r.text, { storyDate: r.date, publisher: r.publisher, title: `Readout ${r.id}`, url: `https://example.invalid/${r.id}` })), coder.kb),
  );
  await store.write(records);
  return {
    dir,
    path,
    store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
