import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** How long a reset link works. */
export const passwordResetTtlMs = 60 * 60_000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Spends every open reset link of an account (its password or email changed): one statement, for a transaction. */
export function spendResetLinks(client: Prisma.TransactionClient, userId: string, now: Date) {
  return client.passwordReset.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
}

/**
 * A new single-use reset token for the account with this email, or null when there is no such
 * account with a password (the caller must answer the same either way). Only its hash is stored.
 */
export async function createPasswordReset(email: string, now: Date): Promise<string | null> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  if (!user?.passwordHash) return null;
  const token = randomBytes(32).toString("base64url");
  await db.passwordReset.create({
    data: {
      userId: user.id,
      tokenHash: hashToken(token),
      expiresAt: new Date(now.getTime() + passwordResetTtlMs),
      createdAt: now,
    },
  });
  return token;
}

/**
 * Sets a new password with a reset token, in one transaction: the token is claimed (unused, not
 * expired) by one conditional update, so two submits of one link cannot both succeed; every other
 * open link of the account is spent with it. False when the token does not work.
 */
export async function resetPasswordWithToken(token: string, passwordHash: string, now: Date): Promise<boolean> {
  const tokenHash = hashToken(token);
  return db.$transaction(async (tx) => {
    const { count } = await tx.passwordReset.updateMany({
      where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count !== 1) return false;
    const { userId } = await tx.passwordReset.findUniqueOrThrow({ where: { tokenHash }, select: { userId: true } });
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await spendResetLinks(tx, userId, now);
    return true;
  });
}
