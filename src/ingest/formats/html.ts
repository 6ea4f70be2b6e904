import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import type { SourceDocument } from "../../doc/source.ts";
import type { InputError } from "../errors.ts";
import { findDateline, isoDate } from "../dateline.ts";
import { knownValue, metaUrl } from "../meta.ts";
import { problems } from "../problems.ts";
import { type DomDocument, type DomNode, paragraphText } from "./html-text.ts";
import { repairMojibake } from "../repair.ts";

/**
 * HTML: the article as Readability finds it (or the whole body when it finds
 * none), as plain paragraphs; metadata from <meta>, <time> and <link>.
 */

const HEAD_TAGS = new Set(["title", "meta", "link", "base", "style"]);
const SHELL = "<!DOCTYPE html><html><head></head><body></body></html>";

/**
 * linkedom builds no implied <html>/<head>/<body> for fragments or bare pages,
 * and Readability needs them: move the parsed nodes into a proper shell.
 */
export function parseDocument(html: string): DomDocument {
  const parsed = parseHTML(html).document as unknown as DomDocument;
  const doc = parseHTML(SHELL).document as unknown as DomDocument;
  const head = doc.head!;
  const body = doc.body!;
  const place = (node: DomNode): void => {
    const tag = node.nodeType === 1 ? (node.localName ?? null) : null;
    if (tag === "html") {
      for (const child of [...node.childNodes]) place(child);
    } else if (tag === "head" || tag === "body") {
      const target = tag === "head" ? head : body;
      for (const child of [...node.childNodes]) target.appendChild(child);
    } else if (tag !== null && HEAD_TAGS.has(tag)) {
      head.appendChild(node);
    } else if (node.nodeType !== 10) {
      body.appendChild(node); // everything else, doctype aside, is content
    }
  };
  for (const node of [...parsed.childNodes]) place(node);
  return doc;
}

const attr = (doc: DomDocument, selector: string, name: string): string | null =>
  knownValue(doc.querySelector(selector)?.getAttribute(name));

function publishedDate(doc: DomDocument): string | null {
  const candidates = [
    attr(doc, 'meta[property="article:published_time"]', "content"),
    attr(doc, 'meta[name="date"]', "content"),
    attr(doc, "time[datetime]", "datetime"),
  ];
  for (const value of candidates) {
    const date = isoDate(value);
    if (date) return date;
  }
  return null;
}

interface Article {
  title: string | null;
  text: string;
}

function readArticle(html: string): Article | null {
  const result = new Readability<DomNode>(parseDocument(html) as never, { serializer: (node) => node as unknown as DomNode }).parse();
  const text = result?.content ? paragraphText(result.content) : "";
  return text === "" ? null : { title: knownValue(result?.title), text };
}

/**
 * Whether a page's text holds at least one sentence: three words and a full stop, question or exclamation mark ("The
 * talks began."). A page with no article (a menu, a frame set) holds only labels ("Home", "Menu"), which would
 * otherwise be stored as a document of a few characters.
 */
function holdsSentence(text: string): boolean {
  return /[.!?]/.test(text) && (text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) >= 3;
}

export function htmlDocument(html: string, id: string, origin: string, defaultDate: string | null): SourceDocument | InputError {
  let doc: DomDocument;
  let article: Article | null;
  let text: string;
  try {
    doc = parseDocument(html);
    // Readability rewrites the tree it is given, so it gets its own copy.
    article = readArticle(html);
    text = repairMojibake(article?.text ?? paragraphText(doc.body!));
  } catch (error) {
    // The parsers are third-party code fed untrusted input: a failure is this input's problem.
    return problems.unparsableHtml(origin, error instanceof Error ? error.message : String(error));
  }
  if (!holdsSentence(text)) return problems.noReadableText(origin);
  const warnings: string[] = [];
  return {
    id,
    text,
    origin,
    meta: {
      source: null,
      publisher: attr(doc, 'meta[property="og:site_name"]', "content"),
      storyDate: publishedDate(doc) ?? defaultDate ?? findDateline(text),
      title: article?.title ?? knownValue(doc.querySelector("title")?.textContent),
      url: metaUrl(attr(doc, 'link[rel="canonical"]', "href") ?? attr(doc, 'meta[property="og:url"]', "content"), origin, warnings),
    },
    ...(warnings.length ? { warnings } : {}),
  };
}
