import { z } from "zod";

/** A file inside examples/scheduling/, relative to it: no absolute paths, no climbing out. */
const exampleFile = z
  .string()
  .regex(/^[a-z0-9][a-z0-9/_.-]*\.ya?ml$/, "a .yaml path relative to examples/scheduling/")
  .refine((file) => !file.split("/").includes(".."), "must stay inside examples/scheduling/");

// examples/scheduling/presets/presets.yaml: the playground's presets, in menu order (authored, so parsed with `parse`).
export const schedulerPresetIndexSchema = z
  .array(
    z.strictObject({
      id: z.string().regex(/^[a-z0-9-]+$/, "ids are kebab-case: they appear in ?preset= URLs"),
      name: z.string().min(1).max(60),
      description: z.string().min(1).max(200),
      nodes: exampleFile,
      pod: exampleFile,
      pods: exampleFile.optional(),
      config: exampleFile.optional(),
    }),
  )
  .min(1)
  .refine((presets) => new Set(presets.map((p) => p.id)).size === presets.length, "preset ids must be unique");

/** A preset with its files read: what the playground's picker loads into the editors. */
export type SchedulerPreset = {
  id: string;
  name: string;
  description: string;
  values: { nodes: string; pod: string; pods: string; config: string };
};
