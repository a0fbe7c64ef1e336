type Props = {
  html: string;
  /** Its place in the list, from 0: the key that picks it is index + 1. */
  index: number;
  type: "radio" | "checkbox";
  name: string;
  isSelected: boolean;
  onSelect: () => void;
  /** After checking: whether this option was the right one; null before. */
  isRight: boolean | null;
  marks: { right: string; wrong: string };
  /** After checking, fade the options that were neither right nor chosen. */
  fadesOthers?: boolean;
};

function toneOf(isSelected: boolean, isRight: boolean | null, fadesOthers: boolean): string {
  if (isRight === null) return isSelected ? "border-accent bg-accent-soft" : "border-line hover:border-accent";
  if (isRight) return "border-ok bg-ok/10";
  if (isSelected) return "border-danger bg-danger/10";
  return fadesOthers ? "border-line opacity-70" : "border-line";
}

/** One answer to choose, with its shortcut key; once checked, marked right or wrong where it matters. */
export function ChoiceOption({
  html,
  index,
  type,
  name,
  isSelected,
  onSelect,
  isRight,
  marks,
  fadesOthers = false,
}: Props) {
  const tone = toneOf(isSelected, isRight, fadesOthers);
  return (
    <label className={`flex cursor-pointer items-start gap-3 rounded-lg border p-3 ${tone}`}>
      <input type={type} name={name} className="mt-1 accent-[var(--accent)]" checked={isSelected} onChange={onSelect} />
      <span className="min-w-0 flex-1">
        <span className="prose-card" dangerouslySetInnerHTML={{ __html: html }} />
        {isRight !== null && (isRight || isSelected) ? (
          <span className={`ml-2 text-xs font-semibold ${isRight ? "text-ok" : "text-danger"}`}>
            {isRight ? marks.right : marks.wrong}
          </span>
        ) : null}
      </span>
      <kbd className="hidden rounded border border-line px-1 font-mono text-[10px] leading-4 text-muted sm:inline">
        {index + 1}
      </kbd>
    </label>
  );
}
