"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { sessionCookiePattern } from "@/lib/auth/session";
import { deleteAccount } from "@/lib/data/accounts";
import { importFile } from "@/lib/data/imports";
import { getLearnerId } from "@/lib/data/learners";
import { guestCookieName } from "@/lib/learner/guest-token";
import { firstErrorMessage, noLearnerMessage } from "@/lib/validations/messages";
import { deleteAccountSchema, importUploadSchema, type DeleteAccountState, type ImportState } from "@/lib/validations/account";
import { formDataOrEmpty } from "@/lib/validations/form-data";

export async function importDeck(_previous: ImportState, submitted: unknown): Promise<ImportState> {
  const formData = formDataOrEmpty(submitted);
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage, errors: [], skipped: [] };
  const parsed = importUploadSchema.safeParse({ file: formData.get("file"), format: formData.get("format") ?? undefined, deckName: formData.get("deckName") ?? undefined });
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
    now: new Date(),
  });
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
  revalidatePath("/", "layout");
  return { ok: true };
}
