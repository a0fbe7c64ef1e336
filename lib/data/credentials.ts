import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { spendResetLinks } from "./password-resets";

export type CredentialChange = { ok: true } | { ok: false; reason: "wrong-password" | "email-taken" };

async function hasPassword(userId: string, password: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  return !!user?.passwordHash && (await verifyPassword(user.passwordHash, password));
}

/** Replaces an account's password after checking the current one; open reset links stop working. */
export async function changePassword(
  userId: string,
  currentPassword: string,
  newPasswordHash: string,
  now: Date,
): Promise<CredentialChange> {
  if (!(await hasPassword(userId, currentPassword))) return { ok: false, reason: "wrong-password" };
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { passwordHash: newPasswordHash } }),
    spendResetLinks(db, userId, now),
  ]);
  return { ok: true };
}

/** Moves an account to a new email after checking its password; open reset links stop working. */
export async function changeEmail(
  userId: string,
  currentPassword: string,
  newEmail: string,
  now: Date,
): Promise<CredentialChange> {
  if (!(await hasPassword(userId, currentPassword))) return { ok: false, reason: "wrong-password" };
  try {
    await db.$transaction([
      db.user.update({ where: { id: userId }, data: { email: newEmail, emailVerified: null } }),
      spendResetLinks(db, userId, now),
    ]);
    return { ok: true };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return { ok: false, reason: "email-taken" };
    throw error;
  }
}
