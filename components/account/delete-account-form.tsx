"use client";

import { useActionState } from "react";
import { InputField } from "@/components/ui/input-field";
import type { DeleteAccountState } from "@/lib/validations/account";

type Props = {
  action: (state: DeleteAccountState, formData: FormData) => Promise<DeleteAccountState>;
  isSignedIn: boolean;
};

/** Type DELETE, press the button: the server deletes everything, ends the session and opens the home page. */
export function DeleteAccountForm({ action, isSignedIn }: Props) {
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3">
      <InputField id="confirm" label="Type DELETE to confirm" autoComplete="off" aria-describedby="delete-message" />
      <button
        type="submit"
        disabled={isPending}
        className={
          "rounded-md border border-danger px-4 py-2 text-sm font-medium " +
          "text-danger hover:bg-danger/10 disabled:opacity-60"
        }
      >
        {isSignedIn ? "Delete my account" : "Delete my guest progress"}
      </button>
      <p id="delete-message" role="status" className="w-full text-sm text-danger">
        {state?.message}
      </p>
    </form>
  );
}
