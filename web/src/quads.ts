/** PLOVER's four quads, and the colour of each event type's badge. */
export type Quad = "verbal-coop" | "material-coop" | "verbal-conflict" | "material-conflict";

export const QUADS: Record<Quad, { label: string; types: readonly string[]; colour: string }> = {
  "verbal-coop": { label: "Verbal cooperation", types: ["AGREE", "CONSULT", "SUPPORT", "CONCEDE"], colour: "#2f7ed8" },
  "material-coop": { label: "Material cooperation", types: ["COOPERATE", "AID", "RETREAT"], colour: "#1a9850" },
  "verbal-conflict": { label: "Verbal conflict", types: ["REQUEST", "ACCUSE", "REJECT", "THREATEN"], colour: "#e08214" },
  "material-conflict": { label: "Material conflict", types: ["PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"], colour: "#c51b2a" },
};

export const EVENT_TYPES: readonly string[] = Object.values(QUADS).flatMap((q) => q.types);

export function quadOf(type: string): Quad | null {
  for (const [quad, q] of Object.entries(QUADS) as Array<[Quad, (typeof QUADS)[Quad]]>) if (q.types.includes(type)) return quad;
  return null;
}

export const isCooperative = (type: string): boolean => quadOf(type)?.endsWith("coop") ?? false;

/** A shade per type within its quad's hue, for stacked charts. */
export function typeColour(type: string): string {
  const quad = quadOf(type);
  if (!quad) return "#888";
  const { types, colour } = QUADS[quad];
  const i = types.indexOf(type);
  const mix = 1 - i * (0.45 / Math.max(1, types.length - 1));
  return shade(colour, mix);
}

function shade(hex: string, factor: number): string {
  const n = parseInt(hex.slice(1), 16);
  const ch = (v: number) => Math.round(255 - (255 - v) * factor).toString(16).padStart(2, "0");
  return `#${ch((n >> 16) & 255)}${ch((n >> 8) & 255)}${ch(n & 255)}`;
}
