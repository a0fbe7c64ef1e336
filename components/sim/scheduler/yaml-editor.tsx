"use client";

import type { KeyboardEvent, ReactNode } from "react";
import { SCHEDULE_FIELD_LIMIT_BYTES, type ScheduleField } from "@/lib/validations/schedule";

type Props = {
  name: Exclude<ScheduleField, "seed">;
  label: string;
  hint: ReactNode;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
  rows: number;
};

const encoder = new TextEncoder();

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** Ctrl+Enter (⌘+Enter) schedules from inside an editor. */
function submitOnModEnter(event: KeyboardEvent<HTMLTextAreaElement>) {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    event.currentTarget.form?.requestSubmit();
  }
}

/**
 * A labelled plain-text YAML editor with its size against the limit and its errors, tied together for screen readers.
 */
export function YamlEditor({ name, label, hint, value, onChange, errors, rows }: Props) {
  const bytes = encoder.encode(value).length;
  const isTooLarge = bytes > SCHEDULE_FIELD_LIMIT_BYTES;
  const isInvalid = (errors?.length ?? 0) > 0;
  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      <div className="flex items-baseline justify-between gap-3">
        <label htmlFor={name} className="text-sm font-medium">
          {label}
        </label>
        <span
          id={`${name}-size`}
          className={`font-mono text-xs tabular-nums ${isTooLarge ? "text-danger" : "text-muted"}`}
        >
          {formatSize(bytes)} of {SCHEDULE_FIELD_LIMIT_BYTES / 1024} KB
        </span>
      </div>
      <p id={`${name}-hint`} className="text-xs text-muted">
        {hint}
      </p>
      <textarea
        id={name}
        name={name}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={submitOnModEnter}
        rows={rows}
        wrap="off"
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        autoComplete="off"
        aria-invalid={isInvalid ? true : undefined}
        aria-describedby={`${name}-hint ${name}-size ${name}-error`}
        className={
          "w-full flex-1 resize-y rounded-lg border border-line bg-bg px-3 py-2.5 font-mono text-xs " +
          "leading-5 text-fg aria-[invalid=true]:border-danger focus-visible:border-accent"
        }
      />
      <div id={`${name}-error`} aria-live="polite">
        {errors?.map((error) => (
          <p
            key={error}
            className={
              "rounded-md border border-danger/40 bg-danger/5 px-2.5 py-1.5 " +
              "font-mono text-xs leading-relaxed break-words text-danger"
            }
          >
            {error}
          </p>
        ))}
      </div>
    </div>
  );
}
