// Function lengths, for the ratchet in tests/tidy.test.ts.
import ts from "typescript";
import type { Source } from "./sources";

export type FunctionLength = { at: string; name: string; lines: number };

/** Test-suite blocks (`describe(..., () => {...})` and friends) hold tests, not logic: they are not measured. */
const SUITE_CALLS = new Set(["describe", "it", "test", "beforeAll", "beforeEach", "afterAll", "afterEach"]);

function isSuiteBlock(node: ts.Node): boolean {
  const call = node.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(node as ts.Expression)) return false;
  let callee: ts.Expression = call.expression;
  while (ts.isPropertyAccessExpression(callee) || ts.isCallExpression(callee))
    callee = ts.isCallExpression(callee) ? callee.expression : callee.expression;
  return ts.isIdentifier(callee) && SUITE_CALLS.has(callee.text);
}

function nameOf(node: ts.FunctionLikeDeclaration): string {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return "(anonymous)";
}

/** Every function, method and arrow function with a body, with its length in lines (first to last). */
export function functionLengths(source: Source): FunctionLength[] {
  const out: FunctionLength[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body && !isSuiteBlock(node)) {
      const fn = node as ts.FunctionLikeDeclaration;
      const first = source.sf.getLineAndCharacterOfPosition(fn.getStart()).line;
      const last = source.sf.getLineAndCharacterOfPosition(fn.getEnd()).line;
      out.push({ at: `${source.file}:${first + 1}`, name: nameOf(fn), lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source.sf);
  return out;
}
