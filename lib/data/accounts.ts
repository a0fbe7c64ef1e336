import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";

/**
 * A new account with an email and an argon2id password hash; false when the email is taken, which
 * the caller must not reveal (sign-up answers the same either way).
 */
export async function createAccount(input: {
  email: string;
  name: string | null;
  passwordHash: string;
}): Promise<boolean> {
  try {
    await db.user.create({
      data: { email: input.email, name: input.name, passwordHash: input.passwordHash },
      select: { id: true },
    });
    return true;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
    throw error;
  }
}

/** Whether a signed-in session's user is still a real account (not deleted, not a guest). */
export async function isActiveAccount(userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { isGuest: true } });
  return user !== null && !user.isGuest;
}

/**
 * Deletes a learner and everything in their account, in one transaction: reviews, card states,
 * quizzes, settings, their private decks and cards, sign-in accounts and sessions.
 */
export async function deleteAccount(learnerId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const ownDecks = { deck: { ownerId: learnerId } };
    await tx.quiz.deleteMany({ where: { userId: learnerId } });
    await tx.quizQuestion.deleteMany({ where: { card: ownDecks } });
    await tx.reviewLog.deleteMany({ where: { OR: [{ userId: learnerId }, { card: ownDecks }] } });
    await tx.cardState.deleteMany({ where: { OR: [{ userId: learnerId }, { card: ownDecks }] } });
    await tx.card.deleteMany({ where: ownDecks });
    await tx.deck.deleteMany({ where: { ownerId: learnerId } });
    // settings, accounts and sessions cascade; a guest who never saved anything has no row, which is fine
    await tx.user.deleteMany({ where: { id: learnerId } });
  });
}
