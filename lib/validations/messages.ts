import { z } from "zod";

/** When a request carries neither a session nor a guest cookie: nothing can be kept for it. */
export const noLearnerMessage = "Quorum keeps your progress in a cookie: allow cookies for this site, then reload.";

/** What a one-line form's action answers (components/ui/action-result.tsx shows it); null before the first submit. */
export type FormMessageState = { ok: boolean; message: string } | null;

/** The first message of a failed validation, for forms that show one line. */
export function firstErrorMessage(error: z.ZodError, fallback: string): string {
  return (
    (Object.values(z.flattenError(error).fieldErrors) as string[][]).flat()[0] ?? error.issues[0]?.message ?? fallback
  );
}
