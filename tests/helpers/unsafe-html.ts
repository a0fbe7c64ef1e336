import type { Element, Root, RootContent } from "hast";
import { fromHtml } from "hast-util-from-html";

// An independent check of sanitised output: parse it as a browser would and list anything that
// could run script, load a resource or navigate somewhere other than http(s)/mailto. It knows
// nothing of the sanitiser's schema, so a schema mistake shows up here.

/**
 * Elements the HTML standard gives no way to run script, fetch a resource or navigate, by its sections
 * (html.spec.whatwg.org, chapter 4): everything in "embedded content" (4.8), forms (4.10), interactive
 * elements (4.11), scripting (4.12) and document metadata (4.2) is left out; `a` is here because its href
 * is checked below. Wider than the sanitiser's keep-list on purpose: this is the safety property, not
 * the sanitiser's choice of what a card may show.
 */
const inertTags = new Set(
  [
    "article section nav aside h1 h2 h3 h4 h5 h6 hgroup header footer address", // 4.3 sections
    "p hr pre blockquote ol ul menu li dl dt dd figure figcaption main search div", // 4.4 grouping content
    "a em strong small s cite q dfn abbr ruby rt rp data time code var", // 4.5 text-level semantics
    "samp kbd sub sup i b u mark bdi bdo span br wbr", // 4.5, continued
    "ins del", // 4.7 edits
    "table caption colgroup col tbody thead tfoot tr td th", // 4.9 tabular data
  ].flatMap((group) => group.split(" ")),
);
/** What our own trusted steps add: link targets, and Shiki's classes and colour variables on code. */
const allowedClasses = /^(?:shiki|shiki-themes|github-light|github-dark|line|language-[\w-]+)$/;
const shikiStyle = /^(?:--shiki-[\w-]+:[#\w]+;?)+$/;
const safeHref = /^(?:https?:\/\/|mailto:)/;

function problemsOf(element: Element): string[] {
  const problems: string[] = [];
  if (!inertTags.has(element.tagName)) problems.push(`<${element.tagName}>`);
  for (const [name, value] of Object.entries(element.properties)) {
    if (name === "href") {
      if (element.tagName !== "a" || typeof value !== "string" || !safeHref.test(value))
        problems.push(`href=${String(value)}`);
    } else if (name === "className") {
      for (const token of Array.isArray(value) ? value : [value])
        if (!allowedClasses.test(String(token))) problems.push(`class=${String(token)}`);
    } else if (name === "style") {
      if (!shikiStyle.test(String(value))) problems.push(`style=${String(value)}`);
    } else if (name === "target") {
      if (value !== "_blank") problems.push(`target=${String(value)}`);
    } else if (!["rel", "colSpan", "rowSpan", "tabIndex"].includes(name)) {
      problems.push(`${name}=${String(value)}`);
    }
  }
  return problems;
}

/** Every tag, attribute and URL in the HTML that is not on the safe list; empty when safe. */
export function findUnsafe(html: string): string[] {
  const problems: string[] = [];
  const walk = (nodes: RootContent[]) => {
    for (const node of nodes) {
      if (node.type === "comment") problems.push("<!-- comment -->");
      if (node.type !== "element") continue;
      problems.push(...problemsOf(node));
      walk(node.children);
    }
  };
  const tree: Root = fromHtml(html, { fragment: true });
  walk(tree.children);
  return problems;
}
