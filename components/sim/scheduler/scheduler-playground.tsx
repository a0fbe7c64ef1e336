"use client";

import { useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { flushSync } from "react-dom";
import { z } from "zod";
import {
  scheduleFieldLabels,
  scheduleInputSchema,
  type ScheduleErrors,
  type ScheduleField,
  type ScheduleState,
  type ScheduleValues,
} from "@/lib/validations/schedule";
import type { SchedulerPreset } from "@/lib/validations/scheduler-preset";
import { EmptyResult } from "./empty-result";
import { PluginTable } from "./plugin-table";
import { PresetPicker } from "./preset-picker";
import { ScheduleBar } from "./schedule-bar";
import { ScheduleOutcome } from "./schedule-outcome";
import { YamlEditor } from "./yaml-editor";

type Props = {
  presets: SchedulerPreset[];
  initialPresetId: string;
  /** Shown once at the top, e.g. for an unknown ?preset= in the URL. */
  notice: string | null;
  action: (state: ScheduleState, formData: FormData) => Promise<ScheduleState>;
};

type YamlField = Exclude<ScheduleField, "seed">;

/** Each YAML editor's label, hint and height (rows), in the order the form shows them. */
const yamlEditors: Record<YamlField, { label: string; hint: string; rows: number }> = {
  nodes: {
    label: "Nodes",
    hint: "A NodeList, a List, or Node documents, as kubectl get nodes -o yaml prints them.",
    rows: 16,
  },
  pod: { label: "Pod", hint: "Exactly one Pod: the one to schedule.", rows: 11 },
  pods: {
    label: "Existing pods (optional)",
    hint:
      "Pods already bound with spec.nodeName (their requests count as " +
      "used), plus Services and ReplicaSets that spreading reads.",
    rows: 9,
  },
  config: {
    label: "KubeSchedulerConfiguration",
    hint: "kubescheduler.config.k8s.io/v1: profiles, plugins, weights and pluginConfig args.",
    rows: 12,
  },
};

const fieldOrder: ScheduleField[] = ["nodes", "pod", "pods", "config", "seed"];

function focusFirstInvalid(errors: ScheduleErrors) {
  const first = fieldOrder.find((field) => (errors[field]?.length ?? 0) > 0);
  if (first) document.getElementById(first)?.focus();
}

function isSameValues(a: ScheduleValues, b: ScheduleValues): boolean {
  return fieldOrder.every((field) => a[field] === b[field]);
}

/** The playground: a preset picker, YAML editors posting to the schedule action, and the explained result. */
export function SchedulerPlayground({ presets, initialPresetId, notice, action }: Props) {
  const [state, formAction, isPending] = useActionState(action, null);
  const initialPreset = presets.find((preset) => preset.id === initialPresetId) ?? presets[0]!;
  // After a submission without JavaScript the server renders the echoed values, so the text survives.
  const [values, setValues] = useState<ScheduleValues>(() => state?.values ?? { ...initialPreset.values, seed: "1" });
  const [clientErrors, setClientErrors] = useState<ScheduleErrors | null>(null);
  // Loading a preset hides the previous preset's result until the next Schedule.
  const [dismissed, setDismissed] = useState<ScheduleState>(null);
  const [isConfigOpen, setConfigOpen] = useState(values.config.trim() !== "");
  const [announcement, setAnnouncement] = useState("");
  const resultRef = useRef<HTMLDivElement>(null);

  const shown = state === dismissed ? null : state;
  const errors: ScheduleErrors = clientErrors ?? (shown?.kind === "invalid" ? shown.errors : {});
  const setField = (field: ScheduleField) => (value: string) =>
    setValues((current) => ({ ...current, [field]: value }));
  const yamlEditor = (field: YamlField) => (
    <YamlEditor
      name={field}
      {...yamlEditors[field]}
      value={values[field]}
      onChange={setField(field)}
      errors={errors[field]}
    />
  );

  useEffect(() => {
    if (state?.kind === "invalid") focusFirstInvalid(state.errors);
    if (
      state?.kind === "scheduled" &&
      resultRef.current &&
      resultRef.current.getBoundingClientRect().top > window.innerHeight * 0.75
    ) {
      const isReduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      resultRef.current.scrollIntoView({ behavior: isReduced ? "auto" : "smooth", block: "start" });
    }
  }, [state]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    // The same schema as the server: an oversized editor is refused here, before it is uploaded.
    const parsed = scheduleInputSchema.safeParse(values);
    if (parsed.success) {
      setClientErrors(null);
      return;
    }
    event.preventDefault();
    const fieldErrors: ScheduleErrors = z.flattenError(parsed.error).fieldErrors;
    flushSync(() => setClientErrors(fieldErrors));
    focusFirstInvalid(fieldErrors);
  }

  function loadPreset(preset: SchedulerPreset) {
    setValues((current) => ({ ...preset.values, seed: current.seed }));
    setClientErrors(null);
    setDismissed(state);
    setConfigOpen(preset.values.config.trim() !== "");
    setAnnouncement(`Loaded "${preset.name}". Press Schedule to see where its pod goes.`);
    window.history.replaceState(null, "", `?preset=${encodeURIComponent(preset.id)}`);
  }

  const invalidFields = Object.keys(errors).map((field) => scheduleFieldLabels[field as ScheduleField]);
  const errorMessage = clientErrors
    ? `Fix ${invalidFields.join(", ")}, then schedule again.`
    : shown?.kind === "invalid"
      ? shown.message
      : null;

  return (
    <div className="space-y-6">
      {notice ? (
        <p role="status" className="rounded-lg border border-learning/40 bg-learning/10 px-4 py-2 text-sm">
          {notice}
        </p>
      ) : null}
      <PresetPicker presets={presets} initialPresetId={initialPreset.id} onLoad={loadPreset} />
      <form
        action={formAction}
        onSubmit={handleSubmit}
        noValidate
        className="rounded-xl border border-line bg-surface"
        aria-label="Scheduling inputs"
      >
        <div className="grid gap-5 p-4 sm:p-5 lg:grid-cols-2">
          {yamlEditor("nodes")}
          <div className="flex min-w-0 flex-col gap-5">
            {yamlEditor("pod")}
            {yamlEditor("pods")}
          </div>
        </div>
        <details
          open={isConfigOpen || Boolean(errors.config)}
          onToggle={(event) => setConfigOpen(event.currentTarget.open)}
          className="border-t border-line"
        >
          <summary className="cursor-pointer px-4 py-3 text-sm font-medium sm:px-5">
            Scheduler configuration{" "}
            <span className="font-normal text-muted">
              (optional KubeSchedulerConfiguration; empty means the default profile)
            </span>
          </summary>
          <div className="px-4 pb-5 sm:px-5">{yamlEditor("config")}</div>
        </details>
        <ScheduleBar
          seed={values.seed}
          onSeedChange={setField("seed")}
          seedErrors={errors.seed}
          isPending={isPending}
          errorMessage={errorMessage}
          shown={shown}
          isStale={shown?.kind === "scheduled" && !isSameValues(shown.values, values)}
          announcement={announcement}
        />
      </form>
      <div ref={resultRef} className={`scroll-mt-4 space-y-4 ${isPending ? "opacity-70" : ""}`} aria-busy={isPending}>
        {shown?.kind === "scheduled" ? (
          <>
            <ScheduleOutcome result={shown.result} />
            <PluginTable result={shown.result} />
          </>
        ) : (
          <EmptyResult hasError={errorMessage !== null} />
        )}
      </div>
    </div>
  );
}
