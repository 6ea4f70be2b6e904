import type { Hono } from "hono";
import { expect } from "vitest";
import type { ErrorBody } from "../../src/server/errors.ts";

export interface Answer {
  status: number;
  type: string | null;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** One in-process request. */
export async function get(app: Hono, path: string, init: RequestInit = {}): Promise<Answer> {
  const res = await app.request(path, init);
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, type: res.headers.get("content-type"), headers: res.headers, text, json };
}

/** Checks the one error body shape and returns it. */
export function expectError(a: Answer, status: number, parameter?: string): ErrorBody["error"] {
  expect(a.status, a.text).toBe(status);
  expect(a.type).toBe("application/json; charset=utf-8");
  const body = a.json as ErrorBody;
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error.status).toBe(status);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(10);
  expect(a.text).not.toMatch(/\bat .+:\d+:\d+|node_modules|\.ts:\d+/);
  if (parameter !== undefined) expect(body.error.parameter).toBe(parameter);
  return body.error;
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF records) into rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  if (field || row.length) throw new Error("CSV does not end with CRLF");
  return rows;
}

/** SQL and full-text syntax to send through every parameter. */
export const INJECTIONS = [
  "' OR 1=1 --",
  '"); DROP TABLE events; --',
  "1; DELETE FROM documents",
  "%' OR '%'='",
  "\\",
  "NEAR(a b)",
  'climate" OR "x',
  "*",
  "a\u0000b",
  "ü'",
];

/** Every parameter, for injection attempts. */
export const INJECTABLE = [
  "/events?actor=",
  "/events?recipient=",
  "/events?party=",
  "/events?type=",
  "/events?mode=",
  "/events?context=",
  "/events?publisher=",
  "/events?doc=",
  "/events?from=",
  "/events?to=",
  "/events?q=",
  "/events?_limit=",
  "/events?_next=",
  "/events?_sort=",
  "/events?_facet=",
  "/events.csv?q=",
  "/timeline?interval=",
  "/timeline?actor=",
  "/network?level=",
  "/network?party=",
  "/actors?q=",
  "/actors?_limit=",
  "/actors/",
  "/events/",
  "/documents/",
];
