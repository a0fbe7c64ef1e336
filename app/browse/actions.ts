"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { clock } from "@/lib/clock";
import { applyBulkCardAction } from "@/lib/data/card-bulk";
import { getLearnerId } from "@/lib/data/learners";
import { bulkCardInputSchema, selectionHref } from "@/lib/validations/browse";
import { formDataOrEmpty } from "@/lib/validations/form-data";
import { firstErrorMessage, noLearnerMessage, type FormMessageState } from "@/lib/validations/messages";

function readSelection(formData: FormData) {
  return bulkCardInputSchema.safeParse({
    action: formData.get("action") ?? "suspend",
    cardIds: formData.getAll("cardIds"),
  });
}

const done = { suspend: "Suspended", unsuspend: "Unsuspended", reset: "Reset" } as const;

/** Suspend, unsuspend or reset the selected cards. */
export async function applyBulkAction(_previous: FormMessageState, submitted: unknown): Promise<FormMessageState> {
  const formData = formDataOrEmpty(submitted);
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const parsed = readSelection(formData);
  if (!parsed.success) return { ok: false, message: firstErrorMessage(parsed.error, "Select cards and an action.") };
  const result = await applyBulkCardAction({ learnerId, ...parsed.data, now: clock.now() });
  if (!result.ok) return result;
  revalidatePath("/browse");
  revalidatePath("/");
  return { ok: true, message: `${done[parsed.data.action]} ${result.changed} card${result.changed === 1 ? "" : "s"}.` };
}

/** "Study these": opens a study session over the selected cards. */
export async function studySelected(_previous: FormMessageState, submitted: unknown): Promise<FormMessageState> {
  const formData = formDataOrEmpty(submitted);
  const parsed = readSelection(formData);
  if (!parsed.success) return { ok: false, message: firstErrorMessage(parsed.error, "Select cards to study.") };
  redirect(selectionHref(parsed.data.cardIds, clock.now()));
}
