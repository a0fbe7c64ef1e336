"use client";

import { useActionState } from "react";
import { inputClass } from "@/components/ui/field";
import type { FormMessageState } from "@/lib/validations/messages";

type AccountField = { name: string; label: string; type: "email" | "password"; autoComplete: string };

type Props = {
  action: (state: FormMessageState, formData: FormData) => Promise<FormMessageState>;
  /** A short id that keeps the field ids of two forms on one page apart. */
  id: string;
  fields: AccountField[];
  hidden?: Record<string, string>;
  submitLabel: string;
};

/** A small account form (forgot, reset, change password or email) that answers in one line. */
export function AccountForm({ action, id, fields, hidden = {}, submitLabel }: Props) {
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((field) => (
        <div key={field.name} className="space-y-1.5">
          <label htmlFor={`${id}-${field.name}`} className="block text-sm font-medium">
            {field.label}
          </label>
          <input
            id={`${id}-${field.name}`}
            name={field.name}
            type={field.type}
            autoComplete={field.autoComplete}
            required
            className={inputClass}
          />
        </div>
      ))}
      <button
        type="submit"
        disabled={isPending}
        className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:opacity-90 disabled:opacity-60"
      >
        {submitLabel}
      </button>
      <p role="status" className={`text-sm ${state && !state.ok ? "text-danger" : ""}`}>
        {state?.message}
      </p>
    </form>
  );
}
