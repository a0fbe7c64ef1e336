import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { ImportReportJson } from "@/lib/import/import-report";
import { importBytesMax } from "@/lib/import/limits";
import { EXIT_INVALID_FILE, EXIT_OK, EXIT_USAGE, runImportCommand, type ImportCommandIO } from "@/scripts/import";

const fixtures = path.resolve(import.meta.dirname, "../../fixtures/import");

type Captured = ImportCommandIO & { stdout: () => string; stderr: () => string };

/**
 * IO over the fixture folder plus in-memory files; an entry with only a size stands for a huge file. A test
 * that expects a database write passes its own importCardsToDeck.
 */
function testIO(files: Record<string, string | { size: number }> = {}): Captured {
  let stdout = "";
  let stderr = "";
  return {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    readFile: async (file, maxBytes) => {
      const entry = files[file];
      if (entry && typeof entry !== "string") return { size: entry.size };
      const bytes =
        entry !== undefined
          ? new TextEncoder().encode(entry)
          : new Uint8Array(await readFile(path.join(fixtures, file)));
      return bytes.byteLength > maxBytes ? { size: bytes.byteLength } : { size: bytes.byteLength, bytes };
    },
    importCardsToDeck: async () => {
      throw new Error("this test expects no database write");
    },
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

describe("npm run import -- --dry-run", () => {
  it("reports cards, the deck from the header and each skipped line of an Anki file", async () => {
    const io = testIO();
    expect(await runImportCommand(["anki-with-header.txt", "--dry-run"], io)).toBe(EXIT_OK);
    expect(io.stdout()).toContain(
      "anki-with-header.txt: Anki plain text, tab-separated (from the header), HTML fields",
    );
    expect(io.stdout()).toContain(
      '3 cards would be imported into deck "Kubernetes::Basics" (dry run: nothing written).',
    );
    expect(io.stdout()).toContain("line 13: comment line");
    expect(io.stdout()).toContain("line 14: empty back");
  });

  it("detects a Markdown file, names the deck after the file and counts empty answers", async () => {
    const io = testIO();
    expect(await runImportCommand(["devops-qa.md", "--dry-run"], io)).toBe(EXIT_OK);
    expect(io.stdout()).toContain('2 cards would be imported into deck "devops-qa"');
    expect(io.stdout()).toContain("1 item skipped (1 empty answer)");
  });

  it("prints a stable JSON report with --json", async () => {
    const io = testIO();
    expect(await runImportCommand(["plain-comma.csv", "--dry-run", "--json", "--deck", "Basics"], io)).toBe(EXIT_OK);
    const report = JSON.parse(io.stdout()) as ImportReportJson;
    expect(report).toMatchObject({
      file: "plain-comma.csv",
      format: "anki",
      deck: "Basics",
      dryRun: true,
      ok: true,
      cards: 3,
      imported: null,
      errors: [],
    });
    expect(report.meta.separator).toBe(",");
  });

  it("exits 1 and lists the line of each error for a broken file", async () => {
    for (const [file, line] of [
      ["broken-quote.tsv", "line 4:"],
      ["unclosed-details.md", "line 3:"],
    ] as const) {
      const io = testIO();
      expect(await runImportCommand([file, "--dry-run"], io)).toBe(EXIT_INVALID_FILE);
      expect(io.stdout()).toContain("1 error; nothing was imported:");
      expect(io.stdout()).toContain(line);
    }
  });

  it("exits 1 for a file without cards and for a file over the size limit, without reading it", async () => {
    const io = testIO({ "empty.txt": "#separator:tab\n", "huge.txt": { size: importBytesMax + 10 } });
    expect(await runImportCommand(["empty.txt", "--dry-run"], io)).toBe(EXIT_INVALID_FILE);
    expect(io.stderr()).toContain("holds no card");
    expect(await runImportCommand(["huge.txt", "--dry-run"], io)).toBe(EXIT_INVALID_FILE);
    expect(io.stdout()).toContain("the limit is 5.0 MB");
  });

  it("lists at most 50 errors and says how many more", async () => {
    const text = testIO({
      "bad.csv":
        `#columns:Front,Back\n#separator:comma\n` + `${Array.from({ length: 60 }, (_, i) => `q${i},a,x`).join("\n")}`,
    });
    expect(await runImportCommand(["bad.csv", "--dry-run"], text)).toBe(EXIT_INVALID_FILE);
    expect(text.stdout()).toContain("60 errors; nothing was imported:");
    expect(text.stdout()).toContain("… and 10 more");
    expect(text.stdout().match(/^ {2}line /gm)).toHaveLength(50);
  });
});

describe("npm run import usage and the database hook", () => {
  it.each([
    [[], "missing <file>"],
    [["a.txt", "b.txt", "--dry-run"], "exactly one <file>"],
    [["a.txt", "--format", "xml", "--dry-run"], "--format must be anki or markdown"],
    [["a.txt", "--user", "not-an-email"], "--user must be an email address"],
    [["a.txt", "--deck", "  ", "--dry-run"], "--deck needs a name"],
    [["a.txt", "--colour"], "Unknown option"],
    [["a.txt"], "--user <email> is required"],
  ])("exits 2 with usage for %j", async (argv, message) => {
    const io = testIO();
    expect(await runImportCommand(argv, io)).toBe(EXIT_USAGE);
    expect(io.stderr()).toContain(message);
    expect(io.stderr()).toContain("usage: npm run import --");
  });

  it("exits 2 when the file cannot be read", async () => {
    const io = testIO();
    expect(await runImportCommand(["missing.txt", "--dry-run"], io)).toBe(EXIT_USAGE);
    expect(io.stderr()).toContain("cannot read missing.txt");
  });

  it("hands every card to importCardsToDeck, and reports what it wrote", async () => {
    const importCardsToDeck = vi.fn(async (input: { cards: unknown[] }) => ({ imported: input.cards.length }));
    const io = { ...testIO(), importCardsToDeck };
    expect(await runImportCommand(["devops-qa.md", "--user", "learner@example.com", "--deck", "My drills"], io)).toBe(
      EXIT_OK,
    );
    expect(importCardsToDeck).toHaveBeenCalledOnce();
    expect(importCardsToDeck.mock.calls[0]![0]).toMatchObject({
      userEmail: "learner@example.com",
      deckName: "My drills",
      cards: [{ line: 7 }, { line: 20 }],
    });
    expect(io.stdout()).toContain('2 cards imported into deck "My drills".');
  });

  it("never calls the hook for a file with errors", async () => {
    const importCardsToDeck = vi.fn(async () => ({ imported: 0 }));
    expect(
      await runImportCommand(["broken-quote.tsv", "--user", "learner@example.com"], { ...testIO(), importCardsToDeck }),
    ).toBe(EXIT_INVALID_FILE);
    expect(importCardsToDeck).not.toHaveBeenCalled();
  });
});
