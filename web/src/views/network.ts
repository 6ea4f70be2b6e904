/** 5. Network: who acts on whom, edges weighted by events and coloured by their dominant type's quad. */
import type { Network, NetworkNode } from "../../../src/store/model.ts";
import { getJson } from "../api.ts";
import { downloads, filterForm } from "../components.ts";
import { h, message } from "../dom.ts";
import { QUADS, quadOf } from "../quads.ts";
import { filtersOf, href, navigate, type Route } from "../route.ts";

type Level = Network["level"];

export async function renderNetwork(root: HTMLElement, route: Route, signal: AbortSignal): Promise<void> {
  const level: Level = route.params.get("level") === "actor" ? "actor" : "country";
  const filters = filtersOf(route.params);
  const query = new URLSearchParams(filters);
  query.set("level", level);
  query.set("_limit", "60");

  const levelPicker = h(
    "div",
    { class: "field" },
    h("label", { for: "f-level" }, "Nodes"),
    h("select", { id: "f-level", name: "level" }, h("option", { value: "country", selected: level === "country" }, "countries"), h("option", { value: "actor", selected: level === "actor" }, "actors")),
  );
  const graph = h("div", { class: "graph", role: "img", "aria-label": "Network graph; the list beside it has the same nodes" }, message("Loading the network…"));
  const list = h("nav", { class: "nodes", "aria-label": "Nodes" });
  root.append(
    h("h1", {}, "Network"),
    filterForm(route, [levelPicker]),
    downloads([{ label: "Network", path: "/network", params: query }]),
    h("p", { class: "legend" }, ...Object.values(QUADS).map((q) => h("span", { class: "swatch", style: `--c:${q.colour}` }, q.label))),
    h("div", { class: "with-side network" }, list, graph),
  );

  const network = await getJson<Network>("/network", query, signal);
  const open = (node: NetworkNode) => navigate(level === "actor" ? href("actor", {}, node.id) : href("events", { ...Object.fromEntries(filters), party: node.id }));
  list.replaceChildren(
    h("h2", {}, `${network.nodes.length} ${level === "actor" ? "actors" : "countries"}`),
    h("ol", {}, ...network.nodes.map((n) => h("li", {}, h("a", { href: level === "actor" ? href("actor", {}, n.id) : href("events", { ...Object.fromEntries(filters), party: n.id }), "data-node": n.id }, n.name), h("span", { class: "count" }, ` ${n.events}`)))),
  );
  if (!network.nodes.length) {
    graph.replaceChildren(message("No events match these filters.", "empty"));
    return;
  }
  await drawGraph(graph, network, open);
}

async function drawGraph(container: HTMLElement, network: Network, open: (node: NetworkNode) => void): Promise<void> {
  const { default: cytoscape } = await import("cytoscape");
  container.replaceChildren();
  const maxEvents = Math.max(...network.nodes.map((n) => n.events));
  const maxWeight = Math.max(1, ...network.edges.map((e) => e.weight));
  const byId = new Map(network.nodes.map((n) => [n.id, n]));
  const cy = cytoscape({
    container,
    elements: [
      ...network.nodes.map((n) => ({ data: { id: n.id, label: n.code && n.kind !== "person" ? n.code : n.name, events: n.events, size: 12 + 30 * Math.sqrt(n.events / maxEvents) } })),
      ...network.edges.map((e, i) => ({
        data: { id: `e${i}`, source: e.source, target: e.target, width: 0.5 + 6 * Math.sqrt(e.weight / maxWeight), colour: edgeColour(e.types) },
        classes: e.directed ? "directed" : "",
      })),
    ],
    style: [
      { selector: "node", style: { label: "data(label)", width: "data(size)", height: "data(size)", "background-color": "#56606b", color: "#1d2329", "font-size": 14, "text-valign": "bottom", "text-margin-y": 3 } },
      { selector: "edge", style: { width: "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)", "curve-style": "bezier", opacity: 0.55, "arrow-scale": 0.6 } },
      { selector: "edge.directed", style: { "target-arrow-shape": "triangle" } },
    ],
    // rings by activity, the busiest in the middle: readable even for hub-heavy graphs, and the same on every load
    layout: { name: "concentric", concentric: (n) => Number(n.data("events")), levelWidth: () => maxEvents / 6, minNodeSpacing: 14, animate: false, padding: 16 },
  });
  cy.on("tap", "node", (e) => {
    const node = byId.get(e.target.id());
    if (node) open(node);
  });
  // where each node is drawn, for keyboard-less checks (the browser tests click a node through it)
  container.dataset.nodePositions = JSON.stringify(Object.fromEntries(cy.nodes().map((n) => [n.id(), [Math.round(n.renderedPosition().x), Math.round(n.renderedPosition().y)]])));
  container.dataset.ready = "true";
}

/** The quad colour of the type with the most events on an edge. */
function edgeColour(types: Record<string, number>): string {
  const [top] = Object.entries(types).sort((a, b) => b[1] - a[1]);
  const quad = top ? quadOf(top[0]) : null;
  return quad ? QUADS[quad].colour : "#999";
}
