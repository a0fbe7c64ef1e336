import Link from "next/link";
import type { ReactNode } from "react";
import { customStudyFields, type CustomStudy } from "@/lib/validations/custom-study";

type Props = { deckId: string; tags: string[]; studyMore: ReactNode; deckLimits: ReactNode };

const studyLink = (deckId: string, custom: CustomStudy) =>
  `/study/${deckId}?${new URLSearchParams(customStudyFields(custom))}`;
const linkClass = "rounded-md border border-line px-3 py-1.5 text-sm hover:bg-line/40";

/** Anki's custom study (more new cards, forgotten cards, one tag) and the deck's own limits. */
export function CustomStudyPanel({ deckId, tags, studyMore, deckLimits }: Props) {
  return (
    <details className="mt-6 rounded-xl border border-line bg-surface p-5">
      <summary className="cursor-pointer font-medium">Custom study and deck limits</summary>
      <div className="mt-4 space-y-5">
        {studyMore}
        <div className="space-y-2">
          <h3 className="text-sm font-medium">Review forgotten cards</h3>
          <div className="flex flex-wrap gap-2">
            <Link className={linkClass} href={studyLink(deckId, { kind: "forgotten", days: 1 })}>
              Forgotten today
            </Link>
            <Link className={linkClass} href={studyLink(deckId, { kind: "forgotten", days: 7 })}>
              Forgotten this week
            </Link>
          </div>
        </div>
        {tags.length ? (
          <div className="space-y-2">
            <h3 className="text-sm font-medium">Study by tag (new and due cards, beyond the daily limits)</h3>
            <div className="flex flex-wrap gap-2">
              {tags.map((tag) => (
                <Link key={tag} className={linkClass} href={studyLink(deckId, { kind: "tag", tag })}>
                  {tag}
                </Link>
              ))}
            </div>
          </div>
        ) : null}
        {deckLimits}
      </div>
    </details>
  );
}
