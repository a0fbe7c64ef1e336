type Props = {
  action: () => void;
  label: string;
  /** Shown while this button's work runs. */
  runningLabel: string;
  isRunning: boolean;
  isDisabled: boolean;
  describedBy?: string;
};

const buttonClass =
  "rounded-md border border-line px-4 py-2 text-sm font-medium hover:bg-line/40 " +
  "disabled:cursor-not-allowed disabled:opacity-60";

/** A one-button form that starts work on the server's heavy pool and names it while it runs. */
export function ServerWorkButton({ action, label, runningLabel, isRunning, isDisabled, describedBy }: Props) {
  return (
    <form action={action}>
      <button type="submit" className={buttonClass} disabled={isDisabled} aria-describedby={describedBy}>
        {isRunning ? runningLabel : label}
      </button>
    </form>
  );
}
