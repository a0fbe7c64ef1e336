// Parameter sets shared by the sim tests that cover every scenario's parameter space: the trace-hash
// matrix pins their traces byte for byte, the bounds test requires their claims to hold on many seeds.
import type { Params, RawParams, SCENARIOS } from "@/lib/sim";

/**
 * Defaults, then each parameter alone at its minimum and at its maximum (capped by maxFrom), or at
 * each other value of a switch or a select. A parameter that applies only to some values of another
 * (appliesWhen) is varied together with the first such value, since elsewhere it is ignored.
 */
export function paramVariants(def: (typeof SCENARIOS)[number]): RawParams[] {
  const out: RawParams[] = [{}];
  for (const p of def.params) {
    const values =
      p.type === "integer" ? [p.min, p.max] : p.type === "boolean" ? [true, false] : p.options.map((o) => o.value);
    for (const v of values) {
      if (v === p.default) continue;
      const raw: RawParams = {
        ...Object.fromEntries(Object.entries(p.appliesWhen ?? {}).map(([name, allowed]) => [name, allowed[0]!])),
        [p.name]: v,
      };
      for (const q of def.params) {
        if (q.type !== "integer" || q.maxFrom === undefined) continue;
        const cap = Number(raw[q.maxFrom] ?? def.params.find((x) => x.name === q.maxFrom)!.default);
        if (Number(raw[q.name] ?? q.default) > cap) raw[q.name] = cap;
      }
      out.push(raw);
    }
  }
  return out;
}

/** The CLI line that replays a failing run (STYLE G19: a failure names its seed). */
export function reproduceLine(id: string, params: Params | RawParams, seed: number): string {
  const flags = Object.entries(params).map(([k, v]) => `--${k} ${String(v)}`);
  return `reproduce with: npm run sim -- run ${[id, ...flags].join(" ")} --seed ${seed}`;
}
