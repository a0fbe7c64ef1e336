// A datadriven test runner in the style of cockroachdb/datadriven as used by etcd-io/raft: a file
// is a list of commands, each followed by `----` and its expected output. The runner executes the
// commands, renders the whole file with the actual outputs, and compares it with the file on disk
// (vitest's toMatchFileSnapshot: `vitest -u` rewrites the file; with CI=true a missing or changed
// file fails).

export type Directive = { line: string; cmd: string; args: Record<string, string>; positional: string[] };

/** The commands of a datadriven file, ignoring the outputs recorded there. */
export function parseDirectives(text: string): Directive[] {
  const out: Directive[] = [];
  const lines = text.split("\n");
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!.trim();
    i++;
    if (line === "" || line.startsWith("#")) continue;
    const [cmd = "", ...rest] = line.split(/\s+/);
    const args: Record<string, string> = {};
    const positional: string[] = [];
    for (const r of rest) {
      const eq = r.indexOf("=");
      if (eq > 0) args[r.slice(0, eq)] = r.slice(eq + 1);
      else positional.push(r);
    }
    out.push({ line, cmd, args, positional });
    // Skip the recorded output: the separator, then everything up to the next blank line.
    if (lines[i]?.trim() === "----") {
      i++;
      while (i < lines.length && lines[i]!.trim() !== "") i++;
    }
  }
  return out;
}

/** Renders directives with their outputs; comments at the top of the file are kept. */
export function render(header: string, results: { directive: Directive; output: string }[]): string {
  const blocks = results.map(
    ({ directive, output }) => `${directive.line}\n----\n${output.trimEnd() === "" ? "ok" : output.trimEnd()}\n`,
  );
  return `${header}${blocks.join("\n")}`;
}

/** Leading comment lines (and the blank line after them), preserved on rewrite. */
export function headerOf(text: string): string {
  const lines = text.split("\n");
  let n = 0;
  while (n < lines.length && lines[n]!.startsWith("#")) n++;
  return n === 0 ? "" : `${lines.slice(0, n).join("\n")}\n\n`;
}
