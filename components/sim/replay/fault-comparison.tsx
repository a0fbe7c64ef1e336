"use client";

import type { RunComparison } from "@/lib/sim";
import { formatClock } from "./timeline";

/** A faulted run as the page shows it beside the player. */
export type FaultedRunView = {
  result: RunComparison;
  /** The same scenario, params and seed without the faults: the run this one is compared with. */
  baseHref: string;
  /** The CLI command that prints this run's trace hash, and that hash. */
  command: string;
  hash: string;
};

type Props = { faulted: FaultedRunView; onSeek: (t: number) => void };

const cellClass = "px-2 py-1.5 align-top";

/** A moment's text ("etcd-2 at 11.0 s") with its unit kept beside the number on a narrow screen. */
const momentText = (text: string | null) => (text === null ? "—" : text.replace(/ (m?s)$/, "\u00a0$1"));

/**
 * What the faults changed, beside the faulted replay: the first event where the two runs part, the
 * key moments of each (leader changes, refused writes, evictions, available replicas) and the
 * claims that hold in one run and not in the other.
 */
export function FaultComparison({ faulted, onSeek }: Props) {
  const { firstDivergence, keyMoments, flippedClaims } = faulted.result;
  return (
    <section aria-labelledby="comparison-heading" className="space-y-3 rounded-xl border border-line bg-surface p-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="comparison-heading" className="font-semibold">
          What your faults changed
        </h2>
        <a href={faulted.baseHref} className="text-sm text-accent hover:underline">
          Open the run without faults
        </a>
      </div>
      {firstDivergence ? (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
          <p data-testid="first-divergence">
            First divergence at t = <strong className="font-mono">{formatClock(firstDivergence.t)}</strong>
            {firstDivergence.faulted ? <span className="text-muted">: {firstDivergence.faulted.message}</span> : null}
          </p>
          <button
            type="button"
            onClick={() => onSeek(firstDivergence.t)}
            className="rounded-md border border-line px-3 py-1 hover:border-accent"
          >
            Go to the divergence
          </button>
        </div>
      ) : (
        <p className="text-sm">The two runs are identical: these faults changed nothing the trace records.</p>
      )}
      {keyMoments.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[20rem] text-sm" aria-label="Key moments, without and with the faults">
            <thead className="text-left text-xs text-muted">
              <tr>
                <th className={cellClass}>Key moment</th>
                <th className={cellClass}>Without faults</th>
                <th className={cellClass}>With your faults</th>
              </tr>
            </thead>
            <tbody>
              {keyMoments.map((moment, index) => (
                <tr key={`${moment.kind}-${index}`} className="border-t border-line">
                  <th scope="row" className={`${cellClass} text-left font-medium`}>
                    {moment.label}
                  </th>
                  <td className={`${cellClass} text-muted`}>{momentText(moment.base)}</td>
                  <td className={`${cellClass} ${moment.base !== moment.faulted ? "font-medium text-danger" : ""}`}>
                    {momentText(moment.faulted)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {flippedClaims.length > 0 ? (
        <div className="space-y-1">
          <h3 className="text-sm font-semibold">Claims that flipped</h3>
          <ul className="space-y-1 text-sm" aria-label="Claims that flipped">
            {flippedClaims.map((claim) => (
              <li key={claim.id}>
                {claim.text}{" "}
                <span className="text-muted">
                  ({claim.base ? "holds" : "fails"} without faults, {claim.faulted ? "holds" : "fails"} with them)
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <details className="text-sm">
        <summary className="cursor-pointer text-muted">Reproduce it from the command line</summary>
        <pre className="mt-1 overflow-x-auto rounded-md bg-surface-2 p-2 text-xs whitespace-pre-wrap break-all">
          <code>{faulted.command}</code>
        </pre>
        <p className="mt-1 text-xs text-muted">
          prints the trace hash{" "}
          <code className="break-all" data-testid="trace-hash">
            {faulted.hash}
          </code>
        </p>
      </details>
    </section>
  );
}
