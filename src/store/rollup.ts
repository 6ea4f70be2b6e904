/**
 * Event counts rolled up by what networks and actor profiles ask for, kept
 * beside the events as they are written: per node and per edge, at actor and
 * at country level, by event type, month and publisher. Summing cells answers
 * a network over any types, whole months and publishers without reading the
 * events themselves; the same rule decides edges here and in a network read
 * from the events (`eventEdges`).
 */

export type Level = "actor" | "country";

/** What one event contributes, seen through its participants. */
export interface EventShape {
  type: string;
  date: string | null;
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

/** "" stands for no month (an undated event) and no publisher, so that cells have plain keys. */
export const monthOf = (date: string | null) => (date ? date.slice(0, 7) : "");

/** The cells a set of events adds to (or, removed, takes from), with their counts. */
export function rollupCells(events: readonly EventShape[], publisher: string | null): { nodes: Map<string, [NodeCell, number]>; edges: Map<string, [EdgeCell, number]> } {
  const nodes = new Map<string, [NodeCell, number]>();
  const edges = new Map<string, [EdgeCell, number]>();
  const pub = publisher ?? "";
  for (const ev of events) {
    const month = monthOf(ev.date);
    for (const level of ["actor", "country"] as const) {
      const actors = new Set<string>();
      const recipients = new Set<string>();
      for (const p of ev.participants) {
        const node = level === "actor" ? p.actor : p.code;
        if (node) (p.role === "actor" ? actors : recipients).add(node);
      }
      for (const node of new Set([...actors, ...recipients])) {
        const key = `${level}\u0000${node}\u0000${ev.type}\u0000${month}`;
        const cell = nodes.get(key);
        if (cell) cell[1]++;
        else nodes.set(key, [{ level, node, type: ev.type, month, publisher: pub }, 1]);
      }
      for (const e of eventEdges(actors, recipients)) {
        const key = `${level}\u0000${e.source}\u0000${e.target}\u0000${e.directed}\u0000${ev.type}\u0000${month}`;
        const cell = edges.get(key);
        if (cell) cell[1]++;
        else edges.set(key, [{ level, ...e, type: ev.type, month, publisher: pub }, 1]);
      }
    }
  }
  return { nodes, edges };
}
