import "server-only";
import { createPasswordReset, passwordResetTtlMs } from "@/lib/data/password-resets";
import { env } from "@/lib/env";
import { isMailConfigured, type Mail } from "@/lib/mail/send-mail";
import { claimAttempt } from "./throttle";

export type ResetRequestResult =
  | { ok: true; mail: Mail | null }
  | { ok: false; code: "mail-not-configured" }
  | { ok: false; code: "throttled"; retryAfterMs: number };

/**
 * A "forgot password" request: counted per address (10 a window) and per email (3), then a
 * single-use link for the account, if there is one. `mail` is what to send (null when the email
 * has no account); the caller sends it after answering, so that the answer, and how long it takes,
 * is the same whether or not the account exists.
 */
export async function requestPasswordReset(
  email: string,
  address: string | null,
  now: Date,
): Promise<ResetRequestResult> {
  if (!isMailConfigured() || !env.QUORUM_PUBLIC_URL) return { ok: false, code: "mail-not-configured" };
  const claims = [await claimAttempt({ kind: "reset-email", value: email }, now)];
  if (address) claims.push(await claimAttempt({ kind: "reset-address", value: address }, now));
  const refused = claims.filter((claim) => !claim.isWithinLimit);
  if (refused.length > 0)
    return {
      ok: false,
      code: "throttled",
      retryAfterMs: Math.max(...refused.map((claim) => claim.windowEndsAtMs - now.getTime())),
    };
  const token = await createPasswordReset(email, now);
  if (!token) return { ok: true, mail: null };
  const link = new URL(`/reset-password?token=${token}`, env.QUORUM_PUBLIC_URL).toString();
  const minutes = passwordResetTtlMs / 60_000;
  return {
    ok: true,
    mail: {
      to: email,
      subject: "Reset your Quorum password",
      text:
        `Someone (we hope you) asked to reset the password of your Quorum account.\n\n` +
        `Choose a new password here within ${minutes} minutes:\n${link}\n\nThe link works ` +
        `once. If you did not ask, ignore this mail: your password stays as it is.\n`,
    },
  };
}
