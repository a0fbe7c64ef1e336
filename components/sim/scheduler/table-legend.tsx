import type { ScheduleResultView } from "@/lib/validations/schedule";
import { PluginLink } from "./plugin-link";
import { getPluginSummary } from "./plugin-docs";

const term = "font-medium text-fg";

/** What each column means, and a glossary of the plugins in this result. */
export function TableLegend({ result }: { result: ScheduleResultView }) {
  const plugins = [
    ...new Set([
      ...result.filterPlugins.flatMap((p) => p.split(",")),
      ...result.scorePlugins.map((p) => p.plugin),
      ...result.preScoreSkipped,
    ]),
  ];
  return (
    <div className="space-y-3 p-4 text-sm text-muted sm:p-5">
      <h3 className="text-xs font-semibold tracking-wide uppercase">How to read the table</h3>
      <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className={term}>Filter</dt>
        <dd>
          Each filter plugin&apos;s verdict on the node, in the order the profile runs them.{" "}
          <span className={term}>Success</span>: passed. <span className={term}>Unschedulable</span>: rejected, but
          evicting lower-priority pods (preemption) might make room.{" "}
          <span className={term}>UnschedulableAndUnresolvable</span>: rejected, and preemption cannot help. The reasons
          are upstream&apos;s own words. <span aria-hidden="true">—</span> means not run: the scheduler stops at the
          first filter that rejects a node.
        </dd>
        <dt className={term}>Score</dt>
        <dd>
          Only nodes that pass every filter are scored. The large number is the <span className={term}>weighted </span>
          score: the normalized score times the plugin&apos;s weight (×N in the header). Beneath it,{" "}
          <span className={term}>raw → normalized</span>: what the plugin&apos;s Score returned, then
          NormalizeScore&apos;s 0–100 value.
        </dd>
        <dt className={term}>Total</dt>
        <dd>
          The sum of the weighted scores. The highest total wins; kube-scheduler breaks a tie at random. A single
          feasible node is chosen without scoring.
        </dd>
      </dl>
      <details className="group">
        <summary className="cursor-pointer text-sm font-medium text-fg">What each plugin here does</summary>
        <dl className="mt-2 grid gap-x-6 gap-y-1.5 sm:grid-cols-[max-content_1fr]">
          {plugins.map((plugin) => (
            <div key={plugin} className="contents">
              <dt className="font-mono text-xs text-fg">
                <PluginLink plugin={plugin} />
              </dt>
              <dd>{getPluginSummary(plugin)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}
