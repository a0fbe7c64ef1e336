"use server";

import { z } from "zod";
import { hashPassword, passwordWeakness } from "@/lib/auth/password";
import { createAccount } from "@/lib/data/accounts";
import { signUpSchema, type SignUpState } from "@/lib/validations/auth";
import { formDataOrEmpty } from "@/lib/validations/form-data";

/** Creates an account; the page then signs in with the same credentials (next-auth does sessions). */
export async function signUp(_previous: SignUpState, submitted: unknown): Promise<SignUpState> {
  const formData = formDataOrEmpty(submitted);
  const values = { name: String(formData.get("name") ?? ""), email: String(formData.get("email") ?? "") };
  const parsed = signUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success)
    return {
      ok: false,
      message: "Check the highlighted fields.",
      errors: z.flattenError(parsed.error).fieldErrors,
      values,
    };
  const { email, password, name } = parsed.data;
  const weakness = passwordWeakness(password, [email, email.split("@")[0]!, name ?? ""]);
  if (weakness) return { ok: false, message: "Choose a stronger password.", errors: { password: [weakness] }, values };
  // A taken email answers exactly as a new one does (after the same password hashing), so that
  // sign-up never tells whether someone has an account; the form then signs in, which works only
  // with that account's own password, and otherwise lands on the sign-in page that says why.
  await createAccount({ email, name: name || null, passwordHash: await hashPassword(password) });
  return { ok: true };
}
