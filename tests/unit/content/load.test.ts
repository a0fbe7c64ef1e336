import { afterEach, describe, expect, it } from "vitest";
import { checkCardClaims } from "@/lib/content/check-claims";
import { ContentError, formatProblem, loadContent } from "@/lib/content/load";
import { cardFile, createContentFixture, deckFile } from "../../helpers/content-fixture";

let fixture = createContentFixture();
afterEach(() => {
  fixture.cleanup();
  fixture = createContentFixture();
});

function problemsOf(root: string): string[] {
  try {
    loadContent(root);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as ContentError).problems.map(formatProblem).map((line) => line.replace(root + "/", ""));
  }
  throw new Error("expected loadContent to fail");
}

describe("loadContent", () => {
  it("loads decks and cards in file order with their front and back", () => {
    fixture.write("decks/01-a.md", deckFile("alpha"));
    fixture.write("cards/alpha/02-second.md", cardFile({ id: "second", deck: "alpha" }));
    fixture.write(
      "cards/alpha/01-first.md",
      cardFile({ id: "first", deck: "alpha", front: "What is **etcd**?", back: "A store." }),
    );
    const content = loadContent(fixture.root);
    expect(content.decks.map((deck) => [deck.id, deck.position])).toEqual([["alpha", 0]]);
    expect(content.cards.map((card) => [card.id, card.position])).toEqual([
      ["first", 0],
      ["second", 1],
    ]);
    expect(content.cards[0]).toMatchObject({
      front: "What is **etcd**?",
      back: "A store.",
      type: "flashcard",
      tags: ["test"],
    });
  });

  it("names the file, line and field of a missing id", () => {
    fixture.write("decks/01-a.md", deckFile("alpha"));
    fixture.write("cards/alpha/01-x.md", cardFile({ id: "x", deck: "alpha" }).replace("id: x\n", ""));
    expect(problemsOf(fixture.root)).toEqual([
      "cards/alpha/01-x.md: id: Required: a stable kebab-case id, e.g. etcd-quorum-loss",
    ]);
  });

  it("reports a duplicate id in the second file, naming the first", () => {
    fixture.write("decks/01-a.md", deckFile("alpha"));
    fixture.write("cards/alpha/01-x.md", cardFile({ id: "same", deck: "alpha" }));
    fixture.write("cards/alpha/02-y.md", cardFile({ id: "same", deck: "alpha" }));
    expect(problemsOf(fixture.root)).toEqual([
      `cards/alpha/02-y.md:2: id: Duplicate card id "same", also used by ${fixture.root}/cards/alpha/01-x.md`,
    ]);
  });

  it("rejects an unknown deck and lists the decks there are", () => {
    fixture.write("decks/01-a.md", deckFile("alpha"));
    fixture.write("cards/alpha/01-x.md", cardFile({ id: "x", deck: "beta" }));
    expect(problemsOf(fixture.root)).toEqual(['cards/alpha/01-x.md:3: deck: Unknown deck "beta"; decks are: alpha']);
  });

  it("rejects an unknown card type with the valid ones", () => {
    fixture.write("decks/01-a.md", deckFile("alpha"));
    fixture.write(
      "cards/alpha/01-x.md",
      cardFile({ id: "x", deck: "alpha" }).replace("type: flashcard", "type: essay"),
    );
    expect(problemsOf(fixture.root)).toEqual([
      "cards/alpha/01-x.md:4: type: Must be one of: flashcard, multiple-choice, ordering, predict",
    ]);
  });

  it("reports malformed YAML with its line", () => {
    fixture.write("decks/01-a.md", deckFile("alpha"));
    fixture.write("cards/alpha/01-x.md", cardFile({ id: "x", deck: "alpha" }).replace("tags: [test]", "tags: [test"));
    const [problem] = problemsOf(fixture.root);
    expect(problem).toMatch(/^cards\/alpha\/01-x\.md:\d+: front matter: Malformed YAML: /);
  });

  it("requires the Front and Back sections", () => {
    fixture.write("decks/01-a.md", deckFile("alpha"));
    fixture.write("cards/alpha/01-x.md", cardFile({ id: "x", deck: "alpha" }).replace("## Back", "## Answer"));
    expect(problemsOf(fixture.root)).toEqual([
      "cards/alpha/01-x.md: body: Write the card as a '## Front' section followed by a '## Back' section",
    ]);
  });

  it("rejects unknown fields, non-https sources and choices without a correct one", () => {
    fixture.write("decks/01-a.md", deckFile("alpha"));
    fixture.write("cards/alpha/01-x.md", cardFile({ id: "x", deck: "alpha", extra: "colour: blue\n" }));
    fixture.write(
      "cards/alpha/02-y.md",
      cardFile({ id: "y", deck: "alpha" }).replace("https://kubernetes.io", "http://kubernetes.io"),
    );
    fixture.write(
      "cards/alpha/03-z.md",
      cardFile({ id: "z", deck: "alpha", choices: [{ text: "one" }, { text: "two" }] }),
    );
    expect(problemsOf(fixture.root)).toEqual([
      "cards/alpha/01-x.md:8: colour: Unknown field: remove it or check its spelling",
      "cards/alpha/02-y.md:6: sources.0: Must be an https:// URL",
      "cards/alpha/03-z.md:8: choices: Mark at least one choice correct: true",
    ]);
  });

  it("takes a claim only with a scenario, and checks it against the scenario's run at the card's params", () => {
    fixture.write("decks/01-a.md", deckFile("alpha"));
    fixture.write("cards/alpha/01-x.md", cardFile({ id: "x", deck: "alpha", extra: "claim: no-leader\n" }));
    expect(problemsOf(fixture.root)).toEqual(["cards/alpha/01-x.md:8: claim: claim needs a scenario"]);
    fixture.write(
      "cards/alpha/01-x.md",
      cardFile({
        id: "x",
        deck: "alpha",
        extra: "scenario: etcd-quorum-loss\nparams: { down: 1 }\nclaim: no-leader\n",
      }),
    );
    fixture.write("cards/alpha/02-y.md", cardFile({ id: "y", deck: "alpha", extra: "scenario: etcd-quorum-loss\n" }));
    fixture.write(
      "cards/alpha/03-z.md",
      cardFile({ id: "z", deck: "alpha", extra: "scenario: etcd-quorum-loss\nclaim: no-leader\n" }),
    );
    const problems = checkCardClaims(loadContent(fixture.root).cards)
      .map(formatProblem)
      .map((line) => line.replace(fixture.root + "/", ""));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      new RegExp(
        /^cards\/alpha\/01-x\.md:10: claim: "no-leader" is not a claim of etcd-quorum-loss at these params; /.source +
          /it checks: leader, /.source,
      ),
    );
    expect(problems[1]).toMatch(
      new RegExp(
        /^cards\/alpha\/02-y\.md:8: claim: Name the claim this card is about; /.source +
          /the etcd-quorum-loss run at these params checks: no-leader, /.source,
      ),
    );
  });

  it("reports every problem at once, across files", () => {
    fixture.write("decks/01-a.md", deckFile("alpha").replace("title: Deck alpha\n", ""));
    fixture.write("cards/alpha/01-x.md", cardFile({ id: "Bad_Id", deck: "alpha" }));
    expect(problemsOf(fixture.root)).toHaveLength(2);
  });
});
