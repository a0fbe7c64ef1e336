import Link from "next/link";
import type { ReactNode } from "react";

/** A page under Browse (your decks, a new card): the way back to the browser, the title, then the page. */
export function BrowseSubpage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link href="/browse" className="text-sm text-muted hover:text-fg">
        ← Browse
      </Link>
      <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
      {children}
    </div>
  );
}
