/** Response bodies and content negotiation. */
import type { ErrorBody } from "./errors.ts";
import { toCsv, type Row } from "./csv.ts";

export const JSON_TYPE = "application/json; charset=utf-8";
export const CSV_TYPE = "text/csv; charset=utf-8";

export function jsonResponse(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), { status, headers: { "Content-Type": JSON_TYPE, ...headers } });
}

export function errorResponse(body: ErrorBody, headers: Record<string, string> = {}): Response {
  return jsonResponse(body, body.error.status, headers);
}

export function csvResponse(rows: readonly Row[], headers: Record<string, string> = {}): Response {
  return new Response(toCsv(rows), { status: 200, headers: { "Content-Type": CSV_TYPE, ...headers } });
}

/**
 * Whether an Accept header prefers CSV to JSON: `text/csv` (or `text/*`)
 * ranked above JSON and not below a full wildcard. No header, a wildcard
 * alone, or a tie with JSON means JSON.
 */
export function prefersCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  let csv = 0;
  let json = 0;
  let any = 0;
  for (const part of accept.split(",")) {
    const [range = "", ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q)) continue;
    if (range === "text/csv" || range === "text/*") csv = Math.max(csv, q);
    else if (range === "application/json" || range === "application/*") json = Math.max(json, q);
    else if (range === "*/*") any = Math.max(any, q);
  }
  return csv > 0 && csv > json && csv >= any;
}
