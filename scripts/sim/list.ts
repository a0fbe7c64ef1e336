// `npm run sim -- list`: every scenario with its parameters, defaults and bounds.
import { listScenarios, type ParamDef } from "@/lib/sim";

/** What `--name` accepts: a range, true|false, or the enum's numbers (each listed below it). */
function accepted(p: ParamDef): string {
  if (p.type === "boolean") return "true|false";
  if (p.type === "enum") return p.options.map((o) => o.value).join("|");
  return `${p.min}..${p.maxFrom === undefined ? p.max : `min(${p.max}, ${p.maxFrom})`}`;
}

/** "(only when --case is 5 or 6)" for a param that applies to some values of another. */
function condition(p: ParamDef): string {
  if (p.appliesWhen === undefined) return "";
  const parts = Object.entries(p.appliesWhen).map(
    ([name, values]) => `--${name} is ${values.map(String).join(" or ")}`,
  );
  return `  (only when ${parts.join(" and ")}; ignored otherwise)`;
}

/** The catalogue, or one scenario's parameters when `only` names it. */
export function describeScenarios(only?: string): string {
  const lines: string[] = [];
  for (const s of listScenarios().filter((x) => only === undefined || x.id === only)) {
    lines.push(`${s.id}  —  ${s.title}`, `  ${s.summary}`);
    for (const p of s.params) {
      const unit = p.type === "integer" ? (p.unit ?? "") : "";
      lines.push(
        `    --${p.name} <${accepted(p)}>  default ${String(p.default)}${unit} ` +
          ` ${p.label}: ${p.description}${condition(p)}`,
      );
      if (p.type === "enum") for (const o of p.options) lines.push(`        ${o.value} = ${o.label}`);
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
