// Changing an account's password or email (lib/data/credentials.ts), on a real migrated database:
// only with the current password, never onto another account's email, and each change ends the
// reset links sent before it.
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { changeEmail, changePassword } from "@/lib/data/credentials";
import { createPasswordReset, resetPasswordWithToken } from "@/lib/data/password-resets";

const now = new Date("2026-03-02T10:00:00Z");
const password = "orbit lantern cobalt meadow 42";
let count = 0;

async function newAccount() {
  const email = `credentials-${++count}@example.com`;
  const user = await db.user.create({
    data: { email, emailVerified: now, passwordHash: await hashPassword(password) },
  });
  return { id: user.id, email };
}

const hashOf = async (userId: string) =>
  (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } })).passwordHash!;

describe("changePassword", () => {
  it("needs the current password, then replaces the hash and ends every reset link sent before", async () => {
    const account = await newAccount();
    const token = (await createPasswordReset(account.email, now))!;
    const newHash = await hashPassword("a different long passphrase");
    expect(await changePassword(account.id, "not the password", newHash, now)).toEqual({
      ok: false,
      reason: "wrong-password",
    });
    expect(await verifyPassword(await hashOf(account.id), password)).toBe(true);

    expect(await changePassword(account.id, password, newHash, now)).toEqual({ ok: true });
    expect(await hashOf(account.id)).toBe(newHash);
    expect(await resetPasswordWithToken(token, await hashPassword(password), now)).toBe(false);
    expect(await hashOf(account.id)).toBe(newHash);
  });
});

describe("changeEmail", () => {
  it("needs the current password, refuses another account's email, and unverifies the new one", async () => {
    const [account, other] = [await newAccount(), await newAccount()];
    const token = (await createPasswordReset(account.email, now))!;
    expect(await changeEmail(account.id, "not the password", "new@example.com", now)).toEqual({
      ok: false,
      reason: "wrong-password",
    });
    expect(await changeEmail(account.id, password, other.email, now)).toEqual({ ok: false, reason: "email-taken" });
    expect(await resetPasswordWithToken(token, await hashPassword("still works after refusals"), now)).toBe(true);

    const later = (await createPasswordReset(account.email, now))!;
    const moved = `moved-${count}@example.com`;
    expect(await changeEmail(account.id, "still works after refusals", moved, now)).toEqual({ ok: true });
    expect(await db.user.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({
      email: moved,
      emailVerified: null,
    });
    expect(await resetPasswordWithToken(later, await hashPassword(password), now)).toBe(false);
  });
});
