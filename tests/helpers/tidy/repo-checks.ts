// The repository-wide tidy rules, each returning its offenders as "file:line: what" for a failure message.
import { cyclesOf } from "./cycles";
import { exportsOf, importsOf, usedExports } from "./modules";
import { comments, where, type Source } from "./sources";

const LINE_COLUMNS_MAX = 120;

/** Lines wider than the prettier print width (counted in characters, as prettier does, not bytes). */
export function longLines(sources: Source[]): string[] {
  return sources.flatMap((s) =>
    s.text.split("\n").flatMap((line, i) => {
      const columns = [...line].length;
      return columns > LINE_COLUMNS_MAX ? [`${s.file}:${i + 1}: ${columns} columns`] : [];
    }),
  );
}

const FILE_LINES_MAX = 400;
const SIZED_DIRS = /^(app|components|lib)\//;

/**
 * Source files in app/, components/ and lib/ longer than FILE_LINES_MAX lines (counted as wc -l does); generated
 * code is not among the sources. Split such a file along a seam that explains itself.
 */
export function longFiles(sources: readonly Pick<Source, "file" | "text">[]): string[] {
  return sources.flatMap((s) => {
    if (!SIZED_DIRS.test(s.file)) return [];
    const lines = s.text.split("\n").length - (s.text.endsWith("\n") ? 1 : 0);
    return lines > FILE_LINES_MAX ? [`${s.file}: ${lines} lines`] : [];
  });
}

/**
 * The word issue followed by a number, or a bare hash and a number: a number from a tracker outside the
 * repository means nothing to a reader of the code. Upstream references spelled owner/repo#N are fine.
 */
export const ISSUE_CITATION = /\bissues?\s+\d|(?:^|[\s([])#\d+\b/i;

export function issueCitations(sources: Source[]): string[] {
  return sources.flatMap((s) =>
    comments(s)
      .filter((c) => ISSUE_CITATION.test(c.text))
      .map((c) => `${where(s, c.pos)}: ${c.text.split("\n")[0]!.trim().slice(0, 80)}`),
  );
}

/** Exports the Next.js framework reads from route files (app/ page, layout, route, error, …). */
const NEXT_ROUTE_NAMES =
  "page|layout|template|loading|error|global-error|not-found|forbidden|unauthorized|default|route";
const NEXT_ROUTE_FILE = new RegExp(`^app/(.*/)?(${NEXT_ROUTE_NAMES})\\.tsx?$`);
const NEXT_ROUTE_EXPORTS = new Set([
  "default",
  "metadata",
  "generateMetadata",
  "viewport",
  "generateViewport",
  "generateStaticParams",
  "dynamic",
  "dynamicParams",
  "revalidate",
  "fetchCache",
  "runtime",
  "preferredRegion",
  "maxDuration",
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "OPTIONS",
]);

/** Exports read by a tool or runtime rather than imported: file → names. */
const ENTRY_EXPORTS: Record<string, string[]> = {
  "proxy.ts": ["proxy", "config"], // Next.js request proxy
  "instrumentation.ts": ["register"], // Next.js calls it once at server start
  "lib/pool/heavy-tasks.ts": ["default"], // piscina loads the worker by file name
  "lib/pool/worker-entry.mjs": ["default"], // piscina's entry for the worker threads
};

function isEntryExport(file: string, name: string): boolean {
  if (NEXT_ROUTE_FILE.test(file) && NEXT_ROUTE_EXPORTS.has(name)) return true;
  if (/(^|\/)[\w-]+\.config\.(ts|mjs|js)$/.test(file) && name === "default") return true; // tool configs
  return ENTRY_EXPORTS[file]?.includes(name) ?? false;
}

/** Exports (functions, constants, classes, types, re-exports) that no other file imports. */
export function unusedExports(sources: Source[]): string[] {
  const exportsByFile = new Map(sources.map((s) => [s.file, exportsOf(s)]));
  const used = usedExports(sources, exportsByFile);
  return sources.flatMap((s) => {
    const ex = exportsByFile.get(s.file)!;
    const declared: [string, number][] = [
      ...ex.own,
      ...[...ex.reexports].map(([name, re]): [string, number] => [name, re.pos]),
    ];
    return declared
      .filter(([name]) => !used.get(s.file)?.has(name) && !isEntryExport(s.file, name))
      .map(([name, pos]) => `${where(s, pos)}: export ${name} is imported by no other file`);
  });
}

/** The import graph of lib/ (type-only imports included: a type cycle still ties the files together). */
export function libCycles(sources: Source[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const s of sources.filter((x) => x.file.startsWith("lib/")))
    graph.set(s.file, new Set(importsOf(s).flatMap((e) => (e.to.startsWith("lib/") ? [e.to] : []))));
  return cyclesOf(graph);
}
