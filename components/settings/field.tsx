import type { ReactNode } from "react";

type Props = { id: string; label: string; hint?: ReactNode; errors?: string[]; children: ReactNode };

export const inputClass =
  "w-full rounded-md border border-line bg-surface px-3 py-2 text-sm " +
  "aria-[invalid=true]:border-danger focus-visible:border-accent";

/** A labelled form field with its hint and its errors, tied together for screen readers. */
export function Field({ id, label, hint, errors, children }: Props) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      ) : null}
      <div id={`${id}-error`} aria-live="polite">
        {errors?.map((error) => (
          <p key={error} className="text-xs text-danger">
            {error}
          </p>
        ))}
      </div>
    </div>
  );
}
