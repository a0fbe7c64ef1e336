import Link from "next/link";
import { applicableParams, formatParamValue, type Params, type ScenarioInfo } from "@/lib/sim";

type Props = { scenario: ScenarioInfo; params: Params; seed: number; from: { id: string; label: string } | null };

/**
 * The scenario's title, the values it ran with (those that apply), and the way back to the card; compact, as the
 * stage's first line.
 */
export function ReplayHeader({ scenario, params, seed, from }: Props) {
  const shown = applicableParams(scenario.params, params);
  const query = new URLSearchParams([...shown.map((p) => [p.name, String(params[p.name])]), ["seed", String(seed)]]);
  const download = `/api/sim/${scenario.id}?${query}`;
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-muted">
        {from ? (
          <Link href={`/cards/${from.id}`} className="line-clamp-1 hover:text-fg">
            ← Back to the card: {from.label}
          </Link>
        ) : (
          <Link href="/sim" className="hover:text-fg">
            ← Simulations
          </Link>
        )}
      </div>
      <h1 className="text-xl font-semibold tracking-tight">{scenario.title}</h1>
      {/* One line on a phone that scrolls sideways when the values do not fit (so it takes focus, for keyboards). */}
      <div
        role="group"
        aria-label="The values this run used"
        tabIndex={0}
        className={
          "flex items-center gap-1.5 overflow-x-auto text-xs " +
          "whitespace-nowrap [scrollbar-width:none] sm:flex-wrap sm:text-sm"
        }
      >
        {shown.map((param) => (
          <span key={param.name} className="rounded-md bg-surface-2 px-2 py-0.5">
            {param.label}: <strong>{formatParamValue(param, params[param.name])}</strong>
          </span>
        ))}
        <span className="rounded-md bg-surface-2 px-2 py-0.5">
          seed <strong>{seed}</strong>
        </span>
        <a
          href={download}
          className="hidden text-accent hover:underline sm:inline"
          download={`${scenario.id}-trace.json`}
        >
          Trace (JSON)
        </a>
      </div>
    </div>
  );
}
