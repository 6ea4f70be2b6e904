/**
 * Who may reach the server from a browser. A server on 127.0.0.1 is still
 * reachable from every page the user opens: a page can send it requests
 * (and read the answers if CORS allows), or point a name of its own at
 * this machine and become same-origin with it (DNS rebinding). So:
 *
 * - no CORS header unless the operator names the origins (`serve --cors`);
 * - a request must be addressed to a name this server answers for: the
 *   address it is bound to, this machine's loopback names, or a name given
 *   with `serve --host-name` (a page's own name is none of them);
 * - the one route that acts on a body, `POST /-/code`, takes JSON only, which
 *   a page elsewhere cannot send without a CORS preflight.
 */
import { isIP } from "node:net";
import { networkInterfaces } from "node:os";

/** Names every server answers for: this machine's loopback. */
const LOOPBACK = ["localhost", "127.0.0.1", "::1"];

/** A host name as compared: lower case, no IPv6 brackets, no trailing dot. */
export function normalHost(host: string): string {
  return host.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
}

/**
 * The test a request's host name (the Host header without its port) must pass, for a server bound to `bound`. A
 * wildcard address (0.0.0.0, ::) answers for every address of this machine's interfaces; any other name must be
 * one of `names`.
 */
export function hostAllowList(bound: string, names: readonly string[] = []): (host: string) => boolean {
  const allowed = new Set([...LOOPBACK, ...names].map(normalHost));
  const address = normalHost(bound);
  if (address === "0.0.0.0" || address === "::") {
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) allowed.add(normalHost(a.address));
  } else allowed.add(address);
  return (host) => allowed.has(normalHost(host));
}

/** Why `value` is not an origin `--cors` can take ("https://app.example", "http://localhost:5173" or "*"), or null. */
export function originProblem(value: string): string | null {
  if (value === "*") return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `expected an origin such as https://app.example, got "${value}"`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `expected an http or https origin, got "${value}"`;
  if (url.origin !== value.replace(/\/$/, "")) return `expected an origin (scheme, host and port only), got "${value}"; use ${url.origin}`;
  return null;
}

/** Why `value` is not a host name `--host-name` can take ("readout.example.org", "10.0.0.5"), or null. */
export function hostNameProblem(value: string): string | null {
  const host = normalHost(value);
  if (isIP(host)) return null;
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host)) return `expected a host name such as readout.example.org (no scheme, port or path), got "${value}"`;
  return null;
}

/** Whether a Content-Type header declares JSON ("application/json", with or without parameters). */
export function isJsonType(contentType: string | undefined): boolean {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase() === "application/json";
}
