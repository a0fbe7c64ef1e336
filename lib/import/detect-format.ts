import type { ImportFormat } from "@/lib/import/types";

// Picks the parser when the learner (or --format) did not. The extension decides when it is
// unambiguous; a .txt (what Anki exports) or anything else is looked at: a file with
// `<details>` and `<summary>` is a Markdown Q&A file, anything else is delimited text.

const markdownExtensions = /\.(md|markdown|mdown|mkd)$/i;
const delimitedExtensions = /\.(csv|tsv|tab)$/i;

export function detectImportFormat(fileName: string, text: string): ImportFormat {
  if (markdownExtensions.test(fileName)) return "markdown";
  if (delimitedExtensions.test(fileName)) return "anki";
  return /<details\b/i.test(text) && /<summary\b/i.test(text) ? "markdown" : "anki";
}
