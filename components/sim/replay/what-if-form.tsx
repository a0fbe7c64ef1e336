"use client";

import Form from "next/form";
import { useState } from "react";
import { inputClass } from "@/components/ui/field";
import { ParamField } from "@/components/sim/what-if/param-field";
import { isParamApplicable, readParamValue, type ParamValue, type ScenarioInfo } from "@/lib/sim";

type Props = {
  scenario: ScenarioInfo;
  /** The values the run used, or what the learner sent (strings) when some were not valid. */
  values: Record<string, ParamValue | string | undefined>;
  seed: number | string;
  errors?: Record<string, string>;
  from?: string;
};

/**
 * What if: the scenario's parameters as controls. Submitting re-runs the scenario on the server
 * with the new values (a GET form: the URL holds them, so the result can be shared). Switches and
 * selects are followed as they change, so only the params that apply to them are shown.
 */
export function WhatIfForm({ scenario, values, seed, errors = {}, from }: Props) {
  const [choices, setChoices] = useState<Record<string, ParamValue>>(() =>
    Object.fromEntries(
      scenario.params.filter((p) => p.type !== "integer").map((p) => [p.name, readParamValue(p, values[p.name])]),
    ),
  );
  const capLabel = (name: string | undefined) => scenario.params.find((p) => p.name === name)?.label;
  return (
    <Form action={`/sim/${scenario.id}`} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {scenario.params.map((param) => (
          <ParamField
            key={param.name}
            param={param}
            capLabel={param.type === "integer" ? capLabel(param.maxFrom) : undefined}
            initial={values[param.name]}
            choice={choices[param.name]}
            onChoice={(value) => setChoices((current) => ({ ...current, [param.name]: value }))}
            error={errors[param.name]}
            isApplicable={isParamApplicable(param, choices)}
          />
        ))}
        <div className="space-y-1.5">
          <label htmlFor="param-seed" className="block text-sm font-medium">
            Seed
          </label>
          <input
            id="param-seed"
            name="seed"
            type="number"
            min={0}
            step={1}
            defaultValue={String(seed)}
            className={inputClass}
            aria-invalid={errors.seed ? true : undefined}
            aria-describedby="param-seed-hint"
          />
          <p id="param-seed-hint" className={`text-xs ${errors.seed ? "text-danger" : "text-muted"}`}>
            {errors.seed ??
              "Randomized timings (election timeouts, jitter) follow from it: the same seed replays the same run."}
          </p>
        </div>
      </div>
      {from ? <input type="hidden" name="from" value={from} /> : null}
      <button
        type="submit"
        className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-fg hover:opacity-90"
      >
        Run again with these values
      </button>
    </Form>
  );
}
