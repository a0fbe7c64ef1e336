// KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1), validated strictly. Args are checked
// per plugin in build-profiles.ts, where the plugin name tells which schema applies.
import { z } from "zod";
import { ignored, integer } from "@/lib/sim/manifests/schema-primitives";
import { PLUGIN_NAMES } from "@/lib/sim/scheduler-framework/types";

const plugin = z.strictObject({ name: z.string().min(1), weight: integer(0, 2 ** 31 - 1).optional() });

const pluginSet = z.strictObject({ enabled: z.array(plugin).optional(), disabled: z.array(plugin).optional() });

const EXTENSION_POINT_KEYS = [
  "preEnqueue",
  "queueSort",
  "preFilter",
  "filter",
  "postFilter",
  "preScore",
  "score",
  "reserve",
  "permit",
  "preBind",
  "bind",
  "postBind",
  "multiPoint",
] as const;

const plugins = z.strictObject(
  Object.fromEntries(EXTENSION_POINT_KEYS.map((key) => [key, pluginSet.optional()])) as Record<
    (typeof EXTENSION_POINT_KEYS)[number],
    z.ZodOptional<typeof pluginSet>
  >,
);

const knownName = z.string().refine((name) => name === "*" || (PLUGIN_NAMES as readonly string[]).includes(name), {
  message: "plugin does not exist in the in-tree registry",
});

const profile = z.strictObject({
  schedulerName: z.string().min(1, "Required value").optional(),
  percentageOfNodesToScore: integer(0, 100).optional(),
  plugins: plugins.optional(),
  pluginConfig: z
    .array(z.strictObject({ name: knownName, args: z.record(z.string(), z.unknown()).optional() }))
    .optional(),
});

export const schedulerConfigSchema = z
  .strictObject({
    apiVersion: z.literal("kubescheduler.config.k8s.io/v1"),
    kind: z.literal("KubeSchedulerConfiguration"),
    percentageOfNodesToScore: integer(0, 100).optional(),
    podInitialBackoffSeconds: integer(1, Number.MAX_SAFE_INTEGER).optional(),
    podMaxBackoffSeconds: integer(1, Number.MAX_SAFE_INTEGER).optional(),
    profiles: z.array(profile).optional(),
    extenders: z.array(z.unknown()).max(0, "extenders are not supported by this simulator").optional(),
    parallelism: integer(1, 2 ** 31 - 1).optional(),
    leaderElection: ignored,
    clientConnection: ignored,
    enableProfiling: ignored,
    enableContentionProfiling: ignored,
    delayCacheUntilActive: ignored,
  })
  .superRefine((c, ctx) => {
    if ((c.podMaxBackoffSeconds ?? 10) < (c.podInitialBackoffSeconds ?? 1)) {
      ctx.addIssue({
        code: "custom",
        path: ["podMaxBackoffSeconds"],
        message: "must be greater than or equal to PodInitialBackoffSeconds",
      });
    }
    const names = new Set<string>();
    (c.profiles ?? []).forEach((p, i) => {
      const name = p.schedulerName ?? ((c.profiles ?? []).length === 1 ? "default-scheduler" : "");
      if (name === "")
        ctx.addIssue({ code: "custom", path: ["profiles", i, "schedulerName"], message: "Required value" });
      else if (names.has(name))
        ctx.addIssue({ code: "custom", path: ["profiles", i, "schedulerName"], message: `Duplicate value: "${name}"` });
      names.add(name);
    });
  });

export type RawSchedulerConfig = z.output<typeof schedulerConfigSchema>;
export type RawProfile = z.output<typeof profile>;
export type RawPluginSet = z.output<typeof pluginSet>;
