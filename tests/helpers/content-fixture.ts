import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** A throwaway content/ folder: write files by relative path, then load it. */
export function createContentFixture() {
  const root = mkdtempSync(path.join(os.tmpdir(), "quorum-content-"));
  return {
    root,
    write(relativePath: string, text: string) {
      const file = path.join(root, relativePath);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    remove(relativePath: string) {
      rmSync(path.join(root, relativePath));
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export const deckFile = (id: string, title = `Deck ${id}`) => `---
id: ${id}
title: ${title}
description: Cards about ${id}.
---
`;

/**
 * A card file; `back` may bring its own interview sections, else the defaults follow it. With
 * `choices` it is a multiple-choice card, with `steps` an ordering card, else a flashcard.
 */
export const cardFile = (options: {
  id: string;
  deck: string;
  choices?: { text: string; correct?: boolean }[];
  steps?: string[];
  front?: string;
  back?: string;
  extra?: string;
}) => {
  const hasSections = options.back?.includes("## Say it in 30 seconds") ?? false;
  const type = options.choices ? "multiple-choice" : options.steps ? "ordering" : "flashcard";
  const choices = (options.choices ?? []).map(
    (choice) => `  - text: ${JSON.stringify(choice.text)}\n${choice.correct ? "    correct: true\n" : ""}`,
  );
  const steps = (options.steps ?? []).map((step) => `  - ${JSON.stringify(step)}\n`);
  const answers =
    (choices.length ? `choices:\n${choices.join("")}` : "") + (steps.length ? `steps:\n${steps.join("")}` : "");
  return `---
id: ${options.id}
deck: ${options.deck}
type: ${type}
tags: [test]
sources:
  - https://kubernetes.io/docs/concepts/overview/components/
${answers}${options.extra ?? ""}---
## Front
${options.front ?? `Question ${options.id}?`}

## Back
${options.back ?? `Answer to ${options.id}.`}${hasSections ? "" : defaultInterviewSections(options.id)}
`;
};

/** Interview sections of one's own choosing, as Markdown to append to a card's `back`. */
export const interviewSectionsOf = (options: { sayIt: string; keyPoints: string[]; followUps: string[] }) => `

## Say it in 30 seconds
${options.sayIt}

## Key points
${options.keyPoints.map((point) => `- ${point}`).join("\n")}

## Follow-ups
${options.followUps.map((followUp) => `- ${followUp}`).join("\n")}`;

/** The interview sections every content card carries after its Back (lib/content/interview-sections.ts). */
const defaultInterviewSections = (id: string) =>
  interviewSectionsOf({
    sayIt: `The short answer to ${id}.`,
    keyPoints: [`First fact of ${id}`, `Second fact of ${id}`, `Third fact of ${id}`],
    followUps: [`What comes after ${id}?`],
  });
