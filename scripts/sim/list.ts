// `npm run sim -- list`: every scenario with its parameters, defaults and bounds.
import { listScenarios } from "@/lib/sim";

/** The catalogue, or one scenario's parameters when `only` names it. */
export function describeScenarios(only?: string): string {
  const lines: string[] = [];
  for (const s of listScenarios().filter((x) => only === undefined || x.id === only)) {
    lines.push(`${s.id}  —  ${s.title}`, `  ${s.summary}`);
    for (const p of s.params) {
      const max = p.maxFrom === undefined ? `${p.max}` : `min(${p.max}, ${p.maxFrom})`;
      lines.push(`    --${p.name} <${p.min}..${max}>  default ${p.default}${p.unit ?? ""}  ${p.label}: ${p.description}`);
    }
    lines.push("");
  }
  lines.push("Run one with: npm run sim -- run <id> [--<param> <value>]... [--seed N] [--json]");
  return lines.join("\n");
}

export async function runListCommand(): Promise<number> {
  console.log(describeScenarios());
  return 0;
}
