import type { FormMessageState } from "@/lib/validations/messages";

/** What a form's action answered: a status when it worked, an alert when not; announced either way. */
export function ActionResult({ state }: { state: FormMessageState | undefined }) {
  return (
    <div aria-live="polite">
      {state ? (
        <p role={state.ok ? "status" : "alert"} className={`text-sm ${state.ok ? "" : "text-danger"}`}>
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
