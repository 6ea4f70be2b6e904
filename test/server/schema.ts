/** Validating responses against the OpenAPI document's schemas, with every object closed. */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { openApiDocument } from "../../src/server/openapi.ts";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Operation {
  parameters: Array<{ name: string; in: string }>;
  responses: Record<string, { content: Record<string, { schema: Json }> }>;
}

export interface ApiDocument {
  openapi: string;
  /** Every path has one operation: GET, or POST for `/-/code`. */
  paths: Record<string, { get?: Operation; post?: Operation }>;
  components: { schemas: Record<string, Json> };
}

export const doc = JSON.parse(JSON.stringify(openApiDocument)) as ApiDocument;

/** The schemas with every object closed, so that an undocumented field fails validation. */
function closed(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(closed);
  if (schema === null || typeof schema !== "object") return schema;
  const out: { [key: string]: Json } = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, closed(v)]));
  if (out.type === "object" && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

export const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat("date", /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
ajv.addSchema({ $id: "api", components: closed(doc.components as unknown as Json) } as object);

let compiled = 0;

/** A validator for a schema of the document (its `#/components/…` refs resolve in it). */
export function validator(schema: Json): ValidateFunction {
  const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"api#/components/')) as Json;
  return ajv.compile({ $id: `inline-${++compiled}`, ...(closed(rebased) as object) });
}

/** A path's one operation, with its method. */
export function operationOf(path: string): { method: "get" | "post"; op: Operation } {
  const item = doc.paths[path];
  if (item?.get) return { method: "get", op: item.get };
  if (item?.post) return { method: "post", op: item.post };
  throw new Error(`${path} is not in the OpenAPI document`);
}

/** A validator for the JSON 200 response of a documented path. */
export function responseValidator(path: string): ValidateFunction {
  return validator(operationOf(path).op.responses["200"]!.content["application/json"]!.schema);
}
