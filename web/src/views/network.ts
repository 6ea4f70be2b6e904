/**
 * 5. Network: who acts on whom. The busiest countries or actors under the filters, their ties weighted by events and
 * coloured by their dominant type's quad, drawn by a force-directed layout (fcose) with names as labels.
 *
 * URL: `#/network?level=country|actor&nodes=40&min=3&<filters>`. `nodes` is how many nodes the API returns (its
 * `_limit`); `min` the lightest tie drawn, in events (applied here: the download holds every tie). Without `min`, the
 * lightest tie that keeps at most a few ties per node, so that a dense corpus opens on its backbone, not a hairball.
 */
import type { CollectionReturnValue, Core, EdgeSingular, ElementDefinition, NodeSingular, StylesheetJson } from "cytoscape";
import type { FcoseLayoutOptions } from "cytoscape-fcose";
import type { Network, NetworkEdge, NetworkNode } from "../../../src/store/model.ts";
import { getJson } from "../api.ts";
import { badge, downloads, filterForm } from "../components.ts";
import { h, message } from "../dom.ts";
import { QUADS, quadOf } from "../quads.ts";
import { filtersOf, href, navigate, type Route } from "../route.ts";
import "./network.css";

type Level = Network["level"];

/** The choices of the node-count control; a URL may ask for another count from 2 to MAX_NODES. */
const NODE_COUNTS = [20, 40, 60, 100] as const;
const DEFAULT_NODES = 40;
const MAX_NODES = 200;
/** Without `min` in the URL, at most this many ties per node are drawn; the layout pulls along as many per node. */
const TIES_PER_NODE = 3;
/** Font size (px) under which cytoscape leaves a label out at the current zoom: small labels give way when zoomed out. */
const MIN_FONT = 9;
/** Space (px) around the graph when it is fitted to its box, and the most it is enlarged to fill it. */
const FIT_PADDING = 24;
const MAX_FIT_ZOOM = 1.25;
/** A graph box narrower than this (px) is laid out for its nodes rather than its labels. */
const NARROW = 600;
/** Labels longer than this are cut at a word (the tooltip and the list give the whole name). */
const LABEL_CHARS = 22;

interface Settings {
  level: Level;
  nodes: number;
  /** null: the automatic threshold. */
  min: number | null;
}

function settingsOf(params: URLSearchParams): Settings {
  const nodes = Number(params.get("nodes"));
  const min = Number(params.get("min"));
  return {
    level: params.get("level") === "actor" ? "actor" : "country",
    nodes: Number.isInteger(nodes) && nodes >= 2 && nodes <= MAX_NODES ? nodes : DEFAULT_NODES,
    min: params.has("min") && Number.isInteger(min) && min >= 1 ? min : null,
  };
}

/** A tie as drawn: the API's edge with the id and names the view uses. */
interface Tie extends NetworkEdge {
  id: string;
  sourceName: string;
  targetName: string;
}

export async function renderNetwork(root: HTMLElement, route: Route, signal: AbortSignal): Promise<void> {
  const settings = settingsOf(route.params);
  const { level } = settings;
  const filters = filtersOf(route.params);
  const query = new URLSearchParams(filters);
  query.set("level", level);
  query.set("_limit", String(settings.nodes));
  // cytoscape and its layout (a chunk of their own) load while the API answers
  const loading = loadCytoscape();

  /** This view's URL with some settings changed (filters kept). */
  const urlWith = (changes: Partial<Record<"level" | "nodes" | "min", string | null>>): string => {
    const params = new URLSearchParams(route.params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === undefined) params.delete(k);
      else params.set(k, v);
    }
    return href("network", params);
  };

  const levelPicker = h(
    "select",
    { id: "n-level", name: "level", onchange: (e: Event) => navigate(urlWith({ level: (e.target as HTMLSelectElement).value, min: null })) },
    h("option", { value: "country", selected: level === "country" }, "countries"),
    h("option", { value: "actor", selected: level === "actor" }, "actors"),
  );
  const counts = NODE_COUNTS.includes(settings.nodes as (typeof NODE_COUNTS)[number]) ? [...NODE_COUNTS] : [...NODE_COUNTS, settings.nodes].sort((a, b) => a - b);
  const countPicker = h(
    "select",
    { id: "n-nodes", name: "nodes", onchange: (e: Event) => navigate(urlWith({ nodes: (e.target as HTMLSelectElement).value })) },
    ...counts.map((n) => h("option", { value: n, selected: n === settings.nodes }, String(n))),
  );
  const slider = h("input", { id: "n-min", name: "min", type: "range", min: 0, max: 0, step: 1, value: 0, disabled: true }) as HTMLInputElement;
  const sliderValue = h("output", { for: "n-min", class: "min-value" }, "…");
  const controls = h(
    "div",
    { class: "network-controls", role: "group", "aria-label": "What the graph shows" },
    h("div", { class: "control" }, h("label", { for: "n-level" }, "Nodes are"), levelPicker),
    h("div", { class: "control" }, h("label", { for: "n-nodes" }, "How many"), countPicker),
    h("div", { class: "control slider" }, h("label", { for: "n-min" }, "Ties of at least"), h("div", { class: "slider-row" }, slider, sliderValue)),
  );

  const graph = h("div", { class: "graph", role: "img", "aria-label": "Network graph; the lists beside it hold the same nodes and ties" }, message("Loading the network…"));
  const tip = h("div", { class: "graph-tip", role: "tooltip", id: "graph-tip", hidden: true });
  const buttons = h("div", { class: "graph-buttons" });
  const list = h("nav", { class: "nodes", "aria-label": "Nodes and ties" }, message("Loading the nodes…"));
  root.append(
    h("h1", {}, "Network"),
    filterForm(route),
    downloads([{ label: "Network", path: "/network", params: query }]),
    controls,
    h(
      "p",
      { class: "legend" },
      ...Object.values(QUADS).map((q) => h("span", { class: "swatch", style: `--c:${q.colour}` }, q.label)),
      h("span", { class: "key-arrow" }, "acted on"),
      h("span", { class: "key-line" }, "together"),
    ),
    h("div", { class: "with-side network" }, list, h("div", { class: "graph-wrap" }, graph, buttons, tip)),
  );

  const network = await getJson<Network>("/network", query, signal);
  const byId = new Map(network.nodes.map((n) => [n.id, n]));
  const ties: Tie[] = network.edges.map((e) => ({
    ...e,
    id: `${e.source}${e.directed ? "->" : "--"}${e.target}`,
    sourceName: byId.get(e.source)?.name ?? e.source,
    targetName: byId.get(e.target)?.name ?? e.target,
  }));
  const nodeHref = (n: NetworkNode) => (level === "actor" ? href("actor", {}, n.id) : href("events", withParty(filters, [n.id])));
  const tieHref = (t: Tie) => href("events", tieFilters(filters, t));

  // the slider steps through the weights the ties have, so that every step changes the picture
  const weights = [...new Set(ties.map((t) => t.weight))].sort((a, b) => a - b);
  if (!weights.length) weights.push(1);
  const min = settings.min ?? autoMin(ties, network.nodes.length);
  const step = weights.findIndex((w) => w >= min);
  slider.max = String(weights.length - 1);
  slider.value = String(step === -1 ? weights.length - 1 : step);
  slider.disabled = weights.length < 2;

  const noun = level === "actor" ? "actors" : "countries";
  const tieList = h("ol", { class: "ties" });
  const tieHeading = h("h2", {});
  list.replaceChildren(
    h("h2", {}, `${network.nodes.length} ${noun}`),
    h("ol", {}, ...network.nodes.map((n) => h("li", {}, h("a", { href: nodeHref(n), "data-node": n.id, title: n.name }, n.name), h("span", { class: "count" }, ` ${n.events.toLocaleString("en")}`)))),
    tieHeading,
    tieList,
  );
  if (!network.nodes.length) {
    graph.replaceChildren(message("No events match these filters.", "empty"));
    tieHeading.remove();
    tieList.remove();
    sliderValue.textContent = "—";
    return;
  }

  const cytoscape = await loading;
  if (signal.aborted) return;
  const view = drawGraph(cytoscape, graph, network, ties, min, {
    open: (n) => navigate(nodeHref(n)),
    openTie: (t) => navigate(tieHref(t)),
    tip,
  });
  signal.addEventListener("abort", () => view.destroy(), { once: true });
  buttons.append(
    h("button", { type: "button", class: "zoom-in", "aria-label": "Zoom in", title: "Zoom in", onclick: () => view.zoomBy(1.4) }, "+"),
    h("button", { type: "button", class: "zoom-out", "aria-label": "Zoom out", title: "Zoom out", onclick: () => view.zoomBy(1 / 1.4) }, "−"),
    h("button", { type: "button", class: "fit", "aria-label": "Fit the graph to its box", title: "Fit", onclick: () => view.fit() }, "Fit"),
  );

  /** Draws the ties of at least `weight` events, and lists them. */
  const apply = (weight: number) => {
    const shown = view.showTies(weight);
    sliderValue.textContent = `${weight.toLocaleString("en")} ${weight === 1 ? "event" : "events"} (${shown.length.toLocaleString("en")} of ${ties.length.toLocaleString("en")} ties)`;
    slider.setAttribute("aria-valuetext", `${weight} ${weight === 1 ? "event" : "events"}`);
    tieHeading.textContent = shown.length
      ? `${shown.length.toLocaleString("en")} ${shown.length === 1 ? "tie" : "ties"}, heaviest first`
      : ties.length
        ? "No ties this heavy"
        : "No ties among these nodes";
    tieList.replaceChildren(
      ...shown.map((t) => {
        const link = h(
          "a",
          { href: tieHref(t), "data-tie": t.id, "aria-describedby": "graph-tip" },
          t.sourceName,
          h("span", { class: "arrow", "aria-label": t.directed ? "acted on" : "and" }, t.directed ? " → " : " – "),
          t.targetName,
        );
        for (const on of ["focus", "mouseenter"]) link.addEventListener(on, () => view.point(t.id));
        for (const off of ["blur", "mouseleave"]) link.addEventListener(off, () => view.point(null));
        return h("li", {}, link, h("span", { class: "count" }, ` ${t.weight.toLocaleString("en")}`));
      }),
    );
  };
  apply(min);
  graph.dataset.ready = "true";
  slider.addEventListener("input", () => {
    const weight = weights[Number(slider.value)] ?? 1;
    apply(weight);
    // the URL keeps the threshold without a new render (which would lay the graph out again)
    history.replaceState(history.state, "", urlWith({ min: String(weight) }));
    // (and the route the filter form keeps its other parameters from, so that applying filters keeps it too)
    route.params.set("min", String(weight));
  });
}

/** The lightest weight a tie has that keeps at most TIES_PER_NODE ties per node drawn (1 when all of them fit). */
function autoMin(ties: Tie[], nodes: number): number {
  const budget = TIES_PER_NODE * Math.max(1, nodes);
  if (ties.length <= budget) return 1;
  const sorted = ties.map((t) => t.weight).sort((a, b) => b - a);
  // the weight of the last tie within budget, or, if its equals would overflow it, the next heavier weight
  const at = sorted[budget - 1]!;
  if (sorted[budget]! < at) return at;
  return sorted.findLast((w) => w > at) ?? at;
}

/** The filters with more parties (each must take part); the API takes them comma-separated in one `party`. */
function withParty(filters: URLSearchParams, parties: string[]): URLSearchParams {
  const out = new URLSearchParams(filters);
  const all = [...filters.getAll("party").flatMap((p) => p.split(",")), ...parties].map((p) => p.trim()).filter(Boolean);
  out.delete("party");
  out.set("party", [...new Set(all)].join(","));
  return out;
}

/**
 * The events of a tie, under the view's filters. A directed tie is its source on the actor side and its target on
 * the recipient side (ids at actor level, codes at country level: the API resolves both), which are exactly the
 * events it counts. A filter already on that side gives way to the tie's, and stays as a party, so the list still
 * holds only events it matches. An undirected tie (both acting, no recipient) has no filter of its own: it opens
 * every event both take part in, which holds its events and those of the pair's directed ties.
 */
function tieFilters(filters: URLSearchParams, tie: NetworkEdge): URLSearchParams {
  if (!tie.directed) return withParty(filters, [tie.source, tie.target]);
  const displaced = (["actor", "recipient"] as const).map((k) => filters.get(k)).filter((v): v is string => !!v && v !== tie.source && v !== tie.target);
  const out = displaced.length ? withParty(filters, displaced) : new URLSearchParams(filters);
  out.set("actor", tie.source);
  out.set("recipient", tie.target);
  return out;
}

type Cytoscape = typeof import("cytoscape");

let registered: Promise<Cytoscape> | null = null;

/** cytoscape with the fcose layout registered (once: registering twice makes cytoscape warn). */
function loadCytoscape(): Promise<Cytoscape> {
  registered ??= Promise.all([import("cytoscape"), import("cytoscape-fcose")]).then(([{ default: cytoscape }, { default: fcose }]) => {
    cytoscape.use(fcose);
    return cytoscape;
  });
  return registered;
}

interface GraphView {
  /** Shows the ties of at least `weight` events (nodes left without one are dimmed); the ties shown, heaviest first. */
  showTies(weight: number): Tie[];
  zoomBy(factor: number): void;
  fit(): void;
  /** Points at a tie from outside the graph (the list): highlighted, with its tooltip; null to stop. */
  point(tieId: string | null): void;
  destroy(): void;
}

interface Handlers {
  open(node: NetworkNode): void;
  openTie(tie: Tie): void;
  tip: HTMLElement;
}

function drawGraph(cytoscape: Cytoscape, container: HTMLElement, network: Network, ties: Tie[], initialMin: number, handlers: Handlers): GraphView {
  container.replaceChildren();
  const { tip } = handlers;
  const maxEvents = Math.max(1, ...network.nodes.map((n) => n.events));
  const maxWeight = Math.max(1, ...ties.map((t) => t.weight));
  const byId = new Map(network.nodes.map((n) => [n.id, n]));
  const tieById = new Map(ties.map((t) => [t.id, t]));
  // events between each pair, whatever the direction: what the layout pulls together
  const pairWeight = new Map<string, number>();
  for (const t of ties) pairWeight.set(pairKey(t), (pairWeight.get(pairKey(t)) ?? 0) + t.weight);
  const maxPair = Math.max(1, ...pairWeight.values());

  const edgeElement = (t: Tie): ElementDefinition => ({
    data: {
      id: t.id,
      source: t.source,
      target: t.target,
      weight: t.weight,
      pair: pairWeight.get(pairKey(t))! / maxPair,
      width: 0.8 + 6 * Math.sqrt(t.weight / maxWeight),
      colour: edgeColour(t.types),
    },
    classes: t.directed ? "directed" : "",
  });
  // cytoscape takes its time over every edge it is given (a thousand: a good part of a second on a slow machine),
  // so it gets those the layout needs and those drawn; lighter ones join when the slider asks for them
  const backbone = backboneOf(ties, network.nodes.length);
  const elements: ElementDefinition[] = [
    ...network.nodes.map((n) => {
      const share = Math.sqrt(n.events / maxEvents);
      return { data: { id: n.id, label: shortName(n.name), events: n.events, size: 10 + 30 * share, font: 12 + 12 * share } };
    }),
    ...ties.filter((t) => t.weight >= initialMin || backbone.has(t.id)).map(edgeElement),
  ];
  const cy = cytoscape({ container, elements, style: STYLE, minZoom: 0.05, maxZoom: 6, boxSelectionEnabled: false, autoungrabify: true, autounselectify: true });
  layOut(cy, backbone, network.nodes.length);
  placeLabels(cy);
  // the whole graph in its box; a small one no larger than life, where its labels would shout
  const fit = () => {
    cy.fit(cy.nodes(), FIT_PADDING);
    if (cy.zoom() > MAX_FIT_ZOOM) cy.zoom({ level: MAX_FIT_ZOOM, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  };
  fit();

  // ---- the tooltip: on hover, or on a first tap where there is no hover (touch)
  let tipFor: string | null = null;
  const showTip = (id: string, at: { x: number; y: number }) => {
    const tie = tieById.get(id);
    const node = byId.get(id);
    if (tie) tip.replaceChildren(...tieTip(tie, network.level));
    else if (node) tip.replaceChildren(...nodeTip(node, network.level));
    else return;
    tip.hidden = false;
    tip.dataset.for = id;
    tipFor = id;
    // beside the pointer, kept inside the graph's box
    const box = { w: container.clientWidth, h: container.clientHeight };
    const x = Math.min(Math.max(4, at.x + 14), Math.max(4, box.w - tip.offsetWidth - 4));
    const y = at.y + 14 + tip.offsetHeight > box.h ? Math.max(4, at.y - 14 - tip.offsetHeight) : at.y + 14;
    tip.style.left = `${Math.round(x)}px`;
    tip.style.top = `${Math.round(y)}px`;
  };
  const hideTip = () => {
    tip.hidden = true;
    delete tip.dataset.for;
    tipFor = null;
  };

  // ---- highlighting: a node with its ties and neighbours, or one tie with its ends
  // (only the element pointed at shows a label it gave way for: its neighbours' labels would overlap)
  const highlight = (pointed: NodeSingular | EdgeSingular | null) => {
    cy.batch(() => {
      cy.elements().removeClass("faded pointed");
      if (!pointed) return;
      const focus: CollectionReturnValue = pointed.isNode()
        ? pointed.closedNeighborhood().filter((el) => el.isNode() || !el.hasClass("light"))
        : pointed.union(pointed.connectedNodes());
      cy.elements().not(focus).addClass("faded");
      pointed.addClass("pointed");
    });
  };

  cy.on("mouseover", "node", (e) => {
    highlight(e.target as NodeSingular);
    showTip((e.target as NodeSingular).id(), e.renderedPosition);
  });
  cy.on("mouseover", "edge", (e) => {
    highlight(e.target as EdgeSingular);
    showTip((e.target as EdgeSingular).id(), e.renderedPosition);
  });
  cy.on("mouseout", "node, edge", () => {
    highlight(null);
    hideTip();
  });
  cy.on("tap", "node", (e) => {
    const node = byId.get((e.target as NodeSingular).id());
    if (node) handlers.open(node);
  });
  cy.on("tap", "edge", (e) => {
    const edge = e.target as EdgeSingular;
    const tie = tieById.get(edge.id());
    if (!tie) return;
    // a click opens at once (the pointer's hover showed the tooltip); a finger's first tap shows it, the second opens
    // (cytoscape's types call every original event a MouseEvent; a touch gives a TouchEvent)
    const input: Event = e.originalEvent;
    const byFinger = typeof TouchEvent !== "undefined" && input instanceof TouchEvent;
    if (!byFinger || tipFor === tie.id) handlers.openTie(tie);
    else {
      highlight(edge);
      showTip(tie.id, e.renderedPosition);
    }
  });
  cy.on("tap", (e) => {
    if (e.target === cy) {
      highlight(null);
      hideTip();
    }
  });
  // (cytoscape says nothing when the pointer leaves its box straight from a tie or node)
  container.addEventListener("mouseleave", () => {
    highlight(null);
    hideTip();
  });

  // ---- what the browser tests (and anyone scripting the page) read: where things are drawn
  const describe = () => {
    container.dataset.zoom = cy.zoom().toFixed(4);
    container.dataset.nodePositions = JSON.stringify(Object.fromEntries(cy.nodes().map((n) => [n.id(), roundPair(n.renderedPosition())])));
    container.dataset.labels = JSON.stringify(Object.fromEntries(visibleLabels(cy).map((n) => [n.id(), { text: n.data("label"), box: labelBox(n) }])));
    container.dataset.edgePoints = JSON.stringify(Object.fromEntries(cy.edges(":visible").map((e) => [e.id(), roundPair(e.renderedMidpoint())])));
  };
  // (once the view comes to rest: a pan is many viewport events, and a dense graph has thousands of ties to place)
  let pending: ReturnType<typeof setTimeout> | undefined;
  cy.on("viewport", () => {
    container.dataset.zoom = cy.zoom().toFixed(4);
    hideTip();
    clearTimeout(pending);
    pending = setTimeout(describe, 100);
  });
  container.dataset.layout = "fcose";

  return {
    showTies(weight) {
      cy.batch(() => {
        const missing = ties.filter((t) => t.weight >= weight && cy.getElementById(t.id).empty());
        if (missing.length) cy.add(missing.map(edgeElement));
        cy.edges().forEach((e) => void e.toggleClass("light", Number(e.data("weight")) < weight));
        cy.nodes().forEach((n) => void n.toggleClass("alone", n.connectedEdges().filter((e) => !e.hasClass("light")).empty()));
      });
      const shown = ties.filter((t) => t.weight >= weight);
      container.dataset.edgesShown = String(shown.length);
      container.dataset.minWeight = String(weight);
      describe();
      return shown;
    },
    zoomBy(factor) {
      cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    },
    fit,
    point(id) {
      const edge = id ? cy.getElementById(id) : null;
      if (!edge || edge.empty() || !edge.isEdge()) {
        highlight(null);
        hideTip();
        return;
      }
      highlight(edge);
      showTip(edge.id(), edge.renderedMidpoint());
    },
    destroy() {
      clearTimeout(pending);
      cy.destroy();
    },
  };
}

/** The ties the layout pulls along: the heaviest TIES_PER_NODE × nodes, and each node's TIES_PER_NODE heaviest. */
function backboneOf(ties: Tie[], nodes: number): Set<string> {
  // (the API lists ties heaviest first, equal weights in a fixed order)
  const backbone = new Set(ties.slice(0, TIES_PER_NODE * nodes).map((t) => t.id));
  const taken = new Map<string, number>();
  for (const t of ties) {
    for (const end of [t.source, t.target]) {
      const n = taken.get(end) ?? 0;
      if (n < TIES_PER_NODE) backbone.add(t.id);
      taken.set(end, n + 1);
    }
  }
  return backbone;
}

/**
 * fcose over the graph's backbone, heavier ties shorter and stiffer. Laying out every tie of a dense corpus (a
 * thousand among forty countries) pulls everything into one ball; the backbone keeps the structure, and does not
 * depend on the slider, so the picture holds still while one slides. Deterministic: fcose draws on Math.random (its
 * spectral start and where it puts back pruned leaves), which is seeded while it runs (synchronously, as it does
 * not animate), so the same URL draws the same picture.
 */
function layOut(cy: Core, backbone: Set<string>, nodes: number): void {
  const eles = cy.nodes().union(cy.edges().filter((e) => backbone.has(e.id())));
  // A phone's box is too narrow for every label at a legible size whatever the layout: there the nodes get the room,
  // the picture is fitted larger, and the busiest keep their labels.
  const withLabels = cy.width() >= NARROW;
  // more nodes: a longer ideal tie, so that the labels keep their room
  const length = 30 + 5 * Math.sqrt(nodes);
  const options: FcoseLayoutOptions = {
    name: "fcose",
    quality: "default",
    randomize: true,
    animate: false,
    fit: false,
    nodeDimensionsIncludeLabels: withLabels,
    packComponents: false,
    nodeRepulsion: () => 4500,
    idealEdgeLength: (e) => length * (1.4 - 0.8 * Math.sqrt(Number(e.data("pair")))),
    edgeElasticity: (e) => 0.2 + 0.4 * Number(e.data("pair")),
    gravity: 1.2,
    gravityRange: 1.2,
    numIter: 2500,
    tile: false,
  };
  withSeededRandom(20240601, () => eles.layout(options).run());
  packComponents(eles, cy.width() / Math.max(1, cy.height()), withLabels);
}

/**
 * Pieces the backbone leaves apart (a cluster of its own, a node with no tie among the others) drift far off in a
 * force layout, and fitting them shrinks everything. Each is moved, largest first, to the free spot nearest the
 * main piece along a spiral stretched to the graph box's shape, clear of every node and label placed so far.
 */
function packComponents(eles: CollectionReturnValue, aspect: number, withLabels: boolean): void {
  const firstId = (c: CollectionReturnValue) => c.nodes().map((n) => n.id()).sort()[0] ?? "";
  const pieces = eles.components().sort((a, b) => b.nodes().length - a.nodes().length || (firstId(a) < firstId(b) ? -1 : 1));
  const [main, ...rest] = pieces;
  if (!main || !rest.length) return;
  const MARGIN = 8;
  const boxOf = (n: NodeSingular): Box => {
    const b = n.boundingBox({ includeEdges: false, includeLabels: withLabels });
    return { x1: b.x1 - MARGIN, y1: b.y1 - MARGIN, x2: b.x2 + MARGIN, y2: b.y2 + MARGIN };
  };
  const taken: Box[] = main.nodes().map(boxOf);
  const whole = main.nodes().boundingBox({ includeEdges: false, includeLabels: withLabels });
  const centre = { x: (whole.x1 + whole.x2) / 2, y: (whole.y1 + whole.y2) / 2 };
  const stretch = Math.min(3, Math.max(1 / 3, aspect));
  for (const piece of rest) {
    const nodes = piece.nodes();
    const bb = nodes.boundingBox({ includeEdges: false, includeLabels: withLabels });
    const own = nodes.map(boxOf);
    const mid = { x: (bb.x1 + bb.x2) / 2, y: (bb.y1 + bb.y2) / 2 };
    for (let i = 0; i < 20000; i++) {
      const angle = i * 0.2;
      const radius = 3 * angle;
      const dx = centre.x + radius * Math.cos(angle) * stretch - mid.x;
      const dy = centre.y + radius * Math.sin(angle) / stretch - mid.y;
      const moved = own.map((b) => ({ x1: b.x1 + dx, y1: b.y1 + dy, x2: b.x2 + dx, y2: b.y2 + dy }));
      if (moved.some((m) => taken.some((t) => overlaps(m, t)))) continue;
      nodes.shift({ x: dx, y: dy });
      taken.push(...moved);
      break;
    }
  }
}

/** Runs `f` with Math.random drawing from a fixed sequence (mulberry32). */
function withSeededRandom<T>(seed: number, f: () => T): T {
  const original = Math.random;
  let state = seed >>> 0;
  Math.random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  try {
    return f();
  } finally {
    Math.random = original;
  }
}

type Box = { x1: number; y1: number; x2: number; y2: number };
/** Where a label may go, in order of preference: below, above, beside, then at a corner. */
const PLACES = ["bottom", "top", "right", "left", "bottom-right", "bottom-left", "top-right", "top-left"] as const;
type Place = (typeof PLACES)[number];
/** How many of the busiest nodes keep their label even where it must cover other nodes. */
const HUBS = 5;
/** Gap (model units) between a node and its label. */
const LABEL_GAP = 2;

/**
 * Greedy label placement, the busiest nodes first: each label goes below its node, else above, beside or at a
 * corner, wherever it covers no label placed before and no other node; where none is free it is not drawn (the
 * node's tooltip and the list still name it). Labels scale with the zoom, so what does not overlap here does not
 * overlap at any zoom; the smaller ones still give way when zoomed out (min-zoomed-font-size).
 */
function placeLabels(cy: Core): void {
  const placed: Box[] = [];
  const nodeBoxes = new Map(cy.nodes().map((n) => [n.id(), n.boundingBox({ includeLabels: false, includeEdges: false })]));
  const nodes = cy.nodes().sort((a, b) => Number(b.data("events")) - Number(a.data("events")) || (a.id() < b.id() ? -1 : 1));
  cy.batch(() => {
    nodes.forEach((n, rank) => {
      const label = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
      const clearOfLabels = (place: Place) => !placed.some((b) => overlaps(b, labelAt(n, place, label.w, label.h)));
      const clearOfNodes = (place: Place) => ![...nodeBoxes].some(([id, b]) => id !== n.id() && overlaps(b, labelAt(n, place, label.w, label.h)));
      // (a hub's label may cover a small neighbour rather than go: the busiest nodes are named whatever the crowd)
      const clear = PLACES.find((p) => clearOfLabels(p) && clearOfNodes(p));
      const free = clear ?? (rank < HUBS ? PLACES.find(clearOfLabels) : undefined);
      n.removeClass([...PLACES.map((p) => `label-${p}`), "nolabel", "over"].join(" "));
      if (!free) return void n.addClass("nolabel");
      if (free !== "bottom") n.addClass(`label-${free}`);
      // (drawn above the nodes its label covers)
      if (!clear) n.addClass("over");
      placed.push(labelAt(n, free, label.w, label.h));
    });
  });
}

/** Where a label of w × h goes at a place (as cytoscape puts it: beside the node's box, LABEL_GAP away). */
function labelAt(n: NodeSingular, place: Place, w: number, h: number): Box {
  const { x, y } = n.position();
  const r = n.width() / 2 + LABEL_GAP;
  const [vertical, horizontal = "center"] = place === "left" || place === "right" ? ["center", place] : place.split("-");
  const x1 = horizontal === "right" ? x + r : horizontal === "left" ? x - r - w : x - w / 2;
  const y1 = vertical === "bottom" ? y + r : vertical === "top" ? y - r - h : y - h / 2;
  return { x1, y1, x2: x1 + w, y2: y1 + h };
}

const overlaps = (a: Box, b: Box): boolean => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/**
 * Nodes whose label is drawn at the current zoom. cytoscape compares `min-zoomed-font-size` with the font at the
 * zoom of its label textures, which go by powers of two of zoom × pixel ratio; this asks the same question.
 */
function visibleLabels(cy: Core): NodeSingular[] {
  const scale = 2 ** Math.ceil(Math.log2(cy.zoom() * (window.devicePixelRatio || 1)));
  return cy.nodes().filter((n) => !n.hasClass("nolabel") && Number(n.data("font")) * scale >= MIN_FONT).toArray() as NodeSingular[];
}

/** A node's label box in rendered pixels. */
function labelBox(n: NodeSingular): [number, number, number, number] {
  const b = n.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
  return [Math.round(b.x1), Math.round(b.y1), Math.round(b.x2), Math.round(b.y2)];
}

const roundPair = (p: { x: number; y: number }): [number, number] => [Math.round(p.x), Math.round(p.y)];
const pairKey = (t: NetworkEdge): string => (t.source < t.target ? `${t.source}\u0000${t.target}` : `${t.target}\u0000${t.source}`);

/** A name short enough for a label: cut at a word, with an ellipsis. */
function shortName(name: string): string {
  if (name.length <= LABEL_CHARS) return name;
  const words = name.split(/\s+/);
  let out = "";
  for (const w of words) {
    if ((out ? `${out} ${w}` : w).length > LABEL_CHARS - 1) break;
    out = out ? `${out} ${w}` : w;
  }
  return `${out || name.slice(0, LABEL_CHARS - 1)}…`;
}

function tieTip(t: Tie, level: Level): Node[] {
  const types = Object.entries(t.types).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return [
    h("p", { class: "tip-title" }, t.sourceName, h("span", { class: "arrow" }, t.directed ? " → " : " and "), t.targetName),
    h("p", { class: "tip-total" }, `${t.weight.toLocaleString("en")} ${t.weight === 1 ? "event" : "events"}`, t.directed ? "" : " together, no recipient"),
    h("ul", { class: "tip-types" }, ...types.map(([type, n]) => h("li", { "data-type": type }, badge(type), h("span", { class: "n" }, n.toLocaleString("en"))))),
    h("p", { class: "tip-hint" }, t.directed ? "Click to list them" : `Click to list every event with both ${level === "actor" ? "actors" : "countries"}`),
  ];
}

function nodeTip(n: NetworkNode, level: Level): Node[] {
  return [
    h("p", { class: "tip-title" }, n.name, n.code && n.code !== n.name ? h("span", { class: "code" }, ` ${n.code}`) : null),
    h("p", { class: "tip-total" }, `${n.events.toLocaleString("en")} ${n.events === 1 ? "event" : "events"}`),
    h("p", { class: "tip-hint" }, level === "actor" ? "Click for the profile" : "Click to list its events"),
  ];
}

/** The quad colour of the type with the most events on a tie. */
function edgeColour(types: Record<string, number>): string {
  const [top] = Object.entries(types).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const quad = top ? quadOf(top[0]) : null;
  return quad ? QUADS[quad].colour : "#999";
}

const STYLE: StylesheetJson = [
  {
    selector: "node",
    style: {
      label: "data(label)",
      width: "data(size)",
      height: "data(size)",
      "font-size": "data(font)",
      "min-zoomed-font-size": MIN_FONT,
      "font-family": "system-ui, -apple-system, Segoe UI, sans-serif",
      color: "#1d2329",
      "background-color": "#4b5661",
      "border-width": 1.5,
      "border-color": "#ffffff",
      "text-valign": "bottom",
      "text-halign": "center",
      "text-margin-y": LABEL_GAP,
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.8,
      "text-background-padding": "1px",
      "text-background-shape": "roundrectangle",
    },
  },
  // (the places of PLACES: vertical, then horizontal alignment, each LABEL_GAP off the node)
  { selector: "node.label-top, node.label-top-right, node.label-top-left", style: { "text-valign": "top", "text-margin-y": -LABEL_GAP } },
  { selector: "node.label-right, node.label-left", style: { "text-valign": "center", "text-margin-y": 0 } },
  { selector: "node.label-right, node.label-bottom-right, node.label-top-right", style: { "text-halign": "right", "text-margin-x": LABEL_GAP } },
  { selector: "node.label-left, node.label-bottom-left, node.label-top-left", style: { "text-halign": "left", "text-margin-x": -LABEL_GAP } },
  { selector: "node.nolabel", style: { "text-opacity": 0, "text-background-opacity": 0 } },
  { selector: "node.over", style: { "z-index": 5 } },
  { selector: "node.alone", style: { opacity: 0.35 } },
  {
    selector: "edge",
    style: {
      width: "data(width)",
      "line-color": "data(colour)",
      "target-arrow-color": "data(colour)",
      "curve-style": "bezier",
      "control-point-step-size": 14,
      opacity: 0.45,
      "arrow-scale": 0.7,
    },
  },
  { selector: "edge.directed", style: { "target-arrow-shape": "triangle" } },
  { selector: "edge.light", style: { display: "none" } },
  { selector: ".faded", style: { opacity: 0.1 } },
  { selector: "node.faded", style: { "text-opacity": 0.25 } },
  { selector: "edge.pointed", style: { opacity: 0.95, "z-index": 10 } },
  { selector: "node.pointed", style: { opacity: 1, "text-opacity": 1, "text-background-opacity": 0.9, "z-index": 20 } },
];
