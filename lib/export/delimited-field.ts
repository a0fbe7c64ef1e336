// RFC 4180 quoting for one field, as the Rust `csv` writer used by Anki and the FSRS optimizer
// does it: quote only when needed, double any quote inside. A field that starts with `#` is
// quoted too, because Anki's reader treats a record starting with `#` as a comment (Anki
// GUIDs can start with `#`).

export function quoteDelimitedField(value: string, separator: string): string {
  const needsQuotes = value.includes(separator) || /["\r\n]/.test(value) || value.startsWith("#");
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}
