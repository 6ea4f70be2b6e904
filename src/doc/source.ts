/**
 * A document as read from an input, before any annotation: the body text
 * (every offset in readout points into it) and what the source says about it.
 */
export interface DocMeta {
  /** Where the text came from, as its publisher or corpus names it. */
  source: string | null;
  publisher: string | null;
  /** The story (publication) date, YYYY-MM-DD, or null when unknown. */
  storyDate: string | null;
  title: string | null;
  url: string | null;
}

export interface SourceDocument {
  /** File name without extension, or the JSONL `id`. */
  id: string;
  /** The body exactly as coded; all character offsets index into it. */
  text: string;
  meta: DocMeta;
  /** Human-readable origin for messages: a path, `path:line`, or `stdin`. */
  origin: string;
  /** What reading it left out, one line each, naming the input ("…: date \"2024-02-30\" is not a real date …"). */
  warnings?: string[];
}

export function emptyMeta(): DocMeta {
  return { source: null, publisher: null, storyDate: null, title: null, url: null };
}
