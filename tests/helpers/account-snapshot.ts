import type { PrismaClient } from "@/lib/generated/prisma/client";

// Everything an account file carries for one learner, read back with the ids that differ between
// two accounts replaced by what the rows mean: an own deck by its position and title, an own
// card by its deck and position, a review's grader by whether it is the learner. Two accounts
// with the same study compare equal.

export async function snapshotAccount(db: PrismaClient, learnerId: string) {
  const where = { userId: learnerId };
  const decks = await db.deck.findMany({
    where: { ownerId: learnerId },
    orderBy: { position: "asc" },
    omit: { ownerId: true },
    include: { cards: { omit: { deckId: true }, orderBy: { position: "asc" } } },
  });
  const ownIds = new Map<string, string>();
  for (const deck of decks) {
    ownIds.set(deck.id, `deck ${deck.position} ${deck.title}`);
    for (const card of deck.cards) ownIds.set(card.id, `card ${deck.position}/${card.position}`);
  }
  const meaning = (id: string) => ownIds.get(id) ?? id;
  const [settings, deckLimits, cardStates, reviewLogs, quizzes, replayViews] = await Promise.all([
    db.learnerSettings.findUnique({ where, omit: { userId: true } }),
    db.deckLimits.findMany({ where, omit: { userId: true } }),
    db.cardState.findMany({ where, omit: { id: true, userId: true } }),
    db.reviewLog.findMany({ where, omit: { id: true, userId: true }, orderBy: [{ reviewedAt: "asc" }] }),
    db.quiz.findMany({
      where,
      omit: { id: true, userId: true },
      orderBy: { startedAt: "asc" },
      include: {
        questions: {
          omit: { id: true, quizId: true },
          orderBy: { position: "asc" },
          include: { interview: { omit: { quizQuestionId: true } } },
        },
      },
    }),
    db.replayView.findMany({ where, omit: { id: true, userId: true }, orderBy: { viewedAt: "asc" } }),
  ]);
  const byCard = (a: { cardId: string }, b: { cardId: string }) => a.cardId.localeCompare(b.cardId);
  const questions = quizzes.flatMap((quiz) => quiz.questions);
  return {
    rowCounts: {
      LearnerSettings: settings ? 1 : 0,
      DeckLimits: deckLimits.length,
      Deck: decks.length,
      Card: decks.flatMap((deck) => deck.cards).length,
      CardState: cardStates.length,
      ReviewLog: reviewLogs.length,
      Quiz: quizzes.length,
      QuizQuestion: questions.length,
      InterviewAnswer: questions.filter((question) => question.interview).length,
      ReplayView: replayViews.length,
    },
    settings,
    deckLimits: deckLimits
      .map((limits) => ({ ...limits, deckId: meaning(limits.deckId) }))
      .sort((a, b) => a.deckId.localeCompare(b.deckId)),
    decks: decks.map(({ id: _id, cards, ...deck }) => ({
      ...deck,
      cards: cards.map(({ id: _cardId, ...card }) => card),
    })),
    cardStates: cardStates.map((state) => ({ ...state, cardId: meaning(state.cardId) })).sort(byCard),
    reviewLogs: reviewLogs.map((review) => {
      const [grader, , version] = review.requestKey.split(":");
      const cardId = meaning(review.cardId);
      return { ...review, cardId, requestKey: `${grader === learnerId ? "learner" : "other"}:${cardId}:${version}` };
    }),
    quizzes: quizzes.map((quiz) => ({
      ...quiz,
      deckIds: (quiz.deckIds as string[]).map(meaning),
      questions: quiz.questions.map((question) => ({ ...question, cardId: meaning(question.cardId) })),
    })),
    replayViews,
  };
}
