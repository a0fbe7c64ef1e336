import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getLearnerId } from "@/lib/data/learners";
import { previewCardSide, type CardWrite, type PreviewResult } from "@/lib/data/own-cards";
import { firstErrorMessage, noLearnerMessage } from "@/lib/validations/messages";
import { cardSideSchema, readOwnCardForm, type CardFormState } from "@/lib/validations/own-cards";

// The card form's server side, which its two routes' actions share: cards/new creates a card,
// cards/[cardId]/edit rewrites one. A saved card changes what the browser, its deck's study page
// and the home page's counts show.

type CardForm = Extract<ReturnType<typeof readOwnCardForm>, { ok: true }>;

/** Reads the learner's card form, saves it with `write` and shows the card; what the form shows when refused. */
export async function saveCardAndShow(
  submitted: unknown,
  write: (learnerId: string, form: CardForm) => Promise<CardWrite>,
): Promise<CardFormState> {
  const learnerId = await getLearnerId();
  if (!learnerId) return { ok: false, message: noLearnerMessage };
  const form = readOwnCardForm(submitted);
  if (!form.ok) return form;
  const result = await write(learnerId, form);
  if (!result.ok) return result;
  revalidatePath("/", "layout");
  redirect(`/cards/${result.cardId}`);
}

/** One side of the form as it would be saved, for the preview. */
export async function previewSubmittedSide(markdown: unknown): Promise<PreviewResult> {
  const parsed = cardSideSchema.safeParse(markdown);
  if (!parsed.success) return { ok: false, message: firstErrorMessage(parsed.error, "That text cannot be previewed.") };
  return previewCardSide(parsed.data);
}
