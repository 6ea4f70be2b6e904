/**
 * The network view in a real browser, against `readout serve` over the dev set (see harness.ts): the fcose layout
 * and its labels, zoom and fit, the node-count and minimum-weight controls in the URL, the tie tooltips and the
 * events a tie opens, the lists beside the graph, and a phone's width.
 */
import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import type { EventsBody } from "../../src/server/app.ts";
import type { Network, NetworkEdge } from "../../src/store/model.ts";
import { useWebApp, VIEWPORTS, webSkip } from "./harness.ts";

type Point = [number, number];
type Label = { text: string; box: [number, number, number, number] };

/** The id the view gives a tie. */
const tieId = (e: NetworkEdge) => `${e.source}${e.directed ? "->" : "--"}${e.target}`;

describe.skipIf(webSkip !== null)("the network view", () => {
  const app = useWebApp();
  const { open, hashOf } = app;

  const ready = async (p: Page): Promise<Locator> => {
    const graph = p.locator('.graph[data-ready="true"]');
    await graph.waitFor();
    return graph;
  };
  const read = async <T>(graph: Locator, attribute: string): Promise<T> => JSON.parse((await graph.getAttribute(attribute))!) as T;
  const zoomOf = async (graph: Locator) => Number(await graph.getAttribute("data-zoom"));
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

  it("lays the graph out with fcose, the same on every load, with names as labels that do not overlap", async () => {
    const network = await app.api<Network>("/network?level=actor&_limit=40");
    let p = await open("#/network?level=actor");
    let graph = await ready(p);
    expect(await graph.getAttribute("data-layout")).toBe("fcose");
    const first = await read<Record<string, Point>>(graph, "data-node-positions");
    expect(Object.keys(first).sort()).toEqual(network.nodes.map((n) => n.id).sort());
    await app.closePage();
    p = await open("#/network?level=actor");
    graph = await ready(p);
    expect(await read<Record<string, Point>>(graph, "data-node-positions")).toEqual(first);

    // force-directed, not rings: nodes lie at all sorts of distances from the middle
    const xs = Object.values(first);
    const [cx, cy] = [mean(xs.map((q) => q[0])), mean(xs.map((q) => q[1]))];
    expect(new Set(xs.map(([x, y]) => Math.round(Math.hypot(x - cx, y - cy) / 8))).size).toBeGreaterThan(xs.length / 2);
    // and the heaviest ties are drawn shorter than two nodes are apart on average
    const distance = (a: string, b: string) => Math.hypot(first[a]![0] - first[b]![0], first[a]![1] - first[b]![1]);
    const ids = network.nodes.map((n) => n.id);
    const pairs = ids.flatMap((a, i) => ids.slice(i + 1).map((b) => distance(a, b)));
    const heaviest = network.edges.slice(0, 10).map((e) => distance(e.source, e.target));
    expect(mean(heaviest)).toBeLessThan(0.6 * mean(pairs));

    // labels are names (long ones cut at a word), the busiest all named, most of the others too
    const labels = await read<Record<string, Label>>(graph, "data-labels");
    const names = new Map(network.nodes.map((n) => [n.id, n.name]));
    for (const [id, { text }] of Object.entries(labels)) {
      const name = names.get(id)!;
      if (text.endsWith("…")) expect(name.startsWith(text.slice(0, -1)) && text.length <= 22, `${text} for ${name}`).toBe(true);
      else expect(text).toBe(name);
    }
    for (const n of network.nodes.slice(0, 10)) expect(Object.keys(labels), n.name).toContain(n.id);
    expect(Object.keys(labels).length).toBeGreaterThanOrEqual(0.8 * network.nodes.length);
    expect(Object.values(labels).some((l) => l.text === "Ban Ki-moon")).toBe(true);

    // at the fitted zoom no two labels drawn overlap by more than a sliver (their boxes include a white padding)
    const boxes = Object.entries(labels).map(([id, l]) => ({ id, box: l.box }));
    const area = ([x1, y1, x2, y2]: number[]) => Math.max(0, x2! - x1!) * Math.max(0, y2! - y1!);
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const common = [Math.max(a.box[0], b.box[0]), Math.max(a.box[1], b.box[1]), Math.min(a.box[2], b.box[2]), Math.min(a.box[3], b.box[3])];
        expect(area(common), `${a.id} and ${b.id}`).toBeLessThanOrEqual(0.05 * Math.min(area(a.box), area(b.box)));
      }
    }
    // and each lies beside its node, within the graph
    const box = (await graph.boundingBox())!;
    for (const { id, box: [x1, y1, x2, y2] } of boxes) {
      const [x, y] = first[id]!;
      expect(Math.max(x1 - x, x - x2, y1 - y, y - y2, 0), id).toBeLessThan(40);
      expect(x1 >= -2 && y1 >= -2 && x2 <= box.width + 2 && y2 <= box.height + 2, id).toBe(true);
    }
  });

  it("the zoom buttons zoom in and out, and Fit brings back the first view", async () => {
    const p = await open("#/network");
    const graph = await ready(p);
    const fitted = await zoomOf(graph);
    const before = await read<Record<string, Point>>(graph, "data-node-positions");
    await p.getByRole("button", { name: "Zoom in" }).click();
    await expect.poll(() => zoomOf(graph)).toBeCloseTo(fitted * 1.4, 3);
    await p.getByRole("button", { name: "Zoom out" }).click();
    await p.getByRole("button", { name: "Zoom out" }).click();
    await expect.poll(() => zoomOf(graph)).toBeCloseTo(fitted / 1.4, 3);
    // (a drag pans the graph; Fit undoes that too)
    const box = (await graph.boundingBox())!;
    await p.mouse.move(box.x + 8, box.y + box.height - 8);
    await p.mouse.down();
    await p.mouse.move(box.x + 80, box.y + box.height - 60, { steps: 4 });
    await p.mouse.up();
    await p.getByRole("button", { name: "Fit the graph to its box" }).click();
    await expect.poll(() => zoomOf(graph)).toBe(fitted);
    await expect.poll(() => read<Record<string, Point>>(graph, "data-node-positions")).toEqual(before);
  });

  it("the node count asks the API for that many nodes, and the URL keeps it", async () => {
    const p = await open("#/network?level=actor&type=CONSULT");
    await ready(p);
    const asked: string[] = [];
    p.on("request", (r) => void (new URL(r.url()).pathname === "/network" && asked.push(r.url())));
    await p.getByLabel("How many").selectOption("20");
    await expect.poll(() => hashOf(p).get("nodes")).toBe("20");
    expect(hashOf(p).get("type")).toBe("CONSULT");
    expect(hashOf(p).get("level")).toBe("actor");
    const graph = await ready(p);
    expect(asked.map((u) => new URL(u).searchParams.get("_limit"))).toEqual(["20"]);
    const network = await app.api<Network>("/network?level=actor&_limit=20&type=CONSULT");
    expect(network.nodes).toHaveLength(20);
    expect(Object.keys(await read<Record<string, Point>>(graph, "data-node-positions"))).toHaveLength(20);
    expect(await p.locator(".nodes h2").first().textContent()).toBe("20 actors");
    expect(await p.locator(".nodes ol").first().locator("li").count()).toBe(20);
    // the download is what the graph shows
    const links = await app.checkDownloads(p);
    for (const link of links.keys()) expect(new URL(link, app.url).searchParams.get("_limit"), link).toBe("20");
  });

  it("the minimum-weight slider hides the lighter ties, and the URL keeps it", async () => {
    const network = await app.api<Network>("/network?level=country&_limit=40");
    const weights = [...new Set(network.edges.map((e) => e.weight))].sort((a, b) => a - b);
    const shownAt = (min: number) => network.edges.filter((e) => e.weight >= min);
    const p = await open("#/network?level=country");
    const graph = await ready(p);
    const start = Number(await graph.getAttribute("data-min-weight"));
    // without `min`, a threshold that keeps at most three ties per node
    expect(shownAt(start).length).toBeLessThanOrEqual(3 * network.nodes.length);
    expect(Number(await graph.getAttribute("data-edges-shown"))).toBe(shownAt(start).length);

    const slider = p.getByLabel("Ties of at least");
    await slider.focus();
    await p.keyboard.press("ArrowRight");
    const next = weights[weights.indexOf(start) + 1]!;
    await expect.poll(() => hashOf(p).get("min")).toBe(String(next));
    await expect.poll(() => graph.getAttribute("data-edges-shown")).toBe(String(shownAt(next).length));
    expect(shownAt(next).length).toBeLessThan(shownAt(start).length);
    expect(Object.keys(await read<Record<string, Point>>(graph, "data-edge-points")).sort()).toEqual(shownAt(next).map(tieId).sort());
    expect(await p.locator(".nodes ol.ties li").count()).toBe(shownAt(next).length);
    expect(await p.locator(".min-value").textContent()).toBe(`${next} events (${shownAt(next).length} of ${network.edges.length} ties)`);
    // the positions hold still while the ties change
    const positions = await graph.getAttribute("data-node-positions");

    // all of them, from the start of the slider; and the URL draws the same again
    await p.keyboard.press("Home");
    await expect.poll(() => hashOf(p).get("min")).toBe(String(weights[0]));
    await expect.poll(() => graph.getAttribute("data-edges-shown")).toBe(String(network.edges.length));
    expect(await graph.getAttribute("data-node-positions")).toBe(positions);
    const url = p.url();
    await app.closePage();
    const again = await open(new URL(url).hash);
    const redrawn = await ready(again);
    expect(await redrawn.getAttribute("data-edges-shown")).toBe(String(network.edges.length));
    expect(await again.getByLabel("Ties of at least").inputValue()).toBe("0");
    // the threshold does not move the nodes: the same picture, lighter ties added
    expect(await redrawn.getAttribute("data-node-positions")).toBe(positions);
  });

  /**
   * Hovers the first of `ties` whose drawn midpoint the pointer can find, and no node's centre lies within `clear` pixels
   * of (a finger's tap there is the node's); that tie and where it is.
   */
  const hoverTie = async (p: Page, graph: Locator, ties: NetworkEdge[], clear = 0): Promise<{ tie: NetworkEdge; at: Point }> => {
    const points = await read<Record<string, Point>>(graph, "data-edge-points");
    const nodes = Object.values(await read<Record<string, Point>>(graph, "data-node-positions"));
    const box = (await graph.boundingBox())!;
    for (const tie of ties) {
      const point = points[tieId(tie)];
      if (!point || nodes.some((n) => Math.hypot(n[0] - point[0], n[1] - point[1]) < clear)) continue;
      const at: Point = [box.x + point[0], box.y + point[1]];
      await p.mouse.move(...at);
      if ((await p.locator(".graph-tip:not([hidden])").getAttribute("data-for").catch(() => null)) === tieId(tie)) return { tie, at };
    }
    throw new Error("no tie could be hovered");
  };

  it("hovering a tie shows its events by type as the API counts them; a click lists exactly those events", async () => {
    const filters = "type=ACCUSE,REQUEST,SUPPORT,CONSULT";
    const network = await app.api<Network>(`/network?level=actor&_limit=40&${filters}`);
    const p = await open(`#/network?level=actor&${filters}`);
    const graph = await ready(p);
    const { tie, at } = await hoverTie(p, graph, network.edges.filter((e) => e.directed));
    const tip = p.locator(".graph-tip");
    const names = new Map(network.nodes.map((n) => [n.id, n.name]));
    expect(await tip.locator(".tip-title").textContent()).toBe(`${names.get(tie.source)} → ${names.get(tie.target)}`);
    expect(await tip.locator(".tip-total").textContent()).toBe(`${tie.weight} ${tie.weight === 1 ? "event" : "events"}`);
    const byType = Object.fromEntries(await tip.locator("li[data-type]").evaluateAll((lis) => lis.map((li) => [li.getAttribute("data-type"), li.querySelector(".n")!.textContent])));
    expect(byType).toEqual(Object.fromEntries(Object.entries(tie.types).map(([t, n]) => [t, String(n)])));
    expect(await tip.locator("li .badge").allTextContents()).toEqual(Object.keys(byType));
    // the pointer leaves: the tooltip goes
    await p.mouse.move(1, 1);
    await expect.poll(() => tip.isHidden()).toBe(true);

    await p.mouse.click(...at);
    await expect.poll(() => new URL(p.url()).hash.startsWith("#/events")).toBe(true);
    expect(hashOf(p).get("actor")).toBe(tie.source);
    expect(hashOf(p).get("recipient")).toBe(tie.target);
    expect(hashOf(p).get("type")).toBe("ACCUSE,REQUEST,SUPPORT,CONSULT");
    await p.locator("table.events tbody tr").first().waitFor();
    expect(await p.locator(".total").textContent()).toBe(`${tie.weight} ${tie.weight === 1 ? "event matches" : "events match"}`);
    expect((await app.api<EventsBody>(`/events?${hashOf(p).toString()}`)).total).toBe(tie.weight);
  });

  it("on a touch screen a first tap on a tie shows its tooltip, a second opens its events", async () => {
    const network = await app.api<Network>("/network?level=actor&_limit=40");
    const p = await open("#/network?level=actor");
    const graph = await ready(p);
    const { tie, at } = await hoverTie(p, graph, network.edges.filter((e) => e.directed), 40);
    await p.mouse.move(1, 1);
    await expect.poll(() => p.locator(".graph-tip").isHidden()).toBe(true);
    // a finger, through Chromium's own touch events (the harness's pages have no touch screen of their own)
    const cdp = await p.context().newCDPSession(p);
    await cdp.send("Emulation.setTouchEmulationEnabled", { enabled: true, maxTouchPoints: 1 });
    const tap = async () => {
      await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: at[0], y: at[1] }] });
      await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    };
    await tap();
    await expect.poll(() => p.locator(".graph-tip:not([hidden])").getAttribute("data-for")).toBe(tieId(tie));
    expect(new URL(p.url()).hash).toBe("#/network?level=actor");
    await tap();
    await expect.poll(() => hashOf(p).get("recipient")).toBe(tie.target);
    expect(hashOf(p).get("actor")).toBe(tie.source);
    await cdp.detach();
  });

  it("at country level too, a tie's events are exactly its weight", async () => {
    const network = await app.api<Network>("/network?level=country&_limit=40");
    const p = await open("#/network?level=country");
    const graph = await ready(p);
    const { tie, at } = await hoverTie(p, graph, network.edges.filter((e) => e.directed));
    await p.mouse.click(...at);
    await expect.poll(() => hashOf(p).get("recipient")).toBe(tie.target);
    expect(hashOf(p).get("actor")).toBe(tie.source);
    await p.locator("table.events tbody tr").first().waitFor();
    expect(await p.locator(".total").textContent()).toBe(`${tie.weight} ${tie.weight === 1 ? "event matches" : "events match"}`);
  });

  it("the lists beside the graph reach every node and tie from the keyboard", async () => {
    const network = await app.api<Network>("/network?level=country&_limit=40");
    const p = await open("#/network?level=country");
    const graph = await ready(p);
    expect(await p.locator(".nodes a[data-node]").evaluateAll((as) => as.map((a) => a.textContent))).toEqual(network.nodes.map((n) => n.name));
    const shown = Number(await graph.getAttribute("data-edges-shown"));
    const ties = p.locator(".nodes a[data-tie]");
    expect(await ties.evaluateAll((as) => as.map((a) => a.getAttribute("data-tie")))).toEqual(network.edges.slice(0, shown).map(tieId));
    // a tie in the list, focused, points at the graph with its tooltip
    const together = network.edges.slice(0, shown).find((e) => !e.directed)!;
    const link = p.locator(`.nodes a[data-tie="${tieId(together)}"]`);
    await link.focus();
    await expect.poll(() => p.locator(".graph-tip:not([hidden])").getAttribute("data-for")).toBe(tieId(together));
    expect(await p.locator(".graph-tip .tip-total").textContent()).toBe(`${together.weight} events together, no recipient`);
    // a tie with no recipient has no filter of its own: it opens every event both take part in, its own among them
    await p.keyboard.press("Enter");
    await expect.poll(() => hashOf(p).get("party")).toBe(`${together.source},${together.target}`);
    await p.locator("table.events tbody tr").first().waitFor();
    const total = (await app.api<EventsBody>(`/events?party=${together.source},${together.target}`)).total;
    expect(total).toBeGreaterThanOrEqual(together.weight);
    expect(await p.locator(".total").textContent()).toBe(`${total} events match`);
  });

  it("on a phone the graph takes the whole width, above the lists, with no sideways scroll", async () => {
    const p = await open("#/network?level=actor", VIEWPORTS[1]);
    const graph = await ready(p);
    const box = (await graph.boundingBox())!;
    expect(box.width).toBeGreaterThan(VIEWPORTS[1].width - 40);
    expect(box.x + box.width).toBeLessThanOrEqual(VIEWPORTS[1].width);
    const list = (await p.locator(".nodes").boundingBox())!;
    expect(list.y).toBeGreaterThan(box.y + box.height);
    expect(await p.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(VIEWPORTS[1].width);
    // the busiest is named even at a phone's fitted zoom
    const labels = await read<Record<string, Label>>(graph, "data-labels");
    expect(Object.values(labels).map((l) => l.text)).toContain("China");
  });
});
