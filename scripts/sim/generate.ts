// `npm run sim -- generate <kind> [--seed N] [--json]`: a predict-then-replay question, answered by
// running its replay. Prints it readably (or as JSON) and how to replay it. Exit 2 on bad input.
import { faultsJson, generate, GENERATOR_KINDS, type GeneratedQuestion, type GeneratorKind } from "@/lib/sim";
import { parseRunArgs } from "./args";

function readable(q: GeneratedQuestion): string {
  const flags = Object.entries(q.replay.params)
    .map(([k, v]) => `--${k} ${String(v)}`)
    .join(" ");
  return [
    `${q.kind} (seed ${q.seed})`,
    "",
    q.prompt,
    "",
    ...q.choices.map((c) => `  ${c.id}) ${c.label}`),
    "",
    `hint: ${q.hint}`,
    `answer: ${q.answer}) ${q.choices.find((c) => c.id === q.answer)?.label ?? ""}`,
    `why: ${q.explanation}`,
    `replay: npm run sim -- run ${q.replay.scenario} ${flags} --seed ${q.replay.seed}` +
      (q.replay.faults === undefined ? "" : ` --faults '${faultsJson(q.replay.faults)}'`),
  ].join("\n");
}

export async function runGenerateCommand(argv: string[]): Promise<number> {
  const args = parseRunArgs(argv);
  const kind = args.id as GeneratorKind | undefined;
  const seed = args.seed === undefined ? 1 : /^\d+$/.test(args.seed) ? Number(args.seed) : Number.NaN;
  const errors = [...args.errors, ...Object.keys(args.params).map((p) => `unknown option --${p}`)];
  if (args.faults !== undefined || args.hash) errors.push("--faults and --hash belong to run, not generate");
  if (kind === undefined || !GENERATOR_KINDS.includes(kind))
    errors.push(`which kind? valid: ${GENERATOR_KINDS.join(", ")}`);
  if (!Number.isSafeInteger(seed)) errors.push(`--seed must be a non-negative integer, got "${args.seed}"`);
  if (errors.length > 0) {
    console.error(
      `error: ${errors.join("; ")}\nusage: npm run sim -- generate <${GENERATOR_KINDS.join("|")}> [--seed N] [--json]`,
    );
    return 2;
  }
  const q = generate(kind!, seed);
  console.log(args.json ? JSON.stringify(q) : readable(q));
  return 0;
}
