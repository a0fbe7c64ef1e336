// The whole account out and back in: a learner with a row in every table they own exports,
// deletes the account, and imports the file into a new one; every table compares equal row by
// row (by content: the new rows' ids differ).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { exportAccountJson } from "@/lib/data/account-export";
import { importAccountFile } from "@/lib/data/account-import";
import { createAccount, deleteAccount } from "@/lib/data/accounts";
import { importFile } from "@/lib/data/imports";
import { ensureGuestLearner } from "@/lib/data/learners";
import { mergeGuestIntoAccount } from "@/lib/data/merge-guest";
import { createOwnCard } from "@/lib/data/own-cards";
import { createOwnDeck } from "@/lib/data/own-decks";
import { recordReplayView } from "@/lib/data/replays";
import { recordReview } from "@/lib/data/reviews";
import { defaultStudySettings } from "@/lib/data/settings";
import { undoLastReview } from "@/lib/data/undo";
import { Prisma } from "@/lib/generated/prisma/client";
import { Rating } from "@/lib/srs/schedule";
import { ownCardInputSchema } from "@/lib/validations/own-cards";
import { snapshotAccount } from "../helpers/account-snapshot";
import { seedAlphaDeck } from "../helpers/seed-alpha-deck";

const settings = { ...defaultStudySettings, enableFuzz: false };
const now = new Date("2026-03-02T10:00:00Z");
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
let learners = 0;
const newAccountId = async () => {
  const email = `roundtrip-${++learners}@example.com`;
  await createAccount({ email, name: "Round Trip", passwordHash: "$argon2id$not-a-real-hash" });
  return (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
};
const bytesOf = (text: string) => new TextEncoder().encode(text);
const ankiFile = "#separator:tab\n#html:true\n<b>Bold front</b>\t<i>Back</i><script>alert(1)</script>\n";

beforeAll(async () => {
  await seedAlphaDeck(db, now);
});

/** Settings with every column away from its default, so a column lost on the way shows. */
async function writeSettings(learnerId: string) {
  await db.learnerSettings.create({
    data: {
      userId: learnerId,
      desiredRetention: 0.93,
      newCardsPerDay: 7,
      reviewsPerDay: 70,
      allDecksNewCardsPerDay: 30,
      allDecksReviewsPerDay: 300,
      learningSteps: "2m 15m",
      relearningSteps: "5m",
      timeZone: "Europe/Berlin",
      timeZoneSetAt: later(-600),
      dayStartHour: 6,
      dayChangedAt: later(-500),
      carriedDayStart: later(-400),
      leechThreshold: 5,
      leechAction: "tag",
      interviewDate: new Date("2026-04-01T00:00:00Z"),
    },
  });
}

async function writeQuizzes(learnerId: string, ownDeckId: string) {
  await db.quiz.create({
    data: {
      userId: learnerId,
      mode: "interview",
      deckIds: ["alpha", ownDeckId],
      tags: ["test"],
      timeLimitSec: 900,
      startedAt: later(5),
      finishedAt: later(20),
      questions: {
        create: [
          {
            position: 0,
            cardId: "c2",
            variantSeed: 11,
            answer: { text: "the scheduler binds" },
            isCorrect: true,
            rating: 3,
            answeredAt: later(8),
            interview: {
              create: {
                answerText: "The scheduler picks a node.",
                answeredAt: later(7),
                hinted: [0, 2],
                ticked: [0, 1],
                keyPointCount: 3,
                tickedAt: later(7.5),
                followUpQuestion: "What comes after c2?",
                followUpCardId: "c3",
                followUpText: "The kubelet starts it.",
                followUpAnsweredAt: later(7.8),
                followUpHinted: [1],
                followUpTicked: [1, 2],
                followUpPointCount: 3,
              },
            },
          },
          { position: 1, cardId: "c3", variantSeed: null, answer: Prisma.DbNull, answeredAt: null },
        ],
      },
    },
  });
  await db.quiz.create({
    data: { userId: learnerId, mode: "cram", deckIds: [], tags: [], startedAt: later(30), finishedAt: null },
  });
}

/**
 * A learner with rows in every table an account file carries: own decks (written here and
 * imported from Anki), reviews of content and own cards (one undone, one from a quiz with its
 * answer, one merged in from a guest), card states with every flag, settings, deck limits with
 * custom study's extra cards, a quiz and a mock interview, and replays viewed.
 */
async function buildRichAccount(): Promise<string> {
  const learnerId = await newAccountId();
  const guestId = `guest_${learners.toString(16).padStart(32, "e")}`;
  await ensureGuestLearner(guestId);
  await recordReview({ learnerId: guestId, cardId: "c3", rating: Rating.Easy, version: 0, now: later(-60), settings });
  await writeSettings(learnerId);
  const deck = await createOwnDeck(learnerId, "Mine");
  if (!deck.ok) throw new Error(deck.message);
  const input = {
    deckId: deck.deckId,
    front: "What does **kube-proxy** do?",
    back: "Programs `iptables`.",
    tags: "svc",
  };
  const card = await createOwnCard(learnerId, ownCardInputSchema.parse(input));
  if (!card.ok) throw new Error(card.message);
  const anki = await importFile({ learnerId, fileName: "anki.txt", bytes: bytesOf(ankiFile), now });
  if (!anki.ok) throw new Error(anki.message);
  const ankiCard = await db.card.findFirstOrThrow({ where: { deckId: anki.deckId }, select: { id: true } });
  const grade = (cardId: string, rating: Rating, version: number, minutes: number) =>
    recordReview({ learnerId, cardId, rating: rating as never, version, now: later(minutes), settings });
  await grade("c1", Rating.Good, 0, 1);
  await grade(card.cardId, Rating.Again, 0, 2);
  await grade(ankiCard.id, Rating.Hard, 0, 3);
  await grade("c1", Rating.Hard, 1, 4);
  expect(await undoLastReview(learnerId, later(4.5))).toMatchObject({ ok: true, cardId: "c1" });
  await db.reviewLog.updateMany({
    where: { userId: learnerId, cardId: ankiCard.id },
    data: { source: "quiz", answer: { choice: "b" }, isCorrect: false, variantSeed: 7, durationMs: 4200 },
  });
  await db.cardState.updateMany({
    where: { userId: learnerId, cardId: card.cardId },
    data: { suspendedAt: later(10), buriedUntil: later(1440), leechAt: later(10) },
  });
  await db.deckLimits.createMany({
    data: [
      {
        userId: learnerId,
        deckId: "alpha",
        newCardsPerDay: 3,
        reviewsPerDay: 30,
        extraNewCards: 4,
        extraNewDayStart: now,
      },
      { userId: learnerId, deckId: deck.deckId, newCardsPerDay: null, reviewsPerDay: 12 },
    ],
  });
  await writeQuizzes(learnerId, deck.deckId);
  await recordReplayView(learnerId, "etcd-quorum-loss", '{"members":5,"seed":7}', later(40));
  await recordReplayView(learnerId, "etcd-outage", '{"seed":2}', later(41));
  await mergeGuestIntoAccount(guestId, learnerId);
  return learnerId;
}

/** Every table, and whether an account file carries it; a table added to the schema must be placed here. */
const carried = [
  ...["Card", "CardState", "Deck", "DeckLimits", "InterviewAnswer", "LearnerSettings", "Quiz", "QuizQuestion"],
  ...["ReplayView", "ReviewLog"],
] as const;
const notCarried = {
  User: "the account itself: the file goes into whichever account imports it",
  Account: "OAuth links and tokens: credentials of the old account",
  Session: "sign-in sessions of the old account; they ended with it",
  VerificationToken: "one-time sign-in tokens, not study",
  PasswordReset: "reset links of the old account's password",
  AuthThrottle: "sign-in and job rate windows, about clients rather than a learner",
  KnownSignInAddress: "where the old account signed in from, a sign-in defence",
  CardSearchKey: "the search index's keys, rebuilt by triggers as cards are written",
};

describe("the account round trip", () => {
  it("places every table of the schema: carried by the file, or left out for a stated reason", () => {
    expect([...carried, ...Object.keys(notCarried)].sort()).toEqual(Object.values(Prisma.ModelName).sort());
  });

  it("export, delete, import into a new account: every carried table is the same, row by row", async () => {
    const learnerId = await buildRichAccount();
    const before = await snapshotAccount(db, learnerId);
    for (const table of carried) expect(before.rowCounts[table], table).toBeGreaterThan(0);
    const file = await exportAccountJson(learnerId, later(60));
    await deleteAccount(learnerId);
    expect(await snapshotAccount(db, learnerId)).toMatchObject({ rowCounts: { ReviewLog: 0, Deck: 0 } });

    const newId = await newAccountId();
    await ensureGuestLearner(newId);
    const outcome = await importAccountFile({ learnerId: newId, bytes: bytesOf(file), now: later(61) });
    expect(outcome).toEqual({
      ok: true,
      restored: {
        decks: 2,
        cards: 2,
        cardStates: 4,
        reviews: 5,
        quizzes: 2,
        replayViews: 2,
        deckLimits: 2,
        hasSettings: true,
      },
    });
    const after = await snapshotAccount(db, newId);
    expect(after).toEqual(before);
    // The restored requestKeys still name each grade's card version, which undo checks.
    expect(await undoLastReview(newId, later(62))).toMatchObject({ ok: true, version: 2 });
  });

  it("carries every column of every carried table: the file's rows have all the model's columns", async () => {
    const learnerId = await buildRichAccount();
    const file = JSON.parse(await exportAccountJson(learnerId, later(60)));
    const columnsOf = (model: Record<string, string>, ...tied: string[]) =>
      Object.values(model)
        .filter((column) => !tied.includes(column))
        .sort();
    const keysOf = (row: object, ...nested: string[]) =>
      Object.keys(row)
        .filter((key) => !nested.includes(key))
        .sort();
    const question = file.quizzes[0].questions[0];
    const expectations: [object, string[], string[]][] = [
      [file.settings, keysOf(file.settings), columnsOf(Prisma.LearnerSettingsScalarFieldEnum, "userId")],
      [file.deckLimits[0], keysOf(file.deckLimits[0]), columnsOf(Prisma.DeckLimitsScalarFieldEnum, "userId")],
      [file.decks[0], keysOf(file.decks[0], "cards"), columnsOf(Prisma.DeckScalarFieldEnum, "ownerId")],
      [file.decks[0].cards[0], keysOf(file.decks[0].cards[0]), columnsOf(Prisma.CardScalarFieldEnum, "deckId")],
      [file.cardStates[0], keysOf(file.cardStates[0]), columnsOf(Prisma.CardStateScalarFieldEnum, "id", "userId")],
      [file.reviewLogs[0], keysOf(file.reviewLogs[0]), columnsOf(Prisma.ReviewLogScalarFieldEnum, "id", "userId")],
      [file.quizzes[0], keysOf(file.quizzes[0], "questions"), columnsOf(Prisma.QuizScalarFieldEnum, "id", "userId")],
      [question, keysOf(question, "interview"), columnsOf(Prisma.QuizQuestionScalarFieldEnum, "id", "quizId")],
      [
        question.interview,
        keysOf(question.interview),
        columnsOf(Prisma.InterviewAnswerScalarFieldEnum, "quizQuestionId"),
      ],
      [file.replayViews[0], keysOf(file.replayViews[0]), columnsOf(Prisma.ReplayViewScalarFieldEnum, "id", "userId")],
    ];
    for (const [row, keys, columns] of expectations) expect(keys, JSON.stringify(row)).toEqual(columns);
  });
});
