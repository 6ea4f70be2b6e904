/**
 * Event counts rolled up by what networks, timelines, facets and actor
 * profiles ask for, kept beside the events as they are written:
 *
 * - per node and per edge, at actor and at country level, by event type,
 *   month and publisher, and by type of all time (networks, the country
 *   facet, profiles' counterparts);
 * - per day, type, mode and publisher (timelines and facets under those
 *   filters);
 * - per node and role (profiles' role counts, actor search, and the size of a
 *   participant filter's match set);
 * - per value of each other filter (type, mode, publisher, context), the size
 *   of its match set;
 * - per party and per pair of parties (any side), day and type: the
 *   timelines of one country or actor, or of a dyad.
 *
 * Summing cells answers these without reading the events themselves; the
 * same rule decides edges here and in a network read from the events
 * (`eventEdges`).
 */

export type Level = "actor" | "country";

/** What one event contributes, seen through its participants. */
export interface EventShape {
  type: string;
  date: string | null;
  mode: string | null;
  context: readonly string[];
  participants: Array<{ role: "actor" | "recipient"; actor: string; code: string | null }>;
}

export interface EdgeCell {
  level: Level;
  source: string;
  target: string;
  directed: boolean;
  type: string;
  month: string;
  publisher: string;
}

export interface NodeCell {
  level: Level;
  node: string;
  type: string;
  month: string;
  publisher: string;
}

/**
 * The nodes an event touches and its edges: actor → recipient when one side
 * acts on the other; every two actors of a joint event (no recipient),
 * undirected, the smaller id first. A node meets itself on no edge.
 */
export function eventEdges(actors: ReadonlySet<string>, recipients: ReadonlySet<string>): Array<{ source: string; target: string; directed: boolean }> {
  const out: Array<{ source: string; target: string; directed: boolean }> = [];
  if (recipients.size) {
    for (const a of actors) for (const r of recipients) if (a !== r) out.push({ source: a, target: r, directed: true });
  } else {
    const list = [...actors].sort();
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) out.push({ source: list[i]!, target: list[j]!, directed: false });
  }
  return out;
}

export interface DayCell {
  /** YYYY-MM-DD, or "" for undated events. */
  date: string;
  type: string;
  mode: string;
  publisher: string;
}

/** "any" counts an event once whichever side the node is on. */
export type Role = "actor" | "recipient" | "any";

export interface RoleCell {
  level: Level;
  node: string;
  role: Role;
}

/** The filters besides participants whose match sets are counted. */
export type ValueKind = "type" | "mode" | "publisher" | "context";

export interface ValueCell {
  kind: ValueKind;
  value: string;
}

/** Events a node (`b` "") or a pair of nodes (`a` < `b`) takes part in, on either side, by day and type. */
export interface PartyCell {
  level: Level;
  a: string;
  b: string;
  date: string;
  type: string;
}

/** A node cell of all months and publishers. */
export type NodeTotal = Pick<NodeCell, "level" | "node" | "type">;

/** An edge cell of all months and publishers. */
export type EdgeTotal = Omit<EdgeCell, "month" | "publisher">;

export interface RollupCells {
  parties: Map<string, [PartyCell, number]>;
  nodes: Map<string, [NodeCell, number]>;
  edges: Map<string, [EdgeCell, number]>;
  nodeTotals: Map<string, [NodeTotal, number]>;
  edgeTotals: Map<string, [EdgeTotal, number]>;
  days: Map<string, [DayCell, number]>;
  roles: Map<string, [RoleCell, number]>;
  values: Map<string, [ValueCell, number]>;
}

/** Adds one to the cell under `key`, making it from `cell` the first time. */
function bump<C>(map: Map<string, [C, number]>, key: string, cell: () => C): void {
  const found = map.get(key);
  if (found) found[1]++;
  else map.set(key, [cell(), 1]);
}

/** "" stands for no month (an undated event) and no publisher, so that cells have plain keys. */
export const monthOf = (date: string | null) => (date ? date.slice(0, 7) : "");

export const emptyCells = (): RollupCells => ({ parties: new Map(), nodes: new Map(), edges: new Map(), nodeTotals: new Map(), edgeTotals: new Map(), days: new Map(), roles: new Map(), values: new Map() });

/** Adds `from`'s counts to `into`, times `sign`: a batch's net change, one cell per key however many documents touch it. */
export function addCells(into: RollupCells, from: RollupCells, sign: 1 | -1): void {
  for (const name of Object.keys(into) as Array<keyof RollupCells>) {
    const target = into[name] as Map<string, [unknown, number]>;
    for (const [key, [cell, n]] of from[name] as Map<string, [unknown, number]>) {
      const found = target.get(key);
      if (found) found[1] += sign * n;
      else target.set(key, [cell, sign * n]);
    }
  }
}

/** The cells a set of events adds to (or, removed, takes from), with their counts. */
export function rollupCells(events: readonly EventShape[], publisher: string | null): RollupCells {
  const cells = emptyCells();
  const pub = publisher ?? "";
  for (const ev of events) {
    const month = monthOf(ev.date);
    const date = ev.date ?? "";
    const mode = ev.mode ?? "";
    bump(cells.days, `${date}\u0000${ev.type}\u0000${mode}\u0000${pub}`, () => ({ date, type: ev.type, mode, publisher: pub }));
    const values: Array<[ValueKind, string]> = [["type", ev.type], ["mode", mode], ["publisher", pub], ...[...new Set(ev.context)].map((c): [ValueKind, string] => ["context", c])];
    for (const [kind, value] of values) if (value) bump(cells.values, `${kind}\u0000${value}`, () => ({ kind, value }));
    for (const level of ["actor", "country"] as const) {
      const actors = new Set<string>();
      const recipients = new Set<string>();
      for (const p of ev.participants) {
        const node = level === "actor" ? p.actor : p.code;
        if (node) (p.role === "actor" ? actors : recipients).add(node);
      }
      const roles: Array<[Role, Set<string>]> = [["actor", actors], ["recipient", recipients], ["any", new Set([...actors, ...recipients])]];
      for (const [role, nodes] of roles) for (const node of nodes) bump(cells.roles, `${level}\u0000${node}\u0000${role}`, () => ({ level, node, role }));
      for (const node of roles[2]![1]) {
        bump(cells.nodes, `${level}\u0000${node}\u0000${ev.type}\u0000${month}\u0000${pub}`, () => ({ level, node, type: ev.type, month, publisher: pub }));
        bump(cells.nodeTotals, `${level}\u0000${node}\u0000${ev.type}`, () => ({ level, node, type: ev.type }));
      }
      const parties = [...roles[2]![1]].sort();
      for (const [i, a] of parties.entries()) {
        for (const b of ["", ...parties.slice(i + 1)]) bump(cells.parties, `${level}\u0000${a}\u0000${b}\u0000${date}\u0000${ev.type}`, () => ({ level, a, b, date, type: ev.type }));
      }
      for (const e of eventEdges(actors, recipients)) {
        bump(cells.edges, `${level}\u0000${e.source}\u0000${e.target}\u0000${e.directed}\u0000${ev.type}\u0000${month}\u0000${pub}`, () => ({ level, ...e, type: ev.type, month, publisher: pub }));
        bump(cells.edgeTotals, `${level}\u0000${e.source}\u0000${e.target}\u0000${e.directed}\u0000${ev.type}`, () => ({ level, ...e, type: ev.type }));
      }
    }
  }
  return cells;
}
