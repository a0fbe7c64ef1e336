"use client";

import { useActionState, useState, useSyncExternalStore } from "react";
import type { SettingsState } from "@/lib/validations/settings";
import { Field, inputClass } from "./field";

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

  return (
    <form action={formAction} className="space-y-8">
      <section className="space-y-4 rounded-xl border border-line bg-surface p-5" aria-labelledby="scheduling">
        <h2 id="scheduling" className="font-semibold">
          Scheduling
        </h2>
        <Field
          id="desiredRetention"
          label="Desired retention"
          errors={errors.desiredRetention}
          hint={
            "The chance you still remember a card when it comes back. " +
            "0.90 is the FSRS default; higher means more reviews."
          }
        >
          <input
            {...describe("desiredRetention")}
            type="number"
            step="0.01"
            min="0.7"
            max="0.99"
            defaultValue={values.desiredRetention}
            className={inputClass}
            required
          />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id="newCardsPerDay"
            label="New cards per day"
            errors={errors.newCardsPerDay}
            hint="In each deck, unless the deck sets its own."
          >
            <input
              {...describe("newCardsPerDay")}
              type="number"
              min="0"
              defaultValue={values.newCardsPerDay}
              className={inputClass}
              required
            />
          </Field>
          <Field
            id="reviewsPerDay"
            label="Reviews per day"
            errors={errors.reviewsPerDay}
            hint="In each deck, unless the deck sets its own."
          >
            <input
              {...describe("reviewsPerDay")}
              type="number"
              min="0"
              defaultValue={values.reviewsPerDay}
              className={inputClass}
              required
            />
          </Field>
          <Field
            id="allDecksNewCardsPerDay"
            label="New cards per day, all decks"
            errors={errors.allDecksNewCardsPerDay}
            hint="Optional cap on all decks together; empty for none."
          >
            <input
              {...describe("allDecksNewCardsPerDay")}
              type="number"
              min="0"
              defaultValue={values.allDecksNewCardsPerDay}
              className={inputClass}
            />
          </Field>
          <Field
            id="allDecksReviewsPerDay"
            label="Reviews per day, all decks"
            errors={errors.allDecksReviewsPerDay}
            hint="Optional cap on all decks together; empty for none."
          >
            <input
              {...describe("allDecksReviewsPerDay")}
              type="number"
              min="0"
              defaultValue={values.allDecksReviewsPerDay}
              className={inputClass}
            />
          </Field>
          <Field
            id="learningSteps"
            label="Learning steps"
            errors={errors.learningSteps}
            hint="Before a new card graduates, e.g. 1m 10m."
          >
            <input {...describe("learningSteps")} defaultValue={values.learningSteps} className={inputClass} />
          </Field>
          <Field
            id="relearningSteps"
            label="Relearning steps"
            errors={errors.relearningSteps}
            hint="After you forget a card, e.g. 10m."
          >
            <input {...describe("relearningSteps")} defaultValue={values.relearningSteps} className={inputClass} />
          </Field>
        </div>
      </section>

      <section className="space-y-4 rounded-xl border border-line bg-surface p-5" aria-labelledby="day">
        <h2 id="day" className="font-semibold">
          Your day
        </h2>
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
      </section>

      <section className="space-y-4 rounded-xl border border-line bg-surface p-5" aria-labelledby="leeches">
        <h2 id="leeches" className="font-semibold">
          Leeches
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id="leechThreshold"
            label="Leech after this many lapses"
            errors={errors.leechThreshold}
            hint="A card you keep forgetting wastes time; rewrite it or learn around it."
          >
            <input
              {...describe("leechThreshold")}
              type="number"
              min="1"
              max="99"
              defaultValue={values.leechThreshold}
              className={inputClass}
              required
            />
          </Field>
          <Field id="leechAction" label="Then" errors={errors.leechAction}>
            <select {...describe("leechAction")} defaultValue={values.leechAction} className={inputClass}>
              <option value="suspend">Suspend it</option>
              <option value="tag">Only flag it</option>
            </select>
          </Field>
        </div>
      </section>

      <div className="flex items-center gap-4">
        <button
          type="submit"
          disabled={isPending}
          className={
            "rounded-md bg-accent px-5 py-2.5 text-sm font-medium " +
            "text-accent-fg hover:opacity-90 disabled:opacity-60"
          }
        >
          {isPending ? "Saving…" : "Save settings"}
        </button>
        <p aria-live="polite" className={`text-sm ${state && !state.ok ? "text-danger" : "text-ok"}`}>
          {state ? (state.ok ? "Saved." : state.message) : null}
        </p>
      </div>
    </form>
  );
}
