// RunPreFilterPlugins and RunFilterPlugins (pkg/scheduler/framework/runtime/framework.go).
// PreFilter: Skip removes the plugin's Filter for this cycle; an UnschedulableAndUnresolvable status
// stops at once; node-name results intersect. Filter: plugins run in order and stop at the first
// rejection, so a node reports one failing plugin, as in the real "0/N nodes are available" message.
import { PLUGINS } from "@/lib/sim/scheduler-framework/plugins/registry";
import type { NodeInfo } from "@/lib/sim/scheduler-framework/snapshot";
import type { Code, CycleContext, PluginImpl, PluginName, Profile, Status } from "@/lib/sim/scheduler-framework/types";

export type FilterRecord = { plugin: string; code: Code; reasons: string[] };

type PreFilterResult = {
  /** The rejecting status and plugin, if PreFilter rejected the pod. */
  rejection: { plugin: string; status: Status } | null;
  skipped: Set<PluginName>;
  /** Nodes PreFilter narrowed the search to (null = all), and the plugins that narrowed it. */
  nodeNames: Set<string> | null;
  narrowedBy: PluginName[];
};

function goList(names: string[]): string {
  return `[${names.join(" ")}]`;
}

/** Runs the profile's PreFilter plugins. Writes plugin state into ctx.state. */
export function runPreFilter(profile: Profile, ctx: CycleContext): PreFilterResult {
  const result: PreFilterResult = { rejection: null, skipped: new Set(), nodeNames: null, narrowedBy: [] };
  for (const name of profile.preFilter) {
    const preFilter = PLUGINS[name].preFilter;
    const outcome = preFilter ? preFilter(ctx) : ({ kind: "skip" } as const);
    if (outcome.kind === "skip") {
      result.skipped.add(name);
      continue;
    }
    if (outcome.kind === "reject") {
      result.rejection = { plugin: name, status: outcome.status };
      if (outcome.status.code === "UnschedulableAndUnresolvable") return result;
      continue;
    }
    if (outcome.nodeNames === null) continue;
    result.narrowedBy.push(name);
    const names = new Set(outcome.nodeNames);
    result.nodeNames = result.nodeNames === null ? names : new Set([...result.nodeNames].filter((n) => names.has(n)));
    if (result.nodeNames.size === 0) {
      const message =
        result.narrowedBy.length === 1
          ? `node(s) didn't satisfy plugin ${name}`
          : `node(s) didn't satisfy plugin(s) ${goList(result.narrowedBy)} simultaneously`;
      result.rejection = { plugin: name, status: { code: "UnschedulableAndUnresolvable", reasons: [message] } };
      return result;
    }
  }
  return result;
}

type NodeFilterResult = { status: Status | null; plugin: string | null; records: FilterRecord[] };

/** Shared result for a passing node when no records are kept: the hot path allocates nothing. */
const PASSED: NodeFilterResult = Object.freeze({
  status: null,
  plugin: null,
  records: [] as FilterRecord[],
}) as NodeFilterResult;

type ActiveFilter = { name: PluginName; filter: NonNullable<PluginImpl["filter"]> };

/** The cycle's filter plugins: those with a Filter, minus the ones PreFilter skipped. */
export function activeFilters(profile: Profile, skipped: ReadonlySet<PluginName>): ActiveFilter[] {
  const active: ActiveFilter[] = [];
  for (const name of profile.filter) {
    const filter = PLUGINS[name].filter;
    if (filter && !skipped.has(name)) active.push({ name, filter });
  }
  return active;
}

/** Runs the Filter plugins on one node, stopping at the first rejection. */
export function runFilters(
  filters: ActiveFilter[],
  ctx: CycleContext,
  node: NodeInfo,
  detail = true,
): NodeFilterResult {
  const records: FilterRecord[] = [];
  for (let i = 0; i < filters.length; i++) {
    const active = filters[i] as ActiveFilter;
    const status = active.filter(ctx, node);
    if (status === null) {
      if (detail) records.push({ plugin: active.name, code: "Success", reasons: [] });
      continue;
    }
    records.push({ plugin: active.name, code: status.code, reasons: status.reasons });
    return { status, plugin: active.name, records };
  }
  return detail ? { status: null, plugin: null, records } : PASSED;
}
