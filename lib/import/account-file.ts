import { gunzipSync } from "node:zlib";
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

// Reading an account file, in the worker pool (megabytes of JSON): unpack it if it is gzipped (as
// the account page offers it), parse, check every row, and make the own cards' HTML safe. The
// file's HTML is never trusted: a card written in Markdown is rendered again from its source by
// the caller (as every import is), and a card that came from an Anki file, whose source is its
// HTML, goes through the same sanitiser as an Anki import. Both pass the same structure caps as
// those imports first.

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

/**
 * An account file unpacked: a year of daily study (10,000 reviews) is about 9 MB of JSON, 1 MB
 * gzipped; this is five times that, and well inside a worker's memory cap once parsed.
 */
const accountJsonBytesMax = 50 * 1024 * 1024;

const isGzip = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;

function accountFileText(bytes: Uint8Array): { ok: true; text: string } | { ok: false; problem: string } {
  let json = bytes;
  if (isGzip(bytes)) {
    try {
      json = gunzipSync(bytes, { maxOutputLength: accountJsonBytesMax });
    } catch (error) {
      const tooBig = error instanceof RangeError;
      const limit = `${accountJsonBytesMax / (1024 * 1024)} MB`;
      return { ok: false, problem: tooBig ? `The file unpacks to more than ${limit}.` : "The gzip file is damaged." };
    }
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(json) };
  } catch {
    return { ok: false, problem: "The file is not UTF-8 text." };
  }
}

/** Pure; the pool's "parse-account" task: a gzipped or plain account file. */
export function readAccountFile(bytes: Uint8Array): AccountExportParse {
  const text = accountFileText(bytes);
  if (!text.ok) return refusedAccountFile([text.problem]);
  const parsed = parseAccountExport(text.text);
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
