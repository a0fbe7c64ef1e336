// Default plugins and how a profile's plugin sets combine with them:
// apis/config/v1/default_plugins.go (getDefaultPlugins, mergePluginSet) and the framework runtime's
// expandMultiPointPlugins and getScoreWeights (pkg/scheduler/framework/runtime/framework.go).
import { implementsPoint, type ExtensionPoint } from "@/lib/sim/scheduler-framework/plugins/registry";
import type { PluginName, WeightedPlugin } from "@/lib/sim/scheduler-framework/types";

type PluginEntry = { name: PluginName; weight: number };
export type PluginSet = { enabled: PluginEntry[]; disabled: string[] };

/** getDefaultPlugins' MultiPoint list (DynamicResources inserted before DefaultPreemption, DRA being on). */
export const DEFAULT_MULTI_POINT: PluginEntry[] = [
  { name: "SchedulingGates", weight: 0 },
  { name: "PrioritySort", weight: 0 },
  { name: "NodeUnschedulable", weight: 0 },
  { name: "NodeName", weight: 0 },
  { name: "TaintToleration", weight: 3 },
  { name: "NodeAffinity", weight: 2 },
  { name: "NodePorts", weight: 0 },
  { name: "NodeResourcesFit", weight: 1 },
  { name: "VolumeRestrictions", weight: 0 },
  { name: "NodeVolumeLimits", weight: 0 },
  { name: "VolumeBinding", weight: 0 },
  { name: "VolumeZone", weight: 0 },
  { name: "PodTopologySpread", weight: 2 },
  { name: "InterPodAffinity", weight: 2 },
  { name: "DynamicResources", weight: 0 },
  { name: "DefaultPreemption", weight: 0 },
  { name: "NodeResourcesBalancedAllocation", weight: 1 },
  { name: "ImageLocality", weight: 1 },
  { name: "DefaultBinder", weight: 0 },
];

/** mergePluginSet: custom disables drop defaults ("*" drops all), custom enables replace in place or append. Pure. */
export function mergePluginSet(defaults: PluginSet, custom: PluginSet): PluginSet {
  const disabled = [...custom.disabled, ...defaults.disabled];
  const replaced = new Set<number>();
  const enabled: PluginEntry[] = [];
  if (!disabled.includes("*")) {
    for (const entry of defaults.enabled) {
      if (disabled.includes(entry.name)) continue;
      const index = custom.enabled.findIndex((c) => c.name === entry.name);
      const override = custom.enabled[index];
      if (override) replaced.add(index);
      enabled.push(override ?? entry);
    }
  }
  custom.enabled.forEach((entry, index) => {
    if (!replaced.has(index)) enabled.push(entry);
  });
  return { enabled, disabled };
}

type ExpandResult = { ok: true; names: PluginName[] } | { ok: false; message: string };

/** expandMultiPointPlugins for one extension point. Pure. */
export function expandPoint(point: ExtensionPoint, set: PluginSet, multiPoint: PluginEntry[]): ExpandResult {
  const explicit: PluginName[] = [];
  for (const entry of set.enabled) {
    if (!implementsPoint(entry.name, point))
      return { ok: false, message: `plugin "${entry.name}" does not extend ${point} plugin` };
    if (explicit.includes(entry.name))
      return { ok: false, message: `plugin "${entry.name}" already registered as "${point}"` };
    explicit.push(entry.name);
  }
  if (set.disabled.includes("*")) return { ok: true, names: explicit };
  const overrides = new Set<PluginName>();
  const fromMultiPoint: PluginName[] = [];
  for (const entry of multiPoint) {
    if (!implementsPoint(entry.name, point) || set.disabled.includes(entry.name)) continue;
    if (explicit.includes(entry.name)) {
      overrides.add(entry.name);
      continue;
    }
    if (fromMultiPoint.includes(entry.name))
      return { ok: false, message: `plugin "${entry.name}" already registered as "${point}"` };
    fromMultiPoint.push(entry.name);
  }
  // Order: explicit overrides, then multiPoint plugins, then the other explicit ones.
  const names = [
    ...explicit.filter((n) => overrides.has(n)),
    ...fromMultiPoint,
    ...explicit.filter((n) => !overrides.has(n)),
  ];
  return { ok: true, names };
}

/** getScoreWeights: an explicit Score weight wins over MultiPoint; 0 means 1. Pure. */
export function scoreWeights(
  scorePlugins: PluginName[],
  scoreEnabled: PluginEntry[],
  multiPoint: PluginEntry[],
): WeightedPlugin[] {
  const weights = new Map<PluginName, number>();
  for (const entry of [...scoreEnabled, ...multiPoint]) {
    if (!implementsPoint(entry.name, "score") || weights.has(entry.name)) continue;
    weights.set(entry.name, entry.weight || 1);
  }
  return scorePlugins.map((name) => ({ name, weight: weights.get(name) ?? 1 }));
}
