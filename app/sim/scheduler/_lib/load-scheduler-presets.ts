// Reads the playground's presets from examples/scheduling/ (the same files the CLI docs use). An
// unreadable preset is the author's bug, so it throws with the file's name (STYLE G11, G12).
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { schedulerPresetIndexSchema, type SchedulerPreset } from "@/lib/validations/scheduler-preset";

const examplesDir = () => path.resolve(/*turbopackIgnore: true*/ process.cwd(), "examples", "scheduling");

function readExample(file: string | undefined): string {
  if (file === undefined) return "";
  return readFileSync(path.join(examplesDir(), file), "utf8");
}

/** Every preset with its YAML, in menu order. Reads the files on each call (they are small). */
export function loadSchedulerPresets(): SchedulerPreset[] {
  const indexFile = path.join(examplesDir(), "presets", "presets.yaml");
  const parsed = schedulerPresetIndexSchema.safeParse(parse(readFileSync(indexFile, "utf8")));
  if (!parsed.success) throw new Error(`${indexFile}:\n${z.prettifyError(parsed.error)}`);
  return parsed.data.map((entry) => ({
    id: entry.id,
    name: entry.name,
    description: entry.description,
    values: {
      nodes: readExample(entry.nodes),
      pod: readExample(entry.pod),
      pods: readExample(entry.pods),
      config: readExample(entry.config),
    },
  }));
}
