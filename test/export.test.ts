import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { Coder, type PloverRecord, sourceFromText, toPlover } from "../src/index.ts";

/**
 * The PLOVER export on short readouts written for this test: every record
 * fits the schema, its offsets point into the text, its id is stable, and it
 * says what a reader of the text would expect.
 */

const schema = JSON.parse(readFileSync(new URL("./schema/plover.schema.json", import.meta.url), "utf8")) as object;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

const META = { storyDate: "2023-06-19", publisher: "Ministry of Examples", title: "Readout of the talks", url: "https://example.org/readout" };

const TEXTS: Record<string, string> = {
  beijing:
    "Foreign Minister Wang Yi met with Secretary of State Antony Blinken in Beijing on Monday. " +
    "Wang commended the United States for its efforts and urged it to lift sanctions. " +
    "The two sides agreed to continue talks.",
  call:
    "President Joe Biden spoke by phone with Chancellor Olaf Scholz on Tuesday. " +
    "The two leaders discussed support for Ukraine. " +
    "Biden thanked Scholz for Germany's leadership. " +
    "Biden asked Germany to send more air defence systems to Ukraine.",
  urge: "Wang Yi urged the United States to lift sanctions on Chinese firms.",
  conflict:
    "Prime Minister Anthony Albanese condemned Russia for its invasion of Ukraine.\n\n" +
    "Japan rejected China's proposal. North Korea threatened to strike South Korea.",
  quiet: "The weather in Geneva was mild. Delegates arrived by train.",
};

type Coded = { text: string; records: PloverRecord[] };
const coded: Record<string, Coded> = {};

function codeAll(coder: Coder): Record<string, PloverRecord[]> {
  return Object.fromEntries(Object.entries(TEXTS).map(([id, text]) => [id, toPlover(coder.code(sourceFromText(id, text, META)))]));
}

beforeAll(() => {
  const records = codeAll(new Coder());
  for (const [id, text] of Object.entries(TEXTS)) coded[id] = { text, records: records[id]! };
}, 60_000);

const all = () => Object.values(coded).flatMap((c) => c.records.map((r) => ({ text: c.text, r })));
const names = (list: PloverRecord["actor"]) => list.map((e) => e.name);
const participants = (r: PloverRecord) => [...names(r.actor), ...names(r.recipient)];
const trigger = (r: PloverRecord) => r.text.slice(r.text_info.trigger_start - r.text_info.start, r.text_info.trigger_end - r.text_info.start);
const find = (doc: string, pred: (r: PloverRecord) => boolean) => coded[doc]!.records.filter(pred);

describe("PLOVER export: every record", () => {
  it("codes some events at all (otherwise the checks below prove nothing)", () => {
    expect(all().length).toBeGreaterThanOrEqual(8);
  });

  it("validates against test/schema/plover.schema.json", () => {
    for (const { r } of all()) {
      const ok = validate(r);
      expect(ok ? null : { record: r, errors: validate.errors }).toBeNull();
    }
  });

  it("has text_info offsets that slice the document text to the record's text, a sentence of its own", () => {
    for (const { text, r } of all()) {
      const { start, end } = r.text_info;
      expect(start).toBeLessThan(end);
      expect(end).toBeLessThanOrEqual(text.length);
      expect(text.slice(start, end)).toBe(r.text);
      expect(r.text).toBe(r.text.trim());
    }
  });

  it("has its trigger inside the sentence, as non-empty words", () => {
    for (const { text, r } of all()) {
      const { start, end, trigger_start, trigger_end } = r.text_info;
      expect(trigger_start).toBeGreaterThanOrEqual(start);
      expect(trigger_end).toBeLessThanOrEqual(end);
      expect(trigger_start).toBeLessThan(trigger_end);
      expect(text.slice(trigger_start, trigger_end).trim()).not.toBe("");
      expect(trigger(r)).toBe(text.slice(trigger_start, trigger_end));
    }
  });

  it("numbers sentences in text order", () => {
    for (const c of Object.values(coded)) {
      const seqs = c.records.map((r) => r.text_info.sequence);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      for (const r of c.records) for (const s of c.records) if (r.text_info.sequence === s.text_info.sequence) expect(r.text_info.start).toBe(s.text_info.start);
    }
  });

  it("names participants with text from the document (or the entity's name when inferred)", () => {
    for (const { text, r } of all()) {
      for (const e of [...r.actor, ...r.recipient]) expect(text.includes(e.entity_text) || e.entity_text === e.name).toBe(true);
    }
  });

  it("carries the document id and the source's citation", () => {
    for (const [id, c] of Object.entries(coded)) {
      for (const r of c.records) {
        expect(r.doc).toBe(id);
        expect(r.cite_info).toEqual({ title: META.title, publication: META.publisher, url: META.url });
      }
    }
  });

  it("has ids unique within a document and stable across runs and Coder instances", () => {
    for (const c of Object.values(coded)) expect(new Set(c.records.map((r) => r.id)).size).toBe(c.records.length);
    const again = codeAll(new Coder());
    for (const [id, c] of Object.entries(coded)) {
      expect(again[id]!.map((r) => r.id)).toEqual(c.records.map((r) => r.id));
      expect(again[id]).toEqual(c.records);
    }
  }, 60_000);

  it("is JSON-safe: a record survives JSON.stringify/parse unchanged", () => {
    for (const { r } of all()) expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe("the schema itself", () => {
  const good = (): PloverRecord => structuredClone(coded.beijing!.records[0]!);

  it("rejects records a consumer could not use", () => {
    expect(validate(good())).toBe(true);
    expect(validate({ ...good(), event: "MEET" })).toBe(false);
    expect(validate({ ...good(), extra: 1 })).toBe(false);
    expect(validate({ ...good(), date: "19 June 2023" })).toBe(false);
    expect(validate({ ...good(), cameo: "04a" })).toBe(false);
    const { id: _id, ...noId } = good();
    expect(validate(noId)).toBe(false);
    const r = good();
    r.actor[0]!.code = "cn";
    expect(validate(r)).toBe(false);
    const s = good();
    s.text_info.trigger_start = -1;
    expect(validate(s)).toBe(false);
  });
});

describe("what a user sees on these readouts", () => {
  it("a visit: CONSULT between Wang Yi and Antony Blinken, on the Monday of the story", () => {
    const [consult, ...rest] = find("beijing", (r) => r.event === "CONSULT");
    expect(rest).toEqual([]);
    expect(participants(consult!).sort()).toEqual(["Antony Blinken", "Wang Yi"]);
    expect(consult!.mode).toEqual(["visit"]);
    expect(consult!.date).toBe("2023-06-19");
    expect(consult!.text).toBe("Foreign Minister Wang Yi met with Secretary of State Antony Blinken in Beijing on Monday.");
    expect(trigger(consult!)).toBe("met with");
    const wang = [...consult!.actor, ...consult!.recipient].find((e) => e.name === "Wang Yi")!;
    expect(wang).toMatchObject({ kind: "person", code: "CHN", sector: "GOV", office: "Foreign Minister" });
  });

  it("praise: SUPPORT by Wang Yi (named by his surname) toward the United States", () => {
    const support = find("beijing", (r) => r.event === "SUPPORT");
    expect(support).toHaveLength(1);
    expect(support[0]!.actor).toMatchObject([{ name: "Wang Yi", code: "CHN", entity_text: "Wang" }]);
    expect(support[0]!.recipient).toMatchObject([{ code: "USA", kind: "state" }]);
    expect(trigger(support[0]!)).toBe("commended");
  });

  it('"the two sides agreed": AGREE with both participants as actors', () => {
    const agree = find("beijing", (r) => r.event === "AGREE");
    expect(agree).toHaveLength(1);
    expect(names(agree[0]!.actor).sort()).toEqual(["Antony Blinken", "Wang Yi"]);
  });

  it("an urging: REQUEST by Wang Yi of the United States", () => {
    const request = find("urge", (r) => r.event === "REQUEST");
    expect(request).toHaveLength(1);
    expect(names(request[0]!.actor)).toEqual(["Wang Yi"]);
    expect(request[0]!.recipient.map((e) => e.code)).toEqual(["USA"]);
    expect(trigger(request[0]!)).toBe("urged");
  });

  it("a phone call on Tuesday: CONSULT by phone dated the Tuesday before the story date", () => {
    const call = find("call", (r) => r.event === "CONSULT" && r.text_info.sequence === 0);
    expect(call).toHaveLength(1);
    expect(call[0]!.mode).toEqual(["phone"]);
    expect(call[0]!.date).toBe("2023-06-13");
    expect(participants(call[0]!).sort()).toEqual(["Joe Biden", "Olaf Scholz"]);
  });

  it("later sentences of the call: the leaders' discussion, thanks and a request to Germany", () => {
    const discussed = find("call", (r) => r.event === "CONSULT" && r.text_info.sequence === 1);
    expect(discussed.map((r) => participants(r).sort())).toEqual([["Joe Biden", "Olaf Scholz"]]);
    const thanks = find("call", (r) => r.event === "SUPPORT");
    expect(thanks.map((r) => [names(r.actor), names(r.recipient)])).toEqual([[["Joe Biden"], ["Olaf Scholz"]]]);
    const ask = find("call", (r) => r.event === "REQUEST");
    expect(ask.map((r) => [names(r.actor), r.recipient.map((e) => e.code)])).toEqual([[["Joe Biden"], ["DEU"]]]);
    for (const r of coded.call!.records) expect(r.date).toBe("2023-06-13");
  });

  it("conflict verbs: ACCUSE, REJECT and THREATEN with the right sides", () => {
    const pairs = coded.conflict!.records.map((r) => [r.event, r.actor.map((e) => e.code), r.recipient.map((e) => e.code)]);
    expect(pairs).toEqual([
      ["ACCUSE", ["AUS"], ["RUS"]],
      ["REJECT", ["JPN"], ["CHN"]],
      ["THREATEN", ["PRK"], ["KOR"]],
    ]);
  });

  it("a text with no diplomatic event codes nothing", () => {
    expect(coded.quiet!.records).toEqual([]);
  });
});
