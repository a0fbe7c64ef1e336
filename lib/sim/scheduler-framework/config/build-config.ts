// KubeSchedulerConfiguration → scheduler profiles: defaulting (SetDefaults_KubeSchedulerConfiguration),
// plugin merging and expansion, per-plugin args. Errors name the field, as kube-scheduler's would.
import type { z } from "zod";
import { nodeAffinitySchema } from "@/lib/sim/manifests/affinity-schema";
import { errorFromZod, type DocumentLocation, type Result } from "@/lib/sim/manifests/input-error";
import { readDocuments } from "@/lib/sim/manifests/read-documents";
import {
  schedulerConfigSchema,
  type RawPluginSet,
  type RawProfile,
  type RawSchedulerConfig,
} from "@/lib/sim/scheduler-framework/config/config-schema";
import {
  DEFAULT_MULTI_POINT,
  expandPoint,
  mergePluginSet,
  scoreWeights,
  type PluginSet,
} from "@/lib/sim/scheduler-framework/config/merge-plugins";
import {
  balancedAllocationArgs,
  defaultPluginArgs,
  defaultPreemptionArgs,
  interPodAffinityArgs,
  nodeResourcesFitArgs,
  podTopologySpreadArgs,
} from "@/lib/sim/scheduler-framework/config/plugin-args-schema";
import { PLUGIN_NAMES, type PluginArgs, type PluginName, type Profile } from "@/lib/sim/scheduler-framework/types";

export type SchedulerConfig = {
  profiles: Profile[];
  /** Global percentageOfNodesToScore; 0 means adaptive. */
  percentageOfNodesToScore: number;
  podInitialBackoffSeconds: number;
  podMaxBackoffSeconds: number;
};

type Fail = { ok: false; error: ReturnType<typeof errorFromZod> };

function fail(location: DocumentLocation, path: string, message: string): Fail {
  return { ok: false, error: { ...location, path, message } };
}

function toPluginSet(raw: RawPluginSet | undefined, location: DocumentLocation, path: string): Result<PluginSet> {
  const enabled: PluginSet["enabled"] = [];
  for (const [i, entry] of (raw?.enabled ?? []).entries()) {
    if (!(PLUGIN_NAMES as readonly string[]).includes(entry.name))
      return fail(
        location,
        `${path}.enabled[${i}].name`,
        `plugin "${entry.name}" does not exist in the in-tree registry`,
      );
    enabled.push({ name: entry.name as PluginName, weight: entry.weight ?? 0 });
  }
  return { ok: true, value: { enabled, disabled: (raw?.disabled ?? []).map((d) => d.name) } };
}

const ARG_SCHEMAS: Partial<Record<PluginName, { schema: z.ZodType; key: keyof PluginArgs }>> = {
  NodeResourcesFit: { schema: nodeResourcesFitArgs, key: "fit" },
  NodeResourcesBalancedAllocation: { schema: balancedAllocationArgs, key: "balancedAllocation" },
  InterPodAffinity: { schema: interPodAffinityArgs, key: "interPodAffinity" },
  PodTopologySpread: { schema: podTopologySpreadArgs, key: "podTopologySpread" },
  DefaultPreemption: { schema: defaultPreemptionArgs, key: "defaultPreemption" },
};

function buildArgs(raw: RawProfile, location: DocumentLocation, path: string): Result<PluginArgs> {
  const args = defaultPluginArgs();
  const seen = new Set<string>();
  for (const [i, entry] of (raw.pluginConfig ?? []).entries()) {
    const argsPath = [...path.split("."), "pluginConfig", i, "args"];
    if (seen.has(entry.name)) return fail(location, `${path}.pluginConfig[${i}]`, `Duplicate value: "${entry.name}"`);
    seen.add(entry.name);
    if (entry.name === "NodeAffinity") {
      const { addedAffinity, apiVersion: _v, kind: _k, ...rest } = entry.args ?? {};
      if (Object.keys(rest)[0])
        return fail(
          location,
          `${path}.pluginConfig[${i}].args.${Object.keys(rest)[0]}`,
          `unknown field "${Object.keys(rest)[0]}"`,
        );
      const parsed = nodeAffinitySchema.optional().safeParse(addedAffinity);
      if (!parsed.success)
        return { ok: false, error: errorFromZod(location, parsed.error, [...argsPath, "addedAffinity"]) };
      args.nodeAffinity = { addedAffinity: parsed.data ?? null };
      continue;
    }
    const target = ARG_SCHEMAS[entry.name as PluginName];
    if (!target) continue;
    const parsed = target.schema.safeParse(entry.args ?? {});
    if (!parsed.success) return { ok: false, error: errorFromZod(location, parsed.error, argsPath) };
    Object.assign(args, { [target.key]: parsed.data });
  }
  return { ok: true, value: args };
}

const POINTS = ["preFilter", "filter", "postFilter", "preScore", "score"] as const;

function buildProfile(raw: RawProfile, index: number, count: number, location: DocumentLocation): Result<Profile> {
  const path = `profiles[${index}]`;
  const multiPointCustom = toPluginSet(raw.plugins?.multiPoint, location, `${path}.plugins.multiPoint`);
  if (!multiPointCustom.ok) return multiPointCustom;
  const multiPoint = mergePluginSet({ enabled: DEFAULT_MULTI_POINT, disabled: [] }, multiPointCustom.value).enabled;
  const expanded: Partial<Record<(typeof POINTS)[number], PluginName[]>> = {};
  let scoreEnabled: PluginSet["enabled"] = [];
  for (const point of POINTS) {
    const set = toPluginSet(raw.plugins?.[point], location, `${path}.plugins.${point}`);
    if (!set.ok) return set;
    if (point === "score") scoreEnabled = set.value.enabled;
    const result = expandPoint(point, set.value, multiPoint);
    if (!result.ok) return fail(location, `${path}.plugins.${point}`, result.message);
    expanded[point] = result.names;
  }
  const args = buildArgs(raw, location, path);
  if (!args.ok) return args;
  return {
    ok: true,
    value: {
      schedulerName: raw.schedulerName ?? (count === 1 ? "default-scheduler" : ""),
      percentageOfNodesToScore: raw.percentageOfNodesToScore ?? null,
      preFilter: expanded.preFilter ?? [],
      filter: expanded.filter ?? [],
      postFilter: expanded.postFilter ?? [],
      preScore: expanded.preScore ?? [],
      score: scoreWeights(expanded.score ?? [], scoreEnabled, multiPoint),
      args: args.value,
    },
  };
}

/** Builds profiles from a validated configuration (or the defaults when `raw` is null). Pure. */
function buildSchedulerConfig(raw: RawSchedulerConfig | null, location: DocumentLocation): Result<SchedulerConfig> {
  const rawProfiles = raw?.profiles?.length ? raw.profiles : [{}];
  const profiles: Profile[] = [];
  for (const [index, rawProfile] of rawProfiles.entries()) {
    const profile = buildProfile(rawProfile, index, rawProfiles.length, location);
    if (!profile.ok) return profile;
    profiles.push(profile.value);
  }
  return {
    ok: true,
    value: {
      profiles,
      percentageOfNodesToScore: raw?.percentageOfNodesToScore ?? 0,
      podInitialBackoffSeconds: raw?.podInitialBackoffSeconds ?? 1,
      podMaxBackoffSeconds: raw?.podMaxBackoffSeconds ?? 10,
    },
  };
}

/** The default configuration: one default-scheduler profile with every default plugin. Pure. */
export function defaultSchedulerConfig(): SchedulerConfig {
  const built = buildSchedulerConfig(null, { file: "<defaults>", document: null, item: null, kind: null, name: null });
  if (!built.ok) throw new Error(`default scheduler configuration is invalid: ${built.error.message}`);
  return built.value;
}

/** Parses a KubeSchedulerConfiguration file (YAML or JSON, one document). Pure. */
export function parseSchedulerConfig(file: string, text: string): Result<SchedulerConfig> {
  const documents = readDocuments(file, text);
  if (!documents.ok) return documents;
  const [first, second] = documents.value;
  if (!first)
    return fail(
      { file, document: null, item: null, kind: null, name: null },
      "",
      "no KubeSchedulerConfiguration found",
    );
  if (second) return fail(second.location, "", "expected exactly one KubeSchedulerConfiguration");
  const parsed = schedulerConfigSchema.safeParse(first.value);
  if (!parsed.success) return { ok: false, error: errorFromZod(first.location, parsed.error) };
  return buildSchedulerConfig(parsed.data, first.location);
}
