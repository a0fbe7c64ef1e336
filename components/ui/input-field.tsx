import type { InputHTMLAttributes } from "react";
import { Field, inputClass } from "./field";

type Props = { id: string; label: string } & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name" | "className">;

/**
 * A labelled input named by its id, in a form that reports in a line of its own (so the field has
 * no error region).
 */
export function InputField({ id, label, ...input }: Props) {
  return (
    <Field id={id} label={label} hasErrorRegion={false}>
      <input id={id} name={id} className={inputClass} {...input} />
    </Field>
  );
}
