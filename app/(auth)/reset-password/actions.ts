"use server";

import { hashPassword, passwordWeakness } from "@/lib/auth/password";
import { clock } from "@/lib/clock";
import { resetPasswordWithToken } from "@/lib/data/password-resets";
import { resetPasswordSchema } from "@/lib/validations/auth";
import { firstErrorMessage, type FormMessageState } from "@/lib/validations/messages";
import { formDataOrEmpty } from "@/lib/validations/form-data";

export async function resetPassword(_previous: FormMessageState, submitted: unknown): Promise<FormMessageState> {
  const formData = formDataOrEmpty(submitted);
  const parsed = resetPasswordSchema.safeParse({
    token: formData.get("token") ?? "",
    password: formData.get("password") ?? "",
  });
  if (!parsed.success) return { ok: false, message: firstErrorMessage(parsed.error, "Choose a new password.") };
  const weakness = passwordWeakness(parsed.data.password, []);
  if (weakness) return { ok: false, message: weakness };
  const isReset = await resetPasswordWithToken(
    parsed.data.token,
    await hashPassword(parsed.data.password),
    clock.now(),
  );
  if (!isReset) return { ok: false, message: "This reset link has expired or was already used. Ask for a new one." };
  return { ok: true, message: "Your password is changed. Sign in with it." };
}
