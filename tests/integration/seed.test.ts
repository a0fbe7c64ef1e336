import { afterAll, describe, expect, it } from "vitest";
import { loadContent } from "@/lib/content/load";
import { seedContent } from "@/lib/content/seed";
import { defaultStudySettings } from "@/lib/data/settings";
import { getQueueCountsByDeck } from "@/lib/data/study";
import { db } from "@/lib/db";
import { cardFile, createContentFixture, deckFile, interviewSectionsOf } from "../helpers/content-fixture";

const fixture = createContentFixture();
afterAll(() => fixture.cleanup());

const seed = async (now = new Date()) => seedContent(db, loadContent(fixture.root), now);
const snapshot = () =>
  db.card.findMany({
    orderBy: { id: "asc" },
    select: { id: true, prompt: true, promptHtml: true, updatedAt: true, retiredAt: true, contentHash: true },
  });

describe("seeding content", () => {
  it("creates decks and cards with rendered HTML, and a second seed changes nothing", async () => {
    fixture.write("decks/01-a.md", deckFile("alpha"));
    fixture.write(
      "cards/alpha/01-one.md",
      cardFile({ id: "one", deck: "alpha", front: "Which port?\n\n```yaml\nport: 6443\n```" }),
    );
    fixture.write("cards/alpha/02-two.md", cardFile({ id: "two", deck: "alpha" }));
    const first = await seed();
    expect(first.cards).toEqual({ created: 2, updated: 0, retired: 0, unchanged: 0 });
    const card = await db.card.findUniqueOrThrow({ where: { id: "one" } });
    expect(card.promptHtml).toContain('<pre class="shiki');
    expect(card.sources).toEqual(["https://kubernetes.io/docs/concepts/overview/components/"]);

    const before = await snapshot();
    const second = await seed();
    expect(second).toEqual({
      decks: { created: 0, updated: 0, retired: 0, unchanged: 1 },
      cards: { created: 0, updated: 0, retired: 0, unchanged: 2 },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("updates an edited card in place and keeps every learner's state and history", async () => {
    await db.user.create({ data: { id: "learner-1", isGuest: true } });
    await db.cardState.create({
      data: {
        userId: "learner-1",
        cardId: "one",
        due: new Date(),
        stability: 3,
        difficulty: 5,
        elapsedDays: 0,
        scheduledDays: 3,
        learningSteps: 0,
        reps: 2,
        lapses: 0,
        state: 2,
      },
    });
    fixture.write(
      "cards/alpha/01-one.md",
      cardFile({ id: "one", deck: "alpha", front: "Which port does the API server listen on?" }),
    );
    const summary = await seed();
    expect(summary.cards).toEqual({ created: 0, updated: 1, retired: 0, unchanged: 1 });
    expect((await db.card.findUniqueOrThrow({ where: { id: "one" } })).prompt).toBe(
      "Which port does the API server listen on?",
    );
    expect(await db.cardState.findFirstOrThrow({ where: { userId: "learner-1", cardId: "one" } })).toMatchObject({
      stability: 3,
      reps: 2,
    });
  });

  it("stores a card's interview sections rendered, and an edit to them alone reseeds the card", async () => {
    const sections = (firstPoint: string) =>
      interviewSectionsOf({
        sayIt: "The API server is the **front door**.",
        keyPoints: [firstPoint, "Only it talks to etcd", "Stateless replicas"],
        followUps: ["[Why?](card:two)", "And then?"],
      });
    fixture.write(
      "cards/alpha/01-one.md",
      cardFile({
        id: "one",
        deck: "alpha",
        front: "Which port does the API server listen on?",
        back: `6443.${sections("Listens on `6443`")}`,
      }),
    );
    expect((await seed()).cards).toMatchObject({ updated: 1, unchanged: 1 });
    const card = await db.card.findUniqueOrThrow({ where: { id: "one" } });
    expect(card.answer).toBe("6443.");
    expect(card.sayItHtml).toBe("<p>The API server is the <strong>front door</strong>.</p>");
    expect(card.keyPoints).toEqual([
      { text: "Listens on `6443`", html: "Listens on <code>6443</code>" },
      { text: "Only it talks to etcd", html: "Only it talks to etcd" },
      { text: "Stateless replicas", html: "Stateless replicas" },
    ]);
    expect(card.followUps).toEqual([
      { question: "Why?", html: "Why?", cardId: "two" },
      { question: "And then?", html: "And then?" },
    ]);
    expect((await db.card.findUniqueOrThrow({ where: { id: "two" } })).sayItHtml).toBe(
      "<p>The short answer to two.</p>",
    );

    fixture.write(
      "cards/alpha/01-one.md",
      cardFile({
        id: "one",
        deck: "alpha",
        front: "Which port does the API server listen on?",
        back: `6443.${sections("Serves HTTPS on 6443")}`,
      }),
    );
    expect((await seed()).cards).toMatchObject({ updated: 1, unchanged: 1 });
    expect(((await db.card.findUniqueOrThrow({ where: { id: "one" } })).keyPoints as { text: string }[])[0]!.text).toBe(
      "Serves HTTPS on 6443",
    );
  });

  it(
    "retires a card removed from content instead of deleting it: hidden " +
      "from study, its state and reviews kept, revived when it returns",
    async () => {
      const reviewsDue = async () =>
        (await getQueueCountsByDeck("learner-1", new Date(), defaultStudySettings)).total.review;
      const state = {
        due: new Date(),
        stability: 3,
        difficulty: 5,
        elapsedDays: 0,
        scheduledDays: 3,
        learningSteps: 0,
        reps: 2,
        lapses: 0,
        state: 2,
      };
      await db.reviewLog.create({
        data: {
          userId: "learner-1",
          cardId: "one",
          rating: 3,
          state: 2,
          reviewedAt: new Date(),
          elapsedDays: 3,
          scheduledDays: 3,
          stateBefore: state,
          stateAfter: state,
          requestKey: "learner-1:one:1",
        },
      });
      expect(await reviewsDue()).toBe(1);

      fixture.remove("cards/alpha/01-one.md");
      const retiredAt = new Date("2026-02-01T00:00:00Z");
      expect((await seed(retiredAt)).cards.retired).toBe(1);
      expect(await db.card.findUniqueOrThrow({ where: { id: "one" } })).toMatchObject({ retiredAt });
      expect(await db.cardState.count({ where: { cardId: "one" } })).toBe(1);
      expect(await db.reviewLog.count({ where: { cardId: "one" } })).toBe(1);
      expect(await reviewsDue()).toBe(0);

      fixture.write("cards/alpha/01-one.md", cardFile({ id: "one", deck: "alpha" }));
      // Both cards are written: "one" comes back, and "two" moves back to second place.
      expect((await seed()).cards).toMatchObject({ created: 0, updated: 2 });
      expect((await db.card.findUniqueOrThrow({ where: { id: "one" } })).retiredAt).toBeNull();
      expect(await reviewsDue()).toBe(1);
    },
  );

  it("aborts on invalid content with the database unchanged", async () => {
    const before = await snapshot();
    fixture.write("cards/alpha/03-new.md", cardFile({ id: "three", deck: "alpha" }));
    fixture.write("cards/alpha/04-broken.md", cardFile({ id: "two", deck: "alpha" })); // duplicate id
    await expect(seed()).rejects.toThrow(/Duplicate card id "two"/);
    expect(await snapshot()).toEqual(before);
    expect(await db.card.findUnique({ where: { id: "three" } })).toBeNull();
  });
});
