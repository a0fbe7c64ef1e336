import type { InputHTMLAttributes, ReactNode } from "react";

const sizeClasses = {
  small: "gap-1.5 px-2 py-1 text-xs",
  medium: "gap-2 px-3 py-1.5 text-sm",
  large: "gap-2 px-3 py-2 text-sm",
};

type Props = { size: keyof typeof sizeClasses; children: ReactNode } & Pick<
  InputHTMLAttributes<HTMLInputElement>,
  "type" | "name" | "value" | "checked" | "onChange"
>;

/** A checkbox or radio button drawn as a chip: the whole chip is its label, in the accent colour when chosen. */
export function ChoiceChip({ size, children, ...input }: Props) {
  return (
    <label
      className={
        `flex cursor-pointer items-center rounded-md border border-line ${sizeClasses[size]} ` +
        "has-[:checked]:border-accent has-[:checked]:bg-accent-soft"
      }
    >
      <input {...input} className="accent-[var(--accent)]" />
      {children}
    </label>
  );
}
