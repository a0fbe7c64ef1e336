"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { cookies } from "next/headers";
import { hashPassword, passwordWeakness } from "@/lib/auth/password";
import { sessionCookiePattern } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { changeEmail, changePassword } from "@/lib/data/credentials";
import { importAccountFile } from "@/lib/data/account-import";
import { deleteAccount } from "@/lib/data/accounts";
import { importFile } from "@/lib/data/imports";
import { getLearnerId } from "@/lib/data/learners";
import { guestCookieName } from "@/lib/learner/guest-token";
import { firstErrorMessage, noLearnerMessage, type FormMessageState } from "@/lib/validations/messages";
import {
  accountImportSchema,
  deleteAccountSchema,
  importUploadSchema,
  type AccountImportState,
  type DeleteAccountState,
  type ImportState,
} from "@/lib/validations/account";
import { changeEmailSchema, changePasswordSchema } from "@/lib/validations/auth";
import { formDataOrEmpty } from "@/lib/validations/form-data";
import { readUserForm } from "@/app/_lib/user-form";

export async function importDeck(_previous: ImportState, submitted: unknown): Promise<ImportState> {
  const formData = formDataOrEmpty(submitted);
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage, errors: [], skipped: [] };
  const parsed = importUploadSchema.safeParse({
    file: formData.get("file"),
    format: formData.get("format") ?? undefined,
    deckName: formData.get("deckName") ?? undefined,
  });
  if (!parsed.success) {
    return { ok: false, message: firstErrorMessage(parsed.error, "Check the form."), errors: [], skipped: [] };
  }
  const { file, format, deckName } = parsed.data;
  const outcome = await importFile({
    learnerId,
    fileName: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
    format: format === "auto" ? undefined : format,
    deckName,
    now: clock.now(),
  });
  if (outcome.ok) revalidatePath("/", "layout");
  return outcome;
}

export async function importAccount(_previous: AccountImportState, submitted: unknown): Promise<AccountImportState> {
  const formData = formDataOrEmpty(submitted);
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage, problems: [] };
  const parsed = accountImportSchema.safeParse({ file: formData.get("file") });
  if (!parsed.success) return { ok: false, message: firstErrorMessage(parsed.error, "Check the form."), problems: [] };
  const bytes = new Uint8Array(await parsed.data.file.arrayBuffer());
  const outcome = await importAccountFile({ learnerId, bytes, now: clock.now() });
  if (outcome.ok) revalidatePath("/", "layout");
  return outcome;
}

export async function deleteMyAccount(_previous: DeleteAccountState, submitted: unknown): Promise<DeleteAccountState> {
  const formData = formDataOrEmpty(submitted);
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const parsed = deleteAccountSchema.safeParse({ confirm: formData.get("confirm") });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  await deleteAccount(learnerId);
  // The session ends with the account (lib/auth/options.ts refuses its JWT from now on); its
  // cookies go too. A __Secure- cookie is only cleared by a Set-Cookie that is itself Secure.
  const jar = await cookies();
  for (const { name } of jar.getAll().filter((cookie) => sessionCookiePattern.test(cookie.name))) {
    jar.set(name, "", { path: "/", maxAge: 0, httpOnly: true, sameSite: "lax", secure: name.startsWith("__Secure-") });
  }
  jar.delete(guestCookieName);
  // A fresh page as a new guest; with JavaScript or without, nothing of the account is left on screen.
  redirect("/");
}

export async function changeMyPassword(_previous: FormMessageState, submitted: unknown): Promise<FormMessageState> {
  const form = await readUserForm(submitted, changePasswordSchema, "Sign in to change your password.");
  if (!form.ok) return form;
  const { user, data } = form;
  const { currentPassword, newPassword } = data;
  const weakness = passwordWeakness(newPassword, [user.email ?? "", user.name ?? ""]);
  if (weakness) return { ok: false, message: weakness };
  const outcome = await changePassword(user.id, currentPassword, await hashPassword(newPassword), clock.now());
  return outcome.ok
    ? { ok: true, message: "Password changed." }
    : { ok: false, message: "Your current password is not right." };
}

export async function changeMyEmail(_previous: FormMessageState, submitted: unknown): Promise<FormMessageState> {
  const form = await readUserForm(submitted, changeEmailSchema, "Sign in to change your email.");
  if (!form.ok) return form;
  const { user, data } = form;
  const outcome = await changeEmail(user.id, data.currentPassword, data.email, clock.now());
  if (!outcome.ok) {
    // Only someone who knows this account's password learns that another account has the email.
    return {
      ok: false,
      message:
        outcome.reason === "wrong-password"
          ? "Your current password is not right."
          : "Another account uses that email.",
    };
  }
  revalidatePath("/", "layout");
  return { ok: true, message: `Your email is now ${data.email}. Sign in with it from now on.` };
}
