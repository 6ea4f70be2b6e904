import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { Coder, sourceFromText } from "../../src/index.ts";
import {
  COUNT_KEYS,
  type ActorRecord,
  type CountKey,
  type CountRow,
  type DocumentRecord,
  type EventFilter,
  type EventRecord,
  type EventSort,
  type EventView,
  type Interval,
  type Store,
  type StoreDiagnostics,
  type TimelineRow,
} from "../../src/store/model.ts";
import { FacetIndex, type FacetIndexBuild } from "../../src/store/facet-index.ts";
import { BLOC_NAMES, sortName } from "../../src/store/sql.ts";
import { toRecord } from "../../src/store/record.ts";

/**
 * The one contract every `Store` backend is held to. A backend's test file
 * calls `storeContract(name, open)`; `open` must return a new, empty store
 * each time. Fixtures are short texts written for this suite and coded by the
 * real coder, plus a hand-built document whose dates, contexts and actors
 * are exactly controlled.
 */

// ---------------------------------------------------------------- fixtures

const TEXTS = {
  talks:
    "Foreign Minister Wang Yi held talks with Secretary of State Antony Blinken in Washington on Monday. " +
    "Wang urged the United States to stop arming Taiwan.",
  accuse: "China accused Japan of violating its airspace. Japan rejected the accusation on Tuesday.",
  praise: "The United Nations Secretary-General praised Ghana for its peacekeeping role. Brazil and India agreed to expand trade.",
  nordic:
    "President Karin Oskarsdottir of Iceland met Prime Minister Søren Ålund of Denmark in Copenhagen. " +
    "Iceland threatened to impose sanctions on Russia.",
};

const META = {
  talks: { publisher: "Example Wire", storyDate: "2022-03-15", title: "Quarterly dialogue", url: "https://example.org/talks" },
  accuse: { publisher: "Harbour Times", storyDate: "2022-03-15", title: "Airspace row", url: null },
  praise: { publisher: "Example Wire", storyDate: "2022-04-04", title: "Peacekeeping and trade", url: "https://example.org/praise" },
  nordic: { publisher: "Harbour Times", storyDate: "2022-03-15", title: "Nordic visit", url: null },
};

type CodedId = keyof typeof TEXTS;

const actorRecord = (id: string, name: string, code: string, more: Partial<ActorRecord> = {}): ActorRecord => ({
  id,
  name,
  kind: "state",
  code,
  office: null,
  source: "text",
  offices: [],
  ...more,
});

const ZEMBLA = actorRecord("state:ZZA", "Zembla", "ZZA");
const BORDURIA = actorRecord("state:ZZB", "Borduria", "ZZB");
const GHANA = actorRecord("state:GHA", "Ghana", "GHA", { source: "kb" });
const MARCHETTI = actorRecord("person:elodie-marchetti@ZZA", "Élodie Marchetti", "ZZA", {
  kind: "person",
  office: "Foreign Minister",
  offices: [{ office: "Foreign Minister", code: "ZZA", start: "2020-05-01", end: null }],
});

interface HandEvent {
  date: string | null;
  type: string;
  mode?: string;
  context?: string[];
  actors: ActorRecord[];
  recipients?: ActorRecord[];
}

const VERBS: Record<string, string> = { AGREE: "agreed", CONSULT: "met", SUPPORT: "praised", REQUEST: "asked", ACCUSE: "accused", THREATEN: "warned", PROTEST: "protested" };
const CAMEO: Record<string, string> = { AGREE: "030", CONSULT: "040", SUPPORT: "051", REQUEST: "020", ACCUSE: "112", THREATEN: "130", PROTEST: "140" };

const eventHash = (doc: string, i: number) => createHash("sha1").update(`${doc}#${i}`).digest("hex").slice(0, 16);

/** A document with one sentence per event ("Zembla accused Borduria."), every offset computed. */
function handDocument(id: string, meta: { publisher: string; date: string; title: string; url: string | null }, list: HandEvent[]): DocumentRecord {
  let text = "";
  const doc: DocumentRecord = { id, source: "contract", ...meta, text: "", hash: "", sentences: [], actors: [], mentions: [], events: [] };
  const actors = new Map<string, ActorRecord>();
  list.forEach((h, index) => {
    const start = text.length;
    const participants: EventRecord["participants"] = [];
    const name = (a: ActorRecord, role: "actor" | "recipient") => {
      if (participants.length) text += role === "actor" ? " and " : " ";
      doc.mentions.push({ actor: a.id, sentence: index, type: "name", start: text.length, end: text.length + a.name.length, fullStart: text.length, fullEnd: text.length + a.name.length });
      participants.push({ actor: a.id, role, name: a.name, code: a.code, office: a.office, sector: "GOV", text: a.name });
      actors.set(a.id, a);
      text += a.name;
    };
    h.actors.forEach((a) => name(a, "actor"));
    text += " ";
    const triggerStart = text.length;
    text += VERBS[h.type]!;
    const triggerEnd = text.length;
    (h.recipients ?? []).forEach((a) => name(a, "recipient"));
    text += ".";
    doc.sentences.push({ index, start, end: text.length, skip: null });
    doc.events.push({ id: eventHash(id, index), sentence: index, date: h.date, type: h.type, mode: h.mode ?? null, context: h.context ?? [], cameo: CAMEO[h.type]!, triggerStart, triggerEnd, participants });
    text += " ";
  });
  doc.text = text.trimEnd();
  doc.actors = [...actors.values()];
  doc.hash = createHash("sha256").update(JSON.stringify([meta, doc.text, doc.events])).digest("hex");
  return doc;
}

/** Dates chosen around week and month boundaries (2022-01-31 and 2022-02-07, 2022-02-28 are Mondays). */
const SERIES: HandEvent[] = [
  { date: "2021-12-31", type: "AGREE", context: ["economic"], actors: [ZEMBLA, BORDURIA] },
  { date: "2022-01-30", type: "ACCUSE", mode: "allege", context: ["military", "cyber"], actors: [ZEMBLA], recipients: [BORDURIA] },
  { date: "2022-01-31", type: "CONSULT", mode: "visit", actors: [MARCHETTI], recipients: [BORDURIA] },
  { date: "2022-02-06", type: "CONSULT", mode: "phone", actors: [BORDURIA], recipients: [ZEMBLA] },
  { date: "2022-02-07", type: "SUPPORT", actors: [ZEMBLA], recipients: [GHANA] },
  { date: "2022-02-07", type: "REQUEST", context: ["economic"], actors: [BORDURIA], recipients: [ZEMBLA] },
  { date: "2022-02-28", type: "THREATEN", context: ["military"], actors: [ZEMBLA], recipients: [BORDURIA] },
  { date: "2022-03-01", type: "AGREE", actors: [MARCHETTI, BORDURIA] },
  { date: null, type: "PROTEST", actors: [BORDURIA], recipients: [ZEMBLA] },
];
const SERIES_META = { publisher: "Hand Press", date: "2022-01-31", title: "Zembla and Borduria", url: "https://example.org/series" };

interface Fixtures {
  coder: Coder;
  docs: DocumentRecord[];
  doc(id: string): DocumentRecord;
}

let cache: Fixtures | undefined;

/** Codes the texts once per test file (the coder takes about half a second to load). */
function fixtures(): Fixtures {
  if (cache) return cache;
  const coder = new Coder();
  const docs = (Object.keys(TEXTS) as CodedId[]).map((id) => code(coder, id, TEXTS[id], META[id]));
  docs.push(handDocument("series", SERIES_META, SERIES));
  const byId = new Map(docs.map((d) => [d.id, d]));
  cache = { coder, docs, doc: (id) => byId.get(id) ?? fail(`no fixture ${id}`) };
  return cache;
}

function code(coder: Coder, id: string, text: string, meta: Partial<Record<"publisher" | "storyDate" | "title" | "url", string | null>>): DocumentRecord {
  return toRecord(coder.code(sourceFromText(id, text, meta)), coder.kb);
}

function fail(message: string): never {
  throw new Error(message);
}

// ---------------------------------------------------------------- helpers

interface Located {
  doc: DocumentRecord;
  event: EventRecord;
}

const located = (docs: readonly DocumentRecord[]): Located[] => docs.flatMap((doc) => doc.events.map((event) => ({ doc, event })));

/** The id of the one event of `type` in fixture document `doc`. */
function ev(doc: string, type: string): string {
  const found = fixtures().doc(doc).events.filter((e) => e.type === type);
  if (found.length !== 1) fail(`${doc} has ${found.length} ${type} events, expected one: the coder's output changed`);
  return found[0]!.id;
}

/** The hand-built event at `i` in SERIES. */
const hand = (i: number) => eventHash("series", i);

const sorted = (ids: Iterable<string>) => [...ids].sort();
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The order events() promises: by date (undated as ""), then id. */
function inOrder(list: Located[], sort: EventSort): string[] {
  const asc = [...list].sort((x, y) => cmp(x.event.date ?? "", y.event.date ?? "") || cmp(x.event.id, y.event.id)).map((l) => l.event.id);
  return sort === "date" ? asc : asc.reverse();
}

async function idsOf(store: Store, filter: EventFilter): Promise<string[]> {
  return sorted((await store.events(filter, { limit: 1000 })).events.map((e) => e.id));
}

/** Every page of a listing, checking that no page is longer than asked. */
async function walk(store: Store, filter: EventFilter, limit: number, sort: EventSort): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    const page: Awaited<ReturnType<Store["events"]>> = await store.events(filter, { limit, cursor, sort });
    expect(page.events.length).toBeLessThanOrEqual(limit);
    ids.push(...page.events.map((e) => e.id));
    cursor = page.next;
    if (!cursor) return ids;
    expect(page.events.length).toBe(limit);
  }
  return fail("paging did not end");
}

const mondayOf = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
};

/** The keys an event counts under for `by`, computed from the records. */
function keysOf({ doc, event }: Located, by: CountKey): Array<string | null> {
  const date = event.date;
  switch (by) {
    case "type":
      return [event.type];
    case "mode":
      return [event.mode];
    case "publisher":
      return [doc.publisher];
    case "context":
      return event.context;
    case "day":
      return date ? [date] : [];
    case "week":
      return date ? [mondayOf(date)] : [];
    case "month":
      return date ? [date.slice(0, 7)] : [];
    case "year":
      return date ? [date.slice(0, 4)] : [];
    case "country":
      return event.participants.map((p) => p.code);
    case "actor":
    case "recipient":
      return event.participants.filter((p) => p.role === by).map((p) => p.actor);
  }
}

/** What count() must answer, from the records: distinct events per key, busiest first (time keys in time order). */
/** The fixtures' states' names by their codes (counts by country name them so). */
const stateNames = (): Map<string, string> =>
  new Map([...Object.entries(BLOC_NAMES), ...fixtures().docs.flatMap((d) => d.actors.filter((a) => a.kind === "state" && a.code).map((a) => [a.code!, a.name] as const))]);

function expectedCount(list: Located[], by: CountKey, names: Map<string, string>): CountRow[] {
  const counts = new Map<string, Set<string>>();
  for (const l of list) for (const k of keysOf(l, by)) counts.set(k ?? "", (counts.get(k ?? "") ?? new Set()).add(l.event.id));
  const label = (key: string) => (by === "actor" || by === "recipient" ? names.get(key)! : by === "country" ? (stateNames().get(key) ?? key) : key);
  const rows = [...counts].map(([key, ids]) => ({ key, label: label(key), count: ids.size }));
  const isTime = by === "day" || by === "week" || by === "month" || by === "year";
  return rows.sort((a, b) => (isTime ? cmp(a.key, b.key) : b.count - a.count || cmp(a.key, b.key)));
}

function expectedTimeline(list: Located[], interval: Interval): TimelineRow[] {
  const period = (d: string) => (interval === "day" ? d : interval === "week" ? mondayOf(d) : `${d.slice(0, 7)}-01`);
  const counts = new Map<string, number>();
  for (const { event } of list) if (event.date) counts.set(`${period(event.date)} ${event.type}`, (counts.get(`${period(event.date)} ${event.type}`) ?? 0) + 1);
  return [...counts]
    .map(([k, count]) => ({ period: k.split(" ")[0]!, type: k.split(" ")[1]!, count }))
    .sort((a, b) => cmp(a.period, b.period) || cmp(a.type, b.type));
}

/** Strings that would break out of a badly built statement, LIKE pattern or full-text query. */
const HOSTILE = [
  "' OR '1'='1",
  "'; DROP TABLE events; --",
  "Robert'); DROP TABLE actors;--",
  '" OR ""="',
  "%",
  "_",
  "\\",
  "%' OR name_fold LIKE '%",
  "*",
  "NEAR(wang blinken)",
  "wang OR NOT blinken",
  "$1",
  "@p1",
  "?",
  "\u0000",
  "1) UNION SELECT id, hash FROM documents --",
];

// ---------------------------------------------------------------- the contract

/** What the contract holds a backend to: the store, its diagnostics, and the facet index serving processes keep. */
type ContractStore = Store & StoreDiagnostics & { keepFacetIndex(options?: { pageRows?: number }): Promise<FacetIndexBuild> };

/** `migrations`: the store's schema migrations, for checking that one keys old events as ingest keys new ones. */
export function storeContract(name: string, open: () => Promise<ContractStore>, migrations: readonly string[][]): void {
  describe(`${name} store: write`, () => {
    let store: Store & StoreDiagnostics;
    beforeAll(() => void fixtures());
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it("stores a new document, leaves it alone when unchanged, and reports its hash", async () => {
      const talks = fixtures().doc("talks");
      expect(await store.write([talks])).toEqual(["new"]);
      expect(await store.write([talks])).toEqual(["unchanged"]);
      expect(await store.hashes(["talks", "missing"])).toEqual(new Map([["talks", talks.hash]]));
      expect(await store.hashes([])).toEqual(new Map());
      expect(await store.stats()).toMatchObject({ documents: 1, events: talks.events.length });
    });

    it("replaces a changed document: its old events, participants and contexts go, the new ones come", async () => {
      const { coder, doc } = fixtures();
      const before = doc("praise");
      const after = code(coder, "praise", TEXTS.accuse, { ...META.praise, title: "Airspace row again" });
      expect(after.hash).not.toBe(before.hash);
      expect(await store.write([before, doc("talks")])).toEqual(["new", "new"]);
      expect(await store.write([after])).toEqual(["replaced"]);
      for (const e of before.events) expect(await store.event(e.id)).toBeNull();
      expect(await idsOf(store, { doc: ["praise"] })).toEqual(sorted(after.events.map((e) => e.id)));
      expect(await idsOf(store, { context: ["military", "economic"] })).toEqual([]);
      expect(await store.count({}, "actor")).not.toContainEqual(expect.objectContaining({ key: "person:antonio-guterres" }));
      expect(await idsOf(store, { q: "peacekeeping" })).toEqual([]);
      expect(await idsOf(store, { q: "airspace" })).toEqual(sorted(after.events.map((e) => e.id)));
      expect((await store.document("praise"))?.text).toBe(TEXTS.accuse);
      expect((await store.document("praise"))?.sentences).toEqual(after.sentences);
      expect(await store.hashes(["praise"])).toEqual(new Map([["praise", after.hash]]));
      expect(await store.stats()).toMatchObject({ documents: 2, events: after.events.length + doc("talks").events.length });
    });

    it("handles a document twice in one batch: the second copy is unchanged or replaces the first", async () => {
      const { coder, doc } = fixtures();
      const first = doc("accuse");
      const second = code(coder, "accuse", TEXTS.nordic, META.accuse);
      expect(await store.write([first, first])).toEqual(["new", "unchanged"]);
      expect(await store.write([first, second])).toEqual(["unchanged", "replaced"]);
      expect(await idsOf(store, {})).toEqual(sorted(second.events.map((e) => e.id)));
    });

    it("writes all of a batch or none of it: a duplicate event id rolls everything back", async () => {
      const { coder, doc } = fixtures();
      const talks = doc("talks");
      await store.write([talks]);
      const stats = await store.stats();
      const replacement = code(coder, "talks", TEXTS.nordic, META.talks);
      const broken = brokenDocument();
      await expect(store.write([doc("praise"), replacement, broken])).rejects.toThrow();
      expect(await store.stats()).toEqual(stats);
      expect(await store.hashes(["talks", "praise", broken.id])).toEqual(new Map([["talks", talks.hash]]));
      expect(await idsOf(store, {})).toEqual(sorted(talks.events.map((e) => e.id)));
      expect((await store.document("talks"))?.text).toBe(TEXTS.talks);
      expect(await store.actor(MARCHETTI.id)).toBeNull();
      // and the store goes on working
      expect(await store.write([doc("praise")])).toEqual(["new"]);
    });

    it("keeps concurrent batches apart: a failing one takes nothing of another with it", async () => {
      const { doc } = fixtures();
      const results = await Promise.allSettled([store.write([doc("talks"), doc("accuse")]), store.write([doc("nordic"), brokenDocument()]), store.write([doc("praise")])]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
      expect(sorted((await store.hashes(["talks", "accuse", "nordic", "praise", "broken"])).keys())).toEqual(["accuse", "praise", "talks"]);
      expect(await idsOf(store, {})).toEqual(sorted(["talks", "accuse", "praise"].flatMap((id) => doc(id).events.map((e) => e.id))));
    });

    it("stores a document too large for one statement", async () => {
      const many = Array.from({ length: 700 }, () => SERIES).flat();
      const big = handDocument("big", SERIES_META, many);
      expect(await store.write([big])).toEqual(["new"]);
      expect(await store.stats()).toEqual({ documents: 1, events: many.length, actors: 4 });
      expect((await store.count({}, "actor", 1))[0]).toEqual({ key: BORDURIA.id, label: "Borduria", count: 700 * 5 });
      expect((await store.document("big"))?.sentences).toHaveLength(many.length);
    });

    it("keeps networks and profiles right when a document is replaced", async () => {
      const { coder, doc } = fixtures();
      await store.write([doc("talks"), doc("accuse")]);
      const changed = code(coder, "talks", "China accused Japan of violating its airspace on Friday.", META.talks);
      expect(await store.write([changed])).toEqual(["replaced"]);
      const fresh = await open();
      try {
        await fresh.write([changed, doc("accuse")]);
        for (const level of ["actor", "country"] as const) expect(await store.network({}, level, 100)).toEqual(await fresh.network({}, level, 100));
        expect(await store.actor("state:CHN")).toEqual(await fresh.actor("state:CHN"));
        expect(await store.actor("person:wang-yi")).toMatchObject({ events: 0, byType: {}, counterparts: [] });
      } finally {
        await fresh.close();
      }
    });

    it("moves its version on at every write that changes something, and counts documents as it writes them", async () => {
      const { doc } = fixtures();
      const start = await store.version();
      await store.write([doc("talks"), doc("accuse")]);
      const written = await store.version();
      expect(written).not.toBe(start);
      expect(await store.write([doc("talks")])).toEqual(["unchanged"]);
      expect(await store.version()).toBe(written);
      const changed = { ...doc("talks"), hash: `${doc("talks").hash}+` };
      expect(await store.write([changed])).toEqual(["replaced"]);
      expect(await store.version()).not.toBe(written);
      expect(await store.stats()).toMatchObject({ documents: 2, events: doc("talks").events.length + doc("accuse").events.length });
    });

    it("keeps every rollup exact as documents are added, replaced and left alone", async () => {
      const { coder, doc, docs } = fixtures();
      await store.write(docs);
      expect(await store.rollupDrift()).toEqual([]);
      // the same text with other events, dates and contexts; then the first again
      const changed = code(coder, "talks", "China accused Japan of violating its airspace on Friday. Japan threatened to impose sanctions on China.", META.talks);
      expect(await store.write([changed, doc("accuse")])).toEqual(["replaced", "unchanged"]);
      expect(await store.rollupDrift()).toEqual([]);
      expect(await store.write([doc("talks")])).toEqual(["replaced"]);
      expect(await store.rollupDrift()).toEqual([]);
      // a document losing events with contexts, modes and dates
      const series = doc("series");
      expect(series.events.some((e) => e.context.length && e.mode)).toBe(true);
      expect(await store.write([{ ...series, hash: `${series.hash}+`, events: series.events.slice(3) }])).toEqual(["replaced"]);
      expect(await store.rollupDrift()).toEqual([]);
      // two countries meeting a group of no country: at the country level a joint event of the two
      const guild = actorRecord("group:harbour-guild", "Harbour Guild", "", { kind: "group", code: null });
      const codeless = handDocument("codeless", SERIES_META, [{ date: "2022-05-02", type: "CONSULT", actors: [ZEMBLA, BORDURIA], recipients: [guild] }]);
      await store.write([codeless]);
      expect(await store.rollupDrift()).toEqual([]);
      expect((await store.network({ doc: ["codeless"] }, "country", 10)).edges).toMatchObject([{ source: "ZZA", target: "ZZB", directed: false, weight: 1 }]);
      // one batch, two publishers, the same nodes, edge, type and month: a cell for each publisher
      const sameEvent = [{ date: "2022-06-01", type: "ACCUSE", actors: [ZEMBLA], recipients: [BORDURIA] }];
      await store.write([handDocument("press-a", { ...SERIES_META, publisher: "Press A" }, sameEvent), handDocument("press-b", { ...SERIES_META, publisher: "Press B" }, sameEvent)]);
      expect(await store.rollupDrift()).toEqual([]);
    });

    it("keeps one row per actor whose name and office do not depend on the order documents arrive in", async () => {
      const doc = handDocument("renamed", SERIES_META, SERIES.slice(0, 2));
      doc.actors = [...doc.actors, { ...ZEMBLA, name: "Zembla Republic", office: "Council" }];
      await store.write([doc]);
      // of the names seen, the one that sorts first is kept, whichever came first
      expect(await store.actor(ZEMBLA.id)).toMatchObject({ name: "Zembla", events: 2 });
      expect((await store.actors("zembla", 10)).map((a) => a.name)).toEqual(["Zembla"]);
      await store.write([handDocument("again", SERIES_META, SERIES.slice(4, 5))]);
      const one = await store.actor(ZEMBLA.id);
      expect(one).toMatchObject({ name: "Zembla", events: 3 });
      const other = await open();
      try {
        await other.write([handDocument("again", SERIES_META, SERIES.slice(4, 5))]);
        await other.write([doc]);
        expect(await other.actor(ZEMBLA.id)).toMatchObject({ name: one!.name, office: one!.office, events: 3 });
      } finally {
        await other.close();
      }
    });

    it("answers reads while a batch is being written", async () => {
      const { docs } = fixtures();
      const [outcomes, page, stats] = await Promise.all([store.write(docs), store.events({}, { limit: 5 }), store.stats()]);
      expect(outcomes).toEqual(docs.map(() => "new"));
      expect(page.events.length).toBeLessThanOrEqual(5);
      expect([0, docs.length]).toContain(stats.documents);
      expect((await store.stats()).documents).toBe(docs.length);
    });
  });

  describe(`${name} store: facet index`, () => {
    let store: ContractStore;
    const docIds = () => fixtures().docs.map((d) => d.id);
    beforeEach(async () => {
      store = await open();
      expect(await store.write(fixtures().docs)).toEqual(fixtures().docs.map(() => "new"));
    });
    afterEach(async () => {
      vi.restoreAllMocks();
      await store.close();
    });

    it("counts full-text matches, with types, modes, publishers, dates and countries taking part, exactly as the events do", async () => {
      const all = located(fixtures().docs);
      expect(await store.keepFacetIndex()).toMatchObject({ kept: true, events: all.length });
      const used = vi.spyOn(FacetIndex.prototype, "count");
      const publisher = [fixtures().doc("talks").publisher!];
      const filters: EventFilter[] = [
        { q: "Zembla Borduria protested" },
        { q: "Washington TAIWAN" },
        { q: "zembla", type: ["CONSULT", "THREATEN"], mode: ["visit", "phone"] },
        { q: "zembla", from: "2022-01-31", to: "2022-02-28" },
        { q: "zembla", to: "2022-12-31" },
        { q: "airspace zembla" },
        { q: "!!!" },
        { q: "blinken", publisher },
        { q: "zembla", party: ["ZZA"] },
        { party: ["ZZB", "ZZA"], mode: ["allege", "visit"] },
        { party: ["ZZA", "RUS"], q: "zembla" },
      ];
      for (const f of filters) {
        // a document filter naming every document is counted in SQL
        const calls = used.mock.calls.length;
        expect(await store.counts(f, COUNT_KEYS, 1000), JSON.stringify(f)).toEqual(await store.counts({ ...f, doc: docIds() }, COUNT_KEYS, 1000));
        expect(used.mock.calls.length, JSON.stringify(f)).toBe(calls + 1);
      }
      // again, the matching documents now kept for the index's version
      for (const f of filters) expect(await store.counts(f, COUNT_KEYS, 1000), `${JSON.stringify(f)} again`).toEqual(await store.counts({ ...f, doc: docIds() }, COUNT_KEYS, 1000));
      // the index counted what the records say
      const zembla = all.filter((l) => l.doc.id === "series");
      expect(await store.counts({ q: "zembla" }, ["country", "week"])).toEqual(
        new Map([
          ["country", expectedCount(zembla, "country", new Map())],
          ["week", expectedCount(zembla, "week", new Map())],
        ]),
      );
    });

    it("reads its rows in pages of any size, a run of rows sharing a key (an event's participants) never split", async () => {
      const keys = ["type", "country", "week", "publisher"] as const;
      await store.keepFacetIndex();
      const whole = await store.counts({ q: "zembla" }, keys);
      for (const pageRows of [1, 2, 3, 7]) {
        const other = await open();
        try {
          await other.write(fixtures().docs);
          expect(await other.keepFacetIndex({ pageRows })).toMatchObject({ kept: true, events: located(fixtures().docs).length });
          expect(await other.counts({ q: "zembla" }, keys), `pages of ${pageRows}`).toEqual(whole);
        } finally {
          await other.close();
        }
      }
    });

    it("never answers from an index a write has left behind", async () => {
      await store.keepFacetIndex();
      const used = vi.spyOn(FacetIndex.prototype, "count");
      const { coder } = fixtures();
      const before = await store.counts({ q: "airspace" }, ["type"]);
      expect(used).toHaveBeenCalledTimes(1);
      const more = code(coder, "more", TEXTS.accuse, { ...META.accuse, storyDate: "2023-05-02" });
      expect(await store.write([more])).toEqual(["new"]);
      const keys = ["type", "country", "month"] as const;
      const exact = () => store.counts({ q: "airspace", doc: [...docIds(), "more"] }, keys);
      const after = await store.counts({ q: "airspace" }, keys);
      expect(after).toEqual(await exact());
      expect(after.get("type")![0]!.count).toBe(2 * before.get("type")![0]!.count);
      expect(used).toHaveBeenCalledTimes(1);
      // rebuilt in the background, then used again
      await store.keepFacetIndex();
      expect(await store.counts({ q: "airspace" }, keys)).toEqual(await exact());
      expect(used).toHaveBeenCalledTimes(2);
    });
  });

  describe(`${name} store: queries`, () => {
    let store: Store & StoreDiagnostics;
    let all: Located[];
    const names = new Map<string, string>();

    beforeAll(async () => {
      const { docs } = fixtures();
      all = located(docs);
      for (const d of docs) for (const a of d.actors) names.set(a.id, a.name);
      store = await open();
      expect(await store.write(docs)).toEqual(docs.map(() => "new"));
    });
    afterAll(async () => {
      await store?.close();
    });

    const only = (pred: (l: Located) => boolean) => sorted(all.filter(pred).map((l) => l.event.id));

    describe("fixtures", () => {
      it("are coded as this suite expects (if not, the coder changed: update the expectations)", () => {
        const { doc } = fixtures();
        const shape = (id: string) => doc(id).events.map((e) => `${e.type} ${e.participants.map((p) => `${p.role}=${p.actor}`).join(" ")}`);
        expect(shape("talks")).toEqual(["CONSULT actor=person:wang-yi recipient=person:antony-blinken", "REQUEST actor=person:wang-yi recipient=state:USA"]);
        expect(shape("accuse")).toEqual(["ACCUSE actor=state:CHN recipient=state:JPN"]);
        expect(shape("praise")).toEqual(["SUPPORT actor=person:antonio-guterres recipient=state:GHA", "AGREE actor=state:BRA actor=state:IND"]);
        expect(shape("nordic")).toEqual(["CONSULT actor=person:karin-oskarsdottir@ISL recipient=person:s-ren-alund@DNK", "THREATEN actor=state:ISL recipient=state:RUS"]);
        expect(all.length).toBe(16);
      });
    });

    describe("events()", () => {
      it("returns every event without a filter, newest first", async () => {
        const page = await store.events({}, { limit: 1000 });
        expect(page.events.map((e) => e.id)).toEqual(inOrder(all, "-date"));
        expect(page.next).toBeNull();
      });

      it("filters by actor: id, name in any case or accents as stored, or code", async () => {
        const wang = [ev("talks", "CONSULT"), ev("talks", "REQUEST")];
        expect(await idsOf(store, { actor: "person:wang-yi" })).toEqual(sorted(wang));
        expect(await idsOf(store, { actor: "wang YI" })).toEqual(sorted(wang));
        expect(await idsOf(store, { actor: "  Wang Yi " })).toEqual(sorted(wang));
        expect(await idsOf(store, { actor: "antonio guterres" })).toEqual([ev("praise", "SUPPORT")]);
        expect(await idsOf(store, { actor: "CHN" })).toEqual(sorted([...wang, ev("accuse", "ACCUSE")]));
        expect(await idsOf(store, { actor: "chn" })).toEqual(sorted([...wang, ev("accuse", "ACCUSE")]));
        expect(await idsOf(store, { actor: "ZZA" })).toEqual(sorted([0, 1, 2, 4, 6, 7].map(hand)));
        expect(await idsOf(store, { actor: "Élodie Marchetti" })).toEqual(sorted([2, 7].map(hand)));
        expect(await idsOf(store, { actor: "ELODIE MARCHETTI" })).toEqual(sorted([2, 7].map(hand)));
        // a name or code no one has is refused, with the actors it may mean
        await expect(idsOf(store, { actor: "Nobody At All" })).rejects.toMatchObject({
          name: "UnknownReferenceError",
          message: 'actor: no actor, country or code in the database is called "Nobody At All"; /actors?q= finds actors by part of a name',
        });
        await expect(idsOf(store, { actor: "Mr Blinken" })).rejects.toMatchObject({ message: 'actor: no actor, country or code in the database is called "Mr Blinken"; did you mean Antony Blinken (person:antony-blinken)?' });
        await expect(store.counts({ party: ["XXX"] }, ["type"])).rejects.toMatchObject({ name: "UnknownReferenceError" });
      });

      it("reads a country's name as its code: every participant of that country, not its state alone", async () => {
        for (const [name, code] of [["Borduria", "ZZB"], ["china", "CHN"], ["Zembla", "ZZA"]] as const) {
          for (const key of ["actor", "recipient"] as const) expect(await idsOf(store, { [key]: name }), `${key} ${name}`).toEqual(await idsOf(store, { [key]: code }));
          expect(await idsOf(store, { party: [name] })).toEqual(await idsOf(store, { party: [code] }));
          expect(await store.counts({ party: [name] }, ["type", "month"])).toEqual(await store.counts({ party: [code] }, ["type", "month"]));
        }
        // the state itself, by its id
        expect(await idsOf(store, { actor: "state:CHN" })).toEqual([ev("accuse", "ACCUSE")]);
        expect(await idsOf(store, { actor: "China" })).toEqual(sorted([ev("talks", "CONSULT"), ev("talks", "REQUEST"), ev("accuse", "ACCUSE")]));
      });

      it("filters by recipient: id, name or code, on the recipient side only", async () => {
        expect(await idsOf(store, { recipient: "state:USA" })).toEqual([ev("talks", "REQUEST")]);
        expect(await idsOf(store, { recipient: "USA" })).toEqual(sorted([ev("talks", "CONSULT"), ev("talks", "REQUEST")]));
        expect(await idsOf(store, { recipient: "SØREN ÅLUND" })).toEqual([ev("nordic", "CONSULT")]);
        expect(await idsOf(store, { recipient: "person:wang-yi" })).toEqual([]);
        expect(await idsOf(store, { actor: "state:ZZA", recipient: "state:ZZB" })).toEqual(sorted([1, 6].map(hand)));
      });

      it("filters by party: each must take part, on either side", async () => {
        expect(await idsOf(store, { party: ["CHN", "USA"] })).toEqual(sorted([ev("talks", "CONSULT"), ev("talks", "REQUEST")]));
        expect(await idsOf(store, { party: ["CHN"] })).toEqual(sorted([ev("talks", "CONSULT"), ev("talks", "REQUEST"), ev("accuse", "ACCUSE")]));
        expect(await idsOf(store, { party: ["ghana"] })).toEqual(sorted([ev("praise", "SUPPORT"), hand(4)]));
        expect(await idsOf(store, { party: ["state:ZZA", "Borduria"] })).toEqual(sorted([0, 1, 3, 5, 6, 8].map(hand)));
        expect(await idsOf(store, { party: ["JPN", "USA"] })).toEqual([]);
      });

      it("filters by type (any case), mode and context, any of the values", async () => {
        expect(await idsOf(store, { type: ["CONSULT"] })).toEqual(only((l) => l.event.type === "CONSULT"));
        expect(await idsOf(store, { type: ["consult", "Agree"] })).toEqual(only((l) => ["CONSULT", "AGREE"].includes(l.event.type)));
        expect(await idsOf(store, { type: ["AGREE"] })).toEqual(sorted([ev("praise", "AGREE"), hand(0), hand(7)]));
        expect(await idsOf(store, { mode: ["visit"] })).toEqual(only((l) => l.event.mode === "visit"));
        expect(await idsOf(store, { mode: ["phone", "allege"] })).toEqual(sorted([ev("accuse", "ACCUSE"), hand(1), hand(3)]));
        expect(await idsOf(store, { context: ["military"] })).toEqual(sorted([ev("praise", "SUPPORT"), hand(1), hand(6)]));
        expect(await idsOf(store, { context: ["cyber", "economic"] })).toEqual(sorted([ev("praise", "AGREE"), hand(0), hand(1), hand(5)]));
        expect(await idsOf(store, { context: ["nothing"] })).toEqual([]);
      });

      it("filters by publisher and document", async () => {
        expect(await idsOf(store, { publisher: ["Example Wire"] })).toEqual(only((l) => l.doc.publisher === "Example Wire"));
        expect(await idsOf(store, { publisher: ["Hand Press", "Harbour Times"] })).toEqual(only((l) => l.doc.id !== "talks" && l.doc.id !== "praise"));
        expect(await idsOf(store, { doc: ["accuse", "nordic"] })).toEqual(only((l) => l.doc.id === "accuse" || l.doc.id === "nordic"));
        expect(await idsOf(store, { doc: ["missing"] })).toEqual([]);
      });

      it("filters by date range, inclusive, leaving out undated events", async () => {
        expect(await idsOf(store, { from: "2022-02-01", to: "2022-02-28" })).toEqual(sorted([3, 4, 5, 6].map(hand)));
        expect(await idsOf(store, { from: "2022-02-07", to: "2022-02-07" })).toEqual(sorted([4, 5].map(hand)));
        expect(await idsOf(store, { to: "2021-12-31" })).toEqual([hand(0)]);
        expect(await idsOf(store, { from: "2022-04-01" })).toEqual(sorted([ev("praise", "SUPPORT"), ev("praise", "AGREE")]));
        expect(await idsOf(store, { from: "2000-01-01" })).toEqual(only((l) => l.event.date !== null));
        expect(await idsOf(store, { from: "2022-03-02", to: "2022-03-01" })).toEqual([]);
      });

      it("searches the title and text: every word must occur, in any case", async () => {
        const talks = only((l) => l.doc.id === "talks");
        expect(await idsOf(store, { q: "airspace" })).toEqual([ev("accuse", "ACCUSE")]);
        expect(await idsOf(store, { q: "Washington TAIWAN" })).toEqual(talks);
        expect(await idsOf(store, { q: "quarterly" })).toEqual(talks); // in the title only
        expect(await idsOf(store, { q: "quarterly Blinken" })).toEqual(talks); // title and text
        expect(await idsOf(store, { q: "Washington airspace" })).toEqual([]);
        expect(await idsOf(store, { q: "ghana brazil" })).toEqual(only((l) => l.doc.id === "praise"));
        expect(await idsOf(store, { q: "Zembla Borduria protested" })).toEqual(only((l) => l.doc.id === "series"));
        expect(await idsOf(store, { q: "alund" })).toEqual(only((l) => l.doc.id === "nordic")); // "Ålund"
        expect(await idsOf(store, { q: "elodie" })).toEqual(only((l) => l.doc.id === "series")); // "Élodie": accents do not matter
        expect(await idsOf(store, { q: "Wang, Blinken!" })).toEqual(talks);
        expect(await idsOf(store, { q: "  " })).toEqual([]);
        expect(await idsOf(store, { q: "nonexistentword" })).toEqual([]);
      });

      it("combines filters (AND)", async () => {
        const f: EventFilter = { actor: "CHN", type: ["request", "accuse"], from: "2022-03-14", publisher: ["Example Wire"], q: "taiwan" };
        expect(await idsOf(store, f)).toEqual([ev("talks", "REQUEST")]);
        expect(await idsOf(store, { ...f, recipient: "JPN" })).toEqual([]);
        expect(await idsOf(store, { party: ["ZZB"], mode: ["visit"], context: [], doc: ["series"], to: "2022-01-31" })).toEqual([hand(2)]);
      });
    });

    describe("paging", () => {
      for (const sort of ["date", "-date"] as const) {
        it(`walks every event exactly once, in order, sorted by ${sort}`, async () => {
          for (const limit of [1, 3, 7, 8, 16, 17]) expect(await walk(store, {}, limit, sort)).toEqual(inOrder(all, sort));
        });

        it(`pages a filtered listing sorted by ${sort}`, async () => {
          const series = all.filter((l) => l.doc.id === "series");
          expect(await walk(store, { publisher: ["Hand Press"] }, 2, sort)).toEqual(inOrder(series, sort));
          const march = all.filter((l) => (l.event.date ?? "") >= "2022-03-01");
          expect(await walk(store, { from: "2022-03-01" }, 2, sort)).toEqual(inOrder(march, sort));
        });
      }

      it("keys each event by its first actor's and recipient's name as the migration keys stored ones", async () => {
        const keys = (rows: Array<Record<string, unknown>>) => new Map(rows.map((r) => [String(r.id), `${String(r.actor_key)}|${String(r.recipient_key)}`]));
        const update = migrations.flat().find((sql) => sql.startsWith("UPDATE events SET actor_key"))!;
        let written = new Map<string, string>();
        let migrated = new Map<string, string>();
        // (in a transaction that fails at its end: the store is left as it was)
        const undo = new Error("undo");
        await expect(
          store.write([], async (tx) => {
            written = keys(await tx.query("SELECT id, actor_key, recipient_key FROM events", []));
            await tx.query("UPDATE events SET actor_key = 'x', recipient_key = 'x'", []);
            await tx.query(update, []);
            migrated = keys(await tx.query("SELECT id, actor_key, recipient_key FROM events", []));
            throw undo;
          }),
        ).rejects.toBe(undo);
        expect(written.size).toBe(all.length);
        expect(migrated).toEqual(written);
        const first = (l: Located, role: string) => sortName(l.event.participants.find((p) => p.role === role)?.name ?? "\u{10FFFF}");
        expect(written).toEqual(new Map(all.map((l) => [l.event.id, `${first(l, "actor")}|${first(l, "recipient")}`])));
      });

      // by type or first actor's or recipient's name, A to Z, newest first within (undated last); '-' the reverse
      const KEYED = ["type", "-type", "actor", "-actor", "recipient", "-recipient"] as const;
      const keyedOrder = (list: Located[], sort: (typeof KEYED)[number]): string[] => {
        const key = (l: Located) => {
          if (sort.endsWith("type")) return l.event.type;
          const first = l.event.participants.find((p) => p.role === (sort.endsWith("actor") ? "actor" : "recipient"));
          return sortName(first?.name ?? "\u{10FFFF}");
        };
        const bytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
        const asc = [...list].sort((x, y) => bytes(key(x), key(y)) || cmp(y.event.date ?? "", x.event.date ?? "") || cmp(y.event.id, x.event.id)).map((l) => l.event.id);
        return sort.startsWith("-") ? asc.reverse() : asc;
      };
      for (const walkIndex of [false, true]) {
        it(`pages by type, actor and recipient${walkIndex ? " down the key's index" : ", the match set sorted whole"}`, async () => {
          const before = store.sortWholeMax;
          store.sortWholeMax = walkIndex ? 0 : 1_000_000;
          try {
            const filters: Array<[EventFilter, (l: Located) => boolean]> = [
              [{}, () => true],
              [{ from: "2022-03-01" }, (l) => (l.event.date ?? "") >= "2022-03-01"],
              [{ type: ["CONSULT", "ACCUSE"] }, (l) => ["CONSULT", "ACCUSE"].includes(l.event.type)],
              [{ party: ["ZZA"] }, (l) => l.event.participants.some((p) => p.code === "ZZA")],
              [{ q: "airspace" }, (l) => l.doc.text.toLowerCase().includes("airspace")],
            ];
            for (const sort of KEYED) {
              for (const limit of [1, 3, 16]) expect(await walk(store, {}, limit, sort), `${sort} by ${limit}`).toEqual(keyedOrder(all, sort));
              for (const [f, keep] of filters.slice(1)) expect(await walk(store, f, 2, sort), `${sort} ${JSON.stringify(f)}`).toEqual(keyedOrder(all.filter(keep), sort));
            }
            // the actors' names themselves, A to Z (events without an actor last)
            const page = await store.events({}, { limit: 1000, sort: "actor" });
            const names = page.events.map((e) => e.actor[0]?.name ?? "~");
            const named = names.filter((n) => n !== "~");
            expect(named).toEqual([...named].sort((a, b) => Buffer.compare(Buffer.from(sortName(a)), Buffer.from(sortName(b)))));
            // a cursor of one order is refused by another
            const dated = (await store.events({}, { limit: 2, sort: "-date" })).next!;
            await expect(store.events({}, { limit: 2, sort: "actor", cursor: dated })).rejects.toMatchObject({ name: "InvalidCursorError" });
          } finally {
            store.sortWholeMax = before;
          }
        });
      }

      it("puts undated events last when newest first, first when oldest first", async () => {
        expect((await store.events({}, { limit: 1, sort: "date" })).events[0]?.id).toBe(hand(8));
        const desc = await walk(store, {}, 5, "-date");
        expect(desc[desc.length - 1]).toBe(hand(8));
      });

      it("ends with a null cursor and keeps the limit within 1 … 1000", async () => {
        expect((await store.events({}, { limit: 16 })).next).toBeNull();
        expect((await store.events({}, { limit: 15 })).next).not.toBeNull();
        expect((await store.events({}, { limit: 0 })).events).toHaveLength(1);
        expect((await store.events({}, { limit: 5000 })).events).toHaveLength(16);
        expect(await store.events({ doc: ["missing"] }, { limit: 10 })).toEqual({ events: [], next: null });
      });

      it("rejects a cursor it did not make with an InvalidCursorError", async () => {
        const bad = ["not a cursor", Buffer.from('{"a":1}').toString("base64url"), Buffer.from("[1,2]").toString("base64url"), "%%%", "W10"];
        for (const cursor of bad) await expect(store.events({}, { limit: 5, cursor })).rejects.toMatchObject({ name: "InvalidCursorError" });
      });
    });

    describe("eachEvent()", () => {
      it("yields every matching event once, oldest first unless asked otherwise", async () => {
        const collect = async (filter: EventFilter, sort?: EventSort) => {
          const out: string[] = [];
          for await (const e of store.eachEvent(filter, sort)) out.push(e.id);
          return out;
        };
        expect(await collect({})).toEqual(inOrder(all, "date"));
        expect(await collect({}, "-date")).toEqual(inOrder(all, "-date"));
        expect(await collect({ party: ["ZZA"] })).toEqual(inOrder(all.filter((l) => l.event.participants.some((p) => p.code === "ZZA")), "date"));
        expect(await collect({ doc: ["missing"] })).toEqual([]);
      });
    });

    describe("event()", () => {
      it("gives each event with its evidence: the sentence, the offsets and the citation", async () => {
        for (const { doc, event } of all) {
          const v = await store.event(event.id);
          expect(v, event.id).not.toBeNull();
          checkEvidence(v!, doc, event, names);
        }
      });

      it("puts the trigger words where the coder found them", async () => {
        const trigger = async (id: string) => {
          const v = (await store.event(id))!;
          return v.text.slice(v.text_info.trigger_start - v.text_info.start, v.text_info.trigger_end - v.text_info.start);
        };
        expect(await trigger(ev("talks", "CONSULT"))).toBe("held talks");
        expect(await trigger(ev("accuse", "ACCUSE"))).toBe("accused");
        expect(await trigger(hand(6))).toBe("warned");
      });

      it("gives the participants as the PLOVER export does", async () => {
        const v = (await store.event(ev("talks", "CONSULT")))!;
        expect(v.actor).toEqual([{ id: "person:wang-yi", name: "Wang Yi", kind: "person", code: "CHN", sector: "GOV", office: "Foreign Minister", entity_text: "Foreign Minister Wang Yi" }]);
        expect(v.recipient).toEqual([
          { id: "person:antony-blinken", name: "Antony Blinken", kind: "person", code: "USA", sector: "GOV", office: "Secretary of State", entity_text: "Secretary of State Antony Blinken" },
        ]);
        expect(v).toMatchObject({ doc: "talks", date: "2022-03-14", event: "CONSULT", cameo: "040", story_date: "2022-03-15", cite_info: { title: "Quarterly dialogue", publication: "Example Wire", url: "https://example.org/talks" } });
        const joint = (await store.event(hand(0)))!;
        expect(joint.actor.map((p) => p.id)).toEqual([ZEMBLA.id, BORDURIA.id]);
        expect(joint.recipient).toEqual([]);
        expect(joint.context).toEqual(["economic"]);
        expect((await store.event(hand(1)))!.context).toEqual(["cyber", "military"]);
      });

      it("returns null for an unknown id", async () => {
        expect(await store.event("0000000000000000")).toBeNull();
      });
    });

    describe("count()", () => {
      for (const by of COUNT_KEYS) {
        it(`counts events by ${by}`, async () => {
          expect(await store.count({}, by)).toEqual(expectedCount(all, by, names));
        });
      }

      it("gives exact counts for the hand-built document, weeks starting on Monday", async () => {
        const f: EventFilter = { doc: ["series"] };
        const rows = async (by: CountKey) => (await store.count(f, by)).map((r) => [r.key, r.count]);
        expect(await rows("week")).toEqual([["2021-12-27", 1], ["2022-01-24", 1], ["2022-01-31", 2], ["2022-02-07", 2], ["2022-02-28", 2]]);
        expect(await rows("month")).toEqual([["2021-12", 1], ["2022-01", 2], ["2022-02", 4], ["2022-03", 1]]);
        expect(await rows("year")).toEqual([["2021", 1], ["2022", 7]]);
        expect(await rows("type")).toEqual([["AGREE", 2], ["CONSULT", 2], ["ACCUSE", 1], ["PROTEST", 1], ["REQUEST", 1], ["SUPPORT", 1], ["THREATEN", 1]]);
        expect(await rows("mode")).toEqual([["", 6], ["allege", 1], ["phone", 1], ["visit", 1]]);
        expect(await rows("context")).toEqual([["economic", 2], ["military", 2], ["cyber", 1]]);
        expect(await rows("country")).toEqual([["ZZA", 9], ["ZZB", 8], ["GHA", 1]]);
        expect(await store.count(f, "recipient")).toEqual([
          { key: "state:ZZA", label: "Zembla", count: 3 },
          { key: "state:ZZB", label: "Borduria", count: 3 },
          { key: "state:GHA", label: "Ghana", count: 1 },
        ]);
      });

      it("applies the filter and the limit", async () => {
        expect(await store.count({ actor: "CHN" }, "recipient")).toEqual([
          { key: "person:antony-blinken", label: "Antony Blinken", count: 1 },
          { key: "state:JPN", label: "Japan", count: 1 },
          { key: "state:USA", label: "United States", count: 1 },
        ]);
        expect(await store.count({}, "type", 2)).toEqual(expectedCount(all, "type", names).slice(0, 2));
        // periods past the limit: the latest kept, in time order (the newest are what a reader looks for)
        for (const by of ["day", "week", "month"] as const) expect(await store.count({}, by, 2), by).toEqual(expectedCount(all, by, names).slice(-2));
        expect(await store.count({ doc: ["series"] }, "month", 3)).toEqual([
          { key: "2022-01", label: "2022-01", count: 2 },
          { key: "2022-02", label: "2022-02", count: 4 },
          { key: "2022-03", label: "2022-03", count: 1 },
        ]);
        expect(await store.count({ doc: ["missing"] }, "day")).toEqual([]);
        // ties in count order by key, no mode ("") first, on every backend
        expect(await store.count({ doc: ["accuse", "nordic"] }, "mode")).toEqual([
          { key: "", label: "", count: 1 },
          { key: "allege", label: "allege", count: 1 },
          { key: "visit", label: "visit", count: 1 },
        ]);
      });
    });

    describe("counts()", () => {
      const docsOf = () => [...new Set(all.map((l) => l.doc.id))];

      it("gives several keys at once, each as count() gives it", async () => {
        for (const f of [{}, { actor: "CHN" }, { q: "sanctions" }, { doc: docsOf(), type: ["CONSULT", "ACCUSE"] }] as EventFilter[]) {
          const counts = await store.counts(f, COUNT_KEYS, 3);
          for (const by of COUNT_KEYS) expect(counts.get(by), `${JSON.stringify(f)} by ${by}`).toEqual(await store.count(f, by, 3));
        }
      });

      it("answers types, modes, publishers, dates and days from its rollups exactly as from the events", async () => {
        const dated = sorted(all.map((l) => l.event.date).filter((d): d is string => !!d));
        const publisher = [...new Set(fixtures().docs.map((d) => d.publisher).filter((p): p is string => !!p))].slice(0, 1);
        const filters: EventFilter[] = [
          {},
          { type: ["CONSULT", "AGREE"] },
          { mode: ["phone", "visit"] },
          { publisher },
          { from: dated[2] },
          { to: dated[dated.length - 3] },
          { from: dated[1], to: dated[dated.length - 2], type: ["THREATEN", "ACCUSE", "CONSULT"] },
        ];
        for (const f of filters) {
          // a document filter naming every document reads the events themselves
          const fromEvents = { ...f, doc: docsOf() };
          const keys = f === filters[0] ? COUNT_KEYS : COUNT_KEYS.filter((k) => !["actor", "recipient", "context", "country"].includes(k));
          expect(await store.counts(f, keys), JSON.stringify(f)).toEqual(await store.counts(fromEvents, keys));
          for (const interval of ["day", "week", "month"] as const) expect(await store.timeline(f, interval), `${JSON.stringify(f)} per ${interval}`).toEqual(await store.timeline(fromEvents, interval));
        }
      });
    });

    describe("party rollups", () => {
      it("answer timelines and counts by time and type of one party or a pair exactly as the events do", async () => {
        const docs = [...new Set(all.map((l) => l.doc.id))];
        const filters: EventFilter[] = [
          { party: ["ZZA"] },
          { party: ["ZZB", "ZZA"] },
          { party: ["state:ZZA", "state:ZZB"], type: ["ACCUSE", "CONSULT", "THREATEN"], from: "2022-01-31", to: "2022-02-28" },
          { party: ["person:elodie-marchetti@ZZA", "state:ZZB"] },
          { party: ["CHN", "JPN"] },
          { party: ["USA"], to: "2022-03-31" },
        ];
        const keys = ["type", "day", "week", "month", "year"] as const;
        for (const f of filters) {
          const fromEvents = { ...f, doc: docs };
          expect(await store.counts(f, keys), JSON.stringify(f)).toEqual(await store.counts(fromEvents, keys));
          for (const interval of ["day", "week", "month"] as const) expect(await store.timeline(f, interval), `${JSON.stringify(f)} per ${interval}`).toEqual(await store.timeline(fromEvents, interval));
        }
        expect((await store.timeline({ party: ["ZZA", "ZZB"] }, "month")).reduce((n, r) => n + r.count, 0)).toBe(7);
      });
    });

    describe("page plans", () => {
      const filters: Array<[string, EventFilter]> = [
        ["nothing", {}],
        ["dates", { from: "2022-01-01", to: "2022-02-28" }],
        ["a type", { type: ["ACCUSE"] }],
        ["two types", { type: ["ACCUSE", "CONSULT"] }],
        ["a mode", { mode: ["phone"] }],
        ["a publisher", { publisher: ["Ministry of Foreign Affairs of Zembla"] }],
        ["a document", { doc: ["series"] }],
        ["a context", { context: ["military"] }],
        ["an actor id", { actor: "state:CHN" }],
        ["an actor name matching several ids", { actor: "Borduria" }],
        ["a country code as recipient", { recipient: "JPN" }],
        ["a country pair in a month", { party: ["CHN", "JPN"], from: "2022-02-01", to: "2022-02-28" }],
        ["words", { q: "airspace" }],
        ["words and a type", { q: "airspace", type: ["ACCUSE"] }],
        ["everything at once", { actor: "CHN", recipient: "JPN", party: ["CHN"], type: ["ACCUSE"], mode: ["allege"], context: ["military"], publisher: ["x"], doc: ["accuse"], from: "2000-01-01", to: "2030-12-31", q: "airspace" }],
      ];
      for (const [what, f] of filters) {
        for (const sort of ["-date", "date"] as const) {
          it(`walks an index in page order for ${what} (${sort}), reading no table whole`, async () => {
            const first = await store.events(f, { limit: 1, sort });
            const plan = await store.explainPage(f, { limit: 50, sort, cursor: first.next }, { indexesOnly: true });
            const text = plan.join("\n");
            // a page of rare words sorts their few events (no index keeps them in date order); common words are probed along a walk
            const sorts = f.q !== undefined;
            if (store.backend === "sqlite") {
              if (!sorts) expect(text).not.toMatch(/TEMP B-TREE/);
              // the one walk that reads the whole of an index in order is the page without a driving filter, which stops at the page's end
              // (and the words' few events, found first and then read to be sorted)
              for (const line of plan.filter((l) => /^SCAN /.test(l))) expect(line).toMatch(sorts ? /^SCAN (e USING (COVERING )?INDEX events_sort|documents_fts VIRTUAL TABLE|m$)/ : /^SCAN (e USING (COVERING )?INDEX events_sort|documents_fts VIRTUAL TABLE)/);
            } else {
              // (a Sort node, not a Merge Append's "Sort Key")
              if (!sorts) expect(text).not.toMatch(/(^|->)\s*(Incremental )?Sort\s+\(/m);
              expect(text).not.toMatch(/Seq Scan/);
            }
          });
        }
      }
    });

    describe("page plans by key", () => {
      const filters: Array<[string, EventFilter]> = [
        ["nothing", {}],
        ["dates", { from: "2022-01-01", to: "2022-02-28" }],
        ["a type", { type: ["ACCUSE"] }],
        ["an actor id", { actor: "state:CHN" }],
        ["everything at once", { actor: "CHN", recipient: "JPN", party: ["CHN"], type: ["ACCUSE"], mode: ["allege"], context: ["military"], publisher: ["x"], doc: ["accuse"], from: "2000-01-01", to: "2030-12-31", q: "airspace" }],
      ];
      const INDEX = { type: "events_type_order", actor: "events_actor_order", recipient: "events_recipient_order" } as const;
      for (const [what, f] of filters) {
        for (const sort of ["type", "-actor", "recipient"] as const) {
          it(`walks the key's index for ${what} (${sort}) when the match set is large, sorting nothing`, async () => {
            const before = store.sortWholeMax;
            store.sortWholeMax = 0;
            try {
              const first = await store.events(f, { limit: 1, sort });
              const plan = (await store.explainPage(f, { limit: 50, sort, cursor: first.next }, { indexesOnly: true })).join("\n");
              if (store.backend === "sqlite") {
                expect(plan).not.toMatch(/TEMP B-TREE/);
                expect(plan).toMatch(new RegExp(`^(SCAN|SEARCH) e USING (COVERING )?INDEX ${INDEX[sort.replace("-", "") as keyof typeof INDEX]}`, "m"));
              } else {
                expect(plan).not.toMatch(/(^|->)\s*(Incremental )?Sort\s+\(/m);
                expect(plan).not.toMatch(/Seq Scan/);
              }
            } finally {
              store.sortWholeMax = before;
            }
          });
        }
      }
    });

    describe("timeline()", () => {
      for (const interval of ["day", "week", "month"] as const) {
        it(`counts events per ${interval} and type, in time order`, async () => {
          expect(await store.timeline({}, interval)).toEqual(expectedTimeline(all, interval));
        });
      }

      it("starts weeks on Monday and months on the first", async () => {
        const f: EventFilter = { doc: ["series"], type: ["consult", "threaten", "agree"] };
        expect(await store.timeline(f, "week")).toEqual([
          { period: "2021-12-27", type: "AGREE", count: 1 },
          { period: "2022-01-31", type: "CONSULT", count: 2 },
          { period: "2022-02-28", type: "AGREE", count: 1 },
          { period: "2022-02-28", type: "THREATEN", count: 1 },
        ]);
        expect(await store.timeline(f, "month")).toEqual([
          { period: "2021-12-01", type: "AGREE", count: 1 },
          { period: "2022-01-01", type: "CONSULT", count: 1 },
          { period: "2022-02-01", type: "CONSULT", count: 1 },
          { period: "2022-02-01", type: "THREATEN", count: 1 },
          { period: "2022-03-01", type: "AGREE", count: 1 },
        ]);
        expect(await store.timeline({ doc: ["series"], type: ["PROTEST"] }, "day")).toEqual([]);
      });
    });

    describe("network()", () => {
      it("links actor to recipient, directed, at the actor level", async () => {
        const net = await store.network({ doc: ["talks", "praise"] }, "actor", 50);
        expect(net.level).toBe("actor");
        expect(sorted(net.nodes.map((n) => `${n.id} ${n.events}`))).toEqual(
          sorted(["person:wang-yi 2", "person:antony-blinken 1", "state:USA 1", "person:antonio-guterres 1", "state:GHA 1", "state:BRA 1", "state:IND 1"]),
        );
        expect(net.nodes.find((n) => n.id === "person:wang-yi")).toEqual({ id: "person:wang-yi", name: "Wang Yi", kind: "person", code: "CHN", events: 2 });
        expect(sorted(net.edges.map((e) => JSON.stringify(e)))).toEqual(
          sorted(
            [
              { source: "person:wang-yi", target: "person:antony-blinken", directed: true, weight: 1, types: { CONSULT: 1 } },
              { source: "person:wang-yi", target: "state:USA", directed: true, weight: 1, types: { REQUEST: 1 } },
              { source: "person:antonio-guterres", target: "state:GHA", directed: true, weight: 1, types: { SUPPORT: 1 } },
              { source: "state:BRA", target: "state:IND", directed: false, weight: 1, types: { AGREE: 1 } },
            ].map((e) => JSON.stringify(e)),
          ),
        );
      });

      it("joins countries, joint events as undirected pairs, heaviest edges first", async () => {
        const net = await store.network({ doc: ["series"] }, "country", 50);
        expect(net.level).toBe("country");
        expect(net.nodes).toEqual([
          { id: "ZZA", name: "Zembla", kind: "state", code: "ZZA", events: 9 },
          { id: "ZZB", name: "Borduria", kind: "state", code: "ZZB", events: 8 },
          { id: "GHA", name: "Ghana", kind: "state", code: "GHA", events: 1 },
        ]);
        expect(net.edges).toEqual([
          { source: "ZZA", target: "ZZB", directed: true, weight: 3, types: { ACCUSE: 1, CONSULT: 1, THREATEN: 1 } },
          { source: "ZZB", target: "ZZA", directed: true, weight: 3, types: { CONSULT: 1, REQUEST: 1, PROTEST: 1 } },
          { source: "ZZA", target: "ZZB", directed: false, weight: 2, types: { AGREE: 2 } },
          { source: "ZZA", target: "GHA", directed: true, weight: 1, types: { SUPPORT: 1 } },
        ]);
      });

      it("names countries and organizations at the country level", async () => {
        const net = await store.network({ doc: ["praise", "talks"] }, "country", 50);
        expect(net.nodes.find((n) => n.id === "UNO")).toMatchObject({ name: "United Nations", kind: "org", code: "UNO", events: 1 });
        expect(net.nodes.find((n) => n.id === "USA")).toMatchObject({ name: "United States", kind: "state", events: 2 });
        expect(net.edges).toContainEqual({ source: "CHN", target: "USA", directed: true, weight: 2, types: { CONSULT: 1, REQUEST: 1 } });
        expect(net.edges).toContainEqual({ source: "BRA", target: "IND", directed: false, weight: 1, types: { AGREE: 1 } });
      });

      it("keeps the busiest nodes and only the edges between them", async () => {
        const net = await store.network({ doc: ["series"] }, "country", 2);
        expect(net.nodes.map((n) => n.id)).toEqual(["ZZA", "ZZB"]);
        expect(net.edges.every((e) => e.source !== "GHA" && e.target !== "GHA")).toBe(true);
        expect(await store.network({ doc: ["missing"] }, "actor", 10)).toEqual({ level: "actor", nodes: [], edges: [] });
      });

      it("counts countries from its rollups exactly as from the events", async () => {
        const docs = [...new Set(all.map((l) => l.doc.id))];
        for (const f of [{}, { type: ["CONSULT", "ACCUSE"] }, { from: "2022-02-01", to: "2022-03-31" }] as EventFilter[]) {
          expect(await store.count(f, "country", 100), JSON.stringify(f)).toEqual(await store.count({ ...f, doc: docs }, "country", 100));
        }
        expect((await store.count({}, "country", 100)).every((r) => r.key !== "")).toBe(true);
      });

      it("answers types, publishers and whole months from its rollups exactly as from the events", async () => {
        const docs = [...new Set(all.map((l) => l.doc.id))];
        const months = sorted(all.map((l) => l.event.date?.slice(0, 7)).filter((m): m is string => !!m));
        const filters: EventFilter[] = [
          {},
          { type: ["CONSULT", "AGREE"] },
          { publisher: [...new Set(fixtures().docs.map((d) => d.publisher).filter((p): p is string => !!p))].slice(0, 1) },
          { from: `${months[0]}-01` },
          { to: `${months[months.length - 1]}-31`.replace(/-02-31$/, "-02-28") },
          { from: "2022-02-01", to: "2022-02-28", type: ["THREATEN", "ACCUSE"] },
        ];
        for (const f of filters) {
          for (const level of ["actor", "country"] as const) {
            // a document filter naming every document reads the events themselves
            const fromEvents = await store.network({ ...f, doc: docs }, level, 100);
            const fromRollups = await store.network(f, level, 100);
            expect(fromRollups, JSON.stringify(f)).toEqual(fromEvents);
          }
        }
      });
    });

    describe("actors()", () => {
      it("finds actors by part of a name, in any case and without accents", async () => {
        expect(await store.actors("wang", 10)).toEqual([{ id: "person:wang-yi", name: "Wang Yi", kind: "person", code: "CHN", office: "Foreign Minister", events: 2 }]);
        expect((await store.actors("WANG YI", 10)).map((a) => a.id)).toEqual(["person:wang-yi"]);
        expect((await store.actors("antonio", 10)).map((a) => a.id)).toEqual(["person:antonio-guterres"]);
        expect((await store.actors("ANTÓNIO GUT", 10)).map((a) => a.id)).toEqual(["person:antonio-guterres"]);
        expect((await store.actors("alund", 10)).map((a) => a.id)).toEqual(["person:s-ren-alund@DNK"]);
        expect((await store.actors("ÉLODIE", 10)).map((a) => a.id)).toEqual([MARCHETTI.id]);
        expect((await store.actors("elodie", 10)).map((a) => a.name)).toEqual(["Élodie Marchetti"]);
      });

      it("finds actors by id or code, busiest first, within the limit", async () => {
        expect((await store.actors("JPN", 10)).map((a) => a.id)).toEqual(["state:JPN"]);
        expect((await store.actors("state:JPN", 10)).map((a) => a.id)).toEqual(["state:JPN"]);
        expect((await store.actors("zza", 10)).map((a) => [a.id, a.events])).toEqual([
          [ZEMBLA.id, 7],
          [MARCHETTI.id, 2],
        ]);
        const everyone = await store.actors("", 1000);
        expect(everyone.map((a) => a.events)).toEqual([...everyone.map((a) => a.events)].sort((a, b) => b - a));
        expect(everyone[0]).toMatchObject({ id: BORDURIA.id, events: 8 });
        expect(sorted(everyone.map((a) => a.id))).toEqual(sorted(names.keys()));
        expect(await store.actors("", 3)).toHaveLength(3);
        expect(await store.actors("no such actor", 10)).toEqual([]);
      });
    });

    describe("actor()", () => {
      it("profiles a knowledge-base person with the offices held and their tenures", async () => {
        expect(await store.actor("person:wang-yi")).toEqual({
          id: "person:wang-yi",
          name: "Wang Yi",
          kind: "person",
          code: "CHN",
          office: "Foreign Minister",
          source: "kb",
          events: 2,
          offices: [
            { office: "Foreign Minister", code: "CHN", start: "2013-03-16", end: "2022-12-30" },
            { office: "State Councilor", code: "CHN", start: "2018-03-19", end: "2023-03-12" },
            { office: "Foreign Minister", code: "CHN", start: "2023-07-25", end: null },
          ],
          asActor: 2,
          asRecipient: 0,
          byType: { CONSULT: 1, REQUEST: 1 },
          counterparts: [
            { id: "person:antony-blinken", name: "Antony Blinken", code: "USA", count: 1 },
            { id: "state:USA", name: "United States", code: "USA", count: 1 },
          ],
          firstSeen: "2022-03-14",
          lastSeen: "2022-03-14",
        });
        const blinken = (await store.actor("person:antony-blinken"))!;
        expect(blinken).toMatchObject({ source: "kb", asActor: 0, asRecipient: 1, byType: { CONSULT: 1 }, counterparts: [{ id: "person:wang-yi", count: 1 }] });
        expect(blinken.offices).toContainEqual(expect.objectContaining({ office: "Secretary of State", code: "USA", start: "2021-01-26" }));
      });

      it("profiles an actor on both sides of many events", async () => {
        expect(await store.actor(BORDURIA.id)).toEqual({
          id: BORDURIA.id,
          name: "Borduria",
          kind: "state",
          code: "ZZB",
          office: null,
          source: "text",
          events: 8,
          offices: [],
          asActor: 5,
          asRecipient: 3,
          byType: { AGREE: 2, CONSULT: 2, ACCUSE: 1, REQUEST: 1, THREATEN: 1, PROTEST: 1 },
          counterparts: [
            { id: ZEMBLA.id, name: "Zembla", code: "ZZA", count: 6 },
            { id: MARCHETTI.id, name: "Élodie Marchetti", code: "ZZA", count: 2 },
          ],
          firstSeen: "2021-12-31",
          lastSeen: "2022-03-01",
        });
        expect(await store.actor(MARCHETTI.id)).toMatchObject({ offices: MARCHETTI.offices, office: "Foreign Minister", source: "text" });
        expect(await store.actor(GHANA.id)).toMatchObject({ events: 2, asRecipient: 2, asActor: 0, firstSeen: "2022-02-07", lastSeen: "2022-04-04" });
      });

      it("returns null for an unknown id", async () => {
        expect(await store.actor("person:nobody")).toBeNull();
      });
    });

    describe("document()", () => {
      it("gives the document with its sentences and its events in text order", async () => {
        for (const doc of fixtures().docs) {
          const v = (await store.document(doc.id))!;
          expect(v).toMatchObject({ id: doc.id, source: doc.source, publisher: doc.publisher, url: doc.url, date: doc.date, title: doc.title, text: doc.text });
          expect(v.sentences).toEqual(doc.sentences);
          const order = [...doc.events].sort((a, b) => a.sentence - b.sentence || a.triggerStart - b.triggerStart);
          expect(v.events.map((e) => e.id)).toEqual(order.map((e) => e.id));
          for (const e of v.events) checkEvidence(e, doc, doc.events.find((r) => r.id === e.id)!, names);
          const inOrder = [...doc.mentions].sort((a, b) => a.start - b.start || a.end - b.end);
          expect(v.mentions).toEqual(inOrder);
        }
        const wang = (await store.document("talks"))!.mentions.filter((m) => m.actor === "person:wang-yi");
        expect(wang.map((m) => TEXTS.talks.slice(m.start, m.end))).toEqual(["Wang Yi", "Wang"]);
      });

      it("returns null for an unknown id", async () => {
        expect(await store.document("missing")).toBeNull();
      });
    });

    describe("stats()", () => {
      it("counts documents, events and actors", async () => {
        expect(await store.stats()).toEqual({ documents: 5, events: 16, actors: names.size });
      });
    });

    describe("hostile input", () => {
      const stringFilters = (s: string): EventFilter[] => [
        { actor: s },
        { recipient: s },
        { party: [s] },
        { party: ["CHN", s] },
        { type: [s] },
        { mode: [s] },
        { context: [s] },
        { publisher: [s] },
        { doc: [s] },
      ];

      it("treats SQL, LIKE and full-text syntax in every string filter as plain text", async () => {
        for (const s of HOSTILE) {
          for (const f of stringFilters(s)) {
            // (a participant no one is refused by name; any other value matches nothing)
            if (f.actor !== undefined || f.recipient !== undefined || f.party !== undefined) {
              await expect(idsOf(store, f), JSON.stringify(f)).rejects.toMatchObject({ name: "UnknownReferenceError" });
              await expect(store.count(f, "type"), JSON.stringify(f)).rejects.toMatchObject({ name: "UnknownReferenceError" });
              continue;
            }
            expect(await idsOf(store, f), JSON.stringify(f)).toEqual([]);
            expect(await store.count(f, "type"), JSON.stringify(f)).toEqual([]);
          }
          for (const f of [{ from: s }, { to: s }, { q: s }, { from: s, to: s }]) {
            const ids = await idsOf(store, f);
            expect(ids.every((id) => all.some((l) => l.event.id === id)), JSON.stringify(f)).toBe(true);
            await store.count(f, "week");
            await store.timeline(f, "week");
            await store.network(f, "country", 10);
          }
        }
      });

      it("finds nothing for hostile ids and search words", async () => {
        for (const s of HOSTILE) {
          expect(await store.actors(s, 10), JSON.stringify(s)).toEqual([]);
          expect(await store.actor(s)).toBeNull();
          expect(await store.event(s)).toBeNull();
          expect(await store.document(s)).toBeNull();
          expect(await store.hashes([s, "talks"])).toEqual(new Map([["talks", fixtures().doc("talks").hash]]));
          await expect(store.timeline({ actor: s }, "day")).rejects.toMatchObject({ name: "UnknownReferenceError" });
          await expect(store.network({ recipient: s }, "actor", 10)).rejects.toMatchObject({ name: "UnknownReferenceError" });
        }
      });

      it("is still all there afterwards", async () => {
        expect(await store.stats()).toEqual({ documents: 5, events: 16, actors: names.size });
      });
    });
  });
}

/** The hand-built document with two events under one id: the database must refuse it. */
function brokenDocument(): DocumentRecord {
  const doc = handDocument("broken", { ...SERIES_META, title: "Broken" }, SERIES.slice(1, 3));
  doc.events[1] = { ...doc.events[1]!, id: doc.events[0]!.id };
  return doc;
}

/** An event view says what its record says, and its offsets point into the document's text. */
function checkEvidence(v: EventView, doc: DocumentRecord, e: EventRecord, names: Map<string, string>): void {
  const s = doc.sentences.find((x) => x.index === e.sentence)!;
  expect(v.text).toBe(doc.text.slice(s.start, s.end));
  expect(v.text_info).toEqual({ sequence: e.sentence, start: s.start, end: s.end, trigger_start: e.triggerStart, trigger_end: e.triggerEnd });
  expect(e.triggerStart).toBeGreaterThanOrEqual(s.start);
  expect(e.triggerEnd).toBeLessThanOrEqual(s.end);
  expect(e.triggerEnd).toBeGreaterThan(e.triggerStart);
  expect(v).toMatchObject({ id: e.id, doc: doc.id, date: e.date, event: e.type, cameo: e.cameo, story_date: doc.date });
  expect(v.mode).toEqual(e.mode ? [e.mode] : []);
  expect(v.context).toEqual([...e.context].sort());
  expect(v.cite_info).toEqual({ title: doc.title, publication: doc.publisher, url: doc.url });
  const side = (role: "actor" | "recipient") =>
    e.participants
      .filter((p) => p.role === role)
      .map((p) => ({ id: p.actor, name: names.get(p.actor), kind: doc.actors.find((a) => a.id === p.actor)!.kind, code: p.code, sector: p.sector, office: p.office, entity_text: p.text }));
  expect(v.actor).toEqual(side("actor"));
  expect(v.recipient).toEqual(side("recipient"));
}
