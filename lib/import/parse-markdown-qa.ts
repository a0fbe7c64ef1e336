import { validatedResult } from "@/lib/import/card-schema";
import { splitMarkdownCode } from "@/lib/import/markdown-code";
import { answerToMarkdown, headingToTag, summaryToMarkdown } from "@/lib/import/markdown-qa-text";
import { normalizeImportText } from "@/lib/import/text-input";
import type { ImportError, ImportedCard, ImportResult, SkippedItem } from "@/lib/import/types";

// Markdown Q&A files in which each question is `<details><summary>Q</summary> A </details>`,
// the layout of public DevOps interview-question repositories. A top-level block is one card;
// the ATX headings above it (`#` … `######`) are its tags; a block nested inside an answer is
// part of that answer. Tags and blocks are looked for in prose only (markdown-code.ts).

type Token =
  | {
      kind: "details-open" | "details-close" | "summary-open" | "summary-close";
      start: number;
      end: number;
      line: number;
    }
  | { kind: "heading"; level: number; text: string; start: number; end: number; line: number };

// Every repetition is bounded or stops at a fixed character, so a hostile file cannot make a
// pattern backtrack quadratically; a heading is recognised by its marker and read by hand.
const tokenPattern =
  /<details\b[^>]{0,500}>|<\/details\s*>|<summary\b[^>]{0,500}>|<\/summary\s*>|^ {0,3}(#{1,6})(?=[ \t]|$)/gim;

/** An ATX heading's text: without its marker and an optional closing run of `#`. */
function headingText(line: string): string {
  let text = line
    .trimStart()
    .replace(/^#{1,6}/, "")
    .trim();
  let end = text.length;
  while (end > 0 && text[end - 1] === "#") end -= 1;
  if (end === 0 || text[end - 1] === " " || text[end - 1] === "\t") text = text.slice(0, end).trimEnd();
  return text;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

function tokenize(text: string): { tokens: Token[]; errors: ImportError[] } {
  const { segments, unclosedFenceLines } = splitMarkdownCode(text);
  const starts = lineStarts(text);
  const tokens: Token[] = [];
  for (const segment of segments.filter((s) => !s.isCode)) {
    const prose = text.slice(segment.start, segment.end);
    for (const match of prose.matchAll(tokenPattern)) {
      const start = segment.start + match.index;
      const position = { start, end: start + match[0].length, line: lineAt(starts, start) };
      const lower = match[0].toLowerCase();
      if (match[1] !== undefined) {
        // The heading is the whole line, inline code included (the segment may end before it).
        const lineEnd = text.indexOf("\n", start);
        const line = text.slice(start, lineEnd === -1 ? text.length : lineEnd);
        if (start === 0 || text[start - 1] === "\n")
          tokens.push({ kind: "heading", level: match[1].length, text: headingText(line), ...position });
      } else if (lower.startsWith("</details")) tokens.push({ kind: "details-close", ...position });
      else if (lower.startsWith("</summary")) tokens.push({ kind: "summary-close", ...position });
      else tokens.push({ kind: lower.startsWith("<details") ? "details-open" : "summary-open", ...position });
    }
  }
  const errors = unclosedFenceLines.map((line) => ({
    line,
    message: "This code fence never closes, so the rest of the file would be code: add the closing fence.",
  }));
  return { tokens, errors };
}

type Block = { openLine: number; tokens: Token[]; contentStart: number; contentEnd: number; tags: string[] };

function blockToCard(text: string, block: Block): { card?: ImportedCard; skipped?: string; error?: string } {
  const summaryOpen = block.tokens.find((t) => t.kind === "summary-open");
  if (!summaryOpen) return { skipped: "<details> block without a <summary> question" };
  const summaryClose = block.tokens.find((t) => t.kind === "summary-close" && t.start > summaryOpen.start);
  if (!summaryClose) return { error: `The <summary> on line ${summaryOpen.line} never closes: add </summary>.` };
  const front = summaryToMarkdown(text.slice(summaryOpen.end, summaryClose.start));
  const back = answerToMarkdown(text.slice(summaryClose.end, block.contentEnd));
  if (!front) return { skipped: "empty question" };
  if (!back) return { skipped: "empty answer" };
  return { card: { line: block.openLine, front, back, format: "markdown", tags: block.tags } };
}

/** Parses a Markdown Q&A file. The caller must import nothing when `errors` is not empty. */
export function parseMarkdownQa(text: string): ImportResult {
  const normalized = normalizeImportText(text);
  const { tokens, errors } = tokenize(normalized);
  const headings: string[] = [];
  const open: Token[] = [];
  let block: Block | undefined;
  const cards: ImportedCard[] = [];
  const skipped: SkippedItem[] = [];
  for (const token of tokens) {
    if (token.kind === "heading") {
      if (open.length > 0) continue;
      headings.length = token.level - 1;
      headings[token.level - 1] = headingToTag(token.text);
    } else if (token.kind === "details-open") {
      if (open.length === 0)
        block = {
          openLine: token.line,
          tokens: [],
          contentStart: token.end,
          contentEnd: token.end,
          tags: [...new Set(headings.filter(Boolean))],
        };
      open.push(token);
    } else if (token.kind === "details-close") {
      if (!open.pop()) {
        errors.push({ line: token.line, message: "This </details> has no <details> to close." });
      } else if (open.length === 0 && block) {
        block.contentEnd = token.start;
        const outcome = blockToCard(normalized, block);
        if (outcome.card) cards.push(outcome.card);
        if (outcome.skipped) skipped.push({ line: block.openLine, reason: outcome.skipped });
        if (outcome.error) errors.push({ line: block.openLine, message: outcome.error });
        block = undefined;
      }
    }
    if (block && token.kind !== "heading" && open.length === 1) block.tokens.push(token);
  }
  for (const unclosed of open)
    errors.push({ line: unclosed.line, message: "This <details> never closes: add </details> after its answer." });
  return validatedResult({ cards, skipped, errors }, { format: "markdown", tags: [], ignoredHeaders: [] });
}
