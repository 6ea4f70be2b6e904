import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { KnowledgeBase } from "../src/kb/kb.ts";
import { fold } from "../src/kb/fold.ts";
import { phraseTokens } from "../src/nlp/tokenize.ts";

const kb = new KnowledgeBase(resolve(import.meta.dirname, "..", "data"), phraseTokens);
/** The knowledge base's entries for a name as written. */
const lookup = (name: string) => {
  const surface = phraseTokens(name);
  return kb.names.longest(surface.map(fold), surface, 0, surface.length)?.values ?? [];
};

describe("places in the knowledge base", () => {
  it("knows a capital and another city as places in their state, once each", () => {
    expect(lookup("Damascus")).toEqual([{ kind: "state", code: "SYR", form: "place" }]);
    expect(lookup("Aleppo")).toEqual([{ kind: "state", code: "SYR", form: "place" }]);
    expect(lookup("Bombay")).toEqual([{ kind: "state", code: "IND", form: "place" }]);
  });
  it("lists every city in a state it knows", () => {
    expect(kb.cities.length).toBeGreaterThan(2000);
    expect(kb.cities.filter((c) => !kb.states.has(c.code))).toEqual([]);
  });
});

describe("non-state actors in the knowledge base", () => {
  it("knows armed groups, parties and companies by name and alias, each with the state it acts in", () => {
    expect(lookup("Hamas")).toEqual([{ kind: "org", id: "hamas" }]);
    expect(kb.orgs.get("hamas")).toMatchObject({ code: "PSE", sector: "armed" });
    const isis = lookup("ISIS")[0]!;
    expect(isis.kind === "org" && kb.orgs.get(isis.id)).toMatchObject({ name: "Islamic State", code: "SYR", sector: "armed" });
    const huawei = lookup("Huawei")[0]!;
    expect(huawei.kind === "org" && kb.orgs.get(huawei.id)).toMatchObject({ code: "CHN", sector: "company" });
  });
  it("gives every non-state actor a state the knowledge base knows, and no organization of organizations.tsv a sector", () => {
    const nonstate = [...kb.orgs.values()].filter((o) => o.sector !== null);
    expect(nonstate.length).toBeGreaterThan(400);
    expect(nonstate.filter((o) => !kb.states.has(o.code))).toEqual([]);
    expect(kb.orgs.get("UN")?.sector).toBeNull();
  });
});

describe("counterparts", () => {
  it("finds who holds the same office, or its peer, in another state on a date", () => {
    expect(kb.counterpart("Secretary of State", "IND", "2022-11-16")?.name).toBe("Subrahmanyam Jaishankar");
    expect(kb.counterpart("Foreign Minister", "USA", "2022-11-16")?.name).toBe("Antony Blinken");
    expect(kb.counterpart("Prime Minister", "CHN", "2022-11-16")?.name).toBe("Li Keqiang");
    expect(kb.counterpart("President", "CHN", "2022-11-16")?.name).toBe("Xi Jinping");
  });
  it("names no one for an office no one holds there", () => {
    expect(kb.counterpart("Secretary of State", "XKX", "1975-01-01")).toBeNull();
  });
});
