/**
 * The few DOM shapes the HTML reader uses: the project compiles without the
 * DOM library, and linkedom's own types lean on it.
 */
export interface DomNode {
  nodeType: number;
  localName?: string;
  data?: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode> & Iterable<DomNode>;
  appendChild(node: DomNode): DomNode;
  getAttribute(name: string): string | null;
}

export interface DomDocument extends DomNode {
  head: DomNode | null;
  body: DomNode | null;
  querySelector(selector: string): DomNode | null;
}

const SKIPPED = new Set(["script", "style", "noscript", "template", "head", "svg", "iframe", "object"]);
const BLOCKS = new Set([
  "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt", "fieldset",
  "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
  "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
  "tr", "ul",
]);

const END_BLOCK = Symbol("end of block");

/**
 * The text under `root` as paragraphs separated by blank lines: each block
 * element ends a paragraph, <br> ends a line, and runs of whitespace inside a
 * line become one space (as a browser would render them).
 */
export function paragraphText(root: DomNode): string {
  const paragraphs: string[] = [];
  let lines: string[] = [""];
  const endParagraph = () => {
    const kept = lines.map((line) => line.replace(/\s+/g, " ").trim()).filter((line) => line !== "");
    if (kept.length > 0) paragraphs.push(kept.join("\n"));
    lines = [""];
  };
  // An explicit stack rather than recursion: deeply nested pages must not overflow it.
  const stack: (DomNode | typeof END_BLOCK)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === END_BLOCK) {
      endParagraph();
    } else if (node.nodeType === 3) {
      lines[lines.length - 1] += node.data ?? node.textContent ?? "";
    } else if (node.nodeType === 1 && !SKIPPED.has(node.localName ?? "")) {
      if (node.localName === "br") {
        lines.push("");
        continue;
      }
      const block = BLOCKS.has(node.localName ?? "");
      if (block) {
        endParagraph();
        stack.push(END_BLOCK);
      }
      const children = [...node.childNodes];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  endParagraph();
  return paragraphs.join("\n\n");
}
