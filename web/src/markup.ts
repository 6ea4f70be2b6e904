/**
 * Source markup in a stored document text, found without rewriting the text.
 *
 * Documents keep their original characters (press releases converted to Markdown by pandoc: `**bold**`, `*italic*`,
 * `\###` end marks, `<!-- -->` list separators, `-   ` bullets, `\[` escapes, `[text](url)` links, stray HTML tags),
 * and events point into them by character offset. So nothing here edits the text: `scanMarkup` says which
 * characters are markup (to hide) and which ranges a style covers (bold, a heading line…), and `layoutSentence`
 * turns one sentence with its highlights and that markup into a tree of plain nodes in which every character of the
 * text appears exactly once, in order: hidden ones inside a `md-hide` span. The offsets of every highlight therefore
 * stay right, and the DOM is built from the tree by highlight.ts. Pure code (no DOM), so it is unit-tested in node.
 */

/** A run of characters drawn in a style; `tag` is the element it becomes. */
export interface Style {
  start: number;
  end: number;
  tag: "strong" | "em" | "u" | "s" | "sup" | "sub" | "span";
  className: string;
  title?: string;
}

export interface Markup {
  /** Runs of markup characters, never shown (sorted, not overlapping). */
  hidden: Array<[number, number]>;
  /** Styled runs: inline ones (bold, italic, links) and line ones (headings, end marks, rules, bullets). */
  styles: Style[];
  /** Whether the text is wrapped at a fixed width (pandoc's Markdown): a single line break is then no paragraph. */
  wrapped: boolean;
}

/** A highlight over the text (a trigger, a mention), as highlight.ts's callers give it. */
export interface Mark {
  start: number;
  end: number;
  className: string;
  title?: string;
  /** Set as data-event on the piece (to find a trigger). */
  event?: string;
}

/** A node of the laid-out text: a text or an element with its attributes and children. */
export type Node = string | Element;
export interface Element {
  tag: "mark" | Style["tag"];
  attrs: Record<string, string>;
  children: Node[];
}

const NO_MARKUP: Markup = { hidden: [], styles: [], wrapped: false };
export const noMarkup = (): Markup => NO_MARKUP;

// ---- scanning

/** The inline HTML elements whose look is kept; every other tag (td, span, div, a, img…) is only hidden. */
const HTML_STYLES: Record<string, Pick<Style, "tag" | "className">> = {
  b: { tag: "strong", className: "md-strong" },
  strong: { tag: "strong", className: "md-strong" },
  i: { tag: "em", className: "md-em" },
  em: { tag: "em", className: "md-em" },
  u: { tag: "u", className: "md-u" },
  s: { tag: "s", className: "md-s" },
  del: { tag: "s", className: "md-s" },
  strike: { tag: "s", className: "md-s" },
  sup: { tag: "sup", className: "md-sup" },
  sub: { tag: "sub", className: "md-sub" },
};

export function scanMarkup(text: string): Markup {
  const n = text.length;
  // claimed[i]: character i is already markup (or an escaped literal, or part of a URL) and no later rule reads it
  const claimed = new Uint8Array(n + 1);
  const hidden: Array<[number, number]> = [];
  const styles: Style[] = [];
  const free = (a: number, b: number) => {
    for (let i = a; i < b; i++) if (claimed[i]) return false;
    return true;
  };
  const hide = (a: number, b: number) => {
    if (b <= a) return;
    hidden.push([a, b]);
    claimed.fill(1, a, b);
  };
  const style = (start: number, end: number, s: Omit<Style, "start" | "end">) => void (end > start && styles.push({ start, end, ...s }));

  // HTML comments first: nothing inside one is text (pandoc writes `<!-- -->` between lists)
  for (const m of text.matchAll(/<!--[\s\S]*?-->/g)) hide(m.index, m.index + m[0].length);

  // backslash escapes of ASCII punctuation (`\###`, `\[`, `\*`): the backslash goes, the next character is literal
  for (const m of text.matchAll(/\\[!-/:-@[-`{-~]/g)) {
    if (!free(m.index, m.index + 2)) continue;
    hide(m.index, m.index + 1);
    claimed[m.index + 1] = 1;
  }

  // line-level markup: end marks, rules, headings, bullets
  for (const m of text.matchAll(/^[^\n]*$/gm)) {
    const line = m[0];
    const at = m.index;
    const lead = line.length - line.trimStart().length;
    const body = line.trim();
    if (!body) continue;
    const from = at + lead;
    const to = from + body.length;
    // a press release's closing `###` (written `\###`, `\# \# \#`, `# # #`, maybe inside `**…**`): drawn as a short
    // rule, since it is no heading and its characters mean nothing to a reader
    if (/^(\*{0,3})(?:\\?#[ \t]*){3}\1$/.test(body) || /^(?:[-*_][ \t]*){3,}$/.test(body)) {
      // (an escaped `#` was claimed as a literal above: here it is markup after all)
      for (let i = from; i < to; i++) if (!/\s/.test(text[i]!)) hide(i, i + 1);
      style(from, to, { tag: "span", className: /#/.test(body) ? "md-end" : "md-rule" });
      continue;
    }
    // an ATX heading, `### Title` (an optional closing run of `#` too)
    const heading = /^(#{1,6})([ \t]+)(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(body);
    if (heading && free(from, from + heading[1]!.length)) {
      const open = heading[1]!.length + heading[2]!.length;
      const content = heading[3]!;
      hide(from, from + open);
      hide(from + open + content.length, to);
      style(from + open, from + open + content.length, { tag: "span", className: `md-h md-h${heading[1]!.length}` });
      continue;
    }
    // a bullet: `-`, `*` or `+` and a space; the marker becomes a bullet (numbers of a numbered list are text)
    const bullet = /^[-*+](?=[ \t])/.exec(body);
    if (bullet && free(from, from + 1)) {
      hide(from, from + 1);
      style(from, from + 1, { tag: "span", className: "md-bullet" });
    }
  }

  // autolinks `<https://…>`: the angle brackets go, the address stays (and is no emphasis)
  for (const m of text.matchAll(/<((?:https?|mailto|ftp):[^\s<>]*)>/gi)) {
    if (!free(m.index, m.index + 1)) continue;
    hide(m.index, m.index + 1);
    claimed.fill(1, m.index + 1, m.index + m[0].length - 1);
    hide(m.index + m[0].length - 1, m.index + m[0].length);
  }

  // HTML tags: hidden; pairs of the inline ones in `HTML_STYLES` (and pandoc's underlining spans) style their content
  const open = new Map<string, Array<{ start: number; kind: Pick<Style, "tag" | "className"> | undefined }>>();
  for (const m of text.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*?(\/?)>/g)) {
    if (!free(m.index, m.index + m[0].length)) continue;
    hide(m.index, m.index + m[0].length);
    const name = m[2]!.toLowerCase();
    if (m[3]) continue; // `<br/>`
    if (!m[1]) {
      // every opening tag is stacked by name, so that a plain span's end tag does not close an underlining one
      const kind = HTML_STYLES[name] ?? (name === "span" && /underline/i.test(m[0]) ? HTML_STYLES.u : undefined);
      open.set(name, [...(open.get(name) ?? []), { start: m.index + m[0].length, kind }]);
      continue;
    }
    const opened = open.get(name)?.pop();
    if (opened?.kind) style(opened.start, m.index, { ...opened.kind });
  }

  // links and images `[text](url "title")`: the brackets and the address go, the text stays, underlined
  for (const m of text.matchAll(/(!?)\[([^\[\]]*)\]\(([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:[ \t]+"[^"\n]*")?\)/g)) {
    const textStart = m.index + m[1]!.length + 1;
    if (!free(m.index, textStart)) continue;
    const textEnd = textStart + m[2]!.length;
    const end = m.index + m[0].length;
    if (!free(textEnd, end)) continue;
    hide(m.index, textStart);
    hide(textEnd, end);
    style(textStart, textEnd, { tag: "span", className: "md-link", title: m[3]! });
  }

  emphasis(text, claimed, hide, style);

  hidden.sort((a, b) => a[0] - b[0]);
  return { hidden: merge(hidden), styles, wrapped: isWrapped(text) };
}

/** A run of `*` or `_` that may open or close emphasis. */
interface Run {
  char: string;
  start: number;
  length: number;
  canOpen: boolean;
  canClose: boolean;
}

/**
 * `**strong**`, `*em*`, `***both***` and the `_` forms, by CommonMark's delimiter runs, one paragraph at a time;
 * a run that finds no partner stays text. One leniency: pandoc writes a bold phrase ending in a space as
 * `**Report on the impact: **HHS…`, so a run after a space closes an open run of its kind (CommonMark would not).
 */
function emphasis(text: string, claimed: Uint8Array, hide: (a: number, b: number) => void, style: (a: number, b: number, s: Omit<Style, "start" | "end">) => void): void {
  const space = (c: string | undefined) => c === undefined || /\s/.test(c);
  const punct = (c: string | undefined) => c !== undefined && /[\p{P}\p{S}]/u.test(c);
  for (const para of text.matchAll(/(?:[^\n]|\n(?![ \t]*\n))+/g)) {
    const runs: Run[] = [];
    const end = para.index + para[0].length;
    for (let i = para.index; i < end; i++) {
      const c = text[i]!;
      if ((c !== "*" && c !== "_") || claimed[i]) continue;
      let j = i;
      while (j < end && text[j] === c && !claimed[j]) j++;
      const before = text[i - 1];
      const after = text[j];
      const left = !space(after) && (!punct(after) || space(before) || punct(before));
      const right = !space(before) && (!punct(before) || space(after) || punct(after));
      // `_` inside a word (snake_case, URLs) is no emphasis
      const alnum = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
      const canOpen = c === "_" ? left && !alnum(before) : left;
      const canClose = c === "_" ? right && !alnum(after) : right;
      runs.push({ char: c, start: i, length: j - i, canOpen, canClose });
      i = j - 1;
    }
    const stack: Run[] = [];
    for (const run of runs) {
      let closer = { ...run };
      const lenient = closer.char === "*" && !closer.canClose && closer.canOpen && space(text[closer.start - 1]);
      while (closer.length > 0 && (closer.canClose || lenient)) {
        const k = stack.findLastIndex((o) => o.char === closer.char && (!lenient || o.length >= closer.length));
        if (k < 0) break;
        const opener = stack[k]!;
        const use = opener.length >= 2 && closer.length >= 2 ? 2 : 1;
        const openEnd = opener.start + opener.length;
        hide(openEnd - use, openEnd);
        hide(closer.start, closer.start + use);
        style(openEnd, closer.start, use === 2 ? { tag: "strong", className: "md-strong" } : { tag: "em", className: "md-em" });
        opener.length -= use;
        closer = { ...closer, start: closer.start + use, length: closer.length - use };
        // openers between the pair can no longer close anything (CommonMark's rule)
        stack.length = opener.length > 0 ? k + 1 : k;
      }
      if (closer.length > 0 && closer.canOpen) stack.push(closer);
    }
  }
}

/** Sorted runs, touching or overlapping ones joined. */
function merge(runs: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [a, b] of runs) {
    const last = out.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * Whether the text is hard-wrapped (pandoc wraps at 72 columns): blank lines between paragraphs and nearly all lines
 * short. Texts with one paragraph a line (the Singapore MFA's, the China MFA's) are not.
 */
export function isWrapped(text: string): boolean {
  if (!/\n[ \t]*\n/.test(text)) return false;
  const lines = text.split("\n").filter((l) => l.trim());
  if (lines.length < 4) return false;
  return lines.filter((l) => l.length <= 80).length >= lines.length * 0.9;
}

// ---- laying out

/** How two neighbouring sentences are set apart, from the text between them. */
export function separation(text: string, from: number, to: number, wrapped: boolean): "none" | "space" | "paragraph" | "item" {
  const gap = text.slice(from, to);
  if (!gap.includes("\n")) return from < to ? "space" : "none";
  // the next sentence follows a bullet at the start of its line
  if (/\n[ \t]*[-*+][ \t]+\S*$/.test(gap)) return "item";
  if (!wrapped) return "paragraph";
  // in wrapped text a paragraph ends at a blank line or before a line of its own (a heading, an end mark)
  const line = text.slice(text.lastIndexOf("\n", to - 1) + 1, to);
  return /\n[ \t]*\n/.test(gap) || /^[ \t]*\\?#/.test(line) ? "paragraph" : "space";
}

/** Whether any character of [start, end) is shown (not hidden markup, not white space). */
export function visible(text: string, start: number, end: number, markup: Markup): boolean {
  for (let i = start; i < end; i++) if (!/\s/.test(text[i]!) && !isHidden(markup.hidden, i)) return true;
  return false;
}

function isHidden(hidden: Array<[number, number]>, i: number): boolean {
  // binary search over the sorted runs
  let lo = 0;
  let hi = hidden.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = hidden[mid]!;
    if (i < a) hi = mid - 1;
    else if (i >= b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The characters of [start, end) that are shown: the text less its hidden markup. */
export function shownText(text: string, start: number, end: number, markup: Markup): string {
  let out = "";
  for (let i = start; i < end; i++) if (!isHidden(markup.hidden, i)) out += text[i];
  return out;
}

/** What wraps a piece of text: a highlight (all the marks over it at once), a style, or the hiding of markup. */
type Wrapper = { key: string; element: () => Element };

const HIDE: Wrapper = { key: "hide", element: () => ({ tag: "span", attrs: { class: "md-hide", "aria-hidden": "true" }, children: [] }) };

/**
 * The text of [start, end) with its marks and markup, as nodes. The text is cut at every boundary of a mark, a style
 * or hidden markup; each piece is wrapped, outermost first, in the marks over it, then the styles over it, then the
 * hiding; neighbouring pieces sharing a wrapper share one element. So a trigger in `**…**` is a `<mark>` around a
 * `<strong>` around the words, and a trigger across a `**` is one `<mark>` with the hidden `**` inside it.
 */
export function layoutSentence(text: string, start: number, end: number, marks: Mark[], markup: Markup): Node[] {
  const inMarks = marks.filter((m) => m.end > start && m.start < end && m.end > m.start);
  const inStyles = markup.styles
    .filter((s) => s.end > start && s.start < end)
    // a consistent order (longer first) so the same styles always nest the same way
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const inHidden = markup.hidden.filter(([a, b]) => b > start && a < end);
  const cuts = new Set([start, end]);
  const cut = (i: number) => void (i > start && i < end && cuts.add(i));
  for (const m of inMarks) (cut(m.start), cut(m.end));
  for (const s of inStyles) (cut(s.start), cut(s.end));
  for (const [a, b] of inHidden) (cut(a), cut(b));
  const sorted = [...cuts].sort((a, b) => a - b);

  const styleWrappers = new Map(inStyles.map((s, i) => [s, { key: `s${i}`, element: (): Element => ({ tag: s.tag, attrs: { class: s.className, ...(s.title ? { title: s.title } : {}) }, children: [] }) }]));
  const pieces: Array<{ text: string; wrappers: Wrapper[] }> = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i]!;
    const b = sorted[i + 1]!;
    const wrappers: Wrapper[] = [];
    const covering = inMarks.filter((m) => m.start <= a && m.end >= b);
    if (covering.length) {
      const ev = covering.find((m) => m.event)?.event;
      const title = covering.map((m) => m.title).filter(Boolean).join("; ");
      const className = covering.map((m) => m.className).join(" ");
      const attrs: Record<string, string> = { class: className };
      if (title) attrs.title = title;
      if (ev) attrs["data-event"] = ev;
      wrappers.push({ key: `m${covering.map((m) => inMarks.indexOf(m)).join(",")}`, element: () => ({ tag: "mark", attrs: { ...attrs }, children: [] }) });
    }
    for (const s of inStyles) if (s.start <= a && s.end >= b) wrappers.push(styleWrappers.get(s)!);
    if (inHidden.some(([x, y]) => x <= a && y >= b)) wrappers.push(HIDE);
    pieces.push({ text: text.slice(a, b), wrappers });
  }
  return nest(pieces, 0);
}

/** Groups neighbouring pieces by their wrapper at `depth` into one element each, recursively. */
function nest(pieces: Array<{ text: string; wrappers: Wrapper[] }>, depth: number): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < pieces.length; ) {
    const w = pieces[i]!.wrappers[depth];
    if (!w) {
      out.push(pieces[i]!.text);
      i++;
      continue;
    }
    let j = i + 1;
    while (j < pieces.length && pieces[j]!.wrappers[depth]?.key === w.key) j++;
    const el = w.element();
    el.children = nest(pieces.slice(i, j), depth + 1);
    out.push(el);
    i = j;
  }
  return out;
}

/** The characters of a laid-out tree, hidden ones left out unless asked for. */
export function textOf(nodes: Node[], withHidden = false): string {
  return nodes.map((n) => (typeof n === "string" ? n : !withHidden && n.attrs.class === "md-hide" ? "" : textOf(n.children, withHidden))).join("");
}
