/**
 * Compare: two to five countries or dyads side by side, month by month: events per month stacked by PLOVER quad,
 * and a cooperation–conflict balance per month, in panels that share their scales, with a table beneath.
 *
 * URL: `#/compare?series=CHN-USA&series=RUS-USA&from=2021-01-01&to=2024-12-31`. Each `series` is what the API's
 * `party=` takes for one country or one pair: a country code (`CHN`), two codes joined by "-" (`CHN-USA`: events
 * in which both take part, on either side), or one or two actor ids or names joined by "," (`person:xi-jinping`,
 * `China,USA`), resolved by the API as `party=` resolves them. The form writes codes. Every other filter of the
 * app (type, mode, publisher, q, from, to, actor, recipient, doc) applies to every series; `party` does not (the
 * series name their parties), but it seeds the series when the URL names none (else the two busiest pairs do,
 * written into the URL). A series naming nothing the actor search knows says so in its panel; the others draw.
 *
 * The balance of a month is the mean quad weight of its events (see BALANCE_WEIGHTS): it reads the same whatever
 * a series' volume, which the bars above it show.
 */
import "./compare.css";
import type { ActorSummary, Network, TimelineRow } from "../../../src/store/model.ts";
import { getJson } from "../api.ts";
import { downloads } from "../components.ts";
import { append, h, message } from "../dom.ts";
import { EVENT_TYPES, QUADS, quadOf, type Quad } from "../quads.ts";
import { codeOrRef, nameOf, resolveReference, type Resolved } from "../references.ts";
import { href, navigate, type Route } from "../route.ts";

export const MAX_SERIES = 5;

/**
 * The weight of an event of each quad in the balance. Material acts count twice their verbal counterparts, as on
 * the Goldstein scale, where deeds sit further from zero than words (an attack outweighs an accusation, aid
 * outweighs a promise); cooperation counts up, conflict down. The balance of a month is the weighted sum over its
 * events divided by their number, so it lies in [−2, +2], and a month of many events does not swamp the scale,
 * nor does a quiet month look neutral: a month without events has no balance (a gap), not 0.
 */
export const BALANCE_WEIGHTS: Record<Quad, number> = { "verbal-coop": 1, "material-coop": 2, "verbal-conflict": -1, "material-conflict": -2 };

const QUAD_KEYS = Object.keys(QUADS) as Quad[];
const COOP = "#2f7ed8";
const CONFLICT = "#c51b2a";
const NEUTRAL = "#5d6771";
/** The filters of the app that apply to every series (`party` is the series' own). */
const SHARED_FILTERS = ["type", "mode", "context", "publisher", "q", "from", "to", "actor", "recipient", "doc"] as const;
/** Those the form shows; the others, when a link brings them, are listed with a way to drop them. */
const FORM_FILTERS = ["type", "mode", "publisher", "q", "from", "to"] as const;
/** Two country codes joined by "-": the short form of a dyad (codes hold neither "-" nor ","). */
const CODE_PAIR = /^([A-Za-z]{3})-([A-Za-z]{3})$/;
const CODE = /^[A-Z]{3}$/;

/** One series as the URL names it: one or two references (codes, actor ids or names). */
interface Series {
  param: string;
  refs: string[];
}

/** What a reference names, as the API resolves it. */

interface Month {
  /** YYYY-MM */
  month: string;
  start: Date;
  end: Date;
  quads: Record<Quad, number>;
  events: number;
  coop: number;
  conflict: number;
  /** Mean weight of the month's events; null without events. */
  balance: number | null;
}

interface Drawn {
  series: Series;
  names: Resolved[];
  months: Month[];
  total: Omit<Month, "month" | "start" | "end">;
}

// ------------------------------------------------------------------ the URL

/** A series' references from its URL value; throws, naming it, when it is no country or pair. */
export function parseSeries(value: string): Series {
  const v = value.trim();
  const pair = CODE_PAIR.exec(v);
  // (three letters are a code, in capitals: the API compares names without regard to case, and ids hold a colon)
  const parts = (pair ? [pair[1]!, pair[2]!] : v.split(",").map((s) => s.trim()).filter(Boolean)).map((p) => (/^[A-Za-z]{3}$/.test(p) ? p.toUpperCase() : p));
  const refs = [...new Map(parts.map((p) => [p.toUpperCase(), p])).values()];
  if (!refs.length) throw new Error('series: empty; expected a country code such as "CHN" or a pair such as "CHN-USA"');
  if (refs.length > 2) throw new Error(`series: "${v}" names ${refs.length} parties; a series is one country or a pair, such as "CHN" or "CHN-USA"`);
  return { param: seriesParam(refs), refs };
}

/** How the form writes a series: codes joined by "-", anything else by ",". */
export function seriesParam(refs: string[]): string {
  return refs.every((r) => CODE.test(r)) ? refs.join("-") : refs.join(",");
}

function seriesOf(params: URLSearchParams): Series[] {
  const given = params.getAll("series").filter((v) => v.trim());
  const series = [...new Map(given.map(parseSeries).map((s) => [s.param.toUpperCase(), s])).values()];
  if (series.length > MAX_SERIES) throw new Error(`series: given ${series.length} times; compare at most ${MAX_SERIES} countries or pairs at once`);
  return series;
}

/** The filters every series' request carries, as the URL gives them. */
function sharedFilters(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of SHARED_FILTERS) for (const v of params.getAll(key)) if (v.trim()) out.append(key, v.trim());
  return out;
}

/** The API's monthly timeline request of a series. */
function timelineQuery(series: Series, filters: URLSearchParams): URLSearchParams {
  const q = new URLSearchParams({ party: series.refs.join(",") });
  for (const [k, v] of filters) q.append(k, v);
  q.set("interval", "month");
  return q;
}

// ------------------------------------------------------------------ the view

export async function renderCompare(root: HTMLElement, route: Route, signal: AbortSignal): Promise<void> {
  const series = seriesOf(route.params);
  const filters = sharedFilters(route.params);

  if (!series.length) {
    root.append(h("h1", {}, "Compare"), message("Finding the most active pairs…"));
    // (the busiest countries and the pairs among them: a small answer, whatever the size of the data)
    const network = await getJson<Network>("/network", new URLSearchParams({ level: "country", _limit: "12" }), signal);
    const defaults = defaultSeries(network, route.params.get("party"));
    if (!defaults.length) {
      root.replaceChildren(h("h1", {}, "Compare"), message("No events between countries yet: nothing to compare.", "empty"));
      return;
    }
    // (the URL says what is shown: replaced, not pushed, so that Back leaves the view)
    const params = new URLSearchParams(route.params);
    for (const s of defaults) params.append("series", s.param);
    location.replace(href("compare", params));
    return;
  }

  const panels = h("div", { class: "compare-panels" }, ...series.map((s) => h("section", { class: "compare-panel", "data-series": s.param, "aria-busy": "true" }, h("h2", {}, s.refs.join(" – ")), message(`Loading ${s.refs.join(" – ")}…`))));
  const table = h("section", { class: "compare-table", "aria-live": "polite" }, message("Loading the table…"));
  const title = h("p", { class: "meta compare-title" }, describeRange(route.params));
  // (the files of the series that name something, once that is known: the API refuses the others)
  const files = h("div", { class: "compare-files" });
  append(
    root,
    h("h1", {}, "Compare"),
    title,
    compareForm(route, series, signal),
    ignoredNote(route),
    files,
    legend(),
    panels,
    table,
  );

  // the charting library, and each series' names then (when it names something) its months, all at once
  const plot = import("@observablehq/plot");
  const resolved = new Map<string, Promise<Resolved>>();
  const nameRef = (ref: string) => resolved.get(ref.toUpperCase()) ?? resolved.set(ref.toUpperCase(), resolveReference(ref, signal)).get(ref.toUpperCase())!;
  const fetched = await Promise.all(
    series.map(async (s) => {
      const names = await Promise.all(s.refs.map(nameRef));
      const rows = names.some((n) => n.kind === "unknown") ? [] : await getJson<TimelineRow[]>("/timeline", timelineQuery(s, filters), signal);
      return { names, rows };
    }),
  );
  const rows = fetched.map((f) => f.rows);
  const names = fetched.map((f) => f.names);
  const known = series.filter((_, i) => !names[i]!.some((n) => n.kind === "unknown"));
  if (known.length) files.replaceChildren(downloads(known.map((s) => ({ label: `${s.param} timeline`, path: "/timeline", params: timelineQuery(s, filters) }))));
  const months = monthRange(route.params, rows.flat());
  const drawn: Drawn[] = series.map((s, i) => tally(s, names[i]!, rows[i]!, months));
  title.textContent = `${drawn.map((d) => label(d.names)).join(" vs ")} · ${describeRange(route.params, months)}`;

  const width = Math.max(300, Math.min(1360, panels.clientWidth || 800));
  const scale = { months, max: Math.max(1, ...drawn.flatMap((d) => d.months.map((m) => m.events))) };
  const Plot = await plot;
  const charts = drawn.map((d) => (d.names.some((n) => n.kind === "unknown") ? null : drawPanel(Plot, d, scale, width)));
  panels.replaceChildren(...drawn.map((d, i) => panel(d, charts[i] ?? null, route, filters)));
  table.replaceChildren(compareTable(drawn.filter((d) => !d.names.some((n) => n.kind === "unknown"))));
}

/** The two most active pairs, those of the URL's `party` first (a link from another view brings it). */
function defaultSeries(network: Network, party: string | null): Series[] {
  const pairs = new Map<string, number>();
  for (const e of network.edges) {
    if (e.source === e.target) continue;
    const key = [e.source, e.target].sort().join("-");
    pairs.set(key, (pairs.get(key) ?? 0) + e.weight);
  }
  const ranked = [...pairs].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key]) => key);
  const out: string[] = [];
  // (a country carried from another view: its busiest pairs; a pair, or an actor: itself, then the busiest pairs)
  const carried = party ? attempt(() => parseSeries(party)) : null;
  const code = carried?.refs.length === 1 && CODE.test(carried.refs[0]!) ? carried.refs[0]! : null;
  if (carried && !code) out.push(seriesParam(carried.refs.every((r) => CODE.test(r)) ? [...carried.refs].sort() : carried.refs));
  const mine = code ? ranked.filter((k) => k.split("-").includes(code)) : [];
  for (const key of [...mine, ...ranked]) if (out.length < 2 && !out.includes(key)) out.push(key);
  return out.map(parseSeries);
}

function attempt<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

const label = (names: Resolved[]): string => names.map(nameOf).join(" – ");

/** The months shown: from/to when given, else the span of the data; every month, with or without events. */
function monthRange(params: URLSearchParams, rows: TimelineRow[]): string[] {
  const periods = rows.map((r) => r.period.slice(0, 7)).sort();
  const first = params.get("from")?.slice(0, 7) || periods[0];
  const last = params.get("to")?.slice(0, 7) || periods.at(-1) || first;
  if (!first || !last || first > last) return [];
  const out: string[] = [];
  let [y, m] = first.split("-").map(Number) as [number, number];
  for (let key = first; key <= last; key = `${y}-${String(m).padStart(2, "0")}`) {
    out.push(key);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

function describeRange(params: URLSearchParams, months?: string[]): string {
  const from = params.get("from");
  const to = params.get("to");
  if (from || to) return `${from ?? "the start"} to ${to ?? "the latest"}, month by month`;
  if (months?.length) return `${months[0]} to ${months.at(-1)}, month by month`;
  return "Month by month";
}

/** A series' rows summed into quads per month, zeros where the API has no row. */
function tally(series: Series, names: Resolved[], rows: TimelineRow[], months: string[]): Drawn {
  const byMonth = new Map(months.map((m) => [m, emptyQuads()]));
  for (const r of rows) {
    const quad = quadOf(r.type);
    const cell = byMonth.get(r.period.slice(0, 7));
    if (quad && cell) cell[quad] += r.count;
  }
  const out = months.map((month) => {
    const [y, m] = month.split("-").map(Number) as [number, number];
    return { month, start: new Date(Date.UTC(y, m - 1, 1)), end: new Date(Date.UTC(y, m, 1)), ...measures(byMonth.get(month)!) };
  });
  const all = emptyQuads();
  for (const m of out) for (const q of QUAD_KEYS) all[q] += m.quads[q];
  return { series, names, months: out, total: measures(all) };
}

const emptyQuads = (): Record<Quad, number> => ({ "verbal-coop": 0, "material-coop": 0, "verbal-conflict": 0, "material-conflict": 0 });

function measures(quads: Record<Quad, number>): Omit<Month, "month" | "start" | "end"> {
  const events = QUAD_KEYS.reduce((n, q) => n + quads[q], 0);
  const weighted = QUAD_KEYS.reduce((n, q) => n + BALANCE_WEIGHTS[q] * quads[q], 0);
  return {
    quads,
    events,
    coop: quads["verbal-coop"] + quads["material-coop"],
    conflict: quads["verbal-conflict"] + quads["material-conflict"],
    balance: events ? weighted / events : null,
  };
}

// ------------------------------------------------------------------ the form

function compareForm(route: Route, series: Series[], signal: AbortSignal): HTMLFormElement {
  const rows = h("div", { class: "compare-rows" });
  const problem = h("p", { class: "message error compare-problem", role: "alert", hidden: true });
  const add = h("button", { type: "button", class: "button secondary" }, "+ Add a series");
  const list = h("datalist", { id: "compare-suggest" });
  const search = (q: string, limit: number) => getJson<ActorSummary[]>("/actors", new URLSearchParams({ q, _limit: String(limit) }), signal);

  // suggestions as one types: countries by code first, then other actors by id (the series may name people too)
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const suggest = (input: HTMLInputElement) => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2 || q.includes(":")) return list.replaceChildren();
    timer = setTimeout(async () => {
      const mine = ++asked;
      const hits = await search(q, 12).catch(() => []);
      if (mine !== asked) return;
      const states = hits.filter((a) => a.kind === "state" && a.code);
      const others = hits.filter((a) => !states.includes(a));
      list.replaceChildren(
        ...states.map((a) => h("option", { value: a.code!, label: `${a.name} · ${a.events.toLocaleString("en")} events` })),
        ...others.map((a) => h("option", { value: a.id, label: [a.name, a.office, a.code, `${a.events.toLocaleString("en")} events`].filter(Boolean).join(" · ") })),
      );
    }, 150);
  };

  // what the form writes for a typed reference: a country's name or code becomes its code; anything else stays
  const toRef = async (typed: string): Promise<string> => {
    const t = typed.trim();
    if (!t || t.includes(":")) return t;
    const r = await resolveReference(t).catch((): Resolved => ({ kind: "unknown", ref: t }));
    const code = r.kind === "country" ? r.code : r.kind === "actor" && r.actorKind === "state" ? r.code : null;
    return code ?? (CODE.test(t.toUpperCase()) ? t.toUpperCase() : t);
  };

  const renumber = () => {
    const all = [...rows.children] as HTMLElement[];
    all.forEach((row, i) => {
      row.querySelector(".series-label")!.textContent = `Series ${i + 1}`;
      row.setAttribute("aria-label", `Series ${i + 1}`);
      const [a, b] = row.querySelectorAll("input");
      a!.setAttribute("aria-label", `Series ${i + 1}: country or actor`);
      b!.setAttribute("aria-label", `Series ${i + 1}: with (optional)`);
      const remove = row.querySelector<HTMLButtonElement>("button.remove")!;
      remove.setAttribute("aria-label", `Remove series ${i + 1}`);
      remove.disabled = all.length <= 2;
    });
    add.disabled = all.length >= MAX_SERIES;
  };
  const input = (value: string | undefined, placeholder: string): HTMLInputElement => {
    const el = h("input", { type: "text", value: value ?? "", placeholder, list: "compare-suggest", autocomplete: "off", spellcheck: "false" });
    el.addEventListener("input", () => suggest(el));
    return el;
  };
  const row = (refs: string[]): HTMLElement => {
    const remove = h("button", { type: "button", class: "remove button secondary", title: "Remove this series" }, "×");
    const el = h(
      "div",
      { class: "compare-row", role: "group" },
      h("span", { class: "series-label", "aria-hidden": "true" }),
      input(refs[0], "CHN, or a name"),
      h("span", { class: "with", "aria-hidden": "true" }, "with"),
      input(refs[1], "USA (optional)"),
      remove,
    );
    // removing a series takes effect at once; an added one when it is filled in and the form applied
    remove.addEventListener("click", () => {
      el.remove();
      renumber();
      form.requestSubmit();
    });
    return el;
  };
  add.addEventListener("click", () => {
    const fresh = row([]);
    rows.append(fresh);
    renumber();
    fresh.querySelector("input")!.focus();
  });

  const initial = series.map((s) => s.refs);
  while (initial.length < 2) initial.push([]);
  rows.append(...initial.map(row));

  const value = (key: string) => route.params.getAll(key).join(",");
  const types = value("type").toUpperCase();
  const date = (key: "from" | "to", caption: string) =>
    h("div", { class: "field" }, h("label", { for: `cmp-${key}` }, caption), h("input", { id: `cmp-${key}`, name: key, type: "date", value: value(key) }));
  const text = (key: "mode" | "publisher" | "q", caption: string, hint: string) =>
    h("div", { class: "field" }, h("label", { for: `cmp-${key}` }, caption), h("input", { id: `cmp-${key}`, name: key, type: "search", value: value(key), placeholder: hint, autocomplete: "off" }));
  const more = h(
    "details",
    { class: "compare-more", open: ["type", "mode", "publisher", "q"].some((k) => value(k)) },
    h("summary", {}, "More filters, for every series"),
    h(
      "div",
      { class: "compare-fields" },
      h(
        "div",
        { class: "field" },
        h("label", { for: "cmp-type" }, "Type"),
        h(
          "select",
          { id: "cmp-type", name: "type" },
          h("option", { value: "" }, "any"),
          // (several types, as a link may bring them, stay as they are unless another is chosen)
          ...[...(EVENT_TYPES.includes(types) || !types ? [] : [types]), ...EVENT_TYPES].map((t) => h("option", { value: t, selected: t === types }, t)),
        ),
      ),
      text("mode", "Mode", "visit, phone …"),
      text("publisher", "Publisher", "publisher"),
      text("q", "Text", "words in the text"),
    ),
  );

  const form = h(
    "form",
    { class: "compare-form", "aria-label": "Series to compare" },
    list,
    rows,
    h("p", { class: "compare-add" }, add, h("span", { class: "hint" }, "Two to five series. A pair counts the events in which both take part, on either side.")),
    h("div", { class: "compare-fields" }, date("from", "From"), date("to", "To"), h("div", { class: "field buttons" }, h("button", { type: "submit" }, "Compare"))),
    more,
    problem,
  );
  renumber();

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const typed = ([...rows.children] as HTMLElement[]).map((r) => [...r.querySelectorAll("input")].map((i) => i.value));
    const refs = await Promise.all(typed.map((pair) => Promise.all(pair.map(toRef))));
    const chosen = refs.map((pair) => [...new Set(pair.filter(Boolean))]).filter((pair) => pair.length).map(seriesParam);
    if (!chosen.length) {
      problem.hidden = false;
      problem.textContent = "Name at least one country, such as CHN, or a pair, such as CHN with USA.";
      return;
    }
    const params = new URLSearchParams(route.params);
    for (const key of ["series", ...FORM_FILTERS]) params.delete(key);
    for (const s of new Set(chosen)) params.append("series", s);
    for (const [k, v] of new FormData(form)) if ((FORM_FILTERS as readonly string[]).includes(k) && typeof v === "string" && v.trim()) params.set(k, v.trim());
    navigate(href("compare", params));
  });
  return form;
}

/** Filters a link brought that the form does not show (they apply, or are the series' own), and how to drop them. */
function ignoredNote(route: Route): HTMLElement | null {
  const applied = (["actor", "recipient", "context", "doc"] as const).filter((k) => route.params.get(k));
  const party = route.params.get("party");
  if (!applied.length && !party) return null;
  const without = new URLSearchParams(route.params);
  for (const k of [...applied, "party"]) without.delete(k);
  return h(
    "p",
    { class: "hint compare-note" },
    applied.length ? `Also applied to every series: ${applied.map((k) => `${k} = ${route.params.getAll(k).join(", ")}`).join("; ")}. ` : "",
    party ? `Country (party) = ${party} is not applied here: each series names its own parties. ` : "",
    h("a", { href: href("compare", without) }, "Drop these filters"),
  );
}

// ------------------------------------------------------------------ charts

function legend(): HTMLElement {
  const w = (q: Quad) => `${BALANCE_WEIGHTS[q] > 0 ? "+" : "−"}${Math.abs(BALANCE_WEIGHTS[q])}`;
  return h(
    "div",
    { class: "compare-key" },
    h("p", { class: "legend" }, ...QUAD_KEYS.map((q) => h("span", { class: "swatch", style: `--c:${QUADS[q].colour}` }, `${QUADS[q].label} (${w(q)})`))),
    h(
      "p",
      { class: "hint compare-definition" },
      h("strong", {}, "Balance"),
      " of a month = the mean weight of its events: (verbal cooperation − verbal conflict + 2 × (material cooperation − material conflict)) ÷ events. " +
        "It runs from −2 (all material conflict) to +2 (all material cooperation); deeds weigh twice words, as on the Goldstein scale. " +
        "Months without events have none. All panels share their scales; a dot's size is the month's events.",
    ),
  );
}

type PlotModule = typeof import("@observablehq/plot");

interface Scale {
  months: string[];
  /** The most events of any month of any series: every panel's y runs to it. */
  max: number;
}

function drawPanel(Plot: PlotModule, d: Drawn, scale: Scale, width: number): { counts: Element; balance: Element } | null {
  if (!scale.months.length) return null;
  const first = d.months[0]!.start;
  const last = d.months.at(-1)!.end;
  const x = { type: "utc" as const, domain: [first, last], label: null };
  const gap = (width - 60) / d.months.length >= 5 ? 0.5 : 0;
  const cells = d.months.flatMap((m) => QUAD_KEYS.filter((q) => m.quads[q]).map((q) => ({ start: m.start, month: m.month, quad: QUADS[q].label, count: m.quads[q] })));
  const counts = Plot.plot({
    width,
    height: 150,
    marginLeft: 44,
    marginRight: 16,
    marginBottom: 6,
    x: { ...x, axis: null },
    // (whole numbers of events only: no more ticks than there are events)
    y: { domain: [0, scale.max], grid: true, label: "events", nice: true, ticks: Math.min(4, scale.max) },
    color: { domain: QUAD_KEYS.map((q) => QUADS[q].label), range: QUAD_KEYS.map((q) => QUADS[q].colour) },
    marks: [
      Plot.rectY(cells, {
        x: "start",
        interval: "month",
        y: "count",
        fill: "quad",
        order: QUAD_KEYS.map((q) => QUADS[q].label),
        // (a hairline between neighbouring months, when they are wide enough to spare it)
        insetLeft: gap,
        insetRight: gap,
        title: (c: (typeof cells)[number]) => `${c.month} · ${c.quad}: ${c.count}`,
      }),
      Plot.ruleY([0]),
    ],
  });
  const points = d.months.map((m) => ({ mid: new Date((m.start.getTime() + m.end.getTime()) / 2), month: m.month, balance: m.balance, events: m.events }));
  const dated = points.filter((p) => p.balance !== null);
  const balance = Plot.plot({
    width,
    height: 128,
    marginLeft: 44,
    marginRight: 16,
    marginTop: 20,
    x: { ...x, ticks: Math.max(2, Math.floor(width / 110)) },
    y: { domain: [-2, 2], ticks: [-2, -1, 0, 1, 2], grid: true, label: "balance", tickFormat: (v: number) => (v > 0 ? `+${v}` : v < 0 ? `−${-v}` : "0") },
    r: { domain: [0, scale.max], range: [1.5, 5.5] },
    marks: [
      Plot.ruleY([0], { stroke: "#8a939b" }),
      Plot.lineY(points, { x: "mid", y: "balance", stroke: "#4b5560", strokeWidth: 1.25 }),
      Plot.dot(dated, {
        x: "mid",
        y: "balance",
        r: "events",
        fill: (p: (typeof dated)[number]) => (p.balance! > 0 ? COOP : p.balance! < 0 ? CONFLICT : NEUTRAL),
        stroke: "white",
        strokeWidth: 0.75,
        title: (p: (typeof dated)[number]) => `${p.month}: balance ${signed(p.balance)} over ${p.events} ${p.events === 1 ? "event" : "events"}`,
      }),
    ],
  });
  return { counts, balance };
}

function panel(d: Drawn, charts: { counts: Element; balance: Element } | null, route: Route, filters: URLSearchParams): HTMLElement {
  const unknown = d.names.filter((n): n is Extract<Resolved, { kind: "unknown" }> => n.kind === "unknown");
  const heading = h("h2", {}, label(d.names), " ", h("span", { class: "code" }, d.series.param));
  if (unknown.length) {
    return h(
      "section",
      { class: "compare-panel unknown", "data-series": d.series.param },
      heading,
      h(
        "p",
        { class: "message error", role: "alert" },
        `${unknown.map((u) => `“${u.ref}”`).join(" and ")} ${unknown.length === 1 ? "names" : "name"} no known country or actor. ` +
          "Use a three-letter country code such as CHN (the form suggests them as you type), or an actor's name or id.",
      ),
    );
  }
  const events = new URLSearchParams(filters);
  events.set("party", d.series.refs.join(","));
  const actorNotes = d.names.filter((n): n is Extract<Resolved, { kind: "actor" }> => n.kind === "actor" && n.actorKind === "state" && !!n.code);
  // the same URL with this series' states named by their codes
  const asCodes = new URLSearchParams(route.params);
  asCodes.delete("series");
  for (const s of route.params.getAll("series")) asCodes.append("series", parseSeries(s).param === d.series.param ? seriesParam(d.names.map(codeOrRef)) : s);
  return h(
    "section",
    { class: "compare-panel", "data-series": d.series.param },
    h(
      "header",
      {},
      heading,
      h(
        "p",
        { class: "meta" },
        d.total.events ? `${d.total.events.toLocaleString("en")} ${d.total.events === 1 ? "event" : "events"}` : "No events in this range",
        d.total.events ? ` · ${d.total.coop.toLocaleString("en")} cooperative, ${d.total.conflict.toLocaleString("en")} conflictual · balance ${signed(d.total.balance)}` : "",
        " · ",
        h("a", { href: href("events", events), class: "compare-explore" }, "Events »"),
      ),
    ),
    actorNotes.length
      ? h(
          "p",
          { class: "hint" },
          `${actorNotes.map((n) => `“${n.name}”`).join(" and ")} counts the events of that actor only (${actorNotes.map((n) => n.id).join(", ")}), not every participant of its country. `,
          h("a", { href: href("compare", asCodes) }, "Compare by country code instead"),
        )
      : null,
    charts
      ? h("figure", { class: "chart compare-chart", "aria-label": `${label(d.names)}: events per month by quad, and the balance per month` }, charts.counts, charts.balance)
      : message("No months to show: no events match, and no date range is set.", "empty"),
  );
}

const signed = (v: number | null): string => (v === null ? "—" : v > 0 ? `+${v.toFixed(2)}` : v < 0 ? `−${(-v).toFixed(2)}` : "0.00");

// ------------------------------------------------------------------ the table

/** Month by series: events, cooperative, conflictual, balance; months without events in any series left out. */
function compareTable(drawn: Drawn[]): HTMLElement {
  if (!drawn.length) return message("No series to tabulate.", "empty");
  const months = drawn[0]!.months.map((m) => m.month);
  const busy = months.filter((_, i) => drawn.some((d) => d.months[i]!.events));
  const quiet = months.length - busy.length;
  const cells = (m: Omit<Month, "month" | "start" | "end">, series: string, month: string) => [
    h("td", { class: "num first", "data-series": series, "data-month": month, "data-measure": "events" }, m.events.toLocaleString("en")),
    h("td", { class: "num", "data-series": series, "data-month": month, "data-measure": "coop" }, m.coop.toLocaleString("en")),
    h("td", { class: "num", "data-series": series, "data-month": month, "data-measure": "conflict" }, m.conflict.toLocaleString("en")),
    h("td", { class: `num ${m.balance === null ? "none" : m.balance > 0 ? "pos" : m.balance < 0 ? "neg" : ""}`, "data-series": series, "data-month": month, "data-measure": "balance", "data-value": m.balance === null ? "" : String(m.balance) }, signed(m.balance)),
  ];
  const index = new Map(months.map((m, i) => [m, i]));
  // (the note sits outside the scrolling box, where a narrow screen shows all of it)
  const note = h(
    "p",
    { class: "hint", id: "compare-table-note" },
    `Events, cooperative events (verbal and material), conflictual events and the balance, per month and series.`,
    quiet ? ` ${quiet.toLocaleString("en")} ${quiet === 1 ? "month" : "months"} without events in any series ${quiet === 1 ? "is" : "are"} left out.` : "",
  );
  const wrap = h(
    "div",
    { class: "compare-scroll" },
    h(
      "table",
      { class: "compare", "aria-labelledby": "compare-table-title", "aria-describedby": "compare-table-note" },
      h(
        "thead",
        {},
        h("tr", {}, h("th", { scope: "col", rowspan: 2, class: "month" }, "Month"), ...drawn.map((d) => h("th", { scope: "colgroup", colspan: 4, class: "series" }, label(d.names)))),
        h("tr", {}, ...drawn.flatMap(() => ["Events", "Coop.", "Conflict", "Balance"].map((c, i) => h("th", { scope: "col", class: i ? "num" : "num first" }, c)))),
      ),
      h("tbody", {}, ...busy.map((month) => h("tr", {}, h("th", { scope: "row", class: "month" }, month), ...drawn.flatMap((d) => cells(d.months[index.get(month)!]!, d.series.param, month))))),
      h("tfoot", {}, h("tr", {}, h("th", { scope: "row", class: "month" }, "All"), ...drawn.flatMap((d) => cells(d.total, d.series.param, "all")))),
    ),
  );
  return h("div", {}, h("h2", { id: "compare-table-title" }, "Month by month"), note, wrap);
}
