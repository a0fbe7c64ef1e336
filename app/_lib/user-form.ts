import "server-only";
import type { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { formDataOrEmpty } from "@/lib/validations/form-data";
import { firstErrorMessage } from "@/lib/validations/messages";

/**
 * The signed-in user and the form read by `schema` (a field the request left out reads as empty); or
 * the one line the form shows instead: `signInMessage` when no one is signed in, else the first problem.
 */
export async function readUserForm<T extends z.ZodObject>(submitted: unknown, schema: T, signInMessage: string) {
  const user = await getCurrentUser();
  if (!user) return { ok: false as const, message: signInMessage };
  const formData = formDataOrEmpty(submitted);
  const fields = Object.fromEntries(Object.keys(schema.shape).map((key) => [key, formData.get(key) ?? ""]));
  const parsed = schema.safeParse(fields);
  if (!parsed.success) return { ok: false as const, message: firstErrorMessage(parsed.error, "Check the form.") };
  return { ok: true as const, user, data: parsed.data };
}
