"use client";

import { useState } from "react";
import type { SchedulerPreset } from "@/lib/validations/scheduler-preset";

type Props = { presets: SchedulerPreset[]; initialPresetId: string; onLoad: (preset: SchedulerPreset) => void };

/**
 * Choose a preset, then Load it into the editors. Loading is a separate step so that moving through
 * the list never overwrites edited YAML. Without JavaScript the form is a plain GET to ?preset=<id>.
 */
export function PresetPicker({ presets, initialPresetId, onLoad }: Props) {
  const [selectedId, setSelectedId] = useState(initialPresetId);
  const selected = presets.find((preset) => preset.id === selectedId) ?? presets[0];
  return (
    <form
      method="get"
      action="/sim/scheduler"
      onSubmit={(event) => {
        event.preventDefault();
        if (selected) onLoad(selected);
      }}
      className="space-y-2 rounded-xl border border-line bg-surface p-4 sm:p-5"
    >
      <label htmlFor="preset" className="block text-sm font-medium">
        Preset
      </label>
      <div className="flex flex-wrap gap-2">
        <select
          id="preset"
          name="preset"
          value={selectedId}
          onChange={(event) => setSelectedId(event.target.value)}
          aria-describedby="preset-description"
          className={
            "min-w-0 flex-1 basis-56 rounded-md border border-line " +
            "bg-surface px-3 py-2 text-sm focus-visible:border-accent"
          }
        >
          {presets.map((preset) => (
            <option key={preset.id} value={preset.id}>
              {preset.name}
            </option>
          ))}
        </select>
        <button
          type="submit"
          className="rounded-md border border-line bg-surface-2 px-4 py-2 text-sm font-medium hover:border-accent"
        >
          Load into the editors
        </button>
      </div>
      <p id="preset-description" className="text-sm text-muted">
        {selected?.description}
      </p>
    </form>
  );
}
