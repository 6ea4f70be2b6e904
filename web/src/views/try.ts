/** 6. Try it: paste a readout (or drop a .txt file) and see its events coded on the spot. Nothing is stored. */
import type { CodeResult } from "../../../src/server/code.ts";
import type { PloverRecord } from "../../../src/export/plover.ts";
import { postJson } from "../api.ts";
import { badge } from "../components.ts";
import { h, message } from "../dom.ts";
import { highlightedText, type Mark } from "../highlight.ts";
import { quadOf } from "../quads.ts";
import type { Route } from "../route.ts";

export function renderTry(root: HTMLElement, route: Route): void {
  const text = h("textarea", { id: "try-text", name: "text", rows: 12, required: true, placeholder: "Paste a readout, a statement or a news story…" });
  const date = h("input", { id: "try-date", name: "date", type: "date", value: route.params.get("date") ?? "" });
  const file = h("input", { id: "try-file", type: "file", accept: ".txt,text/plain" });
  const output = h("section", { class: "try-output", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "try" },
    h("div", { class: "field wide" }, h("label", { for: "try-text" }, "Text to code (or drop a .txt file on it)"), text),
    h("div", { class: "row" }, h("div", { class: "field" }, h("label", { for: "try-date" }, "Story date (optional)"), date), h("div", { class: "field" }, h("label", { for: "try-file" }, "Or open a .txt file"), file), h("div", { class: "field buttons" }, h("button", { type: "submit" }, "Code it"))),
  );
  const load = async (f: File | undefined) => {
    if (f) text.value = bodyOf(await f.text());
  };
  file.addEventListener("change", () => void load(file.files?.[0]));
  text.addEventListener("dragover", (e) => e.preventDefault());
  text.addEventListener("drop", (e) => {
    e.preventDefault();
    void load(e.dataTransfer?.files[0]);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    output.replaceChildren(message("Coding…"));
    const body = { text: text.value, ...(date.value ? { date: date.value } : {}) };
    postJson<CodeResult>("/-/code", body)
      .then((result) => output.replaceChildren(...renderResult(body.text, result)))
      .catch((error: unknown) => output.replaceChildren(message(error instanceof Error ? error.message : String(error), "error")));
  });
  root.append(h("h1", {}, "Try it"), h("p", { class: "hint" }, "The text is coded by this server and shown here; nothing is stored."), form, output);
}

/** A gold-format file's body (after its `---` header line), or the whole text. */
function bodyOf(content: string): string {
  const m = /^(?:[a-z_]+:.*\n)+---\n/i.exec(content);
  return m ? content.slice(m[0].length) : content;
}

function renderResult(text: string, result: CodeResult): Node[] {
  const marks: Mark[] = [
    ...result.mentions.filter((m) => m.name).map((m) => ({ start: m.start, end: m.end, className: "mention", title: m.name! })),
    ...result.events.map((e) => ({ start: e.text_info.trigger_start, end: e.text_info.trigger_end, className: `trigger q-${quadOf(e.event) ?? "none"}`, title: `${e.event} trigger`, event: e.id })),
  ];
  const json = URL.createObjectURL(new Blob([JSON.stringify(result.events.map((e) => e), null, 1)], { type: "application/json" }));
  const csv = URL.createObjectURL(new Blob([toCsv(result.events)], { type: "text/csv" }));
  return [
    h("h2", {}, `${result.events.length} events`, result.date ? ` · story date ${result.date}` : " · no story date found"),
    h("p", { class: "downloads" }, "Download: ", h("a", { href: json, download: "events.json" }, "Events JSON"), h("a", { href: csv, download: "events.csv" }, "Events CSV")),
    h(
      "div",
      { class: "with-side evidence" },
      h(
        "aside",
        { "aria-label": "Coded events" },
        h(
          "ol",
          { class: "event-list" },
          ...result.events.map((e) =>
            h(
              "li",
              { "data-event": e.id },
              h("button", { type: "button", onclick: () => document.getElementById(`s-${e.text_info.sequence}`)?.scrollIntoView({ block: "center" }) }, badge(e.event), ` ${e.date ?? "—"} · sentence ${e.text_info.sequence + 1}`),
              h("div", { class: "who" }, names(e.actor), " → ", names(e.recipient)),
            ),
          ),
        ),
      ),
      h("article", { "aria-label": "Coded text" }, highlightedText(text, result.sentences, marks, { markup: true })),
    ),
  ];
}

const names = (list: PloverRecord["actor"]): string => (list.length ? list.map((p) => (p.code ? `${p.name} (${p.code})` : p.name)).join(", ") : "—");

function toCsv(events: PloverRecord[]): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const rows = [["date", "type", "mode", "actor", "recipient", "sentence"], ...events.map((e) => [e.date ?? "", e.event, e.mode.join(";"), names(e.actor), names(e.recipient), e.text])];
  return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
