// Argument parsing for `npm run sim -- run <id> [--<param> <value>]... [--seed N] [--json]`.
// Accepts `--name value` and `--name=value`; `--json` is a flag.

type RunArgs = {
  id: string | undefined;
  params: Record<string, string>;
  seed: string | undefined;
  json: boolean;
  errors: string[];
};

export function parseRunArgs(argv: string[]): RunArgs {
  const out: RunArgs = { id: undefined, params: {}, seed: undefined, json: false, errors: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) {
      if (out.id === undefined) out.id = arg;
      else out.errors.push(`unexpected argument "${arg}"`);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (name === "json") {
      out.json = true;
      continue;
    }
    let value = eq < 0 ? argv[i + 1] : arg.slice(eq + 1);
    if (eq < 0) {
      if (value === undefined || value.startsWith("--")) {
        out.errors.push(`--${name} needs a value`);
        continue;
      }
      i++;
    }
    value ??= "";
    if (name === "seed") out.seed = value;
    else out.params[name] = value;
  }
  return out;
}
