import { CircleCheck, CircleDashed, Dices } from "lucide-react";
import type { ScheduleResultView } from "@/lib/validations/schedule";
import { PluginLink } from "./plugin-link";

function listNodes(names: string[]): string {
  if (names.length <= 2) return names.join(" and ");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** " node-c scored 827; next best node-a with 799." when scoring ran and there is a second scored node. */
function runnerUp(result: ScheduleResultView): string {
  const [first, second] = result.rows.filter((row) => row.total !== null);
  if (!first || first.outcome !== "selected" || !second) return "";
  return ` ${first.name} scored ${first.total}; next best ${second.name} with ${second.total}.`;
}

function Callout({ children, icon }: { children: React.ReactNode; icon?: React.ReactNode }) {
  return (
    <div className="flex gap-2 rounded-lg border border-line bg-surface-2 px-3 py-2 text-sm">
      {icon}
      <div className="min-w-0">{children}</div>
    </div>
  );
}

/** The decision: the chosen node, or Pending with upstream's aggregated message, and what shaped it. */
export function ScheduleOutcome({ result }: { result: ScheduleResultView }) {
  const isPending = result.selectedNode === null;
  return (
    <section
      aria-labelledby="outcome-heading"
      className="space-y-3 rounded-xl border border-line bg-surface p-4 sm:p-5"
    >
      <p className="text-xs text-muted">
        Pod <span className="font-mono break-all">{result.pod}</span> · profile{" "}
        <span className="font-mono">{result.profile}</span>
      </p>
      <h2 id="outcome-heading" className="flex items-center gap-2 text-lg font-semibold">
        {isPending ? (
          <>
            <CircleDashed className="size-5 shrink-0 text-danger" aria-hidden="true" />
            Pending: no node fits
          </>
        ) : (
          <>
            <CircleCheck className="size-5 shrink-0 text-ok" aria-hidden="true" />
            <span>
              Scheduled on <span className="font-mono break-all text-accent">{result.selectedNode}</span>
            </span>
          </>
        )}
      </h2>
      {result.message ? (
        <p
          className={
            "rounded-lg border border-danger/40 bg-danger/5 px-3 py-2 " +
            "font-mono text-[13px] leading-relaxed break-words"
          }
          data-testid="fit-error"
        >
          {result.message}
        </p>
      ) : null}
      {isPending ? (
        <p className="text-sm text-muted">
          The pod waits in the scheduling queue and is tried again when a cluster event (a node added, a pod deleted, a
          label changed…) could make it fit.
        </p>
      ) : null}
      {result.preemptionCandidates.length > 0 ? (
        <p className="text-sm">
          Preemption could make room on {listNodes(result.preemptionCandidates)} by evicting lower-priority pods
          (victims and PodDisruptionBudgets are not simulated).
        </p>
      ) : null}
      <p className="text-sm text-muted">
        {result.nodeCount} node{result.nodeCount === 1 ? "" : "s"}, {result.evaluatedNodes} evaluated,{" "}
        {result.feasibleNodes} passed every filter.
        {runnerUp(result)}
      </p>
      {result.tiedNodes.length > 1 ? (
        <Callout icon={<Dices className="mt-0.5 size-4 shrink-0 text-accent" aria-hidden="true" />}>
          Tie between {listNodes(result.tiedNodes)}: the real scheduler picks one at random; here the seeded choice
          (seed {result.seed}) was <span className="font-mono font-medium">{result.selectedNode}</span>.
        </Callout>
      ) : null}
      {result.scoringSkipped ? (
        <Callout>
          Only one node passed the filters, so the scheduler binds it without scoring, as upstream does.
        </Callout>
      ) : null}
      {result.preScoreSkipped.length > 0 ? (
        <p className="text-sm text-muted">
          Skipped at PreScore, with nothing to score for this pod:{" "}
          {result.preScoreSkipped.map((plugin, index) => (
            <span key={plugin}>
              {index > 0 ? ", " : null}
              <PluginLink plugin={plugin} />
            </span>
          ))}
          .
        </p>
      ) : null}
      {result.warnings.length > 0 ? (
        <ul className="list-disc space-y-1 pl-5 text-sm text-learning">
          {result.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
