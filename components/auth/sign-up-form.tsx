"use client";

import { signIn } from "next-auth/react";
import { useActionState, useEffect, useRef } from "react";
import { Field, inputClass } from "@/components/ui/field";
import { useIsHydrated } from "@/components/ui/use-is-hydrated";
import type { SignUpState } from "@/lib/validations/auth";

type Props = {
  action: (state: SignUpState, formData: FormData) => Promise<SignUpState>;
  next: string;
  minPasswordLength: number;
};

/** Creates the account on the server, then signs in with the same credentials and moves the guest's progress over. */
export function SignUpForm({ action, next, minPasswordLength }: Props) {
  const [state, formAction, isPending] = useActionState(action, null);
  const credentials = useRef<{ email: string; password: string } | null>(null);
  // Until React runs, a click would do nothing (React renders a function action inert): show it disabled.
  const isHydrated = useIsHydrated();
  const errors = state && !state.ok ? (state.errors ?? {}) : {};
  const typed = state && !state.ok ? state.values : { name: "", email: "" };

  useEffect(() => {
    if (!state?.ok || !credentials.current) return;
    void signIn("credentials", { ...credentials.current, redirect: false }).then((result) => {
      // Not signed in: the email already had an account with another password (sign-up does not say so).
      window.location.assign(
        result?.ok
          ? `/auth/after-sign-in?next=${encodeURIComponent(next)}`
          : `/login?next=${encodeURIComponent(next)}&from=signup`,
      );
    });
  }, [state, next]);

  return (
    <form
      action={(formData) => {
        credentials.current = { email: String(formData.get("email")), password: String(formData.get("password")) };
        formAction(formData);
      }}
      className="space-y-4 rounded-xl border border-line bg-surface p-5"
    >
      <Field id="name" label="Name (optional)" errors={errors.name}>
        <input
          id="name"
          name="name"
          autoComplete="name"
          defaultValue={typed.name}
          className={inputClass}
          aria-describedby="name-error"
        />
      </Field>
      <Field id="email" label="Email" errors={errors.email}>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={typed.email}
          className={inputClass}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby="email-error"
        />
      </Field>
      <Field
        id="password"
        label="Password"
        errors={errors.password}
        hint={`At least ${minPasswordLength} characters and hard to guess: a few unrelated words work well.`}
      >
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={minPasswordLength}
          className={inputClass}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby="password-hint password-error"
        />
      </Field>
      <p role="alert" className="text-sm text-danger empty:hidden">
        {state && !state.ok ? state.message : null}
      </p>
      <button
        type="submit"
        disabled={isPending || state?.ok || !isHydrated}
        className={
          "w-full rounded-md bg-accent px-4 py-2.5 text-sm font-medium " +
          "text-accent-fg hover:opacity-90 disabled:opacity-60"
        }
      >
        {state?.ok ? "Signing you in…" : isPending ? "Creating your account…" : "Create account"}
      </button>
    </form>
  );
}
