import Link from "next/link";
import { formatInterval } from "@/lib/srs/schedule";
import { UndoButton } from "./undo-button";

type Props = {
  nextLearningDue: Date | null;
  now: Date;
  /** Absent when there is no grade to undo. */
  undoGrade?: () => Promise<{ ok: false; message: string }>;
};

export function DoneForToday({ nextLearningDue, now, undoGrade }: Props) {
  return (
    <section className="rounded-xl border border-line bg-surface p-8 text-center" aria-labelledby="done-heading">
      <h2 id="done-heading" className="text-lg font-semibold">
        Done for today
      </h2>
      <p className="mt-2 text-muted">
        {nextLearningDue
          ? `You have studied everything that is due. A card you are still learning comes back in ${formatInterval(nextLearningDue.getTime() - now.getTime())}.`
          : "You have studied everything that is due in this deck. Come back tomorrow."}
      </p>
      <Link href="/" className="mt-6 inline-block rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-fg hover:opacity-90">
        Back to decks
      </Link>
      {undoGrade ? <UndoButton undoGrade={undoGrade} /> : null}
    </section>
  );
}
