import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";

export type CreateAccountResult = { ok: true; userId: string } | { ok: false; message: string };

/** A new account with an email and an argon2id password hash; a taken email is a message, not an error. */
export async function createAccount(input: { email: string; name: string | null; passwordHash: string }): Promise<CreateAccountResult> {
  try {
    const user = await db.user.create({ data: { email: input.email, name: input.name, passwordHash: input.passwordHash }, select: { id: true } });
    return { ok: true, userId: user.id };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, message: "An account with this email already exists. Sign in instead." };
    }
    throw error;
  }
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
    await tx.user.delete({ where: { id: learnerId } }); // settings, accounts and sessions cascade
  });
}
