// "Forgot password" against a real migrated SQLite file: the token is stored hashed, works once,
// expires, and a request for an email without an account looks like any other.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createPasswordReset, passwordResetTtlMs, resetPasswordWithToken } from "@/lib/data/password-resets";

const now = new Date("2026-03-02T10:00:00Z");
let count = 0;

async function newAccount(): Promise<{ id: string; email: string }> {
  const email = `reset-${++count}@example.com`;
  const user = await db.user.create({
    data: { email, passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA" },
    select: { id: true },
  });
  return { id: user.id, email };
}

const newHash = "$argon2id$new";

describe("password resets", () => {
  it("stores only the token's SHA-256, and the token works once", async () => {
    const account = await newAccount();
    const token = (await createPasswordReset(account.email, now))!;
    const row = await db.passwordReset.findFirstOrThrow({ where: { userId: account.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(row.tokenHash).not.toContain(token);
    expect(await resetPasswordWithToken(token, newHash, now)).toBe(true);
    expect((await db.user.findUniqueOrThrow({ where: { id: account.id } })).passwordHash).toBe(newHash);
    expect(await resetPasswordWithToken(token, "$argon2id$again", now)).toBe(false);
    expect((await db.user.findUniqueOrThrow({ where: { id: account.id } })).passwordHash).toBe(newHash);
  });

  it("refuses an expired token and changes nothing", async () => {
    const account = await newAccount();
    const token = (await createPasswordReset(account.email, now))!;
    const before = (await db.user.findUniqueOrThrow({ where: { id: account.id } })).passwordHash;
    expect(await resetPasswordWithToken(token, newHash, new Date(now.getTime() + passwordResetTtlMs))).toBe(false);
    expect((await db.user.findUniqueOrThrow({ where: { id: account.id } })).passwordHash).toBe(before);
  });

  it("spends the account's other open links when one is used; two concurrent uses succeed once", async () => {
    const account = await newAccount();
    const first = (await createPasswordReset(account.email, now))!;
    const second = (await createPasswordReset(account.email, now))!;
    const results = await Promise.all([
      resetPasswordWithToken(first, newHash, now),
      resetPasswordWithToken(first, newHash, now),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await resetPasswordWithToken(second, newHash, now)).toBe(false);
  });

  it("makes no token for an email without an account", async () => {
    const rowsBefore = await db.passwordReset.count();
    expect(await createPasswordReset("nobody@example.com", now)).toBeNull();
    expect(await db.passwordReset.count()).toBe(rowsBefore);
  });
});
