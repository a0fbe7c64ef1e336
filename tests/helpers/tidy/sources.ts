// The repository's own code, read once and parsed with the TypeScript compiler for the tidy checks.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export const ROOT = path.join(import.meta.dirname, "..", "..", "..");

/** Folders of hand-written code; generated code, fixtures and golden data are not held to the house rules. */
const CODE_DIRS = ["app", "components", "lib", "scripts", "bench", "tests", "types"];
const SKIPPED = new Set(["lib/generated", "tests/sim/testdata", "tests/fixtures", "node_modules"]);
const CODE = /\.(ts|tsx|mts|mjs|js)$/;

export type Source = { file: string; text: string; sf: ts.SourceFile };

function walk(dir: string): string[] {
  if (SKIPPED.has(dir)) return [];
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return walk(file);
    return CODE.test(entry.name) && !entry.name.endsWith(".d.ts") ? [file] : [];
  });
}

function rootFiles(): string[] {
  return readdirSync(ROOT, { withFileTypes: true })
    .filter((entry) => entry.isFile() && CODE.test(entry.name) && !entry.name.endsWith(".d.ts"))
    .map((entry) => entry.name);
}

function scriptKind(file: string): ts.ScriptKind {
  if (file.endsWith(".tsx")) return ts.ScriptKind.TSX;
  if (file.endsWith(".ts") || file.endsWith(".mts")) return ts.ScriptKind.TS;
  return ts.ScriptKind.JS;
}

let cache: Source[] | undefined;

/** Every code file (repository-relative path, text, syntax tree), sorted by path. */
export function codeSources(): Source[] {
  cache ??= [...rootFiles(), ...CODE_DIRS.flatMap(walk)].sort().map((file) => {
    const text = readFileSync(path.join(ROOT, file), "utf8");
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKind(file));
    return { file, text, sf };
  });
  return cache;
}

/** `file:line` of a position, 1-based, for failure messages. */
export function where(source: Source, pos: number): string {
  return `${source.file}:${source.sf.getLineAndCharacterOfPosition(pos).line + 1}`;
}

/** Every comment in the file (a JSX text that looks like one is not one). */
export function comments(source: Source): { pos: number; text: string }[] {
  const { sf, text } = source;
  const seen = new Map<number, { pos: number; text: string }>();
  const add = (ranges: ts.CommentRange[] | undefined) => {
    for (const r of ranges ?? []) seen.set(r.pos, { pos: r.pos, text: text.slice(r.pos, r.end) });
  };
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.JsxText) return;
    add(ts.getLeadingCommentRanges(text, node.pos));
    add(ts.getTrailingCommentRanges(text, node.end));
    node.getChildren(sf).forEach(visit);
  };
  visit(sf);
  return [...seen.values()].sort((a, b) => a.pos - b.pos);
}
