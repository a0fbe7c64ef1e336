"use client";

import { useActionState, useState, useTransition } from "react";
import { DeckOptions } from "@/components/ui/deck-options";
import { Field, inputClass } from "@/components/ui/field";
import { CardHtml } from "@/components/study/card-html";
import { ActionResult } from "@/components/ui/action-result";
import { SubmitButton } from "@/components/ui/submit-button";
import type { OwnCard, PreviewResult } from "@/lib/data/own-cards";
import type { CardFormState } from "@/lib/validations/own-cards";

type Props = {
  decks: { id: string; title: string }[];
  card?: OwnCard;
  defaultDeckId?: string;
  actions: {
    saveCard: (state: CardFormState, formData: FormData) => Promise<CardFormState>;
    previewCardMarkdown: (markdown: string) => Promise<PreviewResult>;
  };
};

const markdownSides = [
  { name: "front", label: "Front (Markdown)", rows: 5 },
  { name: "back", label: "Back (Markdown)", rows: 8 },
] as const;

/** A card's two Markdown sides, its tags and deck, with a preview rendered by the server as it will be saved. */
export function CardForm({ decks, card, defaultDeckId, actions }: Props) {
  const [state, formAction, isSaving] = useActionState(actions.saveCard, null);
  const [markdown, setMarkdown] = useState({ front: card?.front ?? "", back: card?.back ?? "" });
  // Controlled, so a refused save (React resets a form after its action) keeps what was typed.
  const [tags, setTags] = useState(card?.tags.join(" ") ?? "");
  const [deckId, setDeckId] = useState(card?.deckId ?? defaultDeckId ?? decks[0]?.id ?? "");
  const [preview, setPreview] = useState<{ front: PreviewResult; back: PreviewResult } | null>(null);
  const [isPreviewing, startPreview] = useTransition();
  const errors = state?.fieldErrors ?? {};
  const showPreview = () =>
    startPreview(async () => {
      const [frontHtml, backHtml] = await Promise.all([
        actions.previewCardMarkdown(markdown.front),
        actions.previewCardMarkdown(markdown.back),
      ]);
      setPreview({ front: frontHtml, back: backHtml });
    });
  return (
    <form action={formAction} className="space-y-4">
      {card ? <input type="hidden" name="cardId" value={card.id} /> : null}
      <Field id="deckId" label="Deck" errors={errors.deckId}>
        <select
          id="deckId"
          name="deckId"
          value={deckId}
          onChange={(event) => setDeckId(event.target.value)}
          className={inputClass}
        >
          <DeckOptions decks={decks} />
        </select>
      </Field>
      {markdownSides.map(({ name, label, rows }) => (
        <MarkdownField
          key={name}
          name={name}
          label={label}
          rows={rows}
          value={markdown[name]}
          onChange={(value) => setMarkdown((current) => ({ ...current, [name]: value }))}
          errors={errors[name]}
        />
      ))}
      <Field id="tags" label="Tags" hint="Separated by spaces or commas." errors={errors.tags}>
        <input
          id="tags"
          name="tags"
          value={tags}
          onChange={(event) => setTags(event.target.value)}
          maxLength={1000}
          aria-invalid={Boolean(errors.tags)}
          aria-describedby="tags-hint tags-error"
          className={inputClass}
        />
      </Field>
      <div className="flex flex-wrap gap-2">
        <SubmitButton isPending={isSaving}>{isSaving ? "Saving…" : card ? "Save changes" : "Create card"}</SubmitButton>
        <button
          type="button"
          onClick={showPreview}
          disabled={isPreviewing}
          className="rounded-md border border-line px-4 py-2 text-sm hover:bg-surface-2 disabled:opacity-60"
        >
          {isPreviewing ? "Rendering…" : "Preview"}
        </button>
      </div>
      <ActionResult state={state} />
      {preview ? (
        <section aria-label="Preview" className="rounded-xl border border-line bg-surface">
          <PreviewSide result={preview.front} className="p-5" />
          <PreviewSide result={preview.back} className="border-t border-line p-5" />
        </section>
      ) : null}
    </form>
  );
}

type MarkdownFieldProps = {
  name: "front" | "back";
  label: string;
  rows: number;
  value: string;
  onChange: (value: string) => void;
  errors: string[] | undefined;
};

/** One side of the card as Markdown source, controlled so a refused save keeps it. */
function MarkdownField({ name, label, rows, value, onChange, errors }: MarkdownFieldProps) {
  return (
    <Field id={name} label={label} errors={errors}>
      <textarea
        id={name}
        name={name}
        rows={rows}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={Boolean(errors)}
        aria-describedby={`${name}-error`}
        className={`${inputClass} font-mono`}
      />
    </Field>
  );
}

function PreviewSide({ result, className }: { result: PreviewResult; className: string }) {
  return (
    <div className={className}>
      {result.ok ? <CardHtml html={result.html} /> : <p className="text-sm text-danger">{result.message}</p>}
    </div>
  );
}
