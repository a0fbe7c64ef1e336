import { z } from "zod";
import { importBytesMax } from "@/lib/import/limits";

const overLimit = `The file is over the ${importBytesMax / (1024 * 1024)} MB limit`;

const uploadedFile = (tooBig: string) =>
  z
    .instanceof(File, { error: "Choose a file to import" })
    .refine((file) => file.size > 0, "The file is empty")
    .refine((file) => file.size <= importBytesMax, tooBig);

export const importUploadSchema = z.object({
  file: uploadedFile(`${overLimit}: split it into smaller files`),
  format: z.enum(["auto", "anki", "markdown"], { error: "Choose Anki text, Markdown, or automatic" }).default("auto"),
  deckName: z.string().trim().max(120, "A deck name has at most 120 characters").optional(),
});

export type ImportState =
  | { ok: true; deckId: string; deckName: string; imported: number; skipped: { line: number; reason: string }[] }
  | {
      ok: false;
      message: string;
      errors: { line: number; message: string }[];
      skipped: { line: number; reason: string }[];
    }
  | null;

/** What an account file restored, row counts per kind. */
export type RestoredCounts = {
  decks: number;
  cards: number;
  cardStates: number;
  reviews: number;
  quizzes: number;
  replayViews: number;
  deckLimits: number;
  hasSettings: boolean;
};

export const deleteAccountSchema = z.object({
  confirm: z.literal("DELETE", { error: "Type DELETE in capitals to confirm" }),
});

/** Only a refusal comes back: a deletion redirects to the home page. */
export type DeleteAccountState = { ok: false; message: string } | null;

/** An account file cannot be split: the gzipped file the account page offers is a tenth of the JSON. */
export const accountImportSchema = z.object({ file: uploadedFile(`${overLimit}: use the gzipped account file`) });

/** A restored account's row counts, or why nothing was restored with every problem found in the file. */
export type AccountImportState =
  { ok: true; restored: RestoredCounts } | { ok: false; message: string; problems: string[] } | null;
