import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

// The repository's imports, read with the TypeScript parser (not a regular expression), so that
// `import type`, `export … from` and `import()` are each seen for what they are.

const repoRoot = path.join(import.meta.dirname, "..", "..");

/** One import: `from` and `to` are repository paths without extension ("lib/data/study"), or a package name. */
export type ImportEdge = { from: string; to: string; isTypeOnly: boolean };

/** The .ts and .tsx files under a repository folder, as repository paths with extension. */
function sourceFiles(folder: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return name === "generated" || name === "node_modules" ? [] : walk(full);
      return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [full] : [];
    });
  return walk(path.join(repoRoot, folder)).map((file) => path.relative(repoRoot, file).split(path.sep).join("/"));
}

/** A specifier as a repository path ("@/lib/db" and "../db" alike become "lib/db"); a package stays as written. */
function resolveSpecifier(fromFile: string, specifier: string): string {
  if (specifier.startsWith("@/")) return stripExtension(specifier.slice(2));
  if (specifier.startsWith(".")) return stripExtension(path.posix.join(path.posix.dirname(fromFile), specifier));
  return specifier;
}

const stripExtension = (file: string) => file.replace(/\.(tsx?|jsx?|mjs)$/, "");

/** The imports of one file's source text. */
function importsOf(file: string, text: string): ImportEdge[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const from = stripExtension(file);
  const edges: ImportEdge[] = [];
  const add = (specifier: ts.Expression | undefined, isTypeOnly: boolean) => {
    if (specifier && ts.isStringLiteral(specifier)) {
      edges.push({ from, to: resolveSpecifier(file, specifier.text), isTypeOnly });
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const allNamedAreTypes =
        !!bindings &&
        ts.isNamedImports(bindings) &&
        bindings.elements.length > 0 &&
        bindings.elements.every((element) => element.isTypeOnly);
      add(node.moduleSpecifier, !!clause && (clause.isTypeOnly || (!clause.name && allNamedAreTypes)));
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** Every import made by the files under the given repository folders. */
export function importGraph(folders: string[]): ImportEdge[] {
  return folders.flatMap((folder) =>
    sourceFiles(folder).flatMap((file) => importsOf(file, readFileSync(path.join(repoRoot, file), "utf8"))),
  );
}
