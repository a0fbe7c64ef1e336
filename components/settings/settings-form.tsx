"use client";

import { useActionState, useState, useSyncExternalStore, type InputHTMLAttributes } from "react";
import { Field, inputClass } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { SubmitButton } from "@/components/ui/submit-button";
import type { SettingsState } from "@/lib/validations/settings";

type Values = {
  desiredRetention: number | string;
  newCardsPerDay: number | string;
  reviewsPerDay: number | string;
  allDecksNewCardsPerDay: number | string;
  allDecksReviewsPerDay: number | string;
  learningSteps: string;
  relearningSteps: string;
  timeZone: string;
  dayStartHour: number | string;
  leechThreshold: number | string;
  leechAction: string;
};

const subscribeNever = () => () => {};

/** A text or number setting: its label, its hint, and what its input accepts. */
type InputSetting = {
  name: keyof Values;
  label: string;
  hint: string;
  accepts: InputHTMLAttributes<HTMLInputElement>;
};

const perDeckHint = "In each deck, unless the deck sets its own.";
const allDecksHint = "Optional cap on all decks together; empty for none.";
const count = { type: "number", min: "0" } as const;

const retentionSetting: InputSetting = {
  name: "desiredRetention",
  label: "Desired retention",
  hint: "The chance you still remember a card when it comes back. 0.90 is the FSRS default; higher means more reviews.",
  accepts: { type: "number", step: "0.01", min: "0.7", max: "0.99", required: true },
};

const schedulingSettings: InputSetting[] = [
  { name: "newCardsPerDay", label: "New cards per day", hint: perDeckHint, accepts: { ...count, required: true } },
  { name: "reviewsPerDay", label: "Reviews per day", hint: perDeckHint, accepts: { ...count, required: true } },
  { name: "allDecksNewCardsPerDay", label: "New cards per day, all decks", hint: allDecksHint, accepts: count },
  { name: "allDecksReviewsPerDay", label: "Reviews per day, all decks", hint: allDecksHint, accepts: count },
  { name: "learningSteps", label: "Learning steps", hint: "Before a new card graduates, e.g. 1m 10m.", accepts: {} },
  { name: "relearningSteps", label: "Relearning steps", hint: "After you forget a card, e.g. 10m.", accepts: {} },
];

const leechSetting: InputSetting = {
  name: "leechThreshold",
  label: "Leech after this many lapses",
  hint: "A card you keep forgetting wastes time; rewrite it or learn around it.",
  accepts: { type: "number", min: "1", max: "99", required: true },
};

type Props = {
  action: (state: SettingsState, formData: FormData) => Promise<SettingsState>;
  values: Values;
  timeZones: string[];
};

export function SettingsForm({ action, values: saved, timeZones }: Props) {
  const [state, formAction, isPending] = useActionState(action, null);
  // After a failed save, show what was typed (React resets a form to its defaults after an action).
  const values = state && !state.ok ? { ...saved, ...state.values } : saved;
  const [timeZone, setTimeZone] = useState(saved.timeZone);
  const errors = state && !state.ok ? state.errors : {};
  const describe = (name: keyof Values) => ({
    id: name,
    name,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": `${name}-hint ${name}-error`,
  });
  const browserZone = useSyncExternalStore(
    subscribeNever,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => undefined,
  );
  const inputField = ({ name, label, hint, accepts }: InputSetting) => (
    <Field key={name} id={name} label={label} errors={errors[name]} hint={hint}>
      <input {...describe(name)} {...accepts} defaultValue={values[name]} className={inputClass} />
    </Field>
  );

  return (
    <form action={formAction} className="space-y-8">
      <Panel title="Scheduling" spacing="space-y-4">
        {inputField(retentionSetting)}
        <div className="grid gap-4 sm:grid-cols-2">{schedulingSettings.map(inputField)}</div>
      </Panel>

      <Panel title="Your day" spacing="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id="timeZone"
            label="Time zone"
            errors={errors.timeZone}
            hint={
              browserZone && browserZone !== timeZone && timeZones.includes(browserZone) ? (
                <>
                  This browser is in {browserZone}.{" "}
                  <button
                    type="button"
                    className="font-medium text-accent hover:underline"
                    onClick={() => setTimeZone(browserZone)}
                  >
                    Use it
                  </button>
                </>
              ) : (
                "Reviews are counted in your own days."
              )
            }
          >
            <select
              {...describe("timeZone")}
              value={timeZone}
              onChange={(event) => setTimeZone(event.target.value)}
              className={inputClass}
            >
              {timeZones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          </Field>
          <Field
            id="dayStartHour"
            label="Next day starts at"
            errors={errors.dayStartHour}
            hint="Late-night reviews count for the day before, as in Anki (default 4 am)."
          >
            <select {...describe("dayStartHour")} defaultValue={values.dayStartHour} className={inputClass}>
              {Array.from({ length: 24 }, (_, hour) => (
                <option key={hour} value={hour}>
                  {String(hour).padStart(2, "0")}:00
                </option>
              ))}
            </select>
          </Field>
        </div>
      </Panel>

      <Panel title="Leeches" spacing="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          {inputField(leechSetting)}
          <Field id="leechAction" label="Then" errors={errors.leechAction}>
            <select {...describe("leechAction")} defaultValue={values.leechAction} className={inputClass}>
              <option value="suspend">Suspend it</option>
              <option value="tag">Only flag it</option>
            </select>
          </Field>
        </div>
      </Panel>

      <div className="flex items-center gap-4">
        <SubmitButton isPending={isPending} size="large">
          {isPending ? "Saving…" : "Save settings"}
        </SubmitButton>
        <p aria-live="polite" className={`text-sm ${state && !state.ok ? "text-danger" : "text-ok"}`}>
          {state ? (state.ok ? "Saved." : state.message) : null}
        </p>
      </div>
    </form>
  );
}
