import { useId, type ReactNode } from "react";

type Props = {
  title: string;
  children: ReactNode;
  className?: string;
  /** The gap between the heading and each child. */
  spacing?: "space-y-2" | "space-y-3" | "space-y-4";
};

/** A titled section in the house style: a bordered surface with its heading as its name. */
export function Panel({ title, children, className = "", spacing = "space-y-3" }: Props) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      className={`min-w-0 ${spacing} rounded-xl border border-line bg-surface p-5 ${className}`}
    >
      <h2 id={id} className="font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
