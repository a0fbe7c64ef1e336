import { checkMarkdownStructure } from "@/lib/content/markdown-structure";
import { sanitizeCardHtml } from "@/lib/security/sanitize-card-html";
import {
  parseAccountExport,
  type AccountExport,
  type AccountExportParse,
  type ExportedOwnCard,
  refusedAccountFile,
} from "@/lib/validations/account-export";
import { checkAnkiField } from "./anki-field";
import type { CardFormat } from "./types";

// Reading an account file, in the worker pool (megabytes of JSON): parse, check every row, and
// make the own cards' HTML safe. The file's HTML is never trusted: a card written in Markdown is
// rendered again from its source by the caller (as every import is), and a card that came from an
// Anki file, whose source is its HTML, goes through the same sanitiser as an Anki import. Both
// pass the same structure caps as those imports first.

/** An own card whose source is its HTML (an Anki import) rather than Markdown. */
export function ownCardFormat(
  card: Pick<ExportedOwnCard, "prompt" | "answer" | "promptHtml" | "answerHtml">,
): CardFormat {
  return card.prompt === card.promptHtml && card.answer === card.answerHtml ? "html" : "markdown";
}

/** Why a card's source cannot be read safely, per side; empty when it can. */
function cardProblems(card: ExportedOwnCard, path: string): string[] {
  const format = ownCardFormat(card);
  return (["prompt", "answer"] as const).flatMap((side) => {
    if (format === "html") {
      const problem = checkAnkiField(card[side], true, side);
      return problem ? [`${path}.${side}: ${problem}`] : [];
    }
    const check = checkMarkdownStructure(card[side]);
    return check.ok ? [] : [`${path}.${side}: goes past a Markdown limit: ${check.message}`];
  });
}

function withSafeHtml(card: ExportedOwnCard): ExportedOwnCard {
  if (ownCardFormat(card) === "markdown") return card;
  const [prompt, answer] = [sanitizeCardHtml(card.prompt), sanitizeCardHtml(card.answer)];
  return { ...card, prompt, answer, promptHtml: prompt, answerHtml: answer };
}

/** Pure; the pool's "parse-account" task. */
export function readAccountFile(fileText: string): AccountExportParse {
  const parsed = parseAccountExport(fileText);
  if (!parsed.ok) return parsed;
  const { document } = parsed;
  const problems = document.decks.flatMap((deck, d) =>
    deck.cards.flatMap((card, c) => cardProblems(card, `decks.${d}.cards.${c}`)),
  );
  if (problems.length) return refusedAccountFile(problems);
  const decks: AccountExport["decks"] = document.decks.map((deck) => ({
    ...deck,
    cards: deck.cards.map(withSafeHtml),
  }));
  return { ok: true, document: { ...document, decks } };
}
