import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReplayHeader } from "@/components/sim/replay/replay-header";
import { ReplayView } from "@/components/sim/replay/replay-view";
import { WhatIfForm } from "@/components/sim/replay/what-if-form";
import { HeavyWorkRefused } from "@/components/ui/heavy-work-refused";
import { InlineMarkdown } from "@/components/ui/inline-markdown";
import { clock } from "@/lib/clock";
import { getCardLabel } from "@/lib/data/cards";
import { getLearnerId } from "@/lib/data/learners";
import { getReplayPrediction } from "@/lib/data/predict";
import { defaultSeed, runSimulation } from "@/lib/data/simulations";
import { faultsJson, findScenario, type Fault, type Params } from "@/lib/sim";
import { noteReplayView } from "./actions";

type Props = {
  params: Promise<{ scenario: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

function firstValues(query: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(query).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
}

/** This replay's URL without one query key (the faults: the run they are compared with). */
function hrefWithout(scenarioId: string, query: Record<string, string | undefined>, key: string): string {
  const kept = Object.entries(query).filter(
    (entry): entry is [string, string] => entry[0] !== key && entry[1] !== undefined,
  );
  const search = new URLSearchParams(kept).toString();
  return `/sim/${scenarioId}${search ? `?${search}` : ""}`;
}

/** The CLI command that prints the trace hash of this run (scripts/sim/run.ts). */
function simCommand(scenarioId: string, params: Params, seed: number, faults: readonly Fault[]): string {
  const flags = Object.entries(params).map(([name, value]) => `--${name} ${String(value)}`);
  return [
    `npm run sim -- run ${scenarioId}`,
    ...flags,
    `--seed ${seed}`,
    `--faults '${faultsJson(faults)}'`,
    "--hash",
  ].join(" ");
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  // The title needs the scenario, not its run: no simulation is started for it.
  const scenario = findScenario((await props.params).scenario);
  return { title: scenario ? `Replay: ${scenario.title}` : "No such scenario" };
}

export default async function ReplayPage(props: Props) {
  const { scenario } = await props.params;
  const query = firstValues(await props.searchParams);
  const learnerId = await getLearnerId();
  const run = await runSimulation(scenario, query, { learnerId, now: clock.now() });
  // The list of scenarios is in not-found.tsx, which answers with HTTP 404.
  if (!run.ok && run.status === 404) notFound();
  if (!run.ok && run.status !== 400) return <HeavyWorkRefused message={run.message} />;
  const from = query.from ? await getCardLabel(query.from, learnerId) : null;

  if (!run.ok && run.fields.faults !== undefined) {
    return (
      <section className="mx-auto max-w-3xl space-y-3 py-6">
        <h1 className="text-xl font-semibold">{run.message}</h1>
        <p className="text-sm text-danger" role="alert">
          {run.fields.faults}
        </p>
        <Link
          href={hrefWithout(run.scenario.id, query, "faults")}
          className="inline-block rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-fg"
        >
          Open the run without faults
        </Link>
      </section>
    );
  }

  if (!run.ok) {
    return (
      <section className="mx-auto max-w-3xl space-y-5 py-6">
        <div className="space-y-2">
          <h1 className="text-xl font-semibold">{run.message}</h1>
          <ul className="list-disc pl-5 text-sm text-danger">
            {Object.entries(run.fields).map(([field, message]) => (
              <li key={field}>{message}</li>
            ))}
          </ul>
          <Link
            href={`/sim/${run.scenario.id}${from ? `?from=${encodeURIComponent(from.id)}` : ""}`}
            className="inline-block rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-fg"
          >
            Open it with the defaults
          </Link>
        </div>
        <div className="rounded-xl border border-line bg-surface p-5">
          <h2 className="mb-3 font-semibold">Or fix the values</h2>
          <WhatIfForm
            key={JSON.stringify(query)}
            scenario={run.scenario}
            values={query}
            seed={query.seed ?? defaultSeed}
            errors={run.fields}
            from={from?.id}
          />
        </div>
      </section>
    );
  }

  const prediction =
    from && query.predict && query.guess
      ? await getReplayPrediction(from.id, learnerId, Number(query.predict), query.guess)
      : null;
  const comparison = run.faulted
    ? {
        result: run.faulted.comparison,
        baseHref: hrefWithout(run.scenario.id, query, "faults"),
        command: simCommand(run.scenario.id, run.params, run.seed, run.faulted.faults),
        hash: run.hash,
      }
    : null;
  const header = <ReplayHeader scenario={run.scenario} params={run.params} seed={run.seed} from={from} />;
  return (
    <div className="replay-bleed space-y-6">
      <ReplayView
        trace={run.trace}
        initialT={query.t !== undefined && Number.isFinite(Number(query.t)) ? Number(query.t) : undefined}
        focusClaimId={query.claim ?? null}
        prediction={prediction}
        header={header}
        viewKey={JSON.stringify([run.params, run.seed])}
        noteView={noteReplayView}
        comparison={comparison}
      />
      <section aria-labelledby="about" className="space-y-2 rounded-xl border border-line bg-surface p-5">
        <h2 id="about" className="font-semibold">
          About this scenario
        </h2>
        <p className="max-w-3xl text-muted">
          <InlineMarkdown text={run.scenario.summary} />
        </p>
      </section>
      <section aria-labelledby="what-if" className="space-y-3 rounded-xl border border-line bg-surface p-5">
        <h2 id="what-if" className="font-semibold">
          What if…
        </h2>
        <p className="text-sm text-muted">
          Change the parameters and run the scenario again: the claims are checked anew against the new run.
        </p>
        <WhatIfForm
          key={JSON.stringify([run.params, run.seed])}
          scenario={run.scenario}
          values={run.params}
          seed={run.seed}
          from={from?.id}
        />
      </section>
    </div>
  );
}
