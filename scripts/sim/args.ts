// Argument parsing for `npm run sim -- run <id> [--<param> <value>]... [--seed N] [--faults <json>] [--json] [--hash]`.
// Accepts `--name value` and `--name=value`; `--json` and `--hash` are flags.

export type RunArgs = {
  id: string | undefined;
  params: Record<string, string>;
  seed: string | undefined;
  /** The fault list's JSON (lib/sim/faults), as a replay URL's `faults=` carries it. */
  faults: string | undefined;
  json: boolean;
  hash: boolean;
  errors: string[];
};

export function parseRunArgs(argv: string[]): RunArgs {
  const out: RunArgs = {
    id: undefined,
    params: {},
    seed: undefined,
    faults: undefined,
    json: false,
    hash: false,
    errors: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) {
      if (out.id === undefined) out.id = arg;
      else out.errors.push(`unexpected argument "${arg}"`);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (name === "json" || name === "hash") {
      out[name] = true;
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
    else if (name === "faults") out.faults = value;
    else out.params[name] = value;
  }
  return out;
}
