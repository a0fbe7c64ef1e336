import { quoteDelimitedField } from "@/lib/export/delimited-field";

// "Notes in Plain Text" exactly as Anki's own exporter writes it with GUID, notetype, deck and
// tags included (rslib/src/import_export/text/csv/export.rs): tab-separated, the header lines
// below, fields as HTML, tags space-separated after the fields. Anki imports it as Basic notes
// into the named decks and, through the GUID column, updates rather than duplicates them on a
// second import. parseAnkiText reads it back to the same cards.

export type ExportCard = {
  /** Stable across exports (e.g. the card id) so Anki updates the note instead of adding another. */
  guid: string;
  /** Anki deck path, levels joined by "::", e.g. "Quorum::Kubernetes::etcd". */
  deck: string;
  frontHtml: string;
  backHtml: string;
  /** Anki tags cannot contain spaces: any run of whitespace in a tag becomes "_". */
  tags: string[];
};

const separator = "\t";

const ankiExportHeader = [
  "#separator:tab",
  "#html:true",
  "#guid column:1",
  "#notetype column:2",
  "#deck column:3",
  "#tags column:6",
];

function exportTags(tags: string[]): string {
  return tags
    .map((tag) => tag.trim().replace(/\s+/g, "_"))
    .filter((tag) => tag.length > 0)
    .join(" ");
}

/** Formats cards as an Anki plain-text export. Pure; the result ends with a newline. */
export function formatAnkiExport(cards: ExportCard[]): string {
  const rows = cards.map((card) =>
    [card.guid, "Basic", card.deck, card.frontHtml, card.backHtml, exportTags(card.tags)]
      .map((field) => quoteDelimitedField(field, separator))
      .join(separator),
  );
  return `${[...ankiExportHeader, ...rows].join("\n")}\n`;
}
