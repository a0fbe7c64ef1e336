import { beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "@/lib/content/load";
import { seedContent } from "@/lib/content/seed";
import { db } from "@/lib/db";
import { checkCardAnswer } from "@/lib/data/answers";
import { setCardFlag } from "@/lib/data/card-flags";
import { presentCard } from "@/lib/data/present-card";
import { recordReview } from "@/lib/data/reviews";
import { defaultStudySettings, getStudySettings, saveStudySettings } from "@/lib/data/settings";
import { getStudyQueue } from "@/lib/data/study";
import { undoLastReview } from "@/lib/data/undo";
import { Rating, State } from "@/lib/srs/schedule";
import { studySettingsSchema } from "@/lib/validations/settings";
import { cardFile, createContentFixture, deckFile } from "../helpers/content-fixture";

const settings = { ...defaultStudySettings, enableFuzz: false };
const now = new Date("2026-03-02T10:00:00Z");
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
let learnerCount = 0;
const newLearner = () => `guest_${(++learnerCount).toString(16).padStart(32, "a")}`;
const stateOf = (userId: string, cardId: string) =>
  db.cardState.findUniqueOrThrow({ where: { userId_cardId: { userId, cardId } } });

beforeAll(async () => {
  const fixture = createContentFixture();
  fixture.write("decks/01-a.md", deckFile("alpha"));
  for (const id of ["f1", "f2"]) fixture.write(`cards/alpha/${id}.md`, cardFile({ id, deck: "alpha" }));
  fixture.write(
    "cards/alpha/m1.md",
    cardFile({
      id: "m1",
      deck: "alpha",
      choices: [{ text: "three", correct: true }, { text: "`four`" }, { text: "five" }],
    }),
  );
  fixture.write("cards/alpha/o1.md", cardFile({ id: "o1", deck: "alpha", steps: ["first", "second", "third"] }));
  await seedContent(db, loadContent(fixture.root), now);
  fixture.cleanup();
});

describe("undoLastReview", () => {
  it("puts the card back as it was, marks the log undone, and lets it be graded again", async () => {
    const learnerId = newLearner();
    await recordReview({ learnerId, cardId: "f1", rating: Rating.Easy, version: 0, now, settings });
    const graded = await stateOf(learnerId, "f1");
    await recordReview({
      learnerId,
      cardId: "f1",
      rating: Rating.Again,
      version: graded.version,
      now: minutes(60 * 24 * 9),
      settings,
    });
    const undo = await undoLastReview(learnerId, minutes(60 * 24 * 9 + 1));
    expect(undo).toEqual({ ok: true, cardId: "f1", deckId: "alpha", version: 3 });
    expect(await stateOf(learnerId, "f1")).toMatchObject({
      state: State.Review,
      lapses: 0,
      due: graded.due,
      stability: graded.stability,
      version: 3,
    });
    const logs = await db.reviewLog.findMany({ where: { userId: learnerId }, orderBy: { createdAt: "asc" } });
    expect(logs.map((log) => log.undoneAt !== null)).toEqual([false, true]);
    expect(
      await recordReview({
        learnerId,
        cardId: "f1",
        rating: Rating.Good,
        version: 3,
        now: minutes(60 * 24 * 9 + 2),
        settings,
      }),
    ).toMatchObject({ ok: true });
  });

  it("makes a card that was new new again, and refuses when the card changed since", async () => {
    const learnerId = newLearner();
    expect(await undoLastReview(learnerId, now)).toEqual({ ok: false, message: "There is no grade to undo." });
    await recordReview({ learnerId, cardId: "f2", rating: Rating.Good, version: 0, now, settings });
    await setCardFlag({ learnerId, cardId: "f2", flag: "bury", now, settings });
    expect(await undoLastReview(learnerId, now)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/changed since/),
    });
    await setCardFlag({ learnerId, cardId: "f2", flag: "unsuspend", now, settings });
    const other = newLearner();
    await recordReview({ learnerId: other, cardId: "f2", rating: Rating.Good, version: 0, now, settings });
    expect(await undoLastReview(other, now)).toMatchObject({ ok: true });
    expect(await stateOf(other, "f2")).toMatchObject({ state: State.New, reps: 0, version: 2 });
    const queue = await getStudyQueue(other, "alpha", now, settings);
    expect(queue.counts.new).toBe(4); // f2 counts as new again, and the undone grade not against today's limit
  });
});

describe("bury and suspend", () => {
  it("hide a card: buried until the next learning day, suspended until unsuspended", async () => {
    const learnerId = newLearner();
    await setCardFlag({ learnerId, cardId: "f1", flag: "bury", now, settings });
    await setCardFlag({ learnerId, cardId: "f2", flag: "suspend", now, settings });
    let queue = await getStudyQueue(learnerId, "alpha", now, settings);
    expect(queue.counts.new).toBe(2);
    expect(queue.card?.id).toBe("m1");
    queue = await getStudyQueue(learnerId, "alpha", new Date("2026-03-03T04:00:00Z"), settings); // next day, 4 am
    expect(queue.card?.id).toBe("f1");
    expect(queue.counts.new).toBe(3);
    await setCardFlag({ learnerId, cardId: "f2", flag: "unsuspend", now, settings });
    expect((await getStudyQueue(learnerId, "alpha", now, settings)).counts.new).toBe(3);
  });
});

describe("leeches", () => {
  it("suspend a card on its 8th lapse (default), and only tag it when the learner chose so", async () => {
    for (const leechAction of ["suspend", "tag"] as const) {
      const learnerId = newLearner();
      await recordReview({ learnerId, cardId: "f1", rating: Rating.Easy, version: 0, now, settings });
      await db.cardState.update({
        where: { userId_cardId: { userId: learnerId, cardId: "f1" } },
        data: { lapses: 7, state: State.Review },
      });
      const state = await stateOf(learnerId, "f1");
      const result = await recordReview({
        learnerId,
        cardId: "f1",
        rating: Rating.Again,
        version: state.version,
        now: state.due,
        settings: { ...settings, leechAction },
      });
      expect(result).toMatchObject({ ok: true, becameLeech: true, isSuspended: leechAction === "suspend" });
      expect(await stateOf(learnerId, "f1")).toMatchObject({
        lapses: 8,
        leechAt: state.due,
        suspendedAt: leechAction === "suspend" ? state.due : null,
      });
    }
  });
});

describe("checked questions", () => {
  it("check multiple choice and ordering answers on the server, without trusting the page", async () => {
    expect(await checkCardAnswer(null, "m1", { kind: "multiple-choice", choices: [0] })).toMatchObject({
      ok: true,
      isCorrect: true,
      expected: [0],
    });
    expect(await checkCardAnswer(null, "m1", { kind: "multiple-choice", choices: [0, 1] })).toMatchObject({
      ok: true,
      isCorrect: false,
    });
    expect(await checkCardAnswer(null, "m1", { kind: "multiple-choice", choices: [7] })).toEqual({
      ok: false,
      message: "That answer names choices this question does not have.",
    });
    expect(await checkCardAnswer(null, "o1", { kind: "ordering", order: [0, 1, 2] })).toMatchObject({
      ok: true,
      isCorrect: true,
    });
    expect(await checkCardAnswer(null, "o1", { kind: "ordering", order: [1, 0, 2] })).toMatchObject({
      ok: true,
      isCorrect: false,
    });
    expect(await checkCardAnswer(null, "o1", { kind: "ordering", order: [0, 0, 2] })).toMatchObject({ ok: false });
    expect(await checkCardAnswer(null, "o1", { kind: "multiple-choice", choices: [0] })).toEqual({
      ok: false,
      message: "This card is a ordering question, not multiple-choice.",
    });
  });

  it("show choices and steps without the answer, the choices rendered from Markdown", async () => {
    const show = (cardId: string) =>
      presentCard({ cardId, learnerId: newLearner(), memory: null, queue: "new", now, settings });
    const choice = await show("m1");
    expect(choice).toMatchObject({ answerHtml: null, interview: null });
    if (choice.question.kind !== "multiple-choice") throw new Error(`m1 shown as ${choice.question.kind}`);
    expect(choice.question.isMultiple).toBe(false);
    expect(choice.question.choices.map((shown) => shown.id).sort()).toEqual([0, 1, 2]);
    expect(choice.question.choices.find((shown) => shown.id === 1)?.html).toContain("<code>four</code>");
    // Nothing sent says which choice is right: no "correct" flag, and not the card's answer.
    expect(JSON.stringify(choice)).not.toMatch(/correct/i);
    expect(JSON.stringify(choice)).not.toContain("Answer to m1");

    const ordering = await show("o1");
    expect(ordering).toMatchObject({ answerHtml: null, interview: null });
    if (ordering.question.kind !== "ordering") throw new Error(`o1 shown as ${ordering.question.kind}`);
    const order = ordering.question.steps.map((step) => step.id);
    expect([...order].sort()).toEqual([0, 1, 2]);
    expect(order).not.toEqual([0, 1, 2]); // never shown already solved
    expect(JSON.stringify(ordering)).not.toContain("Answer to o1");
  });
});

describe("study settings", () => {
  it("are saved per learner and read back; invalid input names the field to fix", async () => {
    const learnerId = newLearner();
    await db.user.create({ data: { id: learnerId, isGuest: true } });
    const form = {
      desiredRetention: "0.85",
      newCardsPerDay: "5",
      reviewsPerDay: "50",
      learningSteps: "2m 15m 1h",
      relearningSteps: "5m",
      timeZone: "Asia/Tokyo",
      dayStartHour: "6",
      leechThreshold: "6",
      leechAction: "tag",
    };
    await saveStudySettings(learnerId, studySettingsSchema.parse(form), new Date("2026-12-07T12:00:00Z"));
    expect(await getStudySettings(learnerId)).toMatchObject({
      desiredRetention: 0.85,
      newCardsPerDay: 5,
      learningSteps: ["2m", "15m", "1h"],
      timeZone: "Asia/Tokyo",
      leechAction: "tag",
    });
    const bad = studySettingsSchema.safeParse({
      ...form,
      desiredRetention: "1.5",
      learningSteps: "10 minutes",
      timeZone: "Mars/Base",
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((issue) => issue.path[0])).toEqual(["desiredRetention", "learningSteps", "timeZone"]);
  });
});
