import { afterEach, describe, expect, it } from "vitest";
import { ContentError, formatProblem, loadContent } from "@/lib/content/load";
import { splitInterviewSections } from "@/lib/content/interview-sections";
import { cardFile, createContentFixture, deckFile } from "../../helpers/content-fixture";

const sections = (sayIt: string, keyPoints: string[], followUps: string[]) =>
  `The long answer.\n\n## Say it in 30 seconds\n${sayIt}\n\n## Key points\n` +
  `${keyPoints.map((point) => `- ${point}`).join("\n")}\n\n## Follow-ups\n` +
  `${followUps.map((question) => `- ${question}`).join("\n")}\n`;

describe("splitInterviewSections", () => {
  it("separates the Back from a 30-second answer, key points and follow-ups, linked or not", () => {
    const result = splitInterviewSections(
      sections("Short answer.", ["one", "two", "three"], ["[Why?](card:etcd-quorum)", "And then?"]),
    );
    expect(result).toEqual({
      back: "The long answer.",
      sections: {
        sayIt: "Short answer.",
        keyPoints: ["one", "two", "three"],
        followUps: [{ question: "Why?", cardId: "etcd-quorum" }, { question: "And then?" }],
      },
    });
  });

  it("leaves a Back without sections alone", () => {
    expect(splitInterviewSections("Only a back.\n")).toEqual({ back: "Only a back." });
  });

  it.each([
    [
      "a 30-second answer over 80 words",
      sections(Array.from({ length: 81 }, () => "word").join(" "), ["a", "b", "c"], ["q?"]),
      "has 81 words; keep it to 80",
    ],
    ["two key points", sections("ok", ["a", "b"], ["q?"]), "'## Key points' has 2 bullets; give 3–6"],
    ["seven key points", sections("ok", ["a", "b", "c", "d", "e", "f", "g"], ["q?"]), "has 7 bullets"],
    [
      "four follow-ups",
      sections("ok", ["a", "b", "c"], ["1", "2", "3", "4"]),
      "'## Follow-ups' has 4 bullets; give 1–3",
    ],
    [
      "sections out of order",
      "x\n## Key points\n- a\n## Say it in 30 seconds\nok\n## Follow-ups\n- q",
      "in that order",
    ],
    [
      "a stray paragraph in key points",
      sections("ok", ["a", "b", "c"], ["q"]).replace("- a\n", "prose\n"),
      'bullet on one line (found "prose")',
    ],
  ])("refuses %s", (_name, text, message) => {
    const result = splitInterviewSections(text);
    expect(result).toHaveProperty("problem");
    expect((result as { problem: string }).problem).toContain(message);
  });
});

describe("loadContent with interview sections", () => {
  let fixture = createContentFixture();
  afterEach(() => {
    fixture.cleanup();
    fixture = createContentFixture();
  });

  it("reports a follow-up that links a card that does not exist", () => {
    fixture.write("decks/01-a.md", deckFile("alpha"));
    fixture.write(
      "cards/alpha/01-x.md",
      cardFile({ id: "x", deck: "alpha", back: sections("ok", ["a", "b", "c"], ["[Gone?](card:no-such-card)"]) }),
    );
    try {
      loadContent(fixture.root);
      expect.unreachable("loadContent should refuse the card");
    } catch (error) {
      expect(error).toBeInstanceOf(ContentError);
      expect((error as ContentError).problems.map(formatProblem).join("\n")).toContain(
        'Follow-ups: Links unknown card "no-such-card"',
      );
    }
  });

  it("refuses a card without them, and a follow-up that links its own card", () => {
    fixture.write("decks/01-a.md", deckFile("alpha"));
    fixture.write(
      "cards/alpha/01-x.md",
      cardFile({ id: "x", deck: "alpha" }).replace(/\n## Say it in 30 seconds[\s\S]*$/, "\n"),
    );
    fixture.write(
      "cards/alpha/02-y.md",
      cardFile({ id: "y", deck: "alpha", back: sections("ok", ["a", "b", "c"], ["[Me?](card:y)"]) }),
    );
    try {
      loadContent(fixture.root);
      expect.unreachable("loadContent should refuse both cards");
    } catch (error) {
      const problems = (error as ContentError).problems
        .map(formatProblem)
        .map((line) => line.replace(fixture.root + "/", ""));
      expect(problems).toEqual([
        "cards/alpha/01-x.md: body: Add '## Say it in 30 seconds', '## Key points' and '## Follow-ups' after '## Back'",
        "cards/alpha/02-y.md: Follow-ups: Links the card itself; link the card that answers the follow-up",
      ]);
    }
  });

  it("keeps the sections on the loaded card", () => {
    fixture.write("decks/01-a.md", deckFile("alpha"));
    fixture.write(
      "cards/alpha/01-x.md",
      cardFile({ id: "x", deck: "alpha", back: sections("ok", ["a", "b", "c"], ["[Other?](card:y)"]) }),
    );
    fixture.write("cards/alpha/02-y.md", cardFile({ id: "y", deck: "alpha" }));
    const [card] = loadContent(fixture.root).cards;
    expect(card).toMatchObject({
      back: "The long answer.",
      interview: { sayIt: "ok", followUps: [{ question: "Other?", cardId: "y" }] },
    });
  });
});
