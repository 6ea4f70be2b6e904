import { describe, expect, it } from "vitest";
import { csvField, csvLine, EVENT_CSV_HEADER, edgeTable, eventRows, eventTable, toCsv } from "../../src/server/csv.ts";
import type { NetworkEdge } from "../../src/store/model.ts";
import { EVENTS } from "./fake-store.ts";
import { parseCsv } from "./helpers.ts";

const byId = (id: string) => EVENTS.find((e) => e.id === id)!;
const column = (row: readonly string[], name: string) => row[EVENT_CSV_HEADER.indexOf(name)];

describe("RFC 4180 fields", () => {
  it("leaves plain fields alone", () => {
    expect(csvField("Wang Yi")).toBe("Wang Yi");
    expect(csvField("")).toBe("");
  });

  it("quotes fields with a comma, quote, CR or LF and doubles quotes", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
  });

  it("neutralises a field a spreadsheet would run as a formula (OWASP): a leading quote, then RFC 4180 quoting", () => {
    expect(csvField('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvField("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    for (const lead of ["+", "-", "@", "\t", "\r"]) expect(csvField(`${lead}SUM(A1)`).replace(/^"/, "")[0], JSON.stringify(lead)).toBe("'");
    // (numbers stay numbers; a sign inside a field is harmless)
    expect(csvField("-3")).toBe("-3");
    expect(csvField("-0.5")).toBe("-0.5");
    expect(csvField("2024-01-02")).toBe("2024-01-02");
    expect(csvField("a=b")).toBe("a=b");
  });

  it("ends every record with CRLF and round-trips", () => {
    const rows = [["a", "b,c"], ['"q"', "x\r\ny"], ["", ""]];
    expect(csvLine(["a", "b"])).toBe("a,b\r\n");
    expect(toCsv(rows)).toBe('a,"b,c"\r\n"""q""","x\r\ny"\r\n,\r\n');
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});

describe("event rows", () => {
  it("gives one row per actor–recipient pair", () => {
    const rows = eventRows(byId("e2"));
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toHaveLength(EVENT_CSV_HEADER.length);
    expect(column(row, "id")).toBe("e2");
    expect(column(row, "type")).toBe("REQUEST");
    expect(column(row, "actor_id")).toBe("person:wang-yi");
    expect(column(row, "actor_code")).toBe("CHN");
    expect(column(row, "recipient_name")).toBe("United States");
    expect(column(row, "context")).toBe("economic");
    expect(column(row, "sentence")).toBe(byId("e2").text);
    expect(column(row, "url")).toBe("https://example.invalid/mfa-1");
  });

  it("gives one row per actor, with empty recipient columns, when there is no recipient", () => {
    const rows = eventRows(byId("e1"));
    expect(rows.map((r) => column(r, "actor_name"))).toEqual(["Wang Yi", "Antony Blinken"]);
    for (const r of rows) expect([column(r, "recipient_id"), column(r, "recipient_name"), column(r, "recipient_code")]).toEqual(["", "", ""]);
  });

  it("crosses several actors with several recipients", () => {
    const ev = { ...byId("e2"), actor: [...byId("e1").actor], recipient: [...byId("e4").actor, ...byId("e4").recipient] };
    const pairs = eventRows(ev).map((r) => `${column(r, "actor_id")}>${column(r, "recipient_id")}`);
    expect(pairs).toEqual([
      "person:wang-yi>state:USA",
      "person:wang-yi>org:un",
      "person:antony-blinken>state:USA",
      "person:antony-blinken>org:un",
    ]);
  });

  it("writes nulls as empty fields and joins lists with ;", () => {
    const row = eventRows({ ...byId("e6"), mode: ["visit", "multilateral"], cite_info: { title: null, publication: null, url: null } })[0]!;
    expect(column(row, "date")).toBe("");
    expect(column(row, "mode")).toBe("visit;multilateral");
    expect(column(row, "url")).toBe("");
  });

  it("survives quotes and commas in the sentence", () => {
    const text = eventTable([byId("e2")]);
    const parsed = parseCsv(toCsv(text));
    expect(parsed[0]).toEqual([...EVENT_CSV_HEADER]);
    expect(column(parsed[1]!, "sentence")).toBe(byId("e2").text);
    expect(byId("e2").text).toMatch(/[",]/);
  });
});

describe("edge table", () => {
  it("names both ends and gives one count column per type present, in PLOVER order", () => {
    const nodes = [
      { id: "USA", name: "United States", kind: "state" as const, code: "USA", events: 3 },
      { id: "CHN", name: "China", kind: "state" as const, code: "CHN", events: 2 },
    ];
    const edges: NetworkEdge[] = [
      { source: "CHN", target: "USA", directed: false, weight: 3, types: { SUPPORT: 1, CONSULT: 2 } },
      { source: "USA", target: "CHN", directed: true, weight: 1, types: { ACCUSE: 1 } },
    ];
    expect(edgeTable(nodes, edges)).toEqual([
      ["source", "source_name", "target", "target_name", "directed", "weight", "CONSULT", "SUPPORT", "ACCUSE"],
      ["CHN", "China", "USA", "United States", "false", "3", "2", "1", "0"],
      ["USA", "United States", "CHN", "China", "true", "1", "0", "0", "1"],
    ]);
  });
});
