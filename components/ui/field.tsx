import type { ReactNode } from "react";

type Props = {
  id: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
  /** False where the form reports its errors elsewhere (a status line): no empty error region then. */
  hasErrorRegion?: boolean;
  className?: string;
  children: ReactNode;
};

export const inputClass =
  "w-full rounded-md border border-line bg-surface px-3 py-2 text-sm " +
  "aria-[invalid=true]:border-danger focus-visible:border-accent";

export const fileInputClass =
  "block w-full text-sm file:mr-3 file:rounded-md file:border file:border-line file:bg-surface-2 " +
  "file:px-3 file:py-1.5 file:text-sm";

/** A labelled form field with its hint and its errors, tied together for screen readers. */
export function Field({ id, label, hint, errors, hasErrorRegion = true, className = "space-y-1.5", children }: Props) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      ) : null}
      {hasErrorRegion ? (
        <div id={`${id}-error`} aria-live="polite">
          {errors?.map((error) => (
            <p key={error} className="text-xs text-danger">
              {error}
            </p>
          ))}
        </div>
      ) : null}
    </div>
  );
}
