import { useId, type ReactNode } from "react";

/** A titled section in the house style: a bordered surface with its heading as its name. */
export function Panel({ title, children, className = "" }: { title: string; children: ReactNode; className?: string }) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      className={`min-w-0 space-y-3 rounded-xl border border-line bg-surface p-5 ${className}`}
    >
      <h2 id={id} className="font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
