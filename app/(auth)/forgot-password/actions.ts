"use server";

import { headers } from "next/headers";
import { after } from "next/server";
import { clientAddress } from "@/lib/auth/client-address";
import { requestPasswordReset } from "@/lib/auth/password-reset-request";
import { clock } from "@/lib/clock";
import { env } from "@/lib/env";
import { requestLog } from "@/lib/ops/request-log";
import { sendMail } from "@/lib/mail/send-mail";
import { forgotPasswordSchema } from "@/lib/validations/auth";
import { firstErrorMessage, type FormMessageState } from "@/lib/validations/messages";
import { formDataOrEmpty } from "@/lib/validations/form-data";

export async function askForPasswordReset(_previous: FormMessageState, submitted: unknown): Promise<FormMessageState> {
  const parsed = forgotPasswordSchema.safeParse({ email: formDataOrEmpty(submitted).get("email") ?? "" });
  if (!parsed.success) return { ok: false, message: firstErrorMessage(parsed.error, "Enter your email address.") };
  const address = clientAddress(Object.fromEntries(await headers()), env.QUORUM_TRUSTED_PROXIES);
  const result = await requestPasswordReset(parsed.data.email, address, clock.now());
  if (!result.ok && result.code === "mail-not-configured") {
    return {
      ok: false,
      message:
        "This Quorum server cannot send mail (no SMTP server is " +
        "configured), so it cannot reset passwords. Ask whoever runs it.",
    };
  }
  if (!result.ok)
    return {
      ok: false,
      message: `Too many reset requests. Try again in ${Math.ceil(result.retryAfterMs / 60_000)} minutes.`,
    };
  const { mail } = result;
  if (mail) {
    const logger = await requestLog();
    after(() =>
      sendMail(mail).catch((error: unknown) => logger.error({ err: error }, "sending a password reset mail failed")),
    );
  }
  return {
    ok: true,
    message:
      `If ${parsed.data.email} has a Quorum account, a link to choose a ` +
      "new password is on its way. It works once, for an hour.",
  };
}
