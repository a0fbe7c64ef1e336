import { mapMarkdownProse, splitMarkdownCode } from "@/lib/import/markdown-code";
import { tagCharsMax } from "@/lib/import/limits";

// Turns the HTML that Q&A files put around questions and answers into Markdown, because the
// app renders card Markdown with raw HTML dropped: `<b>x</b>` would lose its emphasis and
// `<br>` its line break. Code (fenced and inline) is never touched. HTML not listed here is left
// for the renderer to drop; its text survives.

function inlineHtmlToMarkdown(prose: string): string {
  return prose
    .replace(/<(b|strong)>([^<\n]*?)<\/\1\s*>/gi, (_m, _tag, inner: string) => emphasis("**", inner))
    .replace(/<(i|em)>([^<\n]*?)<\/\1\s*>/gi, (_m, _tag, inner: string) => emphasis("*", inner))
    .replace(/<code>([^<`\n]*?)<\/code\s*>/gi, (_m, inner: string) => (inner.trim() ? `\`${inner}\`` : ""))
    .replace(
      /<a\s+href="(https?:\/\/[^"\s]+)"[^>]{0,500}>([^<\n]*?)<\/a\s*>/gi,
      (_m, href: string, label: string) => `[${label.trim() || href}](${href})`,
    );
}

/** `** x **` does not render as bold; move the spaces outside the markers. */
function emphasis(marker: string, inner: string): string {
  const trimmed = inner.trim();
  if (!trimmed) return inner;
  const lead = inner.slice(0, inner.indexOf(trimmed));
  const trail = inner.slice(inner.indexOf(trimmed) + trimmed.length);
  return `${lead}${marker}${trimmed}${marker}${trail}`;
}

/**
 * A nested block's `<summary>X</summary>` → a bold line. A loop, not a regex: linear however many summaries never
 * close.
 */
function flattenSummaries(prose: string): string {
  const lower = prose.toLowerCase();
  const open = /<summary\b[^>]{0,500}>/gi;
  let out = "";
  let pos = 0;
  for (;;) {
    open.lastIndex = pos;
    const match = open.exec(prose);
    const close = match ? lower.indexOf("</summary", match.index + match[0].length) : -1;
    const closeEnd = close === -1 ? -1 : lower.indexOf(">", close);
    if (!match || closeEnd === -1) break;
    out +=
      `${prose.slice(pos, match.index)}\n\n` +
      `**${summaryToMarkdown(prose.slice(match.index + match[0].length, close))}**\n\n`;
    pos = closeEnd + 1;
  }
  return out + prose.slice(pos);
}

/** True when the whole answer is one `<b>…</b>`: the first `<b>` closes only at the very end. */
function isWrappedInBold(answer: string): boolean {
  if (!/^<b>/i.test(answer) || !/<\/b>$/i.test(answer)) return false;
  const { segments } = splitMarkdownCode(answer);
  let depth = 0;
  for (const segment of segments.filter((s) => !s.isCode)) {
    for (const tag of answer.slice(segment.start, segment.end).matchAll(/<(\/?)b>/gi)) {
      depth += tag[1] ? -1 : 1;
      if (depth === 0 && segment.start + tag.index + tag[0].length < answer.length) return false;
    }
  }
  return depth === 0;
}

/** A `<summary>`'s inner HTML → one line of Markdown. */
export function summaryToMarkdown(html: string): string {
  return mapMarkdownProse(html, (prose) =>
    inlineHtmlToMarkdown(prose.replace(/<br\s*\/?>/gi, " "))
      .replace(/<\/?[a-z][^>]{0,500}>/gi, "")
      .replace(/\s+/g, " "),
  ).trim();
}

/**
 * The text between `</summary>` and the block's `</details>` → Markdown. Drops the `<br><b> … </b>`
 * wrapper that DevOps Q&A repositories put around answers, flattens nested `<details>` into the
 * answer (its summary becomes a bold line), and turns `<br>` into a Markdown hard break.
 */
export function answerToMarkdown(html: string): string {
  let answer = html.trim().replace(/^(?:<br\s*\/?>\s*)+/i, "");
  if (isWrappedInBold(answer)) answer = answer.slice(3, -4);
  answer = mapMarkdownProse(answer, (prose) =>
    inlineHtmlToMarkdown(
      flattenSummaries(prose)
        .replace(/<\/?details\b[^>]{0,500}>/gi, "\n")
        .replace(/<br\s*\/?>\n?/gi, "  \n"),
    ),
  );
  return answer.replace(/\n{3,}/g, "\n\n").trim();
}

/** A heading → a kebab-case tag ("Pods & Services" → "pods-services"); "" when nothing is left. */
export function headingToTag(heading: string): string {
  // Tags are at most 100 characters: a longer heading adds nothing but regex work.
  const text = heading
    .slice(0, 4 * tagCharsMax)
    .replace(/<[^>]{0,500}>/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
  return text
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, tagCharsMax)
    .replace(/-+$/, "");
}
