import type { ReactNode } from "react";

type Props = {
  isPending: boolean;
  /** The larger size ends a whole page's form (settings, a quiz); the default sits beside a field. */
  size?: "default" | "large";
  name?: string;
  value?: string;
  children: ReactNode;
};

const sizeClass = { default: "px-4 py-2", large: "px-5 py-2.5" };

/** A form's main button in the accent colour, disabled while the form's action runs. */
export function SubmitButton({ isPending, size = "default", name, value, children }: Props) {
  return (
    <button
      type="submit"
      name={name}
      value={value}
      disabled={isPending}
      className={
        `rounded-md bg-accent ${sizeClass[size]} text-sm font-medium ` +
        "text-accent-fg hover:opacity-90 disabled:opacity-60"
      }
    >
      {children}
    </button>
  );
}
