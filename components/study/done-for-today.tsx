import Link from "next/link";
import { formatWait } from "@/lib/study/format-wait";
import { UndoButton } from "./undo-button";

type Props = {
  nextLearningDue: Date | null;
  now: Date;
  /** Absent when there is no grade to undo. */
  undoGrade?: () => Promise<{ ok: false; message: string }>;
};

/** The end of today's queue, or a pause until the next learning card's step is over. */
export function DoneForToday({ nextLearningDue, now, undoGrade }: Props) {
  const wait = nextLearningDue ? formatWait(nextLearningDue.getTime() - now.getTime()) : null;
  return (
    <section className="rounded-xl border border-line bg-surface p-8 text-center" aria-labelledby="done-heading">
      <h2 id="done-heading" className="text-lg font-semibold">
        {wait ? `Next card in ${wait}` : "Done for today"}
      </h2>
      <p className="mt-2 text-muted">
        {wait
          ? "A card you are still learning comes back when its step is over. " +
            "Reload this page then, or study another deck meanwhile."
          : "You have studied everything that is due in this deck. Come back tomorrow."}
      </p>
      <Link
        href="/"
        className="mt-6 inline-block rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-fg hover:opacity-90"
      >
        Back to decks
      </Link>
      {undoGrade ? <UndoButton undoGrade={undoGrade} /> : null}
    </section>
  );
}
