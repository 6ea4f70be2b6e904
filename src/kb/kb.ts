import { readdirSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../paths.ts";
import { fold, nameWords } from "./fold.ts";
import { Gazetteer } from "./gazetteer.ts";
import { list, readTsv, readWordList } from "./tsv.ts";

export interface StateRecord {
  code: string;
  name: string;
  aliases: string[];
  adjectives: string[];
  capitals: string[];
}

export interface OrgRecord {
  id: string;
  name: string;
  /** UNO, EUR, IGO or NGO; for a non-state actor (nonstate.tsv), the state it acts in. */
  code: string;
  aliases: string[];
  parent: string | null;
  /** A non-state actor's sector (nonstate.tsv): armed, party, media, company or other; null for organizations.tsv. */
  sector: string | null;
}

const SECTORS = new Set(["armed", "party", "media", "company", "other"]);

export interface Tenure {
  name: string;
  aliases: string[];
  gender: "m" | "f" | null;
  code: string;
  body: string;
  office: string;
  start: string;
  end: string | null;
}

export interface OfficeRecord {
  office: string;
  aliases: string[];
  rank: string;
  /** Offices that do the same work in other states ("Secretary of State" → "Foreign Minister"). */
  peers: string[];
}

export type NameEntry =
  /** A state's name, adjective, people ("Americans"), or a place in it (its capital or another city). */
  | { kind: "state"; code: string; form: "name" | "adjective" | "place" | "people"; region?: true }
  | { kind: "org"; id: string }
  /** A world region's adjective whose states a text names as one party: "African (countries)", "European (allies)" (blocs.tsv). */
  | { kind: "bloc"; code: string }
  | { kind: "person"; name: string }
  | { kind: "office"; office: string }
  | { kind: "honorific" };

export const DEFAULT_DATA_DIR = join(PACKAGE_ROOT, "data");

/**
 * The actor knowledge base: states, organizations, offices and office holders
 * with tenures, all loaded from `data/`, and one gazetteer over every name.
 */
export class KnowledgeBase {
  readonly states = new Map<string, StateRecord>();
  readonly orgs = new Map<string, OrgRecord>();
  readonly offices = new Map<string, OfficeRecord>();
  /** The words of office titles, folded ("minister", "secretary", "general"). */
  private readonly officeWords = new Set<string>();
  /** Office titles and their aliases, lower-cased, to the office (the first in offices.tsv that a title names). */
  private readonly officesByTitle = new Map<string, string>();
  /** Tenures by canonical person name. */
  readonly tenuresByName = new Map<string, Tenure[]>();
  /** Tenures by office. */
  readonly tenuresByOffice = new Map<string, Tenure[]>();
  /** Cities other than capitals and regions within states, with the state each is in (cities.tsv, regions.tsv). */
  readonly cities: Array<{ name: string; aliases: string[]; code: string; region: boolean }> = [];
  /** State names that are also a division of another state, with that state's code (shared-names.tsv): "Georgia" → USA. */
  readonly sharedNames = new Map<string, string>();
  /** World regions' adjectives, with the code of the bloc their states form (blocs.tsv). */
  readonly blocs: Array<{ adjective: string; code: string }> = [];
  /** A state's people as a plural noun its adjective does not make ("Britons", "Turks"; peoples.tsv). */
  private readonly peoples: Array<{ code: string; people: string }> = [];
  readonly names = new Gazetteer<NameEntry>();
  private readonly tenuresByNameWord = new Map<string, Tenure[]>();
  /** Per state: the offices that led it, with when (leaders.tsv). */
  private readonly leaderOffices = new Map<string, Array<{ office: string; start: string; end: string | null }>>();

  constructor(dataDir: string, tokenize: (phrase: string) => string[]) {
    for (const r of readTsv(join(dataDir, "states.tsv"))) {
      const s: StateRecord = {
        code: r.code!,
        name: r.name!,
        aliases: list(r.aliases),
        adjectives: list(r.adjectives),
        capitals: list(r.capitals),
      };
      this.states.set(s.code, s);
    }
    for (const r of readTsv(join(dataDir, "peoples.tsv"))) {
      if (!this.states.has(r.code!)) throw new Error(`${r.__line}: "${r.people}" are the people of "${r.code}", which states.tsv does not list`);
      this.peoples.push({ code: r.code!, people: r.people! });
    }
    // regions (states, provinces, oblasts …) are places in their state as cities are ("in North Waziristan", "visited
    // Fujian"), though never their state's government: "California will receive $7 billion" is no act of the United States
    for (const file of ["cities.tsv", "regions.tsv"]) {
      for (const r of readTsv(join(dataDir, file))) {
        if (!this.states.has(r.code!)) throw new Error(`${r.__line}: "${r.name}" is in "${r.code}", which states.tsv does not list`);
        this.cities.push({ name: r.name!, aliases: list(r.aliases), code: r.code!, region: file === "regions.tsv" });
      }
    }
    for (const r of readTsv(join(dataDir, "shared-names.tsv"))) {
      if (!this.states.has(r.code!)) throw new Error(`${r.__line}: "${r.name}" is a division of "${r.code}", which states.tsv does not list`);
      this.sharedNames.set(r.name!, r.code!);
    }
    for (const r of readTsv(join(dataDir, "blocs.tsv"))) {
      if (!/^(EUR|IGO)$/.test(r.code!)) throw new Error(`${r.__line}: a bloc's code is EUR or IGO, not "${r.code}"`);
      this.blocs.push({ adjective: r.adjective!, code: r.code! });
    }
    for (const r of readTsv(join(dataDir, "organizations.tsv"))) {
      const o: OrgRecord = { id: r.id!, name: r.name!, code: r.code!, aliases: list(r.aliases), parent: r.parent || null, sector: null };
      this.orgs.set(o.id, o);
    }
    for (const r of readTsv(join(dataDir, "nonstate.tsv"))) {
      if (this.orgs.has(r.id!)) throw new Error(`${r.__line}: id "${r.id}" is already an organization's`);
      if (!this.states.has(r.code!)) throw new Error(`${r.__line}: "${r.name}" acts in "${r.code}", which states.tsv does not list`);
      if (!SECTORS.has(r.sector!)) throw new Error(`${r.__line}: "${r.name}" has sector "${r.sector}", not one of ${[...SECTORS].join(", ")}`);
      this.orgs.set(r.id!, { id: r.id!, name: r.name!, code: r.code!, aliases: list(r.aliases), parent: null, sector: r.sector! });
    }
    for (const r of readTsv(join(dataDir, "offices.tsv"))) {
      this.offices.set(r.office!, { office: r.office!, aliases: list(r.aliases), rank: r.rank!, peers: list(r.peers) });
      for (const phrase of [r.office!, ...list(r.aliases)]) for (const w of fold(phrase).split(/\s+/)) this.officeWords.add(w);
    }
    for (const o of this.offices.values()) {
      for (const title of [o.office, ...o.aliases]) {
        const key = title.toLowerCase();
        if (!this.officesByTitle.has(key)) this.officesByTitle.set(key, o.office);
      }
    }
    for (const r of readTsv(join(dataDir, "leaders.tsv"))) {
      if (!this.offices.has(r.office!)) throw new Error(`${r.__line}: unknown office "${r.office}" (see offices.tsv)`);
      push(this.leaderOffices, r.code!, { office: r.office!, start: r.start!, end: r.end || null });
    }
    const holderDir = join(dataDir, "officeholders");
    for (const file of readdirSync(holderDir).filter((f) => f.endsWith(".tsv")).sort()) {
      for (const r of readTsv(join(holderDir, file))) {
        if (!this.offices.has(r.office!)) throw new Error(`${r.__line}: unknown office "${r.office}" (see offices.tsv)`);
        const name = withoutHonorific(r.name!);
        const t: Tenure = {
          name,
          aliases: name === r.name ? list(r.aliases) : [r.name!, ...list(r.aliases)],
          gender: r.gender === "m" || r.gender === "f" ? r.gender : null,
          code: r.code!,
          body: r.body!,
          office: r.office!,
          start: r.start!,
          end: r.end || null,
        };
        push(this.tenuresByName, t.name, t);
        const words = new Set([t.name, ...t.aliases].flatMap((n) => [...fold(n).split(/\s+/), ...nameWords(n)]));
        for (const w of words) push(this.tenuresByNameWord, w, t);
        push(this.tenuresByOffice, t.office, t);
      }
    }
    this.buildNames(tokenize, readWordList(join(dataDir, "names", "honorifics.txt")));
  }

  private buildNames(tokenize: (phrase: string) => string[], honorifics: Set<string>): void {
    const add = (phrase: string, entry: NameEntry, caseSensitive = true) => {
      const bare = phrase.replace(/^the\s+/i, "");
      this.names.add(tokenize(bare), entry, caseSensitive);
    };
    for (const s of this.states.values()) {
      for (const n of [s.name, ...s.aliases]) add(n, { kind: "state", code: s.code, form: "name" });
      for (const a of s.adjectives) {
        add(a, { kind: "state", code: s.code, form: "adjective" });
        // the people as a plural noun: "Americans", "Israelis", "Pakistanis"
        if (/[a-z](an|i)$/.test(a)) add(`${a}s`, { kind: "state", code: s.code, form: "people" });
      }
      for (const c of s.capitals) add(c, { kind: "state", code: s.code, form: "place" });
    }
    for (const p of this.peoples) add(p.people, { kind: "state", code: p.code, form: "people" });
    for (const c of this.cities) for (const n of [c.name, ...c.aliases]) add(n, c.region ? { kind: "state", code: c.code, form: "place", region: true } : { kind: "state", code: c.code, form: "place" });
    for (const b of this.blocs) add(b.adjective, { kind: "bloc", code: b.code });
    for (const o of this.orgs.values()) {
      for (const n of [o.name, ...o.aliases]) add(n, { kind: "org", id: o.id });
    }
    for (const o of this.offices.values()) {
      for (const n of [o.office, ...o.aliases]) add(n, { kind: "office", office: o.office }, false);
    }
    for (const [name, tenures] of this.tenuresByName) {
      const forms = new Set([name, ...tenures.flatMap((t) => t.aliases)]);
      // "Ferdinand R. Marcos Jr." is also written "Ferdinand R. Marcos, Jr."
      for (const f of [...forms]) if (/ (Jr|Sr)\.$/.test(f)) forms.add(f.replace(/ (Jr|Sr)\.$/, ", $1."));
      for (const f of forms) add(f, { kind: "person", name });
    }
    for (const h of honorifics) add(h, { kind: "honorific" });
  }

  /** Holders of an office on a date (all holders, newest first, when the date is unknown). */
  holders(office: string, date: string | null, body?: string): Tenure[] {
    const all = (this.tenuresByOffice.get(office) ?? []).filter((t) => !body || t.body === body);
    if (!date) return [...all].sort((a, b) => b.start.localeCompare(a.start));
    return all.filter((t) => t.start <= date && (t.end === null || date <= t.end));
  }

  /**
   * The one person who holds, in state `code` on `date`, the office a holder of `office` elsewhere deals with:
   * the same office, else one of its peers ("his Indian counterpart" of a Secretary of State is India's Foreign
   * Minister); a head of state or government's counterpart is, failing those, the state's leader. Null when none
   * or several do.
   */
  counterpart(office: string, code: string, date: string): Tenure | null {
    const record = this.offices.get(office);
    if (!record) return null;
    const candidates = [office, ...record.peers];
    if (record.rank === "head") candidates.push(this.leaderOffice(code, date) ?? office);
    for (const o of candidates) {
      const held = this.holders(o, date, code);
      if (held.length) return new Set(held.map((t) => t.name)).size === 1 ? held[0]! : null;
    }
    return null;
  }

  /** The office that leads state `code` on `date` ("the Soviet leader" in 1987: General Secretary), if known. */
  leaderOffice(code: string, date: string): string | null {
    return this.leaderOffices.get(code)?.find((p) => p.start <= date && (p.end === null || date < p.end))?.office ?? null;
  }

  /** Whether a word is one of an office title's, or its plural: "Ministers", "Secretaries" are no one's name. */
  isOfficeWord(word: string): boolean {
    const w = fold(word);
    return this.officeWords.has(w) || this.officeWords.has(w.replace(/ies$/, "y")) || this.officeWords.has(w.replace(/s$/, ""));
  }

  /** Tenures of people one of whose name words (folded) is `word`: "battsetseg", "harris". */
  tenuresWithNameWord(word: string): Tenure[] {
    return this.tenuresByNameWord.get(word) ?? [];
  }

  /** The tenures a person held on a date (or all of them, newest first, when the date is unknown). */
  tenuresOf(name: string, date: string | null): Tenure[] {
    const all = this.tenuresByName.get(name) ?? [];
    if (!date) return [...all].sort((a, b) => b.start.localeCompare(a.start));
    const current = all.filter((t) => t.start <= date && (t.end === null || date <= t.end));
    if (current.length) return current;
    // Out of office on that date: the nearest tenure still says who they are.
    return [...all].sort((a, b) => distance(a, date) - distance(b, date));
  }

  /** The office a title names ("prime minister", "foreign secretary"), by its name or an alias, case aside; null if none. */
  officeByTitle(title: string): string | null {
    return this.officesByTitle.get(title.toLowerCase()) ?? null;
  }

  /** The rank of an office, a deputy's being its principal's ("Deputy Prime Minister": "head"); undefined if unknown. */
  rankOf(office: string | null): string | undefined {
    return office ? this.offices.get(office.replace(/^Deputy /, ""))?.rank : undefined;
  }

  /** How far a person was from office on a date: 0 while they held one, else the time to their nearest tenure (Infinity without a date or tenures). */
  distanceFromOffice(name: string, date: string | null): number {
    if (!date) return Number.POSITIVE_INFINITY;
    let best = Number.POSITIVE_INFINITY;
    for (const t of this.tenuresByName.get(name) ?? []) best = Math.min(best, distance(t, date));
    return best;
  }

  /** The body an organization id or state code belongs to, as a CODING.md code. */
  codeOfBody(body: string): string | null {
    if (this.states.has(body)) return body;
    return this.orgs.get(body)?.code ?? null;
  }
}

/** "Sheikh Tamim bin Hamad Al Thani" → "Tamim bin Hamad Al Thani": the name without a style ("Sultan bin Abdulaziz" keeps his). */
function withoutHonorific(name: string): string {
  const m = /^(Sheikh|Sheikha|Shaikh|Sultan|King|Queen|Prince|Princess|Emir|Amir|Dr\.?)\s+(\p{Lu}\S*(?:\s+\S+)+|\p{Lu}\S*\s+[IVX]+)$/u.exec(name);
  return m ? m[2]! : name;
}

function distance(t: Tenure, date: string): number {
  const d = Date.parse(date);
  const s = Date.parse(t.start);
  const e = t.end ? Date.parse(t.end) : Number.POSITIVE_INFINITY;
  return d < s ? s - d : d > e ? d - e : 0;
}

/** Adds a value to a key's list, kept at its exact length (a pushed-to array reserves room for 16 more: ~3 MB here). */
function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const l = map.get(key);
  map.set(key, l ? [...l, value] : [value]);
}
