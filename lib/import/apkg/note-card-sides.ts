import { ankiFieldToHtml, checkAnkiField, isBlankHtml } from "@/lib/import/anki-field";
import { clozeBack, clozeFront, hasCloze } from "@/lib/import/cloze";
import type { AnkiNote, AnkiNotetype } from "./collection-types";

// One Anki card → Quorum's two sides. Anki renders a card from its template; Quorum keeps a
// question and an answer, so the template only says which fields they are: the first field the
// question format shows, and the first other field the answer format shows. That covers the stock
// Basic, "Basic (and reversed card)" (ord 1 asks the Back), "Basic (optional reversed card)" and
// "Basic (type in the answer)". A cloze card (Notetype.Config.Kind CLOZE) hides deletion ord + 1
// of its cloze field and adds the answer side's other field ("Back Extra") to the answer.
// Fields are HTML and go through the one card sanitizer (lib/import/anki-field.ts), which turns
// media references into text: packages' media files are not imported.

export type CardSides = { ok: true; front: string; back: string } | { ok: false; message: string };

/** The fields a template shows, in order: `{{Front}}`, `{{text:Front}}`, `{{cloze:Text}}`; no sections or FrontSide. */
function templateFieldRefs(format: string): { name: string; isCloze: boolean }[] {
  const refs: { name: string; isCloze: boolean }[] = [];
  for (const match of format.matchAll(/\{\{([^{}]{1,200})\}\}/g)) {
    const tag = match[1]!.trim();
    if (/^[#^/!]/.test(tag)) continue;
    const parts = tag.split(":");
    const name = parts.at(-1)!.trim();
    if (name === "FrontSide" || name === "") continue;
    refs.push({ name, isCloze: parts.slice(0, -1).some((filter) => filter.trim() === "cloze") });
  }
  return refs;
}

function fieldHtml(notetype: AnkiNotetype, fields: string[], name: string, side: string): CardSides | string {
  const index = notetype.fields.indexOf(name);
  const raw = index === -1 ? "" : (fields[index] ?? "");
  const problem = checkAnkiField(raw, true, side);
  return problem ? { ok: false, message: problem } : ankiFieldToHtml(raw, true);
}

function sidesFrom(front: CardSides | string, back: CardSides | string): CardSides {
  if (typeof front !== "string") return front;
  if (typeof back !== "string") return back;
  if (isBlankHtml(front)) return { ok: false, message: "The question side is empty." };
  if (isBlankHtml(back)) return { ok: false, message: "The answer side is empty." };
  return { ok: true, front, back };
}

function clozeSides(notetype: AnkiNotetype, fields: string[], qfmt: string, afmt: string, ord: number): CardSides {
  const textName = templateFieldRefs(qfmt).find((ref) => ref.isCloze)?.name ?? notetype.fields[0] ?? "";
  const text = fieldHtml(notetype, fields, textName, "cloze text");
  if (typeof text !== "string") return text;
  if (!hasCloze(text)) return { ok: false, message: "The cloze note has no {{c1::…}} deletion." };
  const extraName = templateFieldRefs(afmt).find((ref) => ref.name !== textName)?.name;
  const extra = extraName ? fieldHtml(notetype, fields, extraName, "extra") : "";
  if (typeof extra !== "string") return extra;
  const back = clozeBack(text, ord + 1) + (isBlankHtml(extra) ? "" : `<hr>${extra}`);
  return sidesFrom(clozeFront(text, ord + 1), back);
}

/** The sanitised question and answer of the note's card number `ord`, or why there are none. */
export function noteCardSides(notetype: AnkiNotetype, note: AnkiNote, ord: number): CardSides {
  const fields = note.flds.split("\x1f");
  // A cloze notetype has one template for every cloze number.
  const template = notetype.isCloze ? notetype.templates[0] : notetype.templates.find((t) => t.ord === ord);
  if (!template) return { ok: false, message: `Its note type "${notetype.name}" has no card template ${ord + 1}.` };
  if (notetype.isCloze) return clozeSides(notetype, fields, template.qfmt, template.afmt, ord);
  const frontName = templateFieldRefs(template.qfmt)[0]?.name;
  const backName = templateFieldRefs(template.afmt).find((ref) => ref.name !== frontName)?.name;
  if (!frontName || !backName)
    return {
      ok: false,
      message: `The card template of note type "${notetype.name}" shows no question or answer field.`,
    };
  return sidesFrom(fieldHtml(notetype, fields, frontName, "question"), fieldHtml(notetype, fields, backName, "answer"));
}
