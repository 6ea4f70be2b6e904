/**
 * 4. Map: a world choropleth of the events each country takes part in under the filters, with the same counts as a
 * table beneath it. A click on a country (or on its row) puts it in the URL as `party`: the map then shows the
 * countries it shares events with, the chosen one outlined.
 */
import type { Feature, FeatureCollection, Geometry } from "geojson";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { EventsBody } from "../../../src/server/app.ts";
import type { NetworkNode } from "../../../src/store/model.ts";
import { getJson } from "../api.ts";
import { downloads, filterForm } from "../components.ts";
import { append, h, message } from "../dom.ts";
import { filtersOf, href, navigate, type Route } from "../route.ts";
import "./map.css";

type PlotModule = typeof import("@observablehq/plot");
type RenderFunction = import("@observablehq/plot").RenderFunction;

/** A country on the map: its shape, or a point where the 1:110m boundaries draw none. */
interface Place {
  code: string;
  name: string;
  events: number;
  feature: Feature<Geometry>;
}

interface World {
  /** Every country the boundaries draw (Antarctica left off), with readout's code (null: none known) and the atlas's name. */
  shapes: Array<{ code: string | null; name: string; feature: Feature<Geometry> }>;
  /** Where to mark the states and territories that have no shape of their own, by alpha-3 (data/iso3166-numeric.tsv). */
  points: Map<string, [number, number]>;
}

/** Fills that are no count: a country without events, and the chosen one (its count is every event). */
const NO_EVENTS = "#e3e7eb";
const CHOSEN = "#3b4550";
/** The count colours: the lightest quarter of "blues" is dropped, so that one event stands apart from none. */
const COLOUR = { scheme: "blues", range: [0.25, 1] } as const;

export async function renderMap(root: HTMLElement, route: Route, signal: AbortSignal): Promise<void> {
  const filters = filtersOf(route.params);
  const first = new URLSearchParams(filters);
  first.set("_limit", "1");

  // the boundaries and the charting library load while the API answers
  const world = loadWorld();
  const plot = import("@observablehq/plot");
  // (awaited below only once the API has answered: until then a failure of theirs is not left unhandled)
  world.catch(() => undefined);
  plot.catch(() => undefined);

  const files = fileLinks(filters);
  const summary = h("div", { class: "map-summary", "aria-live": "polite" });
  const frame = h("div", { class: "chart map-frame" }, message("Loading the map…"));
  const table = h("section", { class: "map-table", "aria-label": "Countries" });
  root.append(h("h1", {}, "Map"), filterForm(route), files, summary, frame, table);

  // the total first: one count, the quickest; the countries' counts at the same time
  const countries = getJson<NetworkNode[]>("/countries", filters, signal);
  countries.catch(() => undefined);
  const { total } = await getJson<EventsBody>("/events", first, signal);
  files.replaceWith(fileLinks(filters, total));
  summary.replaceChildren(h("p", { class: "total" }, plural(total, "event matches", "events match")));
  if (!total) {
    frame.replaceChildren(message("No events match these filters.", "empty"));
    return;
  }

  const nodes = await countries;
  const { chosen, others } = parties(route.params, nodes);
  const pickHref = (code: string | null) => mapHref(filters, others, code);
  summary.append(hint(nodes, chosen, filters, pickHref));
  table.replaceChildren(countryTable(nodes, chosen, filters, pickHref));

  const [Plot, atlas] = await Promise.all([plot, world]);
  if (signal.aborted) return;
  // (at most as wide as a laptop screen leaves room for the whole world below the key)
  const width = Math.max(300, Math.min(1000, frame.clientWidth || root.clientWidth || 800));
  frame.replaceChildren(...drawMap(Plot, atlas, nodes, chosen, width, (code) => navigate(pickHref(chosen.has(code) ? null : code))));
  frame.dataset.ready = "true";
}

/** The view's data: the countries with their counts (`/countries`, JSON and CSV) and every event under the filters. */
function fileLinks(filters: URLSearchParams, total?: number): HTMLElement {
  return downloads([{ label: "Countries", path: "/countries", params: filters }, total === undefined ? { events: filters } : { events: filters, total }]);
}

/**
 * The `party` values of the URL that name countries (or organizations) of the answer, by code, `state:` id or name: the
 * chosen ones; and the others (a person, an actor id), which the map's links keep.
 */
function parties(params: URLSearchParams, nodes: NetworkNode[]): { chosen: Set<string>; others: string[] } {
  const refs = params
    .getAll("party")
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  const chosen = new Set<string>();
  const others: string[] = [];
  for (const ref of refs) {
    const r = ref.toLowerCase();
    const node = nodes.find((n) => n.id.toLowerCase() === r || `state:${n.id}`.toLowerCase() === r || n.name.toLowerCase() === r);
    if (node) chosen.add(node.id);
    else others.push(ref);
  }
  return { chosen, others };
}

/** The map of the same filters, for one country's counterparts or (null) for every country; other parties stay. */
function mapHref(filters: URLSearchParams, others: string[], code: string | null): string {
  const params = new URLSearchParams(filters);
  params.delete("party");
  const party = code ? [...others, code] : others;
  if (party.length) params.set("party", party.join(","));
  return href("map", params);
}

/** The events explorer for the same filters, with `code` among the parties if given (a country pair: `CHN,USA`). */
function eventsHref(filters: URLSearchParams, code?: string): string {
  const params = new URLSearchParams(filters);
  const party = params.getAll("party").flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  if (code && !party.some((p) => p.toUpperCase() === code)) party.push(code);
  params.delete("party");
  if (party.length) params.set("party", party.join(","));
  return href("events", params);
}

const plural = (n: number, one: string, many: string): string => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** What the shading counts, and the ways on: to the explorer, and back to every country. */
function hint(nodes: NetworkNode[], chosen: Set<string>, filters: URLSearchParams, pickHref: (code: string | null) => string): HTMLElement {
  if (!chosen.size) {
    return h(
      "p",
      { class: "hint" },
      "Shading: the events each country takes part in, as actor or recipient (an event between two countries counts for both). " +
        `${plural(nodes.length, "country or organization takes", "countries and organizations take")} part. ` +
        "Click a country, or its row below, to see the countries it deals with.",
    );
  }
  const names = nodes.filter((n) => chosen.has(n.id)).map((n) => n.name);
  const others = nodes.length - chosen.size;
  return h(
    "p",
    { class: "hint" },
    `${names.join(" and ")} ${names.length > 1 ? "take" : "takes"} part in all of them. ` +
      `Shading: the events each country shares with ${names.length > 1 ? "them" : names[0]} (${plural(others, "other party", "other parties")}). `,
    h("a", { href: eventsHref(filters) }, `${names.join("–")} events in the explorer »`),
    " ",
    h("a", { href: pickHref(null), class: "all-countries" }, "Show all countries"),
  );
}

/** Every country and organization of the answer, by events (the chosen ones left out: they take part in all). */
function countryTable(nodes: NetworkNode[], chosen: Set<string>, filters: URLSearchParams, pickHref: (code: string | null) => string): HTMLElement {
  const rows = nodes.filter((n) => !chosen.has(n.id));
  if (!rows.length) return message(chosen.size ? "No other party shares these events." : "No country takes part in these events.", "empty");
  const max = Math.max(...rows.map((n) => n.events));
  const caption = chosen.size
    ? `${plural(rows.length, "party", "parties")} sharing these events, by events`
    : `${plural(rows.length, "country or organization", "countries and organizations")}, by events`;
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "countries" },
      h("caption", {}, caption),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "Country"),
          h("th", { scope: "col" }, "Code"),
          h("th", { scope: "col", class: "num" }, "Events"),
          h("td", { class: "bar-cell" }),
          h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "In the explorer")),
        ),
      ),
      h(
        "tbody",
        {},
        ...rows.map((n) =>
          h(
            "tr",
            { "data-code": n.id },
            h(
              "td",
              {},
              h("a", { href: pickHref(n.id), title: `Map of ${n.name}'s counterparts` }, n.name),
              n.kind === "state" ? null : h("span", { class: "muted kind" }, " (organization)"),
            ),
            h("td", { class: "code" }, n.id),
            h("td", { class: "num" }, n.events.toLocaleString("en")),
            // (a bar of the count, for the eye; the number beside it says the same)
            h("td", { class: "bar-cell", "aria-hidden": "true" }, h("span", { class: "bar", style: `--w:${((100 * n.events) / max).toFixed(1)}%` })),
            h("td", { class: "nowrap" }, h("a", { href: eventsHref(filters, n.id), "aria-label": `${n.name}: the events in the explorer` }, "events »")),
          ),
        ),
      ),
    ),
  );
}

let loaded: Promise<World> | null = null;

/** The 1:110m world (its own chunk, loaded on the map's first visit) with readout's codes for its countries. */
function loadWorld(): Promise<World> {
  loaded ??= (async () => {
    const [{ feature }, atlas, table] = await Promise.all([
      import("topojson-client"),
      import("world-atlas/countries-110m.json", { with: { type: "json" } }),
      import("../../../data/iso3166-numeric.tsv?raw"),
    ]);
    const { alpha3, points } = readCodes(table.default);
    const topology = atlas.default as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    const countries = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;
    const shapes = countries.features
      .filter((f) => f.id !== ANTARCTICA)
      .map((f) => ({ code: (f.id === undefined ? NO_CODE[f.properties.name] : alpha3.get(String(f.id))) ?? null, name: f.properties.name, feature: f }));
    return { shapes, points };
  })();
  // (a chunk that failed to load is asked for again next time)
  loaded.catch(() => (loaded = null));
  return loaded;
}

/** Left off the map: a continent of no state, as large as the Americas in an equal-area projection. */
const ANTARCTICA = "010";

/**
 * The countries the boundaries draw without an ISO numeric code, by the atlas's name: Kosovo, which readout codes
 * XKX, and two that ISO 3166-1 and readout count as part of another state.
 */
const NO_CODE: Record<string, string> = { Kosovo: "XKX", "N. Cyprus": "CYP", Somaliland: "SOM" };

/** data/iso3166-numeric.tsv: alpha-3 by numeric code, and the points of the states that have no shape. */
function readCodes(tsv: string): { alpha3: Map<string, string>; points: Map<string, [number, number]> } {
  const alpha3 = new Map<string, string>();
  const points = new Map<string, [number, number]>();
  for (const line of tsv.split("\n").slice(1)) {
    if (!line.trim() || line.startsWith("#")) continue;
    const [code = "", numeric = "", lon = "", lat = ""] = line.split("\t").map((c) => c.trim());
    if (numeric) alpha3.set(numeric, code);
    if (lon && lat) points.set(code, [Number(lon), Number(lat)]);
  }
  return { alpha3, points };
}

/** The choropleth, its legend, and a tooltip; `pick` is called with the code of a country clicked that has events. */
function drawMap(Plot: PlotModule, world: World, nodes: NetworkNode[], chosen: Set<string>, width: number, pick: (code: string) => void): HTMLElement[] {
  const byCode = new Map(nodes.map((n) => [n.id, n]));
  const place = (code: string | null, name: string, feature: Feature<Geometry>): Place => {
    const node = code ? byCode.get(code) : undefined;
    return { code: code ?? "", name: node?.name ?? name, events: node?.events ?? 0, feature };
  };
  const shapes = world.shapes.map((s) => place(s.code, s.name, s.feature));
  const shaped = new Set(shapes.map((p) => p.code));
  // states too small for the boundaries (Singapore, Bahrain, Hong Kong…) are dots, where they have events
  const dots = nodes
    .filter((n) => !shaped.has(n.id) && world.points.has(n.id))
    .map((n) => place(n.id, n.name, { type: "Feature", properties: {}, geometry: { type: "Point", coordinates: world.points.get(n.id)! } }));

  const counted = (p: Place) => p.events > 0 && !chosen.has(p.code);
  const empty = shapes.filter((p) => !p.events && !chosen.has(p.code));
  const shaded = shapes.filter(counted);
  const chosenShapes = shapes.filter((p) => chosen.has(p.code));
  const shadedDots = dots.filter(counted);
  const chosenDots = dots.filter((p) => chosen.has(p.code));
  // the chosen countries take part in every event: counted, they would leave their counterparts all pale
  const max = Math.max(2, ...[...shaded, ...shadedDots].map((p) => p.events));
  const outline: FeatureCollection = { type: "FeatureCollection", features: world.shapes.map((s) => s.feature) };
  const geometry = (p: Place) => p.feature;
  const shapeStyle = { geometry, stroke: "#fff", strokeWidth: 0.5 };
  const names = nodes.filter((n) => chosen.has(n.id)).map((n) => n.name);
  const chart = Plot.plot({
    width,
    // (no height: Plot takes it from the projection of the domain, so that the world fills the width)
    margin: 4,
    // the seam through the Bering Strait rather than at 180°, which would cut Russia's far east and Fiji in two
    projection: { type: "equal-earth", domain: outline, rotate: [-11, 0] },
    color: { type: "log", ...COLOUR, domain: [1, max] },
    ariaLabel: "World map of events by country; the table below lists the same counts",
    marks: [
      Plot.geo(empty, { ...shapeStyle, fill: NO_EVENTS, render: tagged(empty) }),
      Plot.geo(shaded, { ...shapeStyle, fill: (p: Place) => p.events, render: tagged(shaded) }),
      Plot.geo(chosenShapes, { geometry, fill: CHOSEN, stroke: "#111", strokeWidth: 1.2, render: tagged(chosenShapes) }),
      // dots last, above the shapes they sit on or beside
      Plot.geo(shadedDots, { geometry, r: 4, fill: (p: Place) => p.events, stroke: "#1d2329", strokeWidth: 0.8, render: tagged(shadedDots) }),
      Plot.geo(chosenDots, { geometry, r: 4.5, fill: CHOSEN, stroke: "#111", strokeWidth: 1.2, render: tagged(chosenDots) }),
    ],
  });
  const map = h("div", { class: "map-canvas" }, chart);
  addTooltip(map, chosen, pick);

  // the key: the count colours (Plot's legend of the log scale), then what is drawn without a count
  // (no ramp when nothing is shaded: the chosen country's events have no other country)
  const ramp =
    !shaded.length && !shadedDots.length
      ? null
      : chart.legend("color", {
          label: names.length ? `Events shared with ${names.join(" and ")}` : "Events",
          ticks: logTicks(max),
          tickFormat: "~s",
          width: Math.min(260, width - 8),
        });
  const key = h(
    "div",
    { class: "legend map-key" },
    ramp ?? null,
    h("span", { class: "swatch", style: `--c:${NO_EVENTS}` }, "no events"),
    dots.length ? h("span", { class: "dot-key" }, "dots: states too small to draw") : null,
    ...[...new Set([...chosenShapes, ...chosenDots].map((p) => p.name))].map((name) => h("span", { class: "swatch chosen", style: `--c:${CHOSEN}` }, `${name} (chosen)`)),
  );
  const off = nodes.filter((n) => !chosen.has(n.id) && !shaped.has(n.id) && !world.points.has(n.id));
  const drawn: HTMLElement[] = [key, map];
  if (off.length) {
    const listed = off.map((n) => `${n.name} (${n.events.toLocaleString("en")})`).join(", ");
    drawn.push(h("p", { class: "hint off-map" }, `Not on the map: ${listed}; they are in the table.`));
  }
  return drawn;
}

/** Whole counts to mark on the legend of a log scale from 1 to `max`: powers of ten, with 2 and 5 between where few. */
function logTicks(max: number): number[] {
  if (max <= 5) return Array.from({ length: max }, (_, i) => i + 1);
  const steps = max >= 100 ? [1] : [1, 2, 5];
  const ticks: number[] = [];
  for (let decade = 1; decade <= max; decade *= 10) for (const step of steps) if (step * decade <= max) ticks.push(step * decade);
  return ticks;
}

/** A render transform that names each drawn shape or dot by its place: for the tooltip, the click and the tests. */
function tagged(places: Place[]): RenderFunction {
  return (index, scales, values, dimensions, context, next) => {
    const g = next!(index, scales, values, dimensions, context);
    const drawn = g?.querySelectorAll("path") ?? [];
    index.forEach((i, k) => {
      const p = places[i];
      const el = drawn[k];
      if (!p || !el) return;
      el.dataset.code = p.code;
      el.dataset.name = p.name;
      el.dataset.events = String(p.events);
      el.setAttribute("aria-label", `${p.name}: ${p.events ? plural(p.events, "event", "events") : "no events"}`);
    });
    return g;
  };
}

/** A tooltip that follows the pointer over a country; a click on a country with events picks it. */
function addTooltip(map: HTMLElement, chosen: Set<string>, pick: (code: string) => void): void {
  const tip = h("div", { class: "map-tip", role: "tooltip", hidden: true });
  map.append(tip);
  const at = (e: Event): SVGElement | null => (e.target instanceof Element ? e.target.closest<SVGElement>("[data-code]") : null);
  map.addEventListener("pointermove", (e) => {
    const el = at(e);
    if (!el) return void (tip.hidden = true);
    const code = el.dataset.code!;
    const events = Number(el.dataset.events);
    const hint = !code ? "" : chosen.has(code) ? "Click to show all countries" : events ? "Click to see the countries it deals with" : "";
    tip.replaceChildren(h("strong", {}, el.dataset.name ?? code));
    append(
      tip,
      code ? h("span", { class: "code" }, ` ${code}`) : null,
      h("br"),
      chosen.has(code) ? "chosen: takes part in every event" : events ? plural(events, "event", "events") : "no events",
      hint ? h("span", { class: "tip-hint" }, hint) : null,
    );
    tip.hidden = false;
    const box = map.getBoundingClientRect();
    const x = Math.min(Math.max(e.clientX - box.left, tip.offsetWidth / 2 + 4), box.width - tip.offsetWidth / 2 - 4);
    tip.style.left = `${x}px`;
    tip.style.top = `${e.clientY - box.top}px`;
  });
  map.addEventListener("pointerleave", () => (tip.hidden = true));
  map.addEventListener("click", (e) => {
    const el = at(e);
    const code = el?.dataset.code;
    if (code && (Number(el.dataset.events) > 0 || chosen.has(code))) pick(code);
  });
}
