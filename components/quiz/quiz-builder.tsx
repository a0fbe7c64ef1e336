"use client";

import { useActionState, useState } from "react";
import { ChoiceChip } from "@/components/ui/choice-chip";
import { Field, inputClass } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { QuizTopics } from "@/lib/data/quiz-create";
import type { QuizSetupState } from "@/lib/validations/quiz";
import { FormAlert } from "./form-alert";

type Props = { action: (state: QuizSetupState, formData: FormData) => Promise<QuizSetupState>; topics: QuizTopics };

const modes = [
  { value: "quiz", label: "Quiz", hint: "Answers count as reviews." },
  {
    value: "interview",
    label: "Mock interview",
    hint: "Type your answers under the clock, tick the key points you covered, answer a follow-up. Counts as reviews.",
  },
  { value: "cram", label: "Cram", hint: "Practice only: your schedule is left alone." },
] as const;

const countFields = [
  { name: "questionCount", label: "Questions", min: 1, max: 50, defaultValue: 10, isInterviewOnly: false },
  {
    name: "secondsPerQuestion",
    label: "Seconds per question",
    min: 30,
    max: 600,
    defaultValue: 90,
    isInterviewOnly: true,
  },
] as const;

export function QuizBuilder({ action, topics }: Props) {
  const [state, formAction, isPending] = useActionState(action, null);
  const [mode, setMode] = useState<(typeof modes)[number]["value"]>("quiz");
  const [chosenDeckIds, setChosenDeckIds] = useState<string[]>([]);
  const errors = state?.errors ?? {};
  const isInterview = mode === "interview";
  const chosenDecks = topics.decks.filter((deck) => chosenDeckIds.length === 0 || chosenDeckIds.includes(deck.id));
  const interviewCount = chosenDecks.reduce((sum, deck) => sum + deck.interviewCount, 0);
  const deckCount = chosenDecks.reduce((sum, deck) => sum + deck.cardCount, 0);
  const interviewNote =
    "A mock interview asks only cards with interview sections (a 30-second answer, key points and follow-ups): " +
    `${interviewCount} of the ${deckCount} cards in ${chosenDeckIds.length ? "these decks" : "all decks"} have them` +
    (interviewCount < 3 ? ", too few for much of an interview: choose more decks." : ".");
  return (
    <form
      action={formAction}
      onChange={(event) => setChosenDeckIds(new FormData(event.currentTarget).getAll("deckIds").map(String))}
      className="space-y-6 rounded-xl border border-line bg-surface p-5"
    >
      <fieldset className="space-y-2">
        <legend className="mb-2 font-semibold">Mode</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {modes.map((option) => (
            <label
              key={option.value}
              className={
                "flex cursor-pointer flex-col gap-1 rounded-lg border border-line p-3 " +
                "has-[:checked]:border-accent has-[:checked]:bg-accent-soft"
              }
            >
              <span className="flex items-center gap-2 font-medium">
                <input
                  type="radio"
                  name="mode"
                  value={option.value}
                  checked={mode === option.value}
                  onChange={() => setMode(option.value)}
                  className="accent-[var(--accent)]"
                />
                {option.label}
              </span>
              <span className="text-xs text-muted">{option.hint}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend className="mb-2 font-semibold">Decks</legend>
        <p className="mb-2 text-xs text-muted">None chosen means every deck.</p>
        {isInterview ? (
          <p className="mb-2 text-sm" role="status">
            {interviewNote}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          {topics.decks.map((deck) => (
            <ChoiceChip key={deck.id} size="medium" type="checkbox" name="deckIds" value={deck.id}>
              {deck.title}{" "}
              <span className="text-xs text-muted">{isInterview ? deck.interviewCount : deck.cardCount}</span>
            </ChoiceChip>
          ))}
        </div>
      </fieldset>

      <details className="group">
        <summary className="cursor-pointer font-semibold">
          Topics <span className="text-xs font-normal text-muted">(optional: only cards with these tags)</span>
        </summary>
        <div className="mt-3 flex max-h-56 flex-wrap gap-2 overflow-y-auto">
          {topics.tags.map(({ tag, cardCount, interviewCount: tagInterviewCount }) => (
            <ChoiceChip key={tag} size="medium" type="checkbox" name="tags" value={tag}>
              {tag} <span className="text-xs text-muted">{isInterview ? tagInterviewCount : cardCount}</span>
            </ChoiceChip>
          ))}
        </div>
      </details>

      <div className="grid gap-4 sm:grid-cols-2">
        {countFields
          .filter((field) => isInterview || !field.isInterviewOnly)
          .map(({ name, label, min, max, defaultValue }) => (
            <Field key={name} id={name} label={label} errors={errors[name]?.slice(0, 1)}>
              <input
                id={name}
                name={name}
                type="number"
                min={min}
                max={max}
                defaultValue={defaultValue}
                className={inputClass}
                aria-describedby={`${name}-error`}
                aria-invalid={errors[name] ? true : undefined}
              />
            </Field>
          ))}
      </div>

      <div className="flex items-center gap-4">
        <SubmitButton isPending={isPending} size="large">
          {mode === "interview" ? "Start the interview" : mode === "cram" ? "Start cramming" : "Start the quiz"}
        </SubmitButton>
        <FormAlert message={state?.message} />
      </div>
    </form>
  );
}
