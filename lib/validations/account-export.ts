import { z } from "zod";
import { storedCardStateFromJson } from "@/lib/srs/memory-json";

// The whole-account file (lib/data/account-export.ts writes it, lib/data/account-import.ts reads
// it back): versioned JSON, one section per table a learner owns. Every row schema is strict, so a
// file with a column this version does not know is refused by name instead of losing that column.
// Settings are the exception: they travel as the LearnerSettings row itself, column by column,
// checked against the model's columns and types where they are written.

export const accountExportFormat = "quorum-account";
export const accountExportVersion = 2;

const date = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const int = z.number().int();
const text = z.string().max(100_000);
const strings = z.array(z.string().max(1_000)).max(1_000);
const json = z.json();
const rating = int.min(1).max(4);
const fsrsState = int.min(0).max(3);
function isStoredState(value: unknown): boolean {
  try {
    storedCardStateFromJson(value);
    return true;
  } catch {
    return false;
  }
}
const cardStateJson = json.refine(isStoredState, "not a stored card state");

/** A learner's own card: Markdown (or sanitised HTML from an Anki file) with the HTML made from it. */
const ownCardSchema = z.strictObject({
  id: z.string().min(1).max(200),
  type: z.literal("flashcard"),
  prompt: text,
  answer: text,
  promptHtml: text,
  answerHtml: text,
  sources: strings,
  tags: strings,
  details: z.null(),
  scenario: z.null(),
  scenarioParams: z.null(),
  scenarioClaim: z.null(),
  sayItHtml: z.null(),
  keyPoints: z.null(),
  followUps: z.null(),
  position: int,
  contentHash: z.string().max(200),
  retiredAt: date.nullable(),
  createdAt: date,
  updatedAt: date,
});

const ownDeckSchema = z.strictObject({
  id: z.string().min(1).max(200),
  title: z.string().max(200),
  description: text,
  position: int,
  retiredAt: date.nullable(),
  createdAt: date,
  updatedAt: date,
  cards: z.array(ownCardSchema),
});

const cardStateSchema = z.strictObject({
  cardId: z.string(),
  due: date,
  stability: z.number(),
  difficulty: z.number(),
  elapsedDays: int,
  scheduledDays: int,
  learningSteps: int,
  reps: int,
  lapses: int,
  state: fsrsState,
  lastReview: date.nullable(),
  suspendedAt: date.nullable(),
  buriedUntil: date.nullable(),
  leechAt: date.nullable(),
  version: int.min(0),
  createdAt: date,
  updatedAt: date,
});

const reviewLogSchema = z.strictObject({
  cardId: z.string(),
  rating,
  state: fsrsState,
  reviewedAt: date,
  elapsedDays: int,
  scheduledDays: int,
  durationMs: int.nullable(),
  stateBefore: cardStateJson,
  stateAfter: cardStateJson,
  /** "<grader id>:<card id>:<card version>" as recorded; the import rewrites the ids. */
  requestKey: z.string().regex(/^[^:]+:[^:]+:\d+$/, "not <learner>:<card>:<version>"),
  source: z.enum(["study", "quiz"]),
  answer: json.nullable(),
  isCorrect: z.boolean().nullable(),
  variantSeed: int.nullable(),
  undoneAt: date.nullable(),
  createdAt: date,
});

const interviewAnswerSchema = z.strictObject({
  answerText: text.nullable(),
  answeredAt: date,
  hinted: z.array(int),
  ticked: z.array(int).nullable(),
  keyPointCount: int.nullable(),
  tickedAt: date.nullable(),
  followUpQuestion: text.nullable(),
  followUpCardId: z.string().nullable(),
  followUpText: text.nullable(),
  followUpAnsweredAt: date.nullable(),
  followUpHinted: z.array(int).nullable(),
  followUpTicked: z.array(int).nullable(),
  followUpPointCount: int.nullable(),
});

const quizQuestionSchema = z.strictObject({
  position: int,
  cardId: z.string(),
  variantSeed: int.nullable(),
  answer: json.nullable(),
  isCorrect: z.boolean().nullable(),
  rating: rating.nullable(),
  answeredAt: date.nullable(),
  interview: interviewAnswerSchema.nullable(),
});

const quizSchema = z.strictObject({
  mode: z.enum(["quiz", "interview", "cram"]),
  deckIds: strings,
  tags: strings,
  timeLimitSec: int.nullable(),
  startedAt: date,
  finishedAt: date.nullable(),
  questions: z.array(quizQuestionSchema),
});

const deckLimitsSchema = z.strictObject({
  deckId: z.string(),
  newCardsPerDay: int.min(0).nullable(),
  reviewsPerDay: int.min(0).nullable(),
  extraNewCards: int.min(0),
  extraNewDayStart: date.nullable(),
});

const replayViewSchema = z.strictObject({ scenario: z.string().max(200), key: text, viewedAt: date });

/** A settings column's value as JSON carries it: a date is its ISO string. */
const settingsSchema = z.record(z.string(), json).nullable();

/** Checked first: a file of another kind or version is refused for that alone, not for each of its rows. */
const accountHeaderSchema = z.looseObject({
  format: z.literal(accountExportFormat, { error: `not a Quorum account file (format "${accountExportFormat}")` }),
  version: z.literal(accountExportVersion, {
    error: `this version of Quorum reads account files of version ${accountExportVersion}; export the account again`,
  }),
});

const accountExportSchema = z.strictObject({
  ...accountHeaderSchema.shape,
  exportedAt: date,
  /** Who exported it, for the reader; an import never changes the account it goes into. */
  user: z.looseObject({ id: z.string().min(1) }),
  settings: settingsSchema,
  deckLimits: z.array(deckLimitsSchema),
  decks: z.array(ownDeckSchema),
  cardStates: z.array(cardStateSchema),
  reviewLogs: z.array(reviewLogSchema),
  quizzes: z.array(quizSchema),
  replayViews: z.array(replayViewSchema),
});

export type AccountExport = z.output<typeof accountExportSchema>;
export type ExportedOwnCard = AccountExport["decks"][number]["cards"][number];

export type AccountExportParse = { ok: true; document: AccountExport } | { ok: false; problems: string[] };

/** Problems listed past this many are counted, not shown: a wrong file would list thousands. */
const problemsShownMax = 100;

/** Reads an account file: JSON, then the schema; every problem named by its path in the file. */
export function parseAccountExport(fileText: string): AccountExportParse {
  let value: unknown;
  try {
    value = JSON.parse(fileText);
  } catch (error) {
    return refusedAccountFile([`The file is not JSON: ${(error as Error).message}`]);
  }
  const header = accountHeaderSchema.safeParse(value);
  if (!header.success) return refusedAccountFile(issuesOf(header.error));
  const parsed = accountExportSchema.safeParse(value);
  return parsed.success ? { ok: true, document: parsed.data } : refusedAccountFile(issuesOf(parsed.error));
}

const issuesOf = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join(".") || "file"}: ${issue.message}`);

/** A refusal listing the first problems and counting the rest. */
export function refusedAccountFile(problems: string[]): AccountExportParse {
  const hidden = problems.length - problemsShownMax;
  return {
    ok: false,
    problems: hidden > 0 ? [...problems.slice(0, problemsShownMax), `… and ${hidden} more`] : problems,
  };
}
