import { sanitizeCardHtml } from "@/lib/import/sanitize-card-html";

// One Anki field → safe HTML. HTML fields are sanitised; plain fields are escaped (as Anki's
// importer escapes them when `#html:false`) and their line breaks become <br>, so a multi-line
// plain answer still reads as lines. `[sound:…]` references are removed: a text file carries
// no media, and the tag would show as literal text.

const soundTag = /\[sound:[^\]]*\]/g;
const htmlTag = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/i;

/** Anki's "does this look like HTML" test, per field (metadata.rs `is_html`). */
export function looksLikeHtml(field: string): boolean {
  return htmlTag.test(field);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
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
