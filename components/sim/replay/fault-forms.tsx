"use client";

import { useState, type FormEvent } from "react";
import { useToggleSet } from "@/components/ui/use-toggle-set";
import { kubectlFault, linkFault, partitionFault } from "@/lib/replay/fault-choices";
import type { Topology } from "@/lib/sim";
import { clusterHosts } from "@/lib/sim";
import type { Fault } from "@/lib/sim";

type FormProps = {
  /** The machine (partition, link) or Deployment (scale) the form was opened for. */
  subject: string;
  atMs: number;
  topology: Topology;
  onApply: (fault: Fault) => void;
};

const inputClass = "w-20 rounded-md border border-line bg-surface px-2 py-1 text-sm";
const submitClass = "rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg hover:opacity-90";

function submitted(apply: () => void) {
  return (event: FormEvent) => {
    event.preventDefault();
    apply();
  };
}

type NumberInputProps = {
  label: string;
  max: number;
  step?: number;
  value: number;
  onChange: (value: number) => void;
  /** Beside the button rather than in a column of settings with their inputs aligned right. */
  isInline?: boolean;
};

/** A required whole number from 0 to max, labelled on its left. */
function NumberInput({ label, max, step, value, onChange, isInline = false }: NumberInputProps) {
  return (
    <label className={`flex items-center gap-2 text-sm ${isInline ? "" : "justify-between"}`}>
      {label}
      <input
        type="number"
        min={0}
        max={max}
        step={step}
        required
        value={value}
        onChange={(event) => onChange(event.target.valueAsNumber)}
        className={inputClass}
      />
    </label>
  );
}

/** Which machines to cut off together from the rest (the one clicked is ticked). */
export function PartitionSetForm({ subject, atMs, topology, onApply }: FormProps) {
  const { members: chosen, toggle } = useToggleSet([subject]);
  const hosts = clusterHosts(topology);
  const isValid = chosen.size > 0 && chosen.size < hosts.length;
  return (
    <form className="space-y-2" onSubmit={submitted(() => onApply(partitionFault(atMs, [...chosen])))}>
      <fieldset>
        <legend className="mb-1 text-sm">Machines on one side (the others stay together):</legend>
        <div className="grid grid-cols-2 gap-x-3 gap-y-1">
          {hosts.map((host) => (
            <label key={host} className="flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                checked={chosen.has(host)}
                onChange={() => toggle(host)}
                className="accent-[var(--accent)]"
              />
              {host}
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" className={submitClass} disabled={!isValid}>
        Partition them from the rest
      </button>
    </form>
  );
}

/** Extra delay and loss on one link, from the clicked machine to another. */
export function LinkForm({ subject, atMs, topology, onApply }: FormProps) {
  const others = clusterHosts(topology).filter((id) => id !== subject);
  const [to, setTo] = useState(others[0] ?? "");
  const [delayMs, setDelayMs] = useState(200);
  const [lossPercent, setLossPercent] = useState(0);
  return (
    <form className="space-y-2" onSubmit={submitted(() => onApply(linkFault(atMs, subject, to, delayMs, lossPercent)))}>
      <label className="flex items-center justify-between gap-2 text-sm">
        Link to
        <select value={to} onChange={(event) => setTo(event.target.value)} className={`${inputClass} w-32`}>
          {others.map((id) => (
            <option key={id}>{id}</option>
          ))}
        </select>
      </label>
      <NumberInput label="Extra delay (ms)" max={10_000} step={10} value={delayMs} onChange={setDelayMs} />
      <NumberInput label="Messages lost (%)" max={100} value={lossPercent} onChange={setLossPercent} />
      <button type="submit" className={submitClass}>
        Degrade the link
      </button>
    </form>
  );
}

/** `kubectl scale deployment <subject> --replicas=N`. */
export function ScaleForm({ subject, atMs, onApply }: FormProps) {
  const [replicas, setReplicas] = useState(3);
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={submitted(() => onApply(kubectlFault(atMs, { command: "scale", deployment: subject, replicas })))}
    >
      <NumberInput label="Replicas" max={50} value={replicas} onChange={setReplicas} isInline />
      <button type="submit" className={submitClass}>
        Scale {subject}
      </button>
    </form>
  );
}
