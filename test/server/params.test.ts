import { describe, expect, it } from "vitest";
import { BadRequest } from "../../src/server/errors.ts";
import { parseActors, parseEvents, parseNetwork, parseTimeline } from "../../src/server/params.ts";

const qs = (s: string) => new URLSearchParams(s);

function badRequest(fn: () => unknown): BadRequest {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequest);
    return error as BadRequest;
  }
  throw new Error("expected a BadRequest");
}

describe("event query parameters", () => {
  it("has defaults: 50 newest first, no filter, no facets", () => {
    expect(parseEvents(qs(""))).toEqual({ filter: {}, page: { limit: 50, sort: "-date", cursor: null }, facets: [] });
  });

  it("maps every filter", () => {
    const { filter, page, facets } = parseEvents(
      qs("actor=state:CHN&recipient=USA&party=CHN&party=USA&type=consult,AGREE&mode=visit&context=economic&publisher=MFA&doc=a,b&from=2024-01-01&to=2024-12-31&q=climate finance&_limit=10&_next=abc&_sort=date&_facet=type,month&_facet=type"),
    );
    expect(filter).toEqual({
      actor: "state:CHN",
      recipient: "USA",
      party: ["CHN", "USA"],
      type: ["CONSULT", "AGREE"],
      mode: ["visit"],
      context: ["economic"],
      publisher: ["MFA"],
      doc: ["a", "b"],
      from: "2024-01-01",
      to: "2024-12-31",
      q: "climate finance",
    });
    expect(page).toEqual({ limit: 10, sort: "date", cursor: "abc" });
    expect(facets).toEqual(["type", "month"]);
  });

  it("treats empty values as absent, and trims", () => {
    expect(parseEvents(qs("actor=&type=&party=,&from=&q=")).filter).toEqual({});
    expect(parseEvents(qs("actor=%20CHN%20&party=%20USA%20,%20CHN")).filter).toEqual({ actor: "CHN", party: ["USA", "CHN"] });
  });

  it.each([
    ["from=2024-1-1", "from", /YYYY-MM-DD.*"2024-1-1"/],
    ["from=2024-02-30", "from", /real calendar date/],
    ["to=2023-02-29", "to", /real calendar date/],
    ["to=yesterday", "to", /YYYY-MM-DD/],
    ["from=2024-05-01&to=2024-04-01", "to", /ends .* before it starts/],
    ["_limit=0", "_limit", /1 to 1000/],
    ["_limit=1001", "_limit", /1 to 1000/],
    ["_limit=ten", "_limit", /whole number/],
    ["_limit=-5", "_limit", /whole number/],
    ["_limit=2.5", "_limit", /whole number/],
    ["_sort=newest", "_sort", /-date, date/],
    ["_facet=actor", "_facet", /type, country, month, publisher/],
    ["type=MEET", "type", /AGREE, CONSULT/],
    ["actor=CHN&actor=USA", "actor", /given 2 times/],
    ["q=" + "x".repeat(501), "q", /at most 500/],
    ["nonsense=1", "nonsense", /unknown parameter "nonsense".*accepts actor/],
    ["limit=10", "limit", /unknown parameter "limit"/],
  ])("rejects %s naming %s", (query, parameter, message) => {
    const error = badRequest(() => parseEvents(qs(query)));
    expect(error.parameter).toBe(parameter);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(parameter) || error.code === "unknown_parameter").toBe(true);
  });

  it("accepts leap days and the limit's bounds", () => {
    expect(parseEvents(qs("from=2024-02-29&_limit=1")).page.limit).toBe(1);
    expect(parseEvents(qs("_limit=1000")).page.limit).toBe(1000);
  });
});

describe("other routes' parameters", () => {
  it("timeline: interval, default month", () => {
    expect(parseTimeline(qs("actor=CHN"))).toEqual({ filter: { actor: "CHN" }, interval: "month" });
    expect(parseTimeline(qs("interval=week")).interval).toBe("week");
    expect(badRequest(() => parseTimeline(qs("interval=year"))).parameter).toBe("interval");
    expect(badRequest(() => parseTimeline(qs("_limit=5"))).code).toBe("unknown_parameter");
  });

  it("network: level, default country, and a limit", () => {
    expect(parseNetwork(qs(""))).toEqual({ filter: {}, level: "country", limit: 100 });
    expect(parseNetwork(qs("level=actor&_limit=5&type=accuse"))).toEqual({ filter: { type: ["ACCUSE"] }, level: "actor", limit: 5 });
    expect(badRequest(() => parseNetwork(qs("level=person"))).parameter).toBe("level");
  });

  it("actors: q and a limit", () => {
    expect(parseActors(qs(""))).toEqual({ q: "", limit: 20 });
    expect(parseActors(qs("q=wang&_limit=3"))).toEqual({ q: "wang", limit: 3 });
    expect(badRequest(() => parseActors(qs("type=AGREE"))).parameter).toBe("type");
  });
});
