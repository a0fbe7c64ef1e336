import type { Element, ElementContent, Root, RootContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import { sanitize, type Schema } from "hast-util-sanitize";
import { toHtml } from "hast-util-to-html";

// The one gate for HTML that a user supplied: Anki fields (sanitizeCardHtml) and every Markdown
// render (lib/content/markdown.ts runs sanitizeCardTree on its tree), so whatever reaches a
// `dangerouslySetInnerHTML` has passed it. HTML is parsed the way a browser parses it (parse5,
// through hast-util-from-html), so entities are decoded before any check, rewritten, then
// filtered by an allow-list (hast-util-sanitize) and serialised from the tree, so nothing the
// parser did not understand reaches the output. Decisions:
// - Kept: p div span br hr, b strong i em u s del sub sup, code pre kbd blockquote, ul ol li,
//   h1–h6, a (http, https or mailto href only: an allow-list of schemes, so javascript:, data:,
//   vbscript:, file: and any obfuscation of them — entities, case, tabs or control characters
//   inside or before the scheme — are dropped), table thead tbody tfoot tr th td (colspan, rowspan),
//   code's `language-*` class. Every other attribute (style, on*, id, class) is dropped.
// - Removed with their content: script, style, and embedded or interactive things (iframe,
//   object, embed, svg, math, audio, video, form controls, template, noscript).
// - Images are never loaded from an imported card (no tracking pixels, no hot-linking, no
//   data: blobs in the database): an http(s) image becomes a link "image: <alt>" to it; a data:
//   image or an Anki media file name (whose bytes a text file does not carry) becomes the text
//   "[image: <alt or file name>]".
//   The README's import section states this rule: imported cards never load images.
// - A link whose href is not http(s) or mailto (javascript:, data:, relative) keeps its text, not the link.

const keptTags = [
  "p",
  "div",
  "span",
  "br",
  "hr",
  "b",
  "strong",
  "i",
  "em",
  "u",
  "s",
  "del",
  "sub",
  "sup",
  "code",
  "pre",
  "kbd",
  "blockquote",
  "ul",
  "ol",
  "li",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "a",
  "table",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "th",
  "td",
];

const strippedTags = [
  "script",
  "style",
  "template",
  "noscript",
  "iframe",
  "object",
  "embed",
  "svg",
  "math",
  "audio",
  "video",
  "canvas",
  "form",
  "input",
  "button",
  "select",
  "textarea",
  "title",
  "head",
  "link",
  "meta",
];

const schema: Schema = {
  tagNames: keptTags,
  strip: strippedTags,
  attributes: {
    a: ["href"],
    code: [["className", /^language-[\w-]+$/]],
    td: ["colSpan", "rowSpan"],
    th: ["colSpan", "rowSpan"],
  },
  protocols: { href: ["http", "https", "mailto"] },
  ancestors: {
    li: ["ul", "ol"],
    tbody: ["table"],
    thead: ["table"],
    tfoot: ["table"],
    tr: ["table"],
    td: ["table"],
    th: ["table"],
  },
  allowComments: false,
  allowDoctypes: false,
  clobber: [],
  required: {},
};

const safeUrl = /^(?:https?:\/\/|mailto:)\S+$/i;

function text(value: string): ElementContent {
  return { type: "text", value };
}

/** The href if it is an http(s) or mailto URL, with its scheme lower-cased; otherwise undefined. */
function safeHref(value: unknown): string | undefined {
  if (typeof value !== "string" || !safeUrl.test(value.trim())) return undefined;
  // hast-util-sanitize compares protocols case-sensitively; browsers do not.
  return value.trim().replace(/^(?:https?|mailto):/i, (scheme) => scheme.toLowerCase());
}

/** An image's src if it is a remote http(s) URL (a mailto: image is no image). */
function remoteImageHref(value: unknown): string | undefined {
  const href = safeHref(value);
  return href?.startsWith("http") ? href : undefined;
}

function imageReplacement(image: Element, isInsideLink: boolean): ElementContent {
  const src = typeof image.properties.src === "string" ? image.properties.src.trim() : "";
  const alt = typeof image.properties.alt === "string" ? image.properties.alt.trim() : "";
  const href = remoteImageHref(src);
  // A link inside a link is invalid HTML that the next parse would split apart.
  if (href && !isInsideLink)
    return { type: "element", tagName: "a", properties: { href }, children: [text(`image: ${alt || href}`)] };
  const fileName = src.startsWith("data:") ? "" : src;
  const label = alt || fileName;
  return text(label ? `[image: ${label}]` : "[image]");
}

/**
 * parse5 drops the newline right after `<pre>`; a second one keeps a leading blank line through a
 * re-parse. Run on the allow-listed tree, since removing a pre's first child (a `<form>`, say) can
 * leave a newline first.
 */
function keepPreLeadingNewlines<T extends Root | Element>(node: T): T {
  const children = node.children.map((child) => (child.type === "element" ? keepPreLeadingNewlines(child) : child));
  const first = children[0];
  if (node.type === "element" && node.tagName === "pre" && first?.type === "text" && first.value.startsWith("\n"))
    children[0] = { ...first, value: `\n${first.value}` };
  return { ...node, children } as T;
}

/** Replaces images and non-http(s)/mailto links before the allow-list runs (which would just drop them). */
function rewrite(children: Array<RootContent | ElementContent>, isInsideLink = false): ElementContent[] {
  const out: ElementContent[] = [];
  for (const child of children) {
    if (child.type !== "element") {
      if (child.type !== "doctype") out.push(child);
      continue;
    }
    if (child.tagName === "img") {
      out.push(imageReplacement(child, isInsideLink));
      continue;
    }
    if (child.tagName === "a") {
      const href = safeHref(child.properties.href);
      if (href && !isInsideLink) out.push({ ...child, properties: { href }, children: rewrite(child.children, true) });
      else for (const grandchild of rewrite(child.children, isInsideLink)) out.push(grandchild);
      continue;
    }
    const rewritten = rewrite(child.children, isInsideLink);
    out.push({ ...child, children: rewritten });
  }
  return out;
}

/** Returns a tree that keeps only the safe subset above. Pure. */
export function sanitizeCardTree(tree: Root): Root {
  const rewritten: Root = { type: "root", children: rewrite(tree.children) };
  const clean = sanitize(rewritten, schema);
  return keepPreLeadingNewlines(clean.type === "root" ? clean : { type: "root", children: [clean] });
}

/** Returns HTML that keeps only the safe subset above. Pure; idempotent on its own output. */
export function sanitizeCardHtml(html: string): string {
  return toHtml(sanitizeCardTree(fromHtml(html, { fragment: true })), {
    characterReferences: { useNamedReferences: true },
  });
}
