// Every import reads text the same way: UTF-8 (as Anki's importer requires), a leading BOM
// dropped, and CRLF or lone CR turned into LF once, so the parsers count lines and keep
// embedded newlines without caring which platform wrote the file.

type DecodedText = { ok: true; text: string } | { ok: false; message: string };

/** Decodes file bytes as UTF-8, refusing invalid byte sequences rather than guessing. */
export function decodeImportBytes(bytes: Uint8Array): DecodedText {
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { ok: false, message: "The file is not UTF-8 text. Save it as UTF-8 and try again." };
  }
}

/** Drops a UTF-8 byte-order mark and normalises line endings to "\n". */
export function normalizeImportText(text: string): string {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return withoutBom.replace(/\r\n?/g, "\n");
}
