import { Fragment, type ReactNode } from "react";

type Props = { text: string };

/** `code` spans: a backtick run, then anything up to the same run (CommonMark's rule, simplified). */
const CODE_SPAN = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g;

/**
 * Inline Markdown for our own one-line texts (scenario summaries, field hints): code spans become
 * <code>, everything else stays text. It builds React elements and never HTML strings, so whatever
 * the text holds is escaped by React; an unmatched backtick is shown as it is.
 */
export function InlineMarkdown({ text }: Props) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(CODE_SPAN)) {
    if (match.index > last) parts.push(<Fragment key={last}>{text.slice(last, match.index)}</Fragment>);
    const code = match[2]!;
    parts.push(
      <code
        key={match.index}
        className={
          "rounded border border-line bg-surface-2 px-[0.3em] " + "py-[0.05em] font-mono text-[0.875em] wrap-anywhere"
        }
      >
        {/^ .* $/.test(code) && code.trim() !== "" ? code.slice(1, -1) : code}
      </code>,
    );
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(<Fragment key={last}>{text.slice(last)}</Fragment>);
  return <>{parts}</>;
}
