import { cardFieldCharsMax } from "@/lib/import/limits";
import { sanitizeCardHtml } from "@/lib/security/sanitize-card-html";

// One Anki field → safe HTML. HTML fields are sanitised; plain fields are escaped (as Anki's
// importer escapes them when `#html:false`) and their line breaks become <br>, so a multi-line
// plain answer still reads as lines. `[sound:…]` references are removed: a text file carries
// no media, and the tag would show as literal text.

const soundTag = /\[sound:[^\]\n]{0,1000}\]/g;
const htmlTag = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/i;

/** Anki's "does this look like HTML" test, per field (metadata.rs `is_html`). */
export function looksLikeHtml(field: string): boolean {
  return htmlTag.test(field);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Raw HTML may shrink a lot when sanitised (style attributes); past this it is refused unread. */
const rawFieldCharsMax = 4 * cardFieldCharsMax;
/** The HTML tree code recurses per level and overflows the stack near 1,500 levels; real cards nest < 20. */
const htmlNestingMax = 100;

// Void elements never nest; these close themselves when a sibling opens, so `<p>a<p>b` is flat.
const nonNesting = new Set([
  "br",
  "hr",
  "img",
  "wbr",
  "input",
  "meta",
  "link",
  "area",
  "base",
  "col",
  "embed",
  "source",
  "track",
  "param",
  "p",
  "li",
  "dt",
  "dd",
  "option",
  "tr",
  "td",
  "th",
  "thead",
  "tbody",
  "tfoot",
  "rb",
  "rt",
  "rp",
]);

/** An upper estimate of how deep the browser's tree of this HTML gets (within a small factor). */
function nestingEstimate(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const tag of html.matchAll(/<(\/?)([a-z][a-z0-9-]*)[^>]{0,1000}>/gi)) {
    if (nonNesting.has(tag[2]!.toLowerCase()) || tag[0].endsWith("/>")) continue;
    depth = tag[1] ? Math.max(0, depth - 1) : depth + 1;
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

/** Why a raw field cannot be read safely, or undefined when it can. */
export function checkAnkiField(field: string, isHtml: boolean, side: string): string | undefined {
  if (field.length > rawFieldCharsMax)
    return `The ${side} is longer than ${cardFieldCharsMax.toLocaleString("en-US")} characters.`;
  if (isHtml && nestingEstimate(field) > htmlNestingMax)
    return `The ${side}'s HTML is nested more than ${htmlNestingMax} levels deep.`;
  return undefined;
}

export function ankiFieldToHtml(field: string, isHtml: boolean): string {
  const withoutSound = field.replace(soundTag, "");
  const html = isHtml ? sanitizeCardHtml(withoutSound) : escapeHtml(withoutSound).replace(/\n/g, "<br>");
  return html.trim();
}

/** True when the HTML shows no text: only tags, whitespace or &nbsp;. */
export function isBlankHtml(html: string): boolean {
  const textOnly = html.replace(/<[^>]*>/g, "").replace(/&nbsp;|&#160;|&#xa0;/gi, " ");
  return textOnly.replace(/[\s\u00a0]+/g, "") === "";
}
