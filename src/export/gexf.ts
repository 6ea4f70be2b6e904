import type { Network } from "../store/model.ts";

const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!)
    // characters XML 1.0 cannot carry at all
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");

/**
 * The actor network as GEXF 1.3 for Gephi: nodes with kind, code and event
 * count; an edge per pair with its total weight and one weight attribute per
 * PLOVER type. Acts of one side on another are directed edges; meetings of
 * equals are undirected.
 */
export function toGexf(net: Network, description: string, date = new Date().toISOString().slice(0, 10)): string {
  const types = [...new Set(net.edges.flatMap((e) => Object.keys(e.types)))].sort();
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
    `  <meta lastmodifieddate="${date}">`,
    "    <creator>readout</creator>",
    `    <description>${escapeXml(description)}</description>`,
    "  </meta>",
    '  <graph mode="static" defaultedgetype="directed">',
    '    <attributes class="node">',
    '      <attribute id="kind" title="kind" type="string"/>',
    '      <attribute id="code" title="code" type="string"/>',
    '      <attribute id="events" title="events" type="integer"/>',
    "    </attributes>",
    '    <attributes class="edge">',
    ...types.map((t) => `      <attribute id="${escapeXml(t)}" title="${escapeXml(t)}" type="integer"><default>0</default></attribute>`),
    "    </attributes>",
    "    <nodes>",
  ];
  for (const n of net.nodes) {
    out.push(
      `      <node id="${escapeXml(n.id)}" label="${escapeXml(n.name)}">`,
      "        <attvalues>",
      `          <attvalue for="kind" value="${escapeXml(n.kind)}"/>`,
      `          <attvalue for="code" value="${escapeXml(n.code ?? "")}"/>`,
      `          <attvalue for="events" value="${n.events}"/>`,
      "        </attvalues>",
      "      </node>",
    );
  }
  out.push("    </nodes>", "    <edges>");
  net.edges.forEach((e, i) => {
    const kind = e.directed ? "directed" : "undirected";
    const label = Object.entries(e.types)
      .sort((a, b) => b[1] - a[1])
      .map(([t, n]) => `${t} ${n}`)
      .join(", ");
    out.push(`      <edge id="${i}" source="${escapeXml(e.source)}" target="${escapeXml(e.target)}" type="${kind}" weight="${e.weight}" label="${escapeXml(label)}">`, "        <attvalues>");
    for (const [t, n] of Object.entries(e.types)) out.push(`          <attvalue for="${escapeXml(t)}" value="${n}"/>`);
    out.push("        </attvalues>", "      </edge>");
  });
  out.push("    </edges>", "  </graph>", "</gexf>", "");
  return out.join("\n");
}
