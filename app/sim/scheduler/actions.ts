"use server";

import { z } from "zod";
import { clock } from "@/lib/clock";
import { getLearnerId } from "@/lib/data/learners";
import { requestLog } from "@/lib/ops/request-log";
import { runInPool, takeHeavyJobAllowance } from "@/lib/pool/heavy-job";
import { formatInputError, type InputError } from "@/lib/sim/scheduler-framework";
import {
  scheduleFieldLabels,
  scheduleInputSchema,
  type ScheduleField,
  type ScheduleState,
  type ScheduleValues,
} from "@/lib/validations/schedule";
import { buildScheduleResult } from "./_lib/build-schedule-result";
import { formDataOrEmpty } from "@/lib/validations/form-data";

// Each editor is passed to lib/sim under a file name, so a parse error names the editor it came from.
const fileNames = { nodes: "nodes.yaml", pod: "pod.yaml", pods: "pods.yaml", config: "config.yaml" } as const;

function readValues(formData: FormData): ScheduleValues {
  const text = (name: ScheduleField) => {
    const value = formData.get(name);
    // Form submission sends textarea newlines as CRLF; the editors (and byte counts) use LF.
    return typeof value === "string" ? value.replace(/\r\n?/g, "\n") : "";
  };
  return { nodes: text("nodes"), pod: text("pod"), pods: text("pods"), config: text("config"), seed: text("seed") };
}

function fieldOf(error: InputError): ScheduleField {
  const entry = Object.entries(fileNames).find(([, file]) => file === error.file);
  return (entry?.[0] as ScheduleField | undefined) ?? "nodes";
}

function invalid(values: ScheduleValues, field: ScheduleField, message: string): ScheduleState {
  return {
    kind: "invalid",
    values,
    errors: { [field]: [message] },
    message: `${scheduleFieldLabels[field]}: fix the error shown there, then schedule again.`,
  };
}

/** Runs one kube-scheduler cycle on the editors' YAML; every bad input comes back as a message next to its editor. */
export async function scheduleAction(_previous: ScheduleState, submitted: unknown): Promise<ScheduleState> {
  const formData = formDataOrEmpty(submitted);
  const values = readValues(formData);
  const parsed = scheduleInputSchema.safeParse(values);
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors;
    const fields = Object.keys(errors).map((field) => scheduleFieldLabels[field as ScheduleField]);
    return { kind: "invalid", values, errors, message: `Fix ${fields.join(", ")}, then schedule again.` };
  }
  const { nodes, pod, pods, config, seed } = parsed.data;
  const refused = await takeHeavyJobAllowance("compute", await getLearnerId(), clock.now());
  if (refused) return { kind: "invalid", values, errors: {}, message: refused.message };
  const files = {
    nodes: { file: fileNames.nodes, text: nodes },
    pod: { file: fileNames.pod, text: pod },
    pods: pods.trim() ? { file: fileNames.pods, text: pods } : undefined,
    config: config.trim() ? { file: fileNames.config, text: config } : undefined,
  };
  // Upstream breaks ties uniformly at random; here the choice is seeded so a result can be reproduced.
  try {
    const outcome = await runInPool({ kind: "schedule", files, seed });
    if (!outcome.ok) return { kind: "invalid", values, errors: {}, message: outcome.message };
    const explanation = outcome.value;
    if (!explanation.ok) return invalid(values, fieldOf(explanation.error), formatInputError(explanation.error));
    return { kind: "scheduled", values, result: buildScheduleResult(explanation.value, seed) };
  } catch (error) {
    // The inputs were valid as text, so this is a simulator bug; keep the learner's text and say so rather than crash.
    (await requestLog()).error({ err: error }, "scheduleAction: the scheduler simulation failed");
    return {
      kind: "invalid",
      values,
      errors: {},
      message: "The scheduler simulation failed on this input. This is a bug in Quorum, not in your YAML.",
    };
  }
}
