import type { NodeRow, ScheduleResultView } from "@/lib/validations/schedule";
import { FilterCell } from "./filter-cell";
import { NEW_TAB_NOTE_ID, PluginLink } from "./plugin-link";
import { ScoreCell } from "./score-cell";
import { TableLegend } from "./table-legend";

const stickyCell = "sticky left-0 z-10 border-r border-line";
const rowBackground = (row: NodeRow) => (row.outcome === "selected" ? "bg-accent-soft" : "bg-surface");

const badges: Record<NodeRow["outcome"], { label: string; className: string } | null> = {
  selected: { label: "selected", className: "bg-accent text-accent-fg" },
  feasible: null,
  filtered: { label: "filtered out", className: "border border-line text-muted" },
  "not-evaluated": { label: "not evaluated", className: "border border-line text-muted" },
};

function NodeHeader({ row }: { row: NodeRow }) {
  const badge = badges[row.outcome];
  return (
    <th scope="row" className={`${stickyCell} ${rowBackground(row)} px-2.5 py-2.5 text-left align-top font-normal`}>
      <span className="block font-mono text-sm font-medium whitespace-nowrap">{row.name}</span>
      <span className="mt-1 flex flex-wrap gap-1">
        {badge ? (
          <span className={`whitespace-nowrap rounded px-1.5 py-px text-[11px] font-medium ${badge.className}`}>
            {badge.label}
          </span>
        ) : null}
        {row.isTied ? (
          <span className="rounded border border-accent px-1.5 py-px text-[11px] font-medium text-fg">tie</span>
        ) : null}
      </span>
    </th>
  );
}

/**
 * The per-node × per-plugin table: filter verdicts, then weighted scores and the total; it scrolls sideways inside its
 * own box.
 */
export function PluginTable({ result }: { result: ScheduleResultView }) {
  const { filterPlugins, scorePlugins, rows } = result;
  const hasScores = scorePlugins.length > 0;
  const headerCell = "border-b border-line py-2 align-bottom text-xs font-medium";
  return (
    <section aria-labelledby="plugin-table-heading" className="rounded-xl border border-line bg-surface">
      <div className="space-y-1 p-4 sm:p-5">
        <h2 id="plugin-table-heading" className="font-semibold">
          Filters and scores, node by node
        </h2>
        <p className="text-sm text-muted">
          Sorted by total score; nodes a filter rejected come last. Plugin names link to the upstream docs.
          <span className="lg:hidden"> Scroll the table sideways to see every plugin.</span>
        </p>
      </div>
      <div
        role="region"
        aria-label="Plugin table, scrolls sideways"
        tabIndex={0}
        className="relative overflow-x-auto border-y border-line"
      >
        {/* Separate borders, drawn by the cells: a collapsed border belongs to the table grid and lets the
            columns scrolling under the sticky node column show through a 1px gap. */}
        <table
          className={
            "w-full border-separate border-spacing-0 text-sm " +
            "[&_tbody_tr:not(:last-child)>*]:border-b [&_tbody_tr>*]:border-line"
          }
        >
          <caption className="sr-only">
            Each node&apos;s filter results{hasScores ? ", weighted plugin scores and total score" : ""}, for pod{" "}
            {result.pod}.
          </caption>
          <thead className="bg-surface-2">
            <tr>
              <th scope="col" rowSpan={2} className={`${headerCell} ${stickyCell} bg-surface-2 px-2.5 text-left`}>
                Node
              </th>
              {hasScores ? (
                <th scope="col" rowSpan={2} className={`${headerCell} px-2.5 text-right`}>
                  Total
                </th>
              ) : null}
              {filterPlugins.length > 0 ? (
                <th
                  scope="colgroup"
                  colSpan={filterPlugins.length}
                  className={
                    "border-b border-l border-line px-2.5 pt-2 pb-1 text-left " +
                    "text-xs font-semibold tracking-wide text-muted uppercase"
                  }
                >
                  Filter
                </th>
              ) : null}
              {hasScores ? (
                <th
                  scope="colgroup"
                  colSpan={scorePlugins.length}
                  className={
                    "border-b border-l border-line px-2.5 pt-2 pb-1 text-left " +
                    "text-xs font-semibold tracking-wide text-muted uppercase"
                  }
                >
                  Score <span className="font-normal tracking-normal normal-case">(weighted; raw → normalized)</span>
                </th>
              ) : null}
            </tr>
            <tr>
              {filterPlugins.map((plugin, index) => (
                <th
                  key={plugin}
                  scope="col"
                  className={`${headerCell} ${index === 0 ? "border-l" : ""} min-w-20 px-2.5 text-left`}
                >
                  <PluginLink plugin={plugin} />
                </th>
              ))}
              {scorePlugins.map(({ plugin, weight }, index) => (
                <th
                  key={plugin}
                  scope="col"
                  className={`${headerCell} ${index === 0 ? "border-l" : ""} min-w-20 px-2 text-right`}
                >
                  <PluginLink plugin={plugin} />{" "}
                  <span className="whitespace-nowrap font-mono text-muted">×{weight}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.name} className={rowBackground(row)}>
                <NodeHeader row={row} />
                {hasScores ? (
                  <td className="px-2.5 py-2.5 text-right align-top font-mono text-sm font-semibold tabular-nums">
                    {row.total ?? (
                      <>
                        <span aria-hidden="true" className="font-normal text-muted">
                          —
                        </span>
                        <span className="sr-only">not scored</span>
                      </>
                    )}
                  </td>
                ) : null}
                {row.filters.map((cell, index) => (
                  <FilterCell key={filterPlugins[index]} cell={cell} />
                ))}
                {hasScores
                  ? row.scores.map((cell, index) => <ScoreCell key={scorePlugins[index]?.plugin} cell={cell} />)
                  : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <span id={NEW_TAB_NOTE_ID} hidden>
        opens the Kubernetes documentation in a new tab
      </span>
      <TableLegend result={result} />
    </section>
  );
}
