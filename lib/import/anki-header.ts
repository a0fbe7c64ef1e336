import type { ImportError } from "@/lib/import/types";

// Anki's file headers (rslib/src/import_export/text/csv/metadata.rs, docs "Importing text
// files"): `#key:value` lines at the very top, keys trimmed and case-insensitive, a `#` line
// without `:` is a comment, the first line may be the legacy `tags:<list>`, unknown keys are
// ignored, and the header ends at the first line that does not start with `#`.
// Two deliberate differences: a value Anki would silently ignore (`#separator:foo`,
// `#html:maybe`, `#deck column:x`) is an error here, because a half-understood file must not be
// imported; and `#columns:` is split after the whole header is read, so it may come before
// `#separator:` (Anki splits it with the separator known so far).

export type AnkiHeader = {
  separator?: string;
  html?: boolean;
  tags: string[];
  columns?: { value: string; line: number };
  notetype?: string;
  deck?: string;
  /** 1-based column numbers, with the header line that set each (for range errors). */
  metaColumns: Partial<Record<MetaColumn, { column: number; line: number }>>;
  ignored: string[];
};

export type MetaColumn = "guid" | "notetype" | "deck" | "tags";

export type AnkiHeaderResult = { header: AnkiHeader; bodyStart: number; bodyFirstLine: number; errors: ImportError[] };

/** Anki's separator names, in the order its sniffer tries them (the Delimiter enum). */
export const separatorNames: Record<string, string> = {
  tab: "\t",
  pipe: "|",
  semicolon: ";",
  colon: ":",
  comma: ",",
  space: " ",
};

function separatorFromValue(value: string): string | undefined {
  const named = separatorNames[value.trim().toLowerCase()];
  if (named) return named;
  return Object.values(separatorNames).includes(value) ? value : undefined;
}

export function collectTags(value: string): string[] {
  return value.split(/\s+/).filter((tag) => tag.length > 0);
}

const metaColumnKeys: Record<string, MetaColumn> = {
  "guid column": "guid",
  "notetype column": "notetype",
  "deck column": "deck",
  "tags column": "tags",
};

function applyHeaderLine(header: AnkiHeader, key: string, value: string, line: number): string | undefined {
  const name = key.trim().toLowerCase();
  const metaColumn = metaColumnKeys[name];
  if (metaColumn) {
    if (!/^\s*[1-9]\d{0,3}\s*$/.test(value)) return `#${key.trim()}: "${value}" is not a column number (1, 2, 3 …).`;
    header.metaColumns[metaColumn] = { column: Number(value.trim()), line };
    return undefined;
  }
  switch (name) {
    case "separator": {
      const separator = separatorFromValue(value);
      if (!separator)
        return (
          `#separator: "${value}" is not a separator: use tab, comma, ` +
          "semicolon, pipe, space, colon or the character itself."
        );
      header.separator = separator;
      return undefined;
    }
    case "html": {
      const normed = value.trim().toLowerCase();
      if (normed !== "true" && normed !== "false") return `#html: "${value}" must be true or false.`;
      header.html = normed === "true";
      return undefined;
    }
    case "tags":
      header.tags = collectTags(value);
      return undefined;
    case "columns":
      header.columns = { value, line };
      return undefined;
    case "notetype":
      header.notetype = value.trim() || undefined;
      return undefined;
    case "deck":
      header.deck = value.trim() || undefined;
      return undefined;
    default:
      header.ignored.push(key.trim());
      return undefined;
  }
}

/** Reads the header block at the top of normalised text (see normalizeImportText). */
export function readAnkiHeader(text: string): AnkiHeaderResult {
  const header: AnkiHeader = { tags: [], metaColumns: {}, ignored: [] };
  const errors: ImportError[] = [];
  let pos = 0;
  let line = 1;
  while (pos < text.length) {
    const end = text.indexOf("\n", pos);
    const content = text.slice(pos, end === -1 ? text.length : end);
    if (line === 1 && content.startsWith("tags:")) {
      header.tags = collectTags(content.slice("tags:".length));
    } else if (content.startsWith("#")) {
      const colon = content.indexOf(":");
      if (colon !== -1) {
        const message = applyHeaderLine(header, content.slice(1, colon), content.slice(colon + 1), line);
        if (message) errors.push({ line, message });
      }
    } else {
      break;
    }
    pos = end === -1 ? text.length : end + 1;
    line += 1;
  }
  return { header, bodyStart: pos, bodyFirstLine: line, errors };
}
