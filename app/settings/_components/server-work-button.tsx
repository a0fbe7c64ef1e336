import type { ReactNode } from "react";

type Props = { action: () => void; isDisabled: boolean; describedBy?: string; children: ReactNode };

const buttonClass =
  "rounded-md border border-line px-4 py-2 text-sm font-medium hover:bg-line/40 " +
  "disabled:cursor-not-allowed disabled:opacity-60";

/** A one-button form that starts work on the server's heavy pool. */
export function ServerWorkButton({ action, isDisabled, describedBy, children }: Props) {
  return (
    <form action={action}>
      <button type="submit" className={buttonClass} disabled={isDisabled} aria-describedby={describedBy}>
        {children}
      </button>
    </form>
  );
}
