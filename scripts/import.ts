// npm run import -- <file> [--format anki|markdown] [--deck <name>] [--user <email>] [--json] [--dry-run]
// Imports an Anki plain-text/CSV/TSV file or a Markdown <details> Q&A file as a private deck of
// a learner, after parsing and validating every card; a file with any error imports nothing.
// Exit codes: 0 imported (or, with --dry-run, importable); 1 the file has errors, is over the
// limits or holds no card; 2 usage error, unreadable file or no account with that email.
import { open } from "node:fs/promises";
import { basename, extname } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { formatImportReport, importReportJson, type ImportReportContext } from "@/lib/import/import-report";
import { checkImportSize, importBytesMax } from "@/lib/import/limits";
import { parseImportFile, refusedImportFile } from "@/lib/import/parse-import";
import { renderImportedCards, renderInProcess } from "@/lib/import/render-cards";
import { storageQuotaBytes } from "@/lib/import/storage-quota";
import type { ImportedCard, ImportResult } from "@/lib/import/types";
import { createPrismaClient } from "@/lib/database/client";
import { saveImportedDeck } from "@/lib/data/save-imported-deck";
import { databaseUrl } from "@/lib/env-defaults";
import { flagOption, textOption } from "./cli-options";

export const EXIT_OK = 0;
export const EXIT_INVALID_FILE = 1;
export const EXIT_USAGE = 2;

/**
 * The database write: one transaction that creates the learner's private deck and its cards, or nothing.
 * The command uses importIntoDatabase below; tests pass their own.
 */
type ImportCardsToDeck = (input: {
  userEmail: string;
  deckName: string;
  cards: ImportedCard[];
}) => Promise<{ imported: number }>;

type ReadResult = { size: number; bytes?: Uint8Array };

export type ImportCommandIO = {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Reads the file unless it is larger than maxBytes, so a huge file is refused without loading it. */
  readFile: (path: string, maxBytes: number) => Promise<ReadResult>;
  importCardsToDeck: ImportCardsToDeck;
};

const USAGE =
  "usage: npm run import -- <file> [--format anki|markdown] [--deck <name>] [--user <email>] [--json] [--dry-run]\n";

async function readFileUpTo(path: string, maxBytes: number): Promise<ReadResult> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) return { size };
    const bytes = new Uint8Array(size);
    await handle.read(bytes, 0, size, 0);
    return { size, bytes };
  } finally {
    await handle.close();
  }
}

/** The database write: the account's new private deck, all cards or none (lib/data/save-imported-deck.ts). */
async function importIntoDatabase({
  userEmail,
  deckName,
  cards,
}: Parameters<ImportCardsToDeck>[0]): Promise<{ imported: number }> {
  const db = createPrismaClient(databaseUrl());
  try {
    const user = await db.user.findUnique({ where: { email: userEmail.toLowerCase() }, select: { id: true } });
    if (!user) throw new UnknownUserError(`There is no account with the email ${userEmail}; nothing was imported.`);
    const rendered = await renderImportedCards(cards, renderInProcess);
    if (!rendered.ok) throw new Error(rendered.message);
    const saved = await saveImportedDeck(db, {
      ownerId: user.id,
      deckName,
      description: `Imported from the command line: ${cards.length} cards.`,
      cards: rendered.cards,
      quotaBytes: storageQuotaBytes,
    });
    if (!saved.ok) throw new QuotaExceededError(saved.message);
    return { imported: saved.imported };
  } finally {
    await db.$disconnect();
  }
}

class UnknownUserError extends Error {}
class QuotaExceededError extends Error {}

const defaultIO: ImportCommandIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  readFile: readFileUpTo,
  importCardsToDeck: importIntoDatabase,
};

const optionsSchema = z.object({
  file: z.string().min(1),
  format: z.enum(["anki", "markdown"], { message: "--format must be anki or markdown" }).optional(),
  deck: z
    .string()
    .trim()
    .min(1, { message: "--deck needs a name" })
    .max(100, { message: "--deck is longer than 100 characters" })
    .optional(),
  user: z.email({ message: "--user must be an email address" }).optional(),
  json: z.boolean(),
  dryRun: z.boolean(),
});

type ImportOptions = z.infer<typeof optionsSchema>;

function parseOptions(argv: string[]): ImportOptions | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { format: textOption, deck: textOption, user: textOption, json: flagOption, "dry-run": flagOption },
      allowPositionals: true,
    });
  } catch (error) {
    return (error as Error).message;
  }
  if (parsed.positionals.length !== 1)
    return parsed.positionals.length === 0 ? "missing <file>" : "give exactly one <file>";
  const { values } = parsed;
  const options = optionsSchema.safeParse({
    ...values,
    file: parsed.positionals[0],
    json: values.json ?? false,
    dryRun: values["dry-run"] ?? false,
  });
  if (!options.success) return options.error.issues.map((issue) => issue.message).join("; ");
  if (!options.data.dryRun && !options.data.user)
    return "--user <email> is required to import (or check the file with --dry-run)";
  return options.data;
}

function print(io: ImportCommandIO, options: ImportOptions, result: ImportResult, context: ImportReportContext): void {
  io.out(
    options.json
      ? `${JSON.stringify(importReportJson(result, context), null, 2)}\n`
      : formatImportReport(result, context),
  );
}

/** Runs the import command; resolves to the exit code. */
export async function runImportCommand(argv: string[], io: ImportCommandIO = defaultIO): Promise<number> {
  const options = parseOptions(argv);
  if (typeof options === "string") {
    io.err(`${options}\n${USAGE}`);
    return EXIT_USAGE;
  }
  let read: ReadResult;
  try {
    read = await io.readFile(options.file, importBytesMax);
  } catch (error) {
    io.err(`cannot read ${options.file}: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
  const format = options.format;
  const size = checkImportSize(read.size, 0);
  const result =
    read.bytes && size.ok
      ? parseImportFile({ bytes: read.bytes, fileName: options.file, format })
      : refusedImportFile(format ?? "anki", size.ok ? "The file could not be read." : size.message);
  const fileName = basename(options.file);
  const context: ImportReportContext = {
    fileName,
    deckName: options.deck ?? result.meta.deck ?? basename(fileName, extname(fileName)),
    dryRun: options.dryRun,
  };
  if (result.errors.length > 0 || result.cards.length === 0 || options.dryRun) {
    print(io, options, result, context);
    if (result.errors.length === 0 && result.cards.length === 0) io.err("The file holds no card to import.\n");
    return result.errors.length > 0 || result.cards.length === 0 ? EXIT_INVALID_FILE : EXIT_OK;
  }
  let imported: number;
  try {
    ({ imported } = await io.importCardsToDeck({
      userEmail: options.user!,
      deckName: context.deckName,
      cards: result.cards,
    }));
  } catch (error) {
    if (!(error instanceof UnknownUserError || error instanceof QuotaExceededError)) throw error;
    io.err(`${error.message}\n`);
    return error instanceof QuotaExceededError ? EXIT_INVALID_FILE : EXIT_USAGE;
  }
  print(io, options, result, { ...context, imported });
  return EXIT_OK;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await runImportCommand(process.argv.slice(2));
}
