/** 4. Actor profile: offices and tenures, counterparts, cooperation vs conflict over time, latest events. */
import type { EventsBody } from "../../../src/server/app.ts";
import type { ActorProfile, TimelineRow } from "../../../src/store/model.ts";
import { getJson } from "../api.ts";
import { balanceChart } from "../charts.ts";
import { badge, downloads, evidenceHref, people } from "../components.ts";
import { h, message } from "../dom.ts";
import { EVENT_TYPES } from "../quads.ts";
import { href, type Route } from "../route.ts";

export async function renderActor(root: HTMLElement, route: Route, signal: AbortSignal): Promise<void> {
  const id = route.id;
  const party = new URLSearchParams({ party: id });
  const [actor, timeline, latest] = await Promise.all([
    getJson<ActorProfile>(`/actors/${encodeURIComponent(id)}`, undefined, signal),
    getJson<TimelineRow[]>("/timeline", new URLSearchParams({ party: id, interval: "month" }), signal),
    getJson<EventsBody>("/events", new URLSearchParams({ party: id, _limit: "10" }), signal),
  ]);
  const chart = h("figure", { class: "chart", "aria-label": "Cooperative and conflictual events per month" }, message("Loading…"));

  root.append(
    h("h1", {}, actor.name),
    h(
      "p",
      { class: "meta" },
      [actor.kind, actor.code, actor.office].filter(Boolean).join(" · "),
      ` · ${actor.events} events (${actor.asActor} as actor, ${actor.asRecipient} as recipient)`,
      actor.firstSeen ? ` · seen ${actor.firstSeen} to ${actor.lastSeen ?? "—"}` : "",
    ),
    downloads([
      { label: "Profile", path: `/actors/${encodeURIComponent(id)}`, csv: false },
      { events: party },
      { label: "Timeline", path: "/timeline", params: new URLSearchParams({ party: id, interval: "month" }) },
    ]),
    h("p", {}, h("a", { href: href("events", party) }, "All events »"), " · ", h("a", { href: href("timeline", party) }, "Timeline »"), " · ", h("a", { href: href("network", { party: id, level: "actor" }) }, "Network »")),
    h(
      "div",
      { class: "grid" },
      h("section", {}, h("h2", {}, "Offices"), offices(actor)),
      h("section", {}, h("h2", {}, "Counterparts met most"), counterparts(actor)),
      h("section", {}, h("h2", {}, "Events by type"), byType(actor)),
    ),
    h("section", {}, h("h2", {}, "Cooperation and conflict over time"), chart),
    h("section", {}, h("h2", {}, latest.total > latest.events.length ? `The latest ${latest.events.length} of ${latest.total.toLocaleString("en")} events` : "Latest events"), latestList(latest)),
  );
  chart.replaceChildren(timeline.length ? await balanceChart(timeline, Math.max(320, Math.min(1000, root.clientWidth || 800))) : message("No dated events.", "empty"));
}

function offices(actor: ActorProfile): HTMLElement {
  if (!actor.offices.length) return h("p", { class: "muted" }, actor.office ? `Named as ${actor.office}; no tenure recorded.` : "No offices recorded.");
  return h(
    "table",
    { class: "plain" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Office"), h("th", { scope: "col" }, "From"), h("th", { scope: "col" }, "To"))),
    h("tbody", {}, ...actor.offices.map((o) => h("tr", {}, h("td", {}, o.office, o.code ? h("span", { class: "code" }, ` ${o.code}`) : ""), h("td", {}, o.start), h("td", {}, o.end ?? "in office")))),
  );
}

function counterparts(actor: ActorProfile): HTMLElement {
  if (!actor.counterparts.length) return h("p", { class: "muted" }, "None yet.");
  return h("ol", { class: "counterparts" }, ...actor.counterparts.slice(0, 10).map((c) => h("li", {}, h("a", { href: href("actor", {}, c.id) }, c.name), c.code ? h("span", { class: "code" }, ` ${c.code}`) : "", h("span", { class: "count" }, ` ${c.count}`))));
}

function byType(actor: ActorProfile): HTMLElement {
  const rows = EVENT_TYPES.filter((t) => actor.byType[t]).map((t) =>
    h("li", {}, h("a", { href: href("events", { party: actor.id, type: t }) }, badge(t)), h("span", { class: "count" }, ` ${actor.byType[t]}`)),
  );
  return rows.length ? h("ul", { class: "types" }, ...rows) : h("p", { class: "muted" }, "No events.");
}

function latestList(page: EventsBody): HTMLElement {
  if (!page.events.length) return message("No events.", "empty");
  return h(
    "ul",
    { class: "latest" },
    ...page.events.map((e) => h("li", {}, badge(e.event), ` ${e.date ?? "—"} `, people(e.actor), " → ", people(e.recipient), " · ", h("a", { href: evidenceHref(e) }, "evidence"), h("div", { class: "sentence" }, e.text))),
  );
}
