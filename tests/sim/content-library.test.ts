// Checks on the content itself: its shape, stable ids, well-formed links, and that every
// replay a card names exists, takes the card's params, and proves its claims; and that it
// reaches the evidence of the claim the card names (its deciding event lies within the run).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkCardClaims } from "@/lib/content/check-claims";
import { formatProblem, loadContent } from "@/lib/content/load";
import { decidingSeq, generate, runScenario } from "@/lib/sim";

const content = loadContent();
const lockedIds = readFileSync("content/ids.txt", "utf8").split("\n").filter(Boolean);

describe("the content library", () => {
  it("has at least 380 cards in at least 13 decks, with every question type (issue 15's syllabus)", () => {
    expect(content.cards.length).toBeGreaterThanOrEqual(380);
    expect(content.decks.length).toBeGreaterThanOrEqual(13);
    expect(new Set(content.cards.map((card) => card.type))).toEqual(
      new Set(["flashcard", "multiple-choice", "ordering", "predict"]),
    );
  });

  it("backs at least 50% of its cards with a replay scenario or a question generator (issue 15)", () => {
    const backed = content.cards.filter((card) => card.scenario || card.type === "predict");
    expect(backed.length / content.cards.length).toBeGreaterThanOrEqual(0.5);
  });

  it("keeps every id it ever used: new ids are added to content/ids.txt, and none disappears from it", () => {
    const ids = content.cards.map((card) => card.id);
    expect(
      ids.filter((id) => !lockedIds.includes(id)),
      "ids missing from content/ids.txt: add them (never rename an id)",
    ).toEqual([]);
    expect(new Set(lockedIds).size).toBe(lockedIds.length);
  });

  it("links only to well-formed https URLs, in front matter and in the text", () => {
    const bad: string[] = [];
    for (const card of content.cards) {
      for (const [, url] of `${card.front}\n${card.back}`.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (!/^https:\/\/[^/\s]+\.[^/\s]+/.test(url!) || !URL.canParse(url!)) bad.push(`${card.file}: ${url}`);
      }
      for (const source of card.sources) if (!URL.canParse(source)) bad.push(`${card.file}: ${source}`);
    }
    expect(bad).toEqual([]);
  });
});

describe("replay-backed cards", () => {
  const backed = content.cards.filter((card) => card.scenario);
  it.each(backed.map((card) => [card.id, card] as const))(
    "%s: its replay reaches the evidence of its claim, and proves every claim",
    (_id, card) => {
      const trace = runScenario(card.scenario!, card.params ?? {}, 1);
      const why = `reproduce: npm run sim -- run ${card.scenario} ${Object.entries(card.params ?? {})
        .map(([k, v]) => `--${k} ${v}`)
        .join(" ")}`;
      const seqs = new Set(trace.events.map((e) => e.seq));
      const named = trace.claims.find((claim) => claim.id === card.claim);
      expect(
        named,
        `${card.file} names claim "${card.claim}"; the run checks ${trace.claims.map((c) => c.id).join(", ")}. ${why}`,
      ).toBeDefined();
      const deciding = trace.events[decidingSeq(named!)];
      expect(deciding, `${card.claim} has no deciding event. ${why}`).toBeDefined();
      expect(deciding!.t, `${card.claim}'s deciding event is after the end of the run. ${why}`).toBeLessThanOrEqual(
        trace.durationMs,
      );
      // Every claim of the run, the named one included: it passes, on evidence that is events of this trace.
      const bad = trace.claims.filter(
        (claim) => !claim.passed || claim.evidence.length === 0 || claim.evidence.some((seq) => !seqs.has(seq)),
      );
      expect(
        bad.map(
          (claim) => `${claim.id} (passed=${claim.passed}, evidence=[${claim.evidence.join(",")}]): ${claim.detail}`,
        ),
        why,
      ).toEqual([]);
    },
  );

  it("names a claim of its run on every replay-backed card (content:check's own test)", () => {
    expect(checkCardClaims(content.cards).map(formatProblem)).toEqual([]);
  });

  it.each(content.cards.filter((card) => card.type === "predict").map((card) => [card.id, card] as const))(
    "%s: its generator draws a question",
    (_id, card) => {
      if (card.type !== "predict") throw new Error("unreachable");
      const question = generate(card.generator, 1);
      expect(question.choices.map((choice) => choice.id)).toContain(question.answer);
    },
  );
});
