// Caps on a Markdown text's structure, checked in one linear pass over its lines before any
// parser builds a tree: nesting (blockquotes and lists, by markers and indentation), the number
// of list items, and line length. Markdown parsers and renderers take time and memory that grow
// with nesting (5,000 nested "> " blocked the server for seconds per card), so a text
// over a cap is refused with a message naming the cap, and never rendered. Code in fences is
// not structure and is not counted, except for its line length.

export const markdownLimits = {
  /** Blockquote and list levels; a real card rarely goes past 5. */
  nestingDepthMax: 32,
  listItemsMax: 1_000,
  lineCharsMax: 10_000,
} as const;

export type StructureCheck = { ok: true } | { ok: false; message: string };

const quoteMarker = /[ \t]*>[ \t]?/y;
const listMarker = /[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)/y;
const fenceOpen = /^[ \t]*(`{3,}|~{3,})/;

/** Leading indentation in columns (a tab counts 4), a list level for every 2. */
function indentLevels(line: string): number {
  let columns = 0;
  for (const char of line) {
    if (char === " ") columns += 1;
    else if (char === "\t") columns += 4;
    else break;
  }
  return Math.floor(columns / 2);
}

/**
 * Reads the container markers at the start of a line (sticky regexes: no copies): how many, how many list items, and
 * the rest.
 */
function readMarkers(line: string): { markers: number; items: number; rest: string } {
  let at = 0;
  let markers = 0;
  let items = 0;
  for (;;) {
    quoteMarker.lastIndex = at;
    listMarker.lastIndex = at;
    const isQuote = quoteMarker.test(line);
    const isItem = !isQuote && listMarker.test(line);
    const end = isQuote ? quoteMarker.lastIndex : isItem ? listMarker.lastIndex : at;
    if (end === at) return { markers, items, rest: line.slice(at) };
    markers++;
    if (isItem) items++;
    at = end;
  }
}

const count = (n: number) => n.toLocaleString("en-US");

export function checkMarkdownStructure(markdown: string): StructureCheck {
  let fence: string | null = null;
  let items = 0;
  const lines = markdown.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const where = `line ${index + 1}`;
    const { markers, items: lineItems, rest } = readMarkers(line);
    const opener = fenceOpen.exec(rest)?.[1];
    const isInCode = fence !== null;
    if (fence !== null && opener && opener[0] === fence[0] && opener.length >= fence.length) fence = null;
    else if (fence === null && opener) fence = opener;
    const depth = markers + indentLevels(line);
    if (!isInCode && depth > markdownLimits.nestingDepthMax) {
      return {
        ok: false,
        message:
          `${where} nests ${count(depth)} levels deep (blockquotes and ` +
          `lists); the limit is ${markdownLimits.nestingDepthMax}.`,
      };
    }
    if (line.length > markdownLimits.lineCharsMax)
      return {
        ok: false,
        message:
          `${where} is ${count(line.length)} characters long; the ` + `limit is ${count(markdownLimits.lineCharsMax)}.`,
      };
    if (isInCode) continue;
    items += lineItems;
    if (items > markdownLimits.listItemsMax)
      return { ok: false, message: `it has more than ${count(markdownLimits.listItemsMax)} list items, the limit.` };
  }
  return { ok: true };
}
