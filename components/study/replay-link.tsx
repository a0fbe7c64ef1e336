import { PlayCircle } from "lucide-react";

/** "See it happen": the answer's simulation, in a new tab so that the study session stays as it is. */
export function ReplayLink({ href }: { href: string }) {
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener"
      className={
        "mt-4 inline-flex items-center gap-2 rounded-md border border-accent " +
        "px-3 py-2 text-sm font-medium text-accent hover:bg-accent-soft"
      }
    >
      <PlayCircle className="size-4" aria-hidden="true" />
      Replay: see it happen in the simulation
    </a>
  );
}
