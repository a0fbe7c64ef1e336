import Form from "next/form";
import { inputClass } from "@/components/settings/field";
import type { ParamValue, ScenarioInfo } from "@/lib/sim";

type Props = {
  scenario: ScenarioInfo;
  values: Record<string, ParamValue | string | undefined>;
  seed: number | string;
  errors?: Record<string, string>;
  from?: string;
};

/**
 * What if: the scenario's parameters as controls. Submitting re-runs the scenario on the server
 * with the new values (a GET form: the URL holds them, so the result can be shared).
 */
export function WhatIfForm({ scenario, values, seed, errors = {}, from }: Props) {
  return (
    <Form action={`/sim/${scenario.id}`} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {scenario.params.map((param) => (
          <div key={param.name} className="space-y-1.5">
            <label htmlFor={`param-${param.name}`} className="block text-sm font-medium">
              {param.label}
              {param.unit ? ` (${param.unit})` : ""}
            </label>
            <input
              id={`param-${param.name}`}
              name={param.name}
              type="number"
              min={param.min}
              max={param.max}
              step={1}
              defaultValue={String(values[param.name] ?? param.default)}
              className={inputClass}
              aria-invalid={errors[param.name] ? true : undefined}
              aria-describedby={`param-${param.name}-hint`}
            />
            <p id={`param-${param.name}-hint`} className={`text-xs ${errors[param.name] ? "text-danger" : "text-muted"}`}>
              {errors[param.name] ?? `${param.description} ${param.min}–${param.max}${param.maxFrom ? ` (at most ${param.maxFrom})` : ""}, default ${param.default}.`}
            </p>
          </div>
        ))}
        <div className="space-y-1.5">
          <label htmlFor="param-seed" className="block text-sm font-medium">
            Seed
          </label>
          <input id="param-seed" name="seed" type="number" min={0} step={1} defaultValue={String(seed)} className={inputClass} aria-invalid={errors.seed ? true : undefined} aria-describedby="param-seed-hint" />
          <p id="param-seed-hint" className={`text-xs ${errors.seed ? "text-danger" : "text-muted"}`}>
            {errors.seed ?? "Randomized timings (election timeouts, jitter) follow from it: the same seed replays the same run."}
          </p>
        </div>
      </div>
      {from ? <input type="hidden" name="from" value={from} /> : null}
      <button type="submit" className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-fg hover:opacity-90">
        Run again with these values
      </button>
    </Form>
  );
}
