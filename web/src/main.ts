/** The analyst's web app: one view per URL hash, each drawn from the public JSON API. */
import "./style.css";
import { isAbort } from "./api.ts";
import { h } from "./dom.ts";
import { EVENT_TYPES } from "./quads.ts";
import { filterProblem, filtersOf, href, parseHash, type Route, type View } from "./route.ts";
import { renderActor } from "./views/actor.ts";
import { renderCompare } from "./views/compare.ts";
import { renderEvents } from "./views/events.ts";
import { renderEvidence } from "./views/evidence.ts";
import { renderMap } from "./views/map.ts";
import { renderNetwork } from "./views/network.ts";
import { renderTimeline } from "./views/timeline.ts";
import { renderTry } from "./views/try.ts";

type Renderer = (root: HTMLElement, route: Route, signal: AbortSignal) => Promise<void> | void;

const RENDERERS: Record<View, Renderer> = {
  events: renderEvents,
  doc: renderEvidence,
  timeline: renderTimeline,
  compare: renderCompare,
  map: renderMap,
  actor: renderActor,
  network: renderNetwork,
  try: renderTry,
};

const TITLES: Record<View, string> = {
  events: "Events",
  doc: "Evidence",
  timeline: "Timeline",
  compare: "Compare",
  map: "Map",
  actor: "Actor",
  network: "Network",
  try: "Try it",
};
const NAV: readonly View[] = ["events", "timeline", "compare", "map", "network", "try"];

function start(): void {
  const main = document.getElementById("main")!;
  const nav = document.getElementById("nav")!;
  let current: AbortController | null = null;

  const show = async () => {
    current?.abort();
    const controller = new AbortController();
    current = controller;
    const route = parseHash(location.hash);
    const carried = filtersOf(route.params);
    nav.replaceChildren(
      ...NAV.map((v) => h("a", { href: href(v, v === "try" ? {} : carried), "aria-current": v === route.view ? "page" : null }, TITLES[v])),
    );
    document.title = `${TITLES[route.view]}${route.id ? `: ${route.id}` : ""} · readout`;
    const view = h("div", { class: `view view-${route.view}` });
    main.replaceChildren(view);
    const problem = route.view === "try" ? null : filterProblem(route.params, EVENT_TYPES);
    if (problem) return failed(view, route, problem);
    try {
      await RENDERERS[route.view](view, route, controller.signal);
    } catch (error) {
      if (isAbort(error) || controller.signal.aborted) return;
      failed(view, route, error instanceof Error ? error.message : String(error));
    }
  };
  window.addEventListener("hashchange", () => void show());
  void show();
}

/** What went wrong, in place of whatever was still loading, with the ways back: the previous page, or the view afresh. */
function failed(view: HTMLElement, route: Route, why: string): void {
  for (const loading of view.querySelectorAll(".message.loading")) loading.remove();
  view.append(
    h(
      "div",
      { class: "failure", role: "alert" },
      h("p", { class: "message error" }, why),
      h(
        "p",
        {},
        h("button", { type: "button", class: "button secondary", onclick: () => history.back() }, "« Back"),
        " ",
        h("a", { href: href(route.view === "doc" || route.view === "actor" ? "events" : route.view), class: "button" }, "Start over without filters"),
      ),
    ),
  );
}

start();
