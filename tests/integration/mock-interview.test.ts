import { beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "@/lib/content/load";
import { seedContent } from "@/lib/content/seed";
import { db } from "@/lib/db";
import { alreadyTakenMessage } from "@/lib/data/interview-question";
import { getInterviewReport } from "@/lib/data/interview-report";
import {
  submitFollowUpAnswer,
  submitFollowUpTicks,
  submitKeyPointTicks,
  submitTypedAnswer,
} from "@/lib/data/interview-steps";
import { getInterviewView } from "@/lib/data/interview-view";
import { ensureGuestLearner } from "@/lib/data/learners";
import { createQuiz, retryInterview } from "@/lib/data/quiz-create";
import { defaultStudySettings } from "@/lib/data/settings";
import { cardFile, createContentFixture, deckFile, interviewSectionsOf } from "../helpers/content-fixture";

// The mock interview's steps, report and retry against a real, migrated SQLite file.

const settings = { ...defaultStudySettings, enableFuzz: false };
const now = new Date("2026-03-02T10:00:00Z");
const seconds = (n: number) => new Date(now.getTime() + n * 1000);
let learnerCount = 0;
const newLearner = async () => {
  const id = `guest_${(++learnerCount).toString(16).padStart(32, "c")}`;
  await ensureGuestLearner(id);
  return id;
};
const sections = (followUps: string[]) =>
  interviewSectionsOf({
    sayIt: "Say this.",
    keyPoints: ["etcd stores every object", "only the API server writes etcd", "watches fan out from the watch cache"],
    followUps,
  });

beforeAll(async () => {
  const fixture = createContentFixture();
  fixture.write("decks/01-a.md", deckFile("alpha", "Alpha"));
  fixture.write("decks/02-b.md", deckFile("beta", "Beta"));
  fixture.write(
    "cards/alpha/q1.md",
    cardFile({ id: "q1", deck: "alpha", back: `One.${sections(["Unlinked first?", "[Linked second?](card:q2)"])}` }),
  );
  fixture.write(
    "cards/alpha/q2.md",
    cardFile({ id: "q2", deck: "alpha", back: `Two.${sections(["Nothing links here?"])}` }),
  );
  // Sections, but a multiple-choice question: a mock interview asks open questions only.
  fixture.write(
    "cards/alpha/choice.md",
    cardFile({
      id: "choice",
      deck: "alpha",
      choices: [{ text: "three", correct: true }, { text: "four" }],
    }),
  );
  fixture.write(
    "cards/beta/q3.md",
    cardFile({
      id: "q3",
      deck: "beta",
      extra: "scenario: etcd-quorum-loss\n",
      back: `Three.${sections(["[Back to one?](card:q1)"])}`,
    }),
  );
  await seedContent(db, loadContent(fixture.root), now);
  fixture.cleanup();
});

/** An interview of exactly these cards, in this order (createQuiz draws at random). */
async function interviewOf(learnerId: string, cardIds: string[], secondsPerQuestion = 90) {
  const quiz = await db.quiz.create({
    data: {
      userId: learnerId,
      mode: "interview",
      deckIds: [],
      tags: [],
      timeLimitSec: cardIds.length * secondsPerQuestion,
      startedAt: now,
      questions: { create: cardIds.map((cardId, position) => ({ cardId, position })) },
    },
  });
  return quiz.id;
}

describe("createQuiz in interview mode", () => {
  it("draws only open questions with interview sections, and says so when the decks hold too few", async () => {
    const learnerId = await newLearner();
    const created = await createQuiz(
      learnerId,
      { mode: "interview", deckIds: [], tags: [], questionCount: 3, secondsPerQuestion: 90 },
      now,
    );
    expect(created.ok).toBe(true);
    const drawn = await db.quizQuestion.findMany({
      where: { quizId: (created as { quizId: string }).quizId },
      select: { cardId: true },
    });
    expect(drawn.map((q) => q.cardId).sort()).toEqual(["q1", "q2", "q3"]);
    expect(
      await createQuiz(
        learnerId,
        { mode: "interview", deckIds: [], tags: [], questionCount: 4, secondsPerQuestion: 90 },
        now,
      ),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/^Only 3 cards/) });
    expect(
      await createQuiz(
        learnerId,
        { mode: "interview", deckIds: ["beta"], tags: [], questionCount: 2, secondsPerQuestion: 90 },
        now,
      ),
    ).toEqual({
      ok: false,
      message:
        "Only 1 card in these decks and topics has interview sections (a 30-second answer, key " +
        "points and follow-ups): ask for at most 1 question, or choose more decks or topics.",
    });
  });
});

describe("a mock interview question, step by step", () => {
  it(
    "takes the answer with a hint, the ticks, the linked " + "follow-up and its ticks, then records one review",
    async () => {
      const learnerId = await newLearner();
      const quizId = await interviewOf(learnerId, ["q1", "q3"]);
      const step = { learnerId, quizId, position: 0, settings };
      expect((await getInterviewView(learnerId, quizId, now))!.current).toMatchObject({
        step: "answer",
        ticks: null,
        followUp: null,
      });

      expect(
        await submitTypedAnswer({
          ...step,
          text: "The API server is the only one that writes to etcd.",
          now: seconds(30),
        }),
      ).toEqual({ ok: true, isFinished: false });
      expect(await submitTypedAnswer({ ...step, text: "again", now: seconds(31) })).toEqual({
        ok: false,
        message: alreadyTakenMessage,
      });
      const ticking = (await getInterviewView(learnerId, quizId, seconds(32)))!.current!;
      expect(ticking).toMatchObject({
        step: "tick",
        ticks: { hinted: [1], typedAnswer: "The API server is the only one that writes to etcd." },
      });

      expect(await submitKeyPointTicks({ ...step, ticks: [1, 3], now: seconds(40) })).toEqual({
        ok: false,
        message: "There is no key point 4: this card has 3.",
      });
      expect(
        (await db.interviewAnswer.findFirstOrThrow({ where: { question: { quizId, position: 0 } } })).tickedAt,
      ).toBeNull();
      expect(await submitKeyPointTicks({ ...step, ticks: [0, 1], now: seconds(40) })).toEqual({
        ok: true,
        isFinished: false,
      });
      // The follow-up that links a card with key points is asked, though it is listed second.
      expect((await getInterviewView(learnerId, quizId, seconds(41)))!.current).toMatchObject({
        step: "follow-up",
        followUp: { questionHtml: "Linked second?", ticks: null },
      });

      expect(
        await submitFollowUpAnswer({ ...step, text: "Watches come from the watch cache.", now: seconds(50) }),
      ).toEqual({ ok: true, isFinished: false });
      expect((await getInterviewView(learnerId, quizId, seconds(51)))!.current).toMatchObject({
        step: "follow-up-tick",
        followUp: { ticks: { hinted: [2] } },
      });
      expect(await db.reviewLog.count({ where: { userId: learnerId } })).toBe(0);

      expect(await submitFollowUpTicks({ ...step, ticks: [2], now: seconds(60) })).toEqual({
        ok: true,
        isFinished: false,
      });
      expect(await submitFollowUpTicks({ ...step, ticks: [2], now: seconds(61) })).toEqual({
        ok: false,
        message: alreadyTakenMessage,
      });
      expect(await db.quizQuestion.findFirstOrThrow({ where: { quizId, position: 0 } })).toMatchObject({
        answeredAt: seconds(60),
        rating: 2,
        isCorrect: false,
      });
      expect(
        await db.reviewLog.findMany({
          where: { userId: learnerId },
          select: { cardId: true, rating: true, source: true },
        }),
      ).toEqual([{ cardId: "q1", rating: 2, source: "quiz" }]);
      expect((await getInterviewView(learnerId, quizId, seconds(62)))!.current).toMatchObject({
        position: 1,
        step: "answer",
      });
    },
  );

  it("lets no one else take a learner's step, and writes nothing for them", async () => {
    const owner = await newLearner();
    const stranger = await newLearner();
    const quizId = await interviewOf(owner, ["q2"]);
    await submitTypedAnswer({ learnerId: owner, quizId, position: 0, text: null, now });
    expect(
      await submitKeyPointTicks({ learnerId: stranger, quizId, position: 0, ticks: [0, 1, 2], settings, now }),
    ).toEqual({ ok: false, message: "There is no such interview question." });
    expect(await submitTypedAnswer({ learnerId: stranger, quizId, position: 0, text: "mine", now })).toEqual({
      ok: false,
      message: "There is no such interview question.",
    });
    expect(await db.interviewAnswer.findFirstOrThrow({ where: { question: { quizId } } })).toMatchObject({
      answerText: null,
      tickedAt: null,
    });
    expect(await getInterviewView(stranger, quizId, now)).toBeNull();
    expect(await getInterviewReport(stranger, quizId)).toBeNull();
  });

  it("refuses a step once time is up and ends the interview", async () => {
    const learnerId = await newLearner();
    const quizId = await interviewOf(learnerId, ["q2"], 60);
    expect(await submitTypedAnswer({ learnerId, quizId, position: 0, text: "late", now: seconds(120) })).toEqual({
      ok: false,
      message: "Time is up: the interview is over.",
    });
    expect(await db.interviewAnswer.count({ where: { question: { quizId } } })).toBe(0);
    expect((await db.quiz.findUniqueOrThrow({ where: { id: quizId } })).finishedAt).toEqual(seconds(120));
  });
});

describe("the report, Study these and Retry", () => {
  it(
    "scores coverage by deck, lists every card with an unticked " +
      "key point once, and a retry asks the same questions",
    async () => {
      const learnerId = await newLearner();
      const quizId = await interviewOf(learnerId, ["q2", "q3", "q1"]);
      const at = (position: number) => ({ learnerId, quizId, position, settings, now });
      // q2: every key point; its follow-up links no card, so the answer to it ends the question.
      await submitTypedAnswer({ ...at(0), text: "all of it" });
      await submitKeyPointTicks({ ...at(0), ticks: [0, 1, 2] });
      expect(await submitFollowUpAnswer({ ...at(0), text: null })).toEqual({ ok: true, isFinished: false });
      // q3: one key point; the follow-up links q1 and is skipped, which ends the question: q1's key points are missed.
      await submitTypedAnswer({ ...at(1), text: "something" });
      await submitKeyPointTicks({ ...at(1), ticks: [2] });
      expect(await submitFollowUpAnswer({ ...at(1), text: null })).toEqual({ ok: true, isFinished: false });
      expect(await submitFollowUpTicks({ ...at(1), ticks: [] })).toEqual({ ok: false, message: alreadyTakenMessage });
      // q1 is never reached.
      const report = (await getInterviewReport(learnerId, quizId))!;
      expect(report).toMatchObject({ covered: 4, total: 12, missedCardIds: ["q3", "q1"] });
      expect(report.byTopic).toEqual([
        { topic: "Alpha", covered: 3, total: 9 },
        { topic: "Beta", covered: 1, total: 3 },
      ]);
      expect(report.misses.map((miss) => `${miss.cardId}:${miss.kind}`)).toEqual([
        "q3:question",
        "q1:follow-up",
        "q1:question",
      ]);
      expect(report.missedCards.map((card) => card.replayHref === null)).toEqual([false, true]);
      expect(report.questions.map((q) => q.isUnanswered)).toEqual([false, false, true]);

      const retryId = (await retryInterview(learnerId, quizId, seconds(600)))!;
      const retried = await db.quiz.findUniqueOrThrow({
        where: { id: retryId },
        select: {
          mode: true,
          timeLimitSec: true,
          questions: { orderBy: { position: "asc" }, select: { cardId: true } },
        },
      });
      expect(retried).toEqual({
        mode: "interview",
        timeLimitSec: 270,
        questions: [{ cardId: "q2" }, { cardId: "q3" }, { cardId: "q1" }],
      });
      expect(await retryInterview(await newLearner(), quizId, now)).toBeNull();
    },
  );
});
