// The import graph of the repository's code, from syntax alone: what each file exports, what it imports
// from which file, and which exports no other file imports.
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { ROOT, type Source } from "./sources";

/**
 * An import or re-export: the names it takes ("*" for all of them). `to` is a repository file, or a
 * package as the specifier names it ("@prisma/client", "server-only").
 */
type Edge = { from: string; to: string; names: string[]; isReexport: boolean; isTypeOnly: boolean };

/** A file's own exports (with where they are declared) and the names it passes on from other files. */
type Exports = {
  own: Map<string, number>;
  reexports: Map<string, { to: string; name: string; pos: number }>;
  stars: string[];
};

const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".mjs", ".js", "/index.ts", "/index.tsx"];

/** The repository file a specifier names, or null for a package. */
function resolveSpecifier(spec: string, fromFile: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = spec.slice(2);
  else if (spec.startsWith(".")) base = path.join(path.dirname(fromFile), spec);
  else return null;
  const stem = base.replace(/\.js$/, "");
  for (const candidate of [base, ...EXTENSIONS.map((ext) => stem + ext)]) {
    const full = path.join(ROOT, candidate);
    if (existsSync(full) && statSync(full).isFile()) return path.relative(ROOT, full).split(path.sep).join("/");
  }
  return null;
}

function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function isDefault(node: ts.Node): boolean {
  return (
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)
  );
}

function bindingNames(name: ts.BindingName): ts.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : bindingNames(e.name)));
}

/** What one file exports. */
export function exportsOf(source: Source): Exports {
  const own = new Map<string, number>();
  const reexports = new Map<string, { to: string; name: string; pos: number }>();
  const stars: string[] = [];
  for (const st of source.sf.statements) {
    if (ts.isExportAssignment(st)) own.set("default", st.getStart());
    else if (ts.isExportDeclaration(st)) {
      const to = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : null;
      const target = to === null ? null : resolveSpecifier(to, source.file);
      if (!st.exportClause) {
        if (target) stars.push(target);
      } else if (ts.isNamedExports(st.exportClause)) {
        for (const el of st.exportClause.elements) {
          const local = (el.propertyName ?? el.name).text;
          if (to === null) own.set(el.name.text, el.getStart());
          else if (target) reexports.set(el.name.text, { to: target, name: local, pos: el.name.getStart() });
        }
      }
    } else if (hasExportModifier(st)) {
      if (isDefault(st)) own.set("default", st.getStart());
      else if (ts.isVariableStatement(st))
        for (const d of st.declarationList.declarations)
          for (const id of bindingNames(d.name)) own.set(id.text, id.getStart());
      else {
        const name = (st as ts.DeclarationStatement).name;
        if (name && ts.isIdentifier(name)) own.set(name.text, name.getStart());
      }
    }
  }
  return { own, reexports, stars };
}

/** Every import of a file (of the repository or a package): static, re-exports, import(), require(), import types. */
export function importsOf(source: Source): Edge[] {
  const edges: Edge[] = [];
  const add = (spec: string, names: string[], isReexport = false, isTypeOnly = false) => {
    const isPackage = !spec.startsWith(".") && !spec.startsWith("@/");
    const to = isPackage ? spec : resolveSpecifier(spec, source.file);
    if (to !== null && to !== source.file) edges.push({ from: source.file, to, names, isReexport, isTypeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const names: string[] = [];
      if (clause?.name) names.push("default");
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.push("*");
      if (bindings && ts.isNamedImports(bindings))
        for (const el of bindings.elements) names.push((el.propertyName ?? el.name).text);
      const onlyTypes =
        !clause?.name && bindings && ts.isNamedImports(bindings) && bindings.elements.every((el) => el.isTypeOnly);
      add(node.moduleSpecifier.text, names, false, !!clause?.isTypeOnly || (names.length > 0 && !!onlyTypes));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.exportClause;
      const names =
        clause && ts.isNamedExports(clause) ? clause.elements.map((el) => (el.propertyName ?? el.name).text) : ["*"];
      add(node.moduleSpecifier.text, names, true, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteral(node.arguments[0]!)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require"))
        add((node.arguments[0] as ts.StringLiteral).text, ["*"]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const lit = node.argument.literal;
      if (ts.isStringLiteral(lit)) {
        const first = node.qualifier && (ts.isIdentifier(node.qualifier) ? node.qualifier : node.qualifier.left);
        add(lit.text, [first && ts.isIdentifier(first) ? first.text : "*"], false, true);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source.sf);
  return edges;
}

/** Which exports of each file some other file imports, following re-exports to where a name is declared. */
export function usedExports(sources: Source[], exportsByFile: Map<string, Exports>): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>();
  const mark = (file: string, name: string, seen = new Set<string>()): void => {
    const key = `${file}\0${name}`;
    if (seen.has(key)) return;
    seen.add(key);
    const ex = exportsByFile.get(file);
    if (!ex) return;
    if (name === "*") {
      for (const own of ex.own.keys()) mark(file, own, seen);
      for (const re of ex.reexports.keys()) mark(file, re, seen);
      for (const star of ex.stars) mark(star, "*", seen);
      return;
    }
    const re = ex.reexports.get(name);
    if (ex.own.has(name) || re) {
      if (!used.has(file)) used.set(file, new Set());
      used.get(file)!.add(name);
    }
    if (re) mark(re.to, re.name, seen);
    if (!ex.own.has(name) && !re) for (const star of ex.stars) mark(star, name, seen);
  };
  for (const source of sources)
    for (const edge of importsOf(source)) if (!edge.isReexport) for (const name of edge.names) mark(edge.to, name);
  return used;
}
