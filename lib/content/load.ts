import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import type { z } from "zod";
import { findScenario, parseParams, SCENARIO_IDS } from "@/lib/sim";
import { splitInterviewSections, type InterviewSections } from "./interview-sections";
import { cardFrontMatterSchema, deckFrontMatterSchema, type CardFrontMatter, type DeckFrontMatter } from "./schema";

// Reads content/ (decks and cards), validates every file and reports every problem at once,
// each as `file:line: field: message`, so an author fixes a whole batch in one pass.

export type ContentProblem = { file: string; line?: number; field: string; message: string };

export class ContentError extends Error {
  override name = "ContentError";
  constructor(readonly problems: ContentProblem[]) {
    super(`${problems.length} problem(s) in content:\n${problems.map(formatProblem).join("\n")}`);
  }
}

export type DeckContent = DeckFrontMatter & { file: string; position: number; body: string };
export type CardContent = CardFrontMatter & {
  file: string;
  position: number;
  front: string;
  back: string;
  interview: InterviewSections;
};
export type Content = { decks: DeckContent[]; cards: CardContent[] };

export function formatProblem(problem: ContentProblem): string {
  return `${problem.file}${problem.line ? `:${problem.line}` : ""}: ${problem.field}: ${problem.message}`;
}

/** Loads and validates content/. Throws ContentError listing every problem; never returns partial content. */
export function loadContent(root = "content"): Content {
  const problems: ContentProblem[] = [];
  const decks = listMarkdown(path.join(root, "decks")).flatMap((file, position) => {
    const parsed = parseFile(file, deckFrontMatterSchema, problems);
    return parsed ? [{ ...parsed.data, file, position, body: parsed.body.trim() }] : [];
  });
  const cards = listMarkdown(path.join(root, "cards")).flatMap((file, position) => {
    const parsed = parseFile(file, cardFrontMatterSchema, problems);
    if (!parsed) return [];
    const sides = splitSides(parsed.body);
    if ("problem" in sides) {
      problems.push({ file, field: "body", message: sides.problem });
      return [];
    }
    return [{ ...parsed.data, file, position, ...sides }];
  });
  problems.push(...findDuplicates(decks, "deck"), ...findDuplicates(cards, "card"));
  const deckIds = new Set(decks.map((deck) => deck.id));
  for (const card of cards) {
    if (!deckIds.has(card.deck)) {
      problems.push({
        file: card.file,
        line: fieldLine(card.file, "deck"),
        field: "deck",
        message: `Unknown deck "${card.deck}"; decks are: ${[...deckIds].join(", ") || "(none)"}`,
      });
    }
  }
  problems.push(...checkScenarios(cards), ...checkFollowUpLinks(cards));
  if (problems.length) throw new ContentError(problems);
  return { decks, cards };
}

/** A card's replay must name a scenario the simulation has, with params it accepts. */
function checkScenarios(cards: CardContent[]): ContentProblem[] {
  return cards.flatMap((card): ContentProblem[] => {
    if (!card.scenario) return [];
    const scenario = findScenario(card.scenario);
    if (!scenario) {
      return [
        {
          file: card.file,
          line: fieldLine(card.file, "scenario"),
          field: "scenario",
          message: `Unknown scenario "${card.scenario}"; scenarios are: ${SCENARIO_IDS.join(", ")}`,
        },
      ];
    }
    const parsed = parseParams(scenario, card.params ?? {});
    return parsed.ok
      ? []
      : Object.entries(parsed.errors).map(([name, message]) => ({
          file: card.file,
          line: fieldLine(card.file, "params"),
          field: `params.${name}`,
          message,
        }));
  });
}

/** A follow-up that links a card must link another card that exists. */
function checkFollowUpLinks(cards: CardContent[]): ContentProblem[] {
  const ids = new Set(cards.map((card) => card.id));
  return cards.flatMap((card) =>
    card.interview.followUps.flatMap(({ cardId }) => {
      if (cardId === undefined) return [];
      if (cardId === card.id)
        return [
          {
            file: card.file,
            field: "Follow-ups",
            message: "Links the card itself; link the card that answers the follow-up",
          },
        ];
      return ids.has(cardId)
        ? []
        : [{ file: card.file, field: "Follow-ups", message: `Links unknown card "${cardId}"` }];
    }),
  );
}

function listMarkdown(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: "utf8" });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.endsWith(".md") && statSync(path.join(dir, entry)).isFile())
    .map((entry) => path.join(dir, entry))
    .sort();
}

function parseFile<S extends z.ZodType>(
  file: string,
  schema: S,
  problems: ContentProblem[],
): { data: z.infer<S>; body: string } | undefined {
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(readFileSync(file, "utf8"), {});
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? (error as Error).message;
    problems.push({
      file,
      line: mark?.line === undefined ? undefined : mark.line + 2,
      field: "front matter",
      message: `Malformed YAML: ${reason}`,
    });
    return undefined;
  }
  if (!parsed.matter.trim()) {
    problems.push({ file, line: 1, field: "front matter", message: "Missing: start the file with a --- block" });
    return undefined;
  }
  const result = schema.safeParse(parsed.data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          problems.push({
            file,
            line: fieldLine(file, key),
            field: key,
            message: "Unknown field: remove it or check its spelling",
          });
        }
        continue;
      }
      const field = issue.path.join(".") || "front matter";
      problems.push({ file, line: fieldLine(file, String(issue.path[0] ?? "")), field, message: issue.message });
    }
    return undefined;
  }
  return { data: result.data, body: parsed.content };
}

/** The 1-based line of a top-level front-matter key, for error messages. */
export function fieldLine(file: string, key: string): number | undefined {
  if (!key) return undefined;
  const lines = readFileSync(file, "utf8").split("\n");
  const index = lines.findIndex((line, i) => i > 0 && line.startsWith(`${key}:`));
  return index === -1 ? undefined : index + 1;
}

/** Splits a card body into its `## Front` and `## Back` sections and the interview sections after them. */
function splitSides(body: string): { front: string; back: string; interview: InterviewSections } | { problem: string } {
  const match = /^## Front[ \t]*\n([\s\S]*?)^## Back[ \t]*\n([\s\S]*)$/m.exec(body);
  if (!match || body.slice(0, match.index).trim()) {
    return { problem: "Write the card as a '## Front' section followed by a '## Back' section" };
  }
  const front = match[1]!.trim();
  const rest = splitInterviewSections(match[2]!);
  if ("problem" in rest) return rest;
  if (!front) return { problem: "The '## Front' section is empty" };
  if (!rest.back) return { problem: "The '## Back' section is empty" };
  if (!rest.sections)
    return { problem: "Add '## Say it in 30 seconds', '## Key points' and '## Follow-ups' after '## Back'" };
  return { front, back: rest.back, interview: rest.sections };
}

function findDuplicates(entries: { id: string; file: string }[], kind: string): ContentProblem[] {
  const firstFile = new Map<string, string>();
  const problems: ContentProblem[] = [];
  for (const entry of entries) {
    const first = firstFile.get(entry.id);
    if (first) {
      problems.push({
        file: entry.file,
        line: fieldLine(entry.file, "id"),
        field: "id",
        message: `Duplicate ${kind} id "${entry.id}", also used by ${first}`,
      });
    } else {
      firstFile.set(entry.id, entry.file);
    }
  }
  return problems;
}
