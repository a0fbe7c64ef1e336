import Link from "next/link";
import type { Params, ScenarioInfo } from "@/lib/sim";

type Props = { scenario: ScenarioInfo; params: Params; seed: number; from: { id: string; label: string } | null };

/** The scenario's title and question, the values it ran with, and the way back to the card. */
export function ReplayHeader({ scenario, params, seed, from }: Props) {
  const download = `/api/sim/${scenario.id}?${new URLSearchParams([...Object.entries(params).map(([k, v]) => [k, String(v)]), ["seed", String(seed)]])}`;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-muted">
        {from ? (
          <Link href={`/cards/${from.id}`} className="hover:text-fg">
            ← Back to the card: {from.label}
          </Link>
        ) : (
          <Link href="/sim" className="hover:text-fg">
            ← Simulations
          </Link>
        )}
      </div>
      <h1 className="text-2xl font-semibold tracking-tight">{scenario.title}</h1>
      <p className="max-w-3xl text-muted">{scenario.summary}</p>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        {scenario.params.map((param) => (
          <span key={param.name} className="rounded-md bg-surface-2 px-2 py-0.5">
            {param.label}: <strong>{String(params[param.name])}{param.unit ?? ""}</strong>
          </span>
        ))}
        <span className="rounded-md bg-surface-2 px-2 py-0.5">
          seed <strong>{seed}</strong>
        </span>
        <a href={download} className="text-accent hover:underline" download={`${scenario.id}-trace.json`}>
          Download the trace (JSON)
        </a>
      </p>
    </div>
  );
}
